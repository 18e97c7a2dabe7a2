/**
 * The inventory: what each scan target (one AWS account × region × view) listed, stored and sent
 * as it was read, and the filters people pick an AMI by. Rows are AMIs (see ami-rows.ts: the
 * listings of one image folded into one row); the filter and facet logic lives here so the grid,
 * the CSV export in main and the CLI all select exactly the same rows.
 */
import { ageInDays, ownerLabel, permissionsPending, visibilityLabel, NO_NAMES, type AmiRow, type InventoryNames } from './ami-rows';
import type { UsageState } from './contract/usage';
import type { AmiSummary, ImageView, Tag } from './model';
import { estimateMonthlyCost } from './pricing/ebs-snapshots';

/** private; shared with accounts; shared with an organization or OU (and maybe accounts); public. */
export type LaunchPermissionKind = 'private' | 'shared' | 'organization' | 'public';

/** What one scan target listed about one image. */
export interface InventoryRow extends AmiSummary {
  /** The 12-digit account the row was listed in (the target's account, not the owner). */
  awsAccountId: string | null;
  /** Which listing it came from. */
  view: ImageView;
  /**
   * For owned images: who may launch it. Null when unknown: the shared view cannot read it, and
   * an owned image's is null until the scan's second phase has read it ("permissions pending").
   */
  launchPermission: LaunchPermissionKind | null;
  /** Account ids, organization and OU ARNs it is shared with (owned images only). */
  sharedWith: string[];
  snapshotIds: string[];
  /** The EBS snapshots' volume sizes added up; null for an instance-store image. */
  snapshotSizeGiB: number | null;
  /** When an instance was last launched from it (the owner sees it; null when never or unknown). */
  lastLaunchedTime: string | null;
  /** When its target was scanned (ISO). */
  scannedAt: string;
}

/** One (AWS account, region, view) that a scan reads. */
export interface ScanTarget {
  account: string;
  region: string;
  view: ImageView;
}

export function targetKey(t: ScanTarget): string {
  return `${t.account}|${t.region}|${t.view}`;
}

/** At most this many targets in one inventory:rows request (its input allows 5,000). */
export const MAX_TARGETS_PER_PAGE = 2000;

/**
 * Groups the targets that hold rows into requests of about `size` rows each (whole targets; a
 * target larger than `size` goes alone; never more than MAX_TARGETS_PER_PAGE targets), in the
 * inventory's stable order.
 */
export function batchTargets(targets: ReadonlyArray<ScanTarget & { count: number }>, size: number): ScanTarget[][] {
  const holding = targets
    .filter((t) => t.count > 0)
    .sort((a, b) => (a.account < b.account ? -1 : a.account > b.account ? 1 : a.region < b.region ? -1 : a.region > b.region ? 1 : a.view < b.view ? -1 : a.view > b.view ? 1 : 0));
  const batches: ScanTarget[][] = [];
  let batch: ScanTarget[] = [];
  let rows = 0;
  for (const t of holding) {
    if (batch.length > 0 && (rows + t.count > size || batch.length >= MAX_TARGETS_PER_PAGE)) {
      batches.push(batch);
      batch = [];
      rows = 0;
    }
    batch.push({ account: t.account, region: t.region, view: t.view });
    rows += t.count;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/**
 * A row as the cache stores it and `inventory:rows` sends it: InventoryRow's values in a fixed
 * order, without keys and without what its group carries (the target, its scan time and account
 * id), so 100,000 rows cross to the renderer quickly and the cache can hand its stored text over
 * without parsing it. Tags are flattened (key, value, …) and booleans are 0 or 1. The optional
 * values at the end are left out while they hold their default (null, [], or the group's value);
 * a row keeps its own scan time or account id only when it differs from its target's (a row
 * added after the scan, such as a finished copy or a share received). A text value other than
 * the image id may be a number: its place in the group's strings (see packTarget).
 */
export type PackedRow = [
  imageId: string,
  name: PackedText,
  description: PackedText | null,
  /** Null: the group's account id (an owned image's owner is the account that lists it). */
  ownerId: PackedText | null,
  state: PackedText,
  architecture: PackedText,
  platform: PackedText,
  rootDeviceType: PackedText,
  virtualizationType: PackedText,
  creationDate: PackedText | null,
  isPublic: 0 | 1,
  encrypted: 0 | 1,
  tags: PackedText[],
  snapshotIds: PackedText[],
  snapshotSizeGiB: number | null,
  launchPermission?: PackedText | null,
  deprecationTime?: PackedText | null,
  lastLaunchedTime?: PackedText | null,
  sharedWith?: PackedText[],
  ownerAlias?: PackedText | null,
  scannedAt?: PackedText,
  awsAccountId?: PackedText | null,
];

/** A text value of a packed row: the text, or its place in its group's strings. */
export type PackedText = string | number;

/** Where the optional values start, and their defaults in order (the last two are the group's). */
const FIRST_OPTIONAL = 15;

/** What a group tells its rows: their target, and the target's scan time and account id. */
export interface PackedTarget extends ScanTarget {
  /** Null only for rows without a target record, which then carry their own. */
  scannedAt: string | null;
  awsAccountId: string | null;
  /** The texts the group's rows name by place (none for rows packed without them). */
  strings?: readonly string[];
}

/** The values every row of a target shares, which its packed rows leave to the group. */
export type PackedHeader = Pick<PackedTarget, 'scannedAt' | 'awsAccountId'>;

/**
 * Consecutive rows of one target: its account, region, view, scan time and account id, its
 * packed rows, then the texts its rows name by place (absent or empty when they name none).
 */
export type PackedGroup = [account: string, region: string, view: ImageView, scannedAt: string | null, awsAccountId: string | null, rows: PackedRow[], strings?: string[]];

/** JSON text known to hold a T (a page passed through as text rather than as objects). */
export type JsonText<T> = string & { readonly __json?: T };

/** The UTF-8 bytes of JSON text known to hold a T. */
export type JsonBytes<T> = Uint8Array & { readonly __json?: T };

/** The value of JSON text or of its UTF-8 bytes. */
export function parseJsonText<T>(json: JsonText<T> | JsonBytes<T>): T {
  return JSON.parse(typeof json === 'string' ? json : new TextDecoder().decode(json)) as T;
}

/** One `inventory:rows` page as the core answers it: `count` rows of the `total`, grouped by target, as JSON text. */
export interface InventoryPage {
  groups: JsonText<PackedGroup[]>;
  count: number;
  total: number;
}

/**
 * The page as it crosses to the renderer: the JSON text's UTF-8 bytes (see electron/ipc/wire.ts),
 * so no transport escapes it or makes a string of it on the way; the renderer decodes it once.
 */
export interface InventoryPageBytes extends Omit<InventoryPage, 'groups'> {
  groups: JsonBytes<PackedGroup[]>;
}

/** The page with its groups as UTF-8 bytes. */
export function pageAsBytes(page: InventoryPage): InventoryPageBytes {
  // A plain Uint8Array, not a Buffer: a Buffer has toJSON, which JSON.stringify would call.
  return { ...page, groups: new TextEncoder().encode(page.groups) };
}

/** The row packed for a group with this header (unpackRow with the same header gives it back). */
export function packRow(row: InventoryRow, header: PackedHeader): PackedRow {
  const tags: string[] = [];
  for (const t of row.tags) tags.push(t.key, t.value);
  const p: PackedRow = [
    row.imageId,
    row.name,
    row.description,
    header.awsAccountId !== null && row.ownerId === header.awsAccountId ? null : row.ownerId,
    row.state,
    row.architecture,
    row.platform,
    row.rootDeviceType,
    row.virtualizationType,
    row.creationDate,
    row.public ? 1 : 0,
    row.encrypted ? 1 : 0,
    tags,
    row.snapshotIds,
    row.snapshotSizeGiB,
    row.launchPermission,
    row.deprecationTime,
    row.lastLaunchedTime,
    row.sharedWith,
    row.ownerAlias,
    row.scannedAt,
    row.awsAccountId,
  ];
  // Trailing values equal to what unpackRow assumes when they are missing.
  const isDefault = (i: number): boolean => {
    const v = p[i];
    if (i === 21) return v === header.awsAccountId;
    if (i === 20) return v === header.scannedAt;
    if (i === 18) return (v as string[]).length === 0;
    return v === null;
  };
  let n = p.length;
  while (n > FIRST_OPTIONAL && isDefault(n - 1)) n--;
  p.length = n;
  return p;
}

/**
 * A target's rows packed for its group, with the texts they share: a text that occurs in more
 * than one row (a description, a tag, a state, an account shared with) is kept once in
 * `strings` and named in each row by its place, most frequent first (the shortest numbers).
 * A page then carries about 60 % of the bytes, and the renderer's rows share those strings.
 */
export function packTarget(rows: readonly InventoryRow[], header: PackedHeader): { rows: PackedRow[]; strings: string[] } {
  const packed = rows.map((row) => packRow(row, header));
  const counts = new Map<string, number>();
  const see = (text: unknown) => {
    if (typeof text === 'string') counts.set(text, (counts.get(text) ?? 0) + 1);
  };
  for (const p of packed) {
    for (const i of TEXT_FIELDS) {
      if (i >= p.length) break;
      const v = p[i];
      if (Array.isArray(v)) for (let k = 0; k < v.length; k++) see(v[k]);
      else see(v);
    }
  }
  // Worth a place when named at least twice and longer than most places ("ebs" → 3, not 5 bytes).
  const strings: string[] = [];
  for (const [text, n] of counts) if (n > 1 && text.length > 1) strings.push(text);
  if (strings.length === 0) return { rows: packed, strings };
  strings.sort((x, y) => counts.get(y)! - counts.get(x)!);
  const places = placesOf(strings);
  for (const p of packed) placeTexts(p, places);
  return { rows: packed, strings };
}

/** Each of a group's strings by its place. */
export function placesOf(strings: readonly string[]): Map<string, number> {
  return new Map(strings.map((text, i) => [text, i]));
}

/**
 * Replaces, in a row packRow has just made, each text found in `places` by its place (the image
 * id stays text: the row's key). The row is changed and returned; a list it shares with the
 * InventoryRow (snapshot ids, accounts shared with) is copied before it changes.
 */
export function placeTexts(p: PackedRow, places: ReadonlyMap<string, number>): PackedRow {
  // Written as a plain list: each place keeps its kind (a text, a list of texts), which the tuple's type cannot follow by index.
  const out = p as unknown[];
  for (const i of TEXT_FIELDS) {
    if (i >= out.length) break;
    const v = out[i];
    if (typeof v === 'string') {
      const at = places.get(v);
      if (at !== undefined) out[i] = at;
    } else if (Array.isArray(v)) {
      let list: PackedText[] | null = i === 12 ? (v as PackedText[]) : null; // the tags are packRow's own list
      for (let k = 0; k < v.length; k++) {
        const text = v[k] as PackedText;
        const at = typeof text === 'string' ? places.get(text) : undefined;
        if (at === undefined) continue;
        list ??= (v as PackedText[]).slice();
        list[k] = at;
      }
      if (list) out[i] = list;
    }
  }
  return p;
}

// The places of PackedRow's text values (lists of texts included), the image id left out.
const TEXT_FIELDS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 15, 16, 17, 18, 19, 20, 21] as const;

/** A packed text as text: a number is its place in the group's strings. */
function textOf(v: PackedText, strings: readonly string[] | undefined): string {
  if (typeof v === 'string') return v;
  const text = strings?.[v];
  // Only a damaged inventory names a place its group lacks: said, not shown as a blank.
  if (text === undefined) throw new Error(`An inventory row names string ${v}, which its target does not hold; scan the target again.`);
  return text;
}

function textOrNull(v: PackedText | null | undefined, strings: readonly string[] | undefined): string | null {
  return v === null || v === undefined ? null : textOf(v, strings);
}

function textsOf(list: readonly PackedText[], strings: readonly string[] | undefined): string[] {
  const out = new Array<string>(list.length);
  for (let i = 0; i < list.length; i++) out[i] = textOf(list[i]!, strings);
  return out;
}

/** The InventoryRow a packed row stands for (fields in the order the scanner builds them). */
export function unpackRow(p: PackedRow, group: PackedTarget): InventoryRow {
  const s = group.strings;
  const flat = p[12];
  const tags: Tag[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) tags.push({ key: textOf(flat[i]!, s), value: textOf(flat[i + 1]!, s) });
  const n = p.length;
  return {
    imageId: p[0],
    name: textOf(p[1], s),
    description: textOrNull(p[2], s),
    ownerId: p[3] === null ? (group.awsAccountId as string) : textOf(p[3], s),
    ownerAlias: n > 19 ? textOrNull(p[19], s) : null,
    state: textOf(p[4], s),
    architecture: textOf(p[5], s),
    platform: textOf(p[6], s),
    rootDeviceType: textOf(p[7], s),
    virtualizationType: textOf(p[8], s),
    creationDate: textOrNull(p[9], s),
    deprecationTime: n > 16 ? textOrNull(p[16], s) : null,
    public: p[10] === 1,
    encrypted: p[11] === 1,
    tags,
    account: group.account,
    region: group.region,
    awsAccountId: n > 21 ? textOrNull(p[21], s) : group.awsAccountId,
    view: group.view,
    launchPermission: n > 15 ? (textOrNull(p[15], s) as LaunchPermissionKind | null) : null,
    sharedWith: n > 18 ? textsOf(p[18]!, s) : [],
    snapshotIds: textsOf(p[13], s),
    snapshotSizeGiB: p[14] ?? null,
    lastLaunchedTime: n > 17 ? textOrNull(p[17], s) : null,
    scannedAt: n > 20 ? textOf(p[20]!, s) : (group.scannedAt as string),
  };
}

/** The rows of one `inventory:rows` page, in its order. */
export function unpackPage(page: InventoryPage | InventoryPageBytes): InventoryRow[] {
  return unpackGroups(parseJsonText(page.groups));
}

/**
 * The rows of one page by target (targetKey), added to `into` after what it holds, in the
 * page's order: each group is one target, so its key is made once, not once per row.
 */
export function unpackPageByTarget(page: InventoryPage | InventoryPageBytes, into: Map<string, InventoryRow[]> = new Map()): Map<string, InventoryRow[]> {
  for (const [account, region, view, scannedAt, awsAccountId, rows, strings] of parseJsonText(page.groups)) {
    const group: PackedTarget = { account, region, view, scannedAt, awsAccountId, strings };
    const key = targetKey(group);
    let list = into.get(key);
    if (!list) into.set(key, (list = []));
    for (const p of rows) list.push(unpackRow(p, group));
  }
  return into;
}

/** Every row of these groups, in their order. */
export function unpackGroups(groups: readonly PackedGroup[], into: InventoryRow[] = []): InventoryRow[] {
  for (const [account, region, view, scannedAt, awsAccountId, rows, strings] of groups) {
    const group: PackedTarget = { account, region, view, scannedAt, awsAccountId, strings };
    for (const p of rows) into.push(unpackRow(p, group));
  }
  return into;
}

export type TargetState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface TargetProgress extends ScanTarget {
  state: TargetState;
  /** Rows found so far. */
  count: number;
  /** Why it failed, with the place (account/region/action). */
  error: string | null;
  errorCode: string | null;
  scannedAt: string | null;
  /**
   * Owned targets only (absent for the shared view, whose permissions nobody can read): the
   * second phase, which reads the launch permissions of the images the listing found.
   */
  permissions?: PermissionsProgress;
}

/** One image's launch permissions as the second phase read them; null access: the image was gone. */
export interface TargetPermissionsUpdate {
  imageId: string;
  access: { launchPermission: LaunchPermissionKind; sharedWith: string[] } | null;
}

/** The target's rows with these permissions filled in (rows of images found gone are dropped). */
export function withPermissions(rows: readonly InventoryRow[], updates: readonly TargetPermissionsUpdate[]): InventoryRow[] {
  const byId = new Map(updates.map((u) => [u.imageId, u.access]));
  const out: InventoryRow[] = [];
  for (const row of rows) {
    if (!byId.has(row.imageId)) out.push(row);
    else {
      const access = byId.get(row.imageId);
      if (access) out.push({ ...row, launchPermission: access.launchPermission, sharedWith: access.sharedWith });
    }
  }
  return out;
}

/** A scan lists every target first (the grid complete), then reads owned images' launch permissions. */
export interface PermissionsProgress {
  /** Listed images whose launch permissions are not read yet: their rows say "permissions pending". */
  pending: number;
  /** Why some could not be read (with the place and action); they stay pending until a later scan. */
  error: string | null;
  errorCode: string | null;
}

export interface ScanStatus {
  scanId: string;
  state: 'running' | 'done' | 'cancelled';
  startedAt: string;
  finishedAt: string | null;
  /** When every target had been listed (the grid complete; permissions may still be pending). */
  listedAt: string | null;
  targets: TargetProgress[];
}

/** Facets people pick an AMI by. Empty arrays mean "any". */
export interface InventoryFilter {
  text: string;
  regions: string[];
  platforms: string[];
  architectures: string[];
  launchPermissions: LaunchPermissionKind[];
  rootDeviceTypes: string[];
  states: string[];
  /** Our accounts that can launch it (AccountSummary ids): an AMI matches when any of them is chosen. */
  accounts: string[];
  /** Owner account ids (or aliases for catalogue owners). */
  owners: string[];
  /** Families (the name without its date, version and build: shared/family.ts). */
  families: string[];
  views: ImageView[];
  deprecated: 'any' | 'yes' | 'no';
  encrypted: 'any' | 'yes' | 'no';
  /** "key" or "key=value"; every one must match. */
  tags: string[];
  /** The last usage check's answer (yes / no / unknown); an AMI never checked matches none. */
  inUse: UsageState[];
}

export const EMPTY_FILTER: InventoryFilter = {
  text: '',
  regions: [],
  platforms: [],
  architectures: [],
  launchPermissions: [],
  rootDeviceTypes: [],
  states: [],
  accounts: [],
  owners: [],
  families: [],
  views: [],
  deprecated: 'any',
  encrypted: 'any',
  tags: [],
  inUse: [],
};

export type FacetName = 'regions' | 'platforms' | 'architectures' | 'launchPermissions' | 'rootDeviceTypes' | 'states' | 'accounts' | 'owners' | 'families' | 'views';

/** A facet's value(s) for a row: one value, several (an AMI available to several of our accounts), or none. */
export type FacetValue = string | readonly string[] | null;

// The names give what depends on the workspace or the user's settings (an AMI's family).
const FACET_VALUE: Record<FacetName, (row: AmiRow, names: InventoryNames) => FacetValue> = {
  regions: (r) => r.region,
  platforms: (r) => r.platform,
  architectures: (r) => r.architecture,
  launchPermissions: (r) => r.launchPermission,
  rootDeviceTypes: (r) => r.rootDeviceType,
  states: (r) => r.state,
  accounts: (r) => r.accounts,
  owners: (r) => r.ownerId,
  families: (r, names) => names.family(r.name),
  views: (r) => r.view,
};

export const FACETS = Object.keys(FACET_VALUE) as FacetName[];

export function facetValue(row: AmiRow, facet: FacetName, names: InventoryNames = NO_NAMES): FacetValue {
  return FACET_VALUE[facet](row, names);
}

/** Calls `each` once per value of the facet for the row (none, one, or several). */
export function forEachFacetValue(value: FacetValue, each: (value: string) => void): void {
  if (value === null) return;
  if (typeof value === 'string') each(value);
  else for (const v of value) each(v);
}

export function isDeprecatedAt(row: Pick<AmiSummary, 'deprecationTime'>, now: Date): boolean {
  return row.deprecationTime !== null && Date.parse(row.deprecationTime) <= now.getTime();
}

// Lower-cased search text per row and names (rows are replaced, not mutated; names change with the workspace).
const haystacks = new WeakMap<InventoryNames, WeakMap<object, string>>();

/**
 * What the search text is matched against, lower-cased, one value per line: everything a row
 * shows — name, image id, description, owner (id, alias and our name for it), the accounts it is
 * available to, region, architecture, platform, state (deprecated too), visibility and tags.
 */
export function searchText(row: AmiRow, names: InventoryNames = NO_NAMES, now: Date = new Date()): string {
  return haystackOf(row, names, now);
}

function haystackOf(row: AmiRow, names: InventoryNames, now: Date): string {
  let byRow = haystacks.get(names);
  if (!byRow) haystacks.set(names, (byRow = new WeakMap()));
  let text = byRow.get(row);
  if (text === undefined) {
    const parts = [
      row.name,
      row.imageId,
      row.description ?? '',
      row.ownerId,
      ownerLabel(row, names),
      row.ownerAlias ?? '',
      row.region,
      row.architecture,
      row.platform,
      row.state,
      isDeprecatedAt(row, now) ? 'deprecated' : '',
      visibilityLabel(row),
      row.rootDeviceType,
    ];
    for (const account of row.accounts) parts.push(names.account(account) ?? '');
    for (const tag of row.tags) parts.push(`${tag.key}=${tag.value}`);
    text = parts.join('\n').toLowerCase();
    byRow.set(row, text);
  }
  return text;
}

/**
 * Builds the search text of these rows now (it is otherwise built on a row's first text
 * search), so typing into the search box never pays for rows it has not seen yet.
 */
export function prepareSearch(rows: readonly AmiRow[], names: InventoryNames = NO_NAMES): void {
  const now = new Date();
  for (const row of rows) haystackOf(row, names, now);
}

/** Whitespace-separated terms; every term must match somewhere ("golden arm64", "env=prod"). */
export function parseTerms(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean);
}

function tagMatches(row: AmiRow, wanted: string): boolean {
  const eq = wanted.indexOf('=');
  const key = eq === -1 ? wanted : wanted.slice(0, eq);
  const value = eq === -1 ? null : wanted.slice(eq + 1);
  return row.tags.some((t) => t.key === key && (value === null || t.value === value));
}

/** An AMI's last usage check, as the grid, the filter and the CSV see it. */
export interface UsageMark {
  inUse: UsageState;
  /** When the check was made (ISO). */
  analyzedAt: string;
}

/** Names that also know each owned AMI's last usage check (see withUsage). */
export interface UsageNames extends InventoryNames {
  usage(row: Pick<AmiRow, 'account' | 'region' | 'imageId'>): UsageMark | null;
}

/** The key usage is stored under: the owner account entry, region and image. */
export const usageKey = (account: string, region: string, imageId: string): string => `${account}|${region}|${imageId}`;

/**
 * These names plus the usage checks, keyed by usageKey. Usage rides on the names because the
 * names are what every filter, count and cell is given: the grid, the export and the CLI then
 * read it the same way. A new object per call, so caches keyed by names see the change.
 */
export function withUsage(names: InventoryNames, marks: ReadonlyMap<string, UsageMark>): UsageNames {
  return { ...names, usage: (row) => marks.get(usageKey(row.account, row.region, row.imageId)) ?? null };
}

/** The row's last usage check, or null when never checked (or these names carry none). */
export function usageOf(row: AmiRow, names: InventoryNames): UsageMark | null {
  return 'usage' in names ? (names as UsageNames).usage(row) : null;
}

export const USAGE_STATES: readonly UsageState[] = ['yes', 'no', 'unknown'];

/** A part of a filter that can be left out: a facet, or one of the other conditions. */
export type FilterPartName = FacetName | 'deprecated' | 'encrypted' | 'tags' | 'text' | 'inUse';

export interface FilterPart {
  name: FilterPartName;
  test(row: AmiRow): boolean;
}

/**
 * The filter's active conditions, cheapest first; a row matches when it passes every one. The
 * predicate and the counts below are both made of these, so they always agree.
 */
export function filterParts(filter: InventoryFilter, now: Date = new Date(), names: InventoryNames = NO_NAMES): FilterPart[] {
  const parts: FilterPart[] = [];
  for (const facet of FACETS) {
    if (filter[facet].length === 0) continue;
    const allowed = new Set<string>(filter[facet]);
    const valueOf = FACET_VALUE[facet];
    parts.push({
      name: facet,
      test: (row) => {
        const value = valueOf(row, names);
        if (value === null) return false;
        if (typeof value === 'string') return allowed.has(value);
        for (const v of value) if (allowed.has(v)) return true;
        return false;
      },
    });
  }
  if (filter.deprecated !== 'any') {
    const wanted = filter.deprecated === 'yes';
    parts.push({ name: 'deprecated', test: (row) => isDeprecatedAt(row, now) === wanted });
  }
  if (filter.encrypted !== 'any') {
    const wanted = filter.encrypted === 'yes';
    parts.push({ name: 'encrypted', test: (row) => row.encrypted === wanted });
  }
  if (filter.inUse.length > 0) {
    const wanted = new Set<string>(filter.inUse);
    parts.push({ name: 'inUse', test: (row) => wanted.has(usageOf(row, names)?.inUse ?? '') });
  }
  if (filter.tags.length > 0) {
    const tags = [...filter.tags];
    parts.push({ name: 'tags', test: (row) => tags.every((tag) => tagMatches(row, tag)) });
  }
  const terms = parseTerms(filter.text);
  if (terms.length > 0) {
    parts.push({
      name: 'text',
      test: (row) => {
        const text = haystackOf(row, names, now);
        for (const term of terms) if (!text.includes(term)) return false;
        return true;
      },
    });
  }
  return parts;
}

/**
 * A predicate for the filter, with `skip` leaving one facet out (how facet counts are made:
 * each facet counts rows that match every other facet).
 */
export function compileFilter(filter: InventoryFilter, now: Date = new Date(), skip?: FacetName, names: InventoryNames = NO_NAMES): (row: AmiRow) => boolean {
  const parts = filterParts(filter, now, names).filter((p) => p.name !== skip);
  const n = parts.length;
  return (row) => {
    for (let i = 0; i < n; i++) if (!(parts[i] as FilterPart).test(row)) return false;
    return true;
  };
}

export function applyFilter(rows: readonly AmiRow[], filter: InventoryFilter, now: Date = new Date(), names: InventoryNames = NO_NAMES): AmiRow[] {
  const keep = compileFilter(filter, now, undefined, names);
  return rows.filter(keep);
}

/**
 * What a row fails of the filter's parts: null when it passes them all, the part's name when
 * it fails exactly one, 'several' otherwise. A count that leaves part X out counts the rows
 * failing nothing or only X, so one pass over the parts serves every count.
 */
export function failedPart(parts: readonly FilterPart[], row: AmiRow): FilterPartName | 'several' | null {
  let failed: FilterPartName | null = null;
  for (const part of parts) {
    if (part.test(row)) continue;
    if (failed !== null) return 'several';
    failed = part.name;
  }
  return failed;
}

/** Counts per value of each facet (AMIs, not listings), over the rows matching every other facet. */
export function facetCounts(rows: readonly AmiRow[], filter: InventoryFilter, now: Date = new Date(), names: InventoryNames = NO_NAMES): Record<FacetName, Map<string, number>> {
  const out = {} as Record<FacetName, Map<string, number>>;
  for (const facet of FACETS) out[facet] = new Map();
  const parts = filterParts(filter, now, names);
  for (const row of rows) {
    const failed = failedPart(parts, row);
    if (failed === null) {
      for (const facet of FACETS) countValue(out[facet], FACET_VALUE[facet](row, names));
    } else if (failed !== 'several' && failed in FACET_VALUE) {
      const facet = failed as FacetName;
      countValue(out[facet], FACET_VALUE[facet](row, names));
    }
  }
  return out;
}

/**
 * AMIs per usage answer over the rows matching every other part of the filter, like the facets'
 * counts (a row never checked counts nowhere).
 */
export function usageCounts(rows: readonly AmiRow[], filter: InventoryFilter, now: Date = new Date(), names: InventoryNames = NO_NAMES): Record<UsageState, number> {
  const out: Record<UsageState, number> = { yes: 0, no: 0, unknown: 0 };
  if (!('usage' in names)) return out;
  const parts = filterParts(filter, now, names);
  for (const row of rows) {
    const mark = usageOf(row, names);
    if (!mark) continue;
    const failed = parts.length === 0 ? null : failedPart(parts, row);
    if (failed === null || failed === 'inUse') out[mark.inUse]++;
  }
  return out;
}

function countValue(counts: Map<string, number>, value: FacetValue): void {
  forEachFacetValue(value, (v) => counts.set(v, (counts.get(v) ?? 0) + 1));
}

/**
 * An AMI's estimated monthly snapshot cost in USD at the standard tier's list price (where AMI
 * snapshots are; see shared/pricing), or null without a size or a priced region. What the grid's
 * and the CSV's cost column say.
 */
export function monthlyCostOf(row: Pick<AmiRow, 'snapshotSizeGiB' | 'region'>): number | null {
  return row.snapshotSizeGiB === null ? null : (estimateMonthlyCost(row.snapshotSizeGiB, row.region, 'standard')?.usd ?? null);
}

/** Columns of the grid and of CSV exports, in their default order. */
export const INVENTORY_COLUMNS = [
  'name',
  'family',
  'imageId',
  'account',
  'awsAccountId',
  'owner',
  'ownerId',
  'region',
  'view',
  'state',
  'architecture',
  'platform',
  'rootDeviceType',
  'visibility',
  'launchPermission',
  'sharedWith',
  'encrypted',
  'snapshotSizeGiB',
  'estimatedMonthlyUsd',
  'inUse',
  'creationDate',
  'age',
  'lastLaunchedTime',
  'deprecationTime',
  'ownerAlias',
  'description',
  'tags',
  'snapshotIds',
  'scannedAt',
] as const;

export type InventoryColumn = (typeof INVENTORY_COLUMNS)[number];

/**
 * A cell as text, the way the CSV writes it and the grid's tooltips say it: accounts and owners
 * by name (their 12-digit ids have columns of their own), lists joined with "; ".
 */
export function cellText(row: AmiRow, column: InventoryColumn, names: InventoryNames, now: Date = new Date()): string {
  switch (column) {
    case 'account':
      return row.accounts.map((a) => names.account(a) ?? '').join('; ');
    case 'awsAccountId':
      return row.accounts.map((a) => names.awsAccountId(a) ?? '').join('; ');
    case 'owner':
      return ownerLabel(row, names);
    case 'visibility':
      return visibilityLabel(row);
    case 'launchPermission':
      // Empty means nobody can read it (shared with us); ours not read yet says so.
      return permissionsPending(row) ? 'pending' : (row.launchPermission ?? '');
    case 'age': {
      const days = ageInDays(row.creationDate, now);
      return days === null ? '' : String(days);
    }
    case 'tags':
      return row.tags.map((t) => `${t.key}=${t.value}`).join('; ');
    case 'sharedWith':
      return row.sharedWith.map((id) => (names.byAwsId(id) ? `${names.byAwsId(id)} (${id})` : id)).join('; ');
    case 'snapshotIds':
      return row.snapshotIds.join('; ');
    case 'encrypted':
      return row.encrypted ? 'true' : 'false';
    case 'family':
      return names.family(row.name);
    case 'inUse':
      return usageOf(row, names)?.inUse ?? '';
    case 'estimatedMonthlyUsd': {
      const cost = monthlyCostOf(row);
      return cost === null ? '' : cost.toFixed(2);
    }
    default: {
      const value = row[column];
      return value === null || value === undefined ? '' : String(value);
    }
  }
}
