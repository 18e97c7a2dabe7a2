/** The inventory grid's columns: label, width and how each cell is drawn. Sorting is in lib/inventory. */
import type { ReactNode } from 'react';
import { ageInDays, ownerLabel, type AmiRow, type InventoryNames } from '../../../shared/ami-rows';
import type { InventoryColumn } from '../../../shared/inventory';
import { ClientDot } from '../../components/ClientDot';
import { CopyableId } from '../../components/CopyableId';
import { Icon } from '../../components/Icon';
import { EncryptedMark } from '../../components/EncryptedMark';
import { VisibilityMark } from '../../components/VisibilityMark';
import { StateBadge } from '../../components/StateBadge';
import { formatAccountId, rootDeviceLabel } from '../../lib/format';
import { displayState } from '../../lib/images';
import { exactTime, relativeTime } from '../../lib/time';

export interface AccountLook {
  name: string;
  color: string | null;
}

export interface InventoryCellContext {
  now: number;
  /** Our accounts by id (name and client colour). */
  accounts: ReadonlyMap<string, AccountLook>;
  /** Our account names by 12-digit id, for owners and shares. */
  ownerNames: ReadonlyMap<string, string>;
  /** The same names as the search and the CSV use. */
  names: InventoryNames;
}

export interface InventoryColumnDef {
  key: InventoryColumn;
  label: string;
  header?: ReactNode;
  /** Fixed width in px; none = flexible. */
  width?: number;
  align?: 'end' | 'center';
  render(row: AmiRow, ctx: InventoryCellContext): ReactNode;
}

function time(value: string | null, ctx: InventoryCellContext): ReactNode {
  return value ? (
    <time dateTime={value} title={exactTime(value)}>
      {relativeTime(value, ctx.now)}
    </time>
  ) : (
    <span className="muted">—</span>
  );
}

function text(value: string | null | undefined, mono = false): ReactNode {
  if (!value) return <span className="muted">—</span>;
  return (
    <span className={`truncate${mono ? ' mono-soft' : ''}`} title={value}>
      {value}
    </span>
  );
}

/** The accounts an AMI is available to: the first by name and client colour, "+N" for the rest. */
function accountsCell(row: AmiRow, ctx: InventoryCellContext): ReactNode {
  const looks = row.accounts.map((id) => ctx.accounts.get(id));
  const first = looks[0];
  const all = looks.map((l) => l?.name ?? 'an account no longer in the workspace');
  return (
    <span className="inv-account" title={all.join('\n')}>
      <ClientDot color={first?.color} />
      <span className="truncate">{first?.name ?? '—'}</span>
      {row.accounts.length > 1 && <span className="inv-more">+{row.accounts.length - 1}</span>}
    </span>
  );
}

function visibilityCell(row: AmiRow, ctx: InventoryCellContext): ReactNode {
  const unknown =
    row.view === 'shared' ? (
      <span className="muted" title="Shared with your accounts; only its owner can see who else may launch it">
        Shared with you
      </span>
    ) : (
      <span className="muted">—</span>
    );
  return <VisibilityMark kind={row.launchPermission} sharedWith={row.sharedWith} ownerNames={ctx.ownerNames} unknown={unknown} />;
}

const DEFS: Record<InventoryColumn, Omit<InventoryColumnDef, 'key'>> = {
  name: {
    label: 'Name',
    render: (row) => (
      <span className="cell-name" title={row.description ? `${row.name}\n${row.description}` : row.name}>
        {row.name || <span className="muted">(no name)</span>}
      </span>
    ),
  },
  imageId: { label: 'Image ID', width: 196, render: (row) => <CopyableId value={row.imageId} tabbable={false} /> },
  account: { label: 'Account', width: 150, render: accountsCell },
  awsAccountId: {
    label: 'Account ID',
    width: 130,
    render: (row, ctx) => text(row.accounts.map((id) => ctx.names.awsAccountId(id)).filter((v): v is string => v !== null).map(formatAccountId).join(', '), true),
  },
  owner: { label: 'Owner', width: 140, render: (row, ctx) => text(ownerLabel(row, ctx.names)) },
  ownerId: { label: 'Owner ID', width: 130, render: (row) => text(formatAccountId(row.ownerId), true) },
  region: { label: 'Region', width: 118, render: (row) => text(row.region, true) },
  view: { label: 'View', width: 70, render: (row) => <span className="muted">{row.view === 'owned' ? 'Owned' : 'Shared'}</span> },
  state: {
    label: 'State',
    width: 96,
    render: (row, ctx) => {
      const state = displayState(row, ctx.now);
      return <StateBadge state={state} title={state === 'deprecated' && row.deprecationTime ? `Deprecated since ${exactTime(row.deprecationTime)}` : undefined} />;
    },
  },
  architecture: { label: 'Arch', width: 68, render: (row) => text(row.architecture, true) },
  platform: { label: 'OS', width: 120, render: (row) => text(row.platform) },
  rootDeviceType: { label: 'Root', width: 72, render: (row) => text(row.rootDeviceType === 'instance-store' ? 'Instance' : rootDeviceLabel(row.rootDeviceType)) },
  visibility: { label: 'Visibility', width: 104, render: visibilityCell },
  launchPermission: { label: 'Permission', width: 92, render: (row) => text(row.launchPermission) },
  sharedWith: {
    label: 'Shared with',
    width: 160,
    render: (row, ctx) => text(row.sharedWith.map((id) => ctx.ownerNames.get(id) ?? id).join(', ')),
  },
  encrypted: {
    label: 'Encrypted',
    header: <Icon name="lock" size={13} />,
    width: 40,
    align: 'center',
    render: (row) => <EncryptedMark encrypted={row.encrypted} />,
  },
  snapshotSizeGiB: {
    label: 'Size',
    width: 72,
    align: 'end',
    render: (row) =>
      row.snapshotSizeGiB === null ? (
        <span className="muted">—</span>
      ) : (
        <span title="Snapshots' full volume size; snapshots are incremental, so they may store less">{row.snapshotSizeGiB} GiB</span>
      ),
  },
  creationDate: { label: 'Created', width: 92, align: 'end', render: (row, ctx) => time(row.creationDate, ctx) },
  age: {
    label: 'Age',
    width: 64,
    align: 'end',
    render: (row, ctx) => {
      const days = ageInDays(row.creationDate, new Date(ctx.now));
      return days === null ? <span className="muted">—</span> : <span title={row.creationDate ? exactTime(row.creationDate) : undefined}>{days} d</span>;
    },
  },
  lastLaunchedTime: { label: 'Last launched', width: 104, align: 'end', render: (row, ctx) => time(row.lastLaunchedTime, ctx) },
  deprecationTime: { label: 'Deprecates', width: 96, align: 'end', render: (row, ctx) => time(row.deprecationTime, ctx) },
  ownerAlias: { label: 'Owner alias', width: 110, render: (row) => text(row.ownerAlias) },
  description: { label: 'Description', width: 220, render: (row) => text(row.description) },
  tags: { label: 'Tags', width: 200, render: (row) => text(row.tags.map((t) => `${t.key}=${t.value}`).join(', ')) },
  snapshotIds: { label: 'Snapshots', width: 200, render: (row) => text(row.snapshotIds.join(', '), true) },
  scannedAt: { label: 'Scanned', width: 92, align: 'end', render: (row, ctx) => time(row.scannedAt, ctx) },
};

export function columnLabel(column: InventoryColumn): string {
  return DEFS[column].label;
}

export function columnDefs(columns: readonly InventoryColumn[]): InventoryColumnDef[] {
  return columns.map((key) => ({ key, ...DEFS[key] }));
}

export function inventoryTemplate(columns: readonly InventoryColumnDef[]): string {
  return columns.map((c) => (c.width ? `${c.width}px` : 'minmax(200px, 1fr)')).join(' ');
}
