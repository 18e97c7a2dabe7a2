/**
 * Two AMIs' details side by side, as rows of a comparison: each row says what each image has, in
 * words, and whether they differ. Block devices are matched by device name, tags by key, launch
 * permissions by who they name. What one side cannot know (details read from the inventory, facts
 * only an image's owner is told) is unknown, never "different" and never "none". Pure.
 */
import type { AmiDetail, BlockDevice, LaunchPermission } from '../../../../shared/model';
import { formatAccountId, formatGiB, rootDeviceLabel, yesNo } from '../../../lib/format';

export type CompareSectionId = 'image' | 'platform' | 'storage' | 'lineage' | 'permissions' | 'tags';

export interface CompareCell {
  /** What is shown. */
  text: string;
  /** What is compared; null when this side does not know (then `text` says why). */
  value: string | null;
  /** An id the cell offers to copy (shown as `text`). */
  copy?: string;
  /** A quieter "nothing here" (not set, not mapped). */
  muted?: boolean;
  /** More than the text says, for a tooltip (a key's ARN, an exact time). */
  title?: string;
}

export type RowStatus = 'same' | 'differs' | 'unknown';

export interface CompareRow {
  /** Unique within the comparison, for React and tests ("platform.architecture", "device./dev/xvda.size"). */
  key: string;
  label: string;
  /** A heading the row is under inside its section (a device name), shown once before its rows. */
  group?: string;
  a: CompareCell;
  b: CompareCell;
  status: RowStatus;
}

export interface CompareSection {
  id: CompareSectionId;
  title: string;
  rows: CompareRow[];
}

export interface Comparison {
  sections: CompareSection[];
  /** Rows that differ, over every section. */
  differences: number;
}

/** Names the app knows for what AWS identifies by number. */
export interface CompareNames {
  /** Our account entry's name for a 12-digit AWS account id, when the workspace has the account. */
  account(awsAccountId: string): string | null;
  /** A KMS key's alias ("alias/ami-encryption") when the app has read the key's account. */
  kmsAlias(keyArn: string): string | null;
}

const NEEDS_AWS = 'Needs AWS';
const OWNER_ONLY = 'Only its owner is told';

const unknown = (why: string): CompareCell => ({ text: why, value: null, muted: true });
const plain = (text: string, value: string = text): CompareCell => ({ text, value });
const none = (text: string, value = ''): CompareCell => ({ text, value, muted: true });

function statusOf(a: CompareCell, b: CompareCell): RowStatus {
  if (a.value === null || b.value === null) return 'unknown';
  return a.value === b.value ? 'same' : 'differs';
}

function row(key: string, label: string, a: CompareCell, b: CompareCell, group?: string): CompareRow {
  return { key, label, a, b, status: statusOf(a, b), ...(group ? { group } : {}) };
}

/** One fact of both images: the same function makes both cells, so they are worded alike. */
function fact(key: string, label: string, a: AmiDetail, b: AmiDetail, cell: (image: AmiDetail) => CompareCell): CompareRow {
  return row(key, label, cell(a), cell(b));
}

/** "2026-11-20 14:03 UTC": one unambiguous form for both sides, whatever the page's locale. */
export function formatUtc(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** A fact the offline inventory does not keep: unknown while the details came from it. */
function fromAws(image: AmiDetail, cell: () => CompareCell): CompareCell {
  return image.stale ? unknown(NEEDS_AWS) : cell();
}

function imageSection(a: AmiDetail, b: AmiDetail, names: CompareNames): CompareSection {
  return {
    id: 'image',
    title: 'Image',
    rows: [
      fact('image.name', 'Name', a, b, (i) => (i.name ? plain(i.name) : none('No name'))),
      fact('image.description', 'Description', a, b, (i) => (i.description ? plain(i.description) : none('No description'))),
      fact('image.owner', 'Owner', a, b, (i) => {
        const name = names.account(i.ownerId) ?? i.ownerAlias;
        return { text: name ? `${name} (${formatAccountId(i.ownerId)})` : formatAccountId(i.ownerId), value: i.ownerId, copy: i.ownerId };
      }),
      fact('image.state', 'State', a, b, (i) => plain(i.state)),
      fact('image.created', 'Created', a, b, (i) => (i.creationDate ? { ...plain(formatUtc(i.creationDate), i.creationDate), title: i.creationDate } : none('Unknown'))),
      fact('image.deprecation', 'Deprecation', a, b, (i) => (i.deprecationTime ? { ...plain(formatUtc(i.deprecationTime), i.deprecationTime), title: i.deprecationTime } : none('Not scheduled'))),
      fact('image.deregistrationProtection', 'Deregistration protection', a, b, (i) =>
        fromAws(i, () => (i.deregistrationProtection === null ? unknown(OWNER_ONLY) : plain(protectionText(i.deregistrationProtection), i.deregistrationProtection))),
      ),
    ],
  };
}

function protectionText(value: string): string {
  if (value === 'disabled') return 'Off';
  if (value === 'enabled') return 'On';
  if (value === 'enabled-with-cooldown') return 'On, with a 24-hour cooldown';
  return value;
}

function platformSection(a: AmiDetail, b: AmiDetail): CompareSection {
  return {
    id: 'platform',
    title: 'Platform',
    rows: [
      fact('platform.details', 'Platform details', a, b, (i) => plain(i.platform)),
      fact('platform.usageOperation', 'Usage operation', a, b, (i) => fromAws(i, () => (i.usageOperation ? plain(i.usageOperation) : none('Not given')))),
      fact('platform.architecture', 'Architecture', a, b, (i) => plain(i.architecture)),
      fact('platform.virtualization', 'Virtualization', a, b, (i) => plain(i.virtualizationType)),
      fact('platform.bootMode', 'Boot mode', a, b, (i) => fromAws(i, () => (i.bootMode ? plain(i.bootMode) : none('Not set (the instance type’s default)')))),
      fact('platform.imds', 'IMDS', a, b, (i) =>
        fromAws(i, () => (i.imdsSupport === 'v2.0' ? plain('IMDSv2 required', i.imdsSupport) : i.imdsSupport ? plain(i.imdsSupport) : none('IMDSv1 allowed'))),
      ),
      fact('platform.ena', 'ENA support', a, b, (i) => fromAws(i, () => plain(yesNo(i.enaSupport), String(i.enaSupport)))),
      fact('platform.tpm', 'TPM support', a, b, (i) => fromAws(i, () => (i.tpmSupport ? plain(`NitroTPM ${i.tpmSupport}`, i.tpmSupport) : none('No')))),
      fact('platform.rootDevice', 'Root device', a, b, (i) => {
        const name = i.stale ? null : i.rootDeviceName;
        const text = `${rootDeviceLabel(i.rootDeviceType)}${name ? ` ${name}` : ''}`;
        return plain(text, `${i.rootDeviceType}|${name ?? ''}`);
      }),
    ],
  };
}

function ebsTotal(devices: readonly BlockDevice[]): number | null {
  let total: number | null = null;
  for (const d of devices) if (!d.virtualName && d.volumeSizeGiB !== null) total = (total ?? 0) + d.volumeSizeGiB;
  return total;
}

function kmsCell(keyId: string | null, encrypted: boolean | null, names: CompareNames): CompareCell {
  if (!encrypted) return none('None');
  if (!keyId) return none('Not given');
  const alias = names.kmsAlias(keyId);
  const arn = /^arn:aws[^:]*:kms:([^:]+):(\d{12}):key\/(.+)$/.exec(keyId);
  const short = arn ? `key/${arn[3]}` : keyId;
  const where = arn ? ` in ${names.account(arn[2]!) ?? formatAccountId(arn[2]!)}, ${arn[1]}` : '';
  return { text: `${alias ?? short}${where}`, value: keyId, copy: keyId, title: keyId };
}

/** One device in a line, for a device the other image does not map. */
function deviceSummary(d: BlockDevice, names: CompareNames): string {
  if (d.virtualName) return `Instance store ${d.virtualName}`;
  const parts = [formatGiB(d.volumeSizeGiB), d.volumeType, d.encrypted ? `encrypted (${kmsCell(d.kmsKeyId, true, names).text})` : 'not encrypted'];
  return parts.filter(Boolean).join(', ');
}

function deviceRows(name: string, a: BlockDevice | undefined, b: BlockDevice | undefined, names: CompareNames): CompareRow[] {
  const key = (what: string) => `device.${name}.${what}`;
  if (!a || !b) {
    const cell = (d: BlockDevice | undefined): CompareCell => (d ? plain(deviceSummary(d, names), `mapped|${deviceSummary(d, names)}`) : none('Not mapped', 'not-mapped'));
    return [row(key('mapping'), 'Mapping', cell(a), cell(b), name)];
  }
  if (a.virtualName || b.virtualName) {
    const cell = (d: BlockDevice) => (d.virtualName ? plain(`Instance store ${d.virtualName}`, `store|${d.virtualName}`) : plain(`EBS, ${formatGiB(d.volumeSizeGiB)}`, 'ebs'));
    return [row(key('kind'), 'Kind', cell(a), cell(b), name)];
  }
  const both = (what: string, label: string, cell: (d: BlockDevice) => CompareCell) => row(key(what), label, cell(a), cell(b), name);
  return [
    both('snapshot', 'Snapshot', (d) => (d.snapshotId ? { text: d.snapshotId, value: d.snapshotId, copy: d.snapshotId } : none('None (empty volume)'))),
    both('size', 'Size', (d) => plain(formatGiB(d.volumeSizeGiB), String(d.volumeSizeGiB))),
    both('type', 'Volume type', (d) => (d.volumeType ? plain(d.volumeType) : none('Not given'))),
    both('iops', 'IOPS', (d) => (d.iops !== null ? plain(d.iops.toLocaleString('en-US'), String(d.iops)) : none('—'))),
    both('throughput', 'Throughput', (d) => (d.throughputMiBs !== null ? plain(`${d.throughputMiBs} MiB/s`, String(d.throughputMiBs)) : none('—'))),
    both('encrypted', 'Encryption', (d) => plain(d.encrypted ? 'Encrypted' : d.encrypted === false ? 'Not encrypted' : '—', String(d.encrypted))),
    both('kms', 'KMS key', (d) => kmsCell(d.kmsKeyId, d.encrypted, names)),
    both('deleteOnTermination', 'On termination', (d) =>
      plain(d.deleteOnTermination === null ? '—' : d.deleteOnTermination ? 'Volume is deleted' : 'Volume is kept', String(d.deleteOnTermination)),
    ),
  ];
}

/** Device names of both images: the first image's order, then the second's own. */
function deviceNames(a: readonly BlockDevice[], b: readonly BlockDevice[]): string[] {
  const out: string[] = [];
  for (const d of [...a, ...b]) if (!out.includes(d.deviceName)) out.push(d.deviceName);
  return out;
}

function storageSection(a: AmiDetail, b: AmiDetail, names: CompareNames): CompareSection {
  const rows: CompareRow[] = [
    fact('storage.size', 'EBS size in all', a, b, (i) => {
      if (i.stale) return unknown(NEEDS_AWS);
      const size = ebsTotal(i.blockDevices);
      return size === null ? none('No EBS volumes') : plain(formatGiB(size), String(size));
    }),
    fact('storage.encrypted', 'Encryption', a, b, (i) => plain(i.encrypted ? 'Encrypted' : 'Not encrypted', String(i.encrypted))),
  ];
  if (a.stale || b.stale) {
    rows.push(
      fact('storage.devices', 'Block devices', a, b, (i) => (i.stale ? unknown(NEEDS_AWS) : plain(i.blockDevices.map((d) => d.deviceName).join(', ') || 'None'))),
    );
    return { id: 'storage', title: 'Storage', rows };
  }
  for (const name of deviceNames(a.blockDevices, b.blockDevices)) {
    const da = a.blockDevices.find((d) => d.deviceName === name);
    const db = b.blockDevices.find((d) => d.deviceName === name);
    rows.push(...deviceRows(name, da, db, names));
  }
  return { id: 'storage', title: 'Storage', rows };
}

function lineageSection(a: AmiDetail, b: AmiDetail): CompareSection {
  return {
    id: 'lineage',
    title: 'Lineage',
    rows: [
      fact('lineage.sourceImage', 'Copied from', a, b, (i) =>
        fromAws(i, () => (i.sourceImageId ? { text: i.sourceImageId, value: i.sourceImageId, copy: i.sourceImageId } : none('Not a copy'))),
      ),
      fact('lineage.sourceRegion', 'Source region', a, b, (i) => fromAws(i, () => (i.sourceRegion ? plain(i.sourceRegion) : none(i.sourceImageId ? 'Not given' : '—')))),
    ],
  };
}

/** Who a launch permission names, in words; accounts by our name where the workspace has them. */
export function granteeText(p: LaunchPermission, names: CompareNames): string {
  switch (p.kind) {
    case 'account': {
      const name = p.knownAs ?? names.account(p.value);
      return name ? `${name} (${formatAccountId(p.value)})` : `Account ${formatAccountId(p.value)}`;
    }
    case 'group':
      return p.value === 'all' ? 'Everyone (public)' : `Group ${p.value}`;
    case 'organization':
      return `Organization ${p.value.split('/').pop() ?? p.value}`;
    case 'organizational-unit':
      return `Organizational unit ${p.value.split('/').pop() ?? p.value}`;
  }
}

function permissionsSection(a: AmiDetail, b: AmiDetail, names: CompareNames): CompareSection {
  const rows: CompareRow[] = [fact('permissions.public', 'Public', a, b, (i) => plain(i.public ? 'Yes, anyone may launch it' : 'No', String(i.public)))];
  const grantees = new Map<string, LaunchPermission>();
  for (const p of [...(a.launchPermissions ?? []), ...(b.launchPermissions ?? [])]) {
    // Everyone is the "Public" row already.
    if (p.kind === 'group' && p.value === 'all') continue;
    const id = `${p.kind}:${p.value}`;
    if (!grantees.has(id)) grantees.set(id, p);
  }
  const cell = (image: AmiDetail, id: string): CompareCell => {
    if (image.launchPermissions === null) return unknown(OWNER_ONLY);
    const has = image.launchPermissions.some((p) => `${p.kind}:${p.value}` === id);
    return has ? plain('May launch', 'yes') : none('—', 'no');
  };
  const sorted = [...grantees.entries()].sort(([, x], [, y]) => granteeText(x, names).localeCompare(granteeText(y, names)));
  for (const [id, p] of sorted) {
    const label = granteeText(p, names);
    rows.push(row(`permissions.${id}`, label, cell(a, id), cell(b, id)));
  }
  if (grantees.size === 0) {
    rows.push(fact('permissions.none', 'Shared with', a, b, (i) => (i.launchPermissions === null ? unknown(OWNER_ONLY) : none('Nobody', 'nobody'))));
  }
  return { id: 'permissions', title: 'Launch permissions', rows };
}

function tagsSection(a: AmiDetail, b: AmiDetail): CompareSection {
  const keys = [...new Set([...a.tags, ...b.tags].map((t) => t.key))].sort((x, y) => x.localeCompare(y));
  const cell = (image: AmiDetail, key: string): CompareCell => {
    const tag = image.tags.find((t) => t.key === key);
    // A tag with an empty value is set; say so, or it would read like a missing one.
    return tag ? (tag.value ? plain(tag.value, `=${tag.value}`) : none('(empty value)', '=')) : none('Not set', 'unset');
  };
  const rows = keys.map((key) => row(`tag.${key}`, key, cell(a, key), cell(b, key)));
  if (rows.length === 0) rows.push(row('tags.none', 'Tags', none('No tags'), none('No tags')));
  return { id: 'tags', title: 'Tags', rows };
}

/** Compares two images' details; `a` is the left column, `b` the right. */
export function compareImages(a: AmiDetail, b: AmiDetail, names: CompareNames): Comparison {
  const sections = [
    imageSection(a, b, names),
    platformSection(a, b),
    storageSection(a, b, names),
    lineageSection(a, b),
    permissionsSection(a, b, names),
    tagsSection(a, b),
  ];
  const differences = sections.reduce((n, s) => n + s.rows.filter((r) => r.status === 'differs').length, 0);
  return { sections, differences };
}

/** The comparison with only the rows that differ; sections left empty are dropped. */
export function onlyDifferences(comparison: Comparison): Comparison {
  const sections = comparison.sections.map((s) => ({ ...s, rows: s.rows.filter((r) => r.status === 'differs') })).filter((s) => s.rows.length > 0);
  return { sections, differences: comparison.differences };
}

/** The KMS keys the images' volumes use, with the account and region each key lives in. */
export function kmsKeysOf(...images: AmiDetail[]): Array<{ arn: string; awsAccountId: string; region: string }> {
  const out = new Map<string, { arn: string; awsAccountId: string; region: string }>();
  for (const image of images) {
    for (const d of image.blockDevices) {
      const m = d.kmsKeyId ? /^arn:aws[^:]*:kms:([^:]+):(\d{12}):key\//.exec(d.kmsKeyId) : null;
      if (m && d.kmsKeyId) out.set(d.kmsKeyId, { arn: d.kmsKeyId, region: m[1]!, awsAccountId: m[2]! });
    }
  }
  return [...out.values()];
}
