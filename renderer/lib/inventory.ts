/**
 * The inventory as the renderer holds it: listings grouped by scan target (so a finished target
 * replaces exactly its own), folded into one row per AMI, and sorted once per change. Pure, no React.
 */
import { mergeAll, namesFrom, ownerLabel, permissionsPending, visibilityLabel, ageInDays, type AmiRow, type InventoryNames } from '../../shared/ami-rows';
import {
  EMPTY_FILTER,
  compileFilter,
  monthlyCostOf,
  targetKey,
  usageOf,
  type InventoryColumn,
  type InventoryRow,
  type PermissionsProgress,
  type ScanStatus,
  type ScanTarget,
  type TargetProgress,
} from '../../shared/inventory';
import type { AmiSummary, Workspace } from '../../shared/model';
import { formatCount, plural } from './format';
import { toMillis } from './time';

export type TargetRows = ReadonlyMap<string, readonly InventoryRow[]>;

/** Identifies one row: one AMI (owner, region, image), however many accounts list it. */
export function rowKey(row: Pick<AmiRow, 'key'>): string {
  return row.key;
}

/** rowKey of a row object (kept for the grid, which asks for every row's key). */
export function keyOf(row: AmiRow): string {
  return row.key;
}

export function rowTarget(row: InventoryRow): ScanTarget {
  return { account: row.account, region: row.region, view: row.view };
}

/** Groups loaded pages by target; pages may split a target anywhere. */
export function groupByTarget(rows: readonly InventoryRow[], into: Map<string, InventoryRow[]> = new Map()): Map<string, InventoryRow[]> {
  for (const row of rows) {
    const key = targetKey(rowTarget(row));
    const list = into.get(key);
    if (list) list.push(row);
    else into.set(key, [row]);
  }
  return into;
}

/** A target's new rows replace whatever it held (deregistered AMIs disappear); others are untouched. */
export function replaceTarget(current: TargetRows, target: ScanTarget, rows: readonly InventoryRow[]): Map<string, readonly InventoryRow[]> {
  const next = new Map(current);
  const key = targetKey(target);
  if (rows.length === 0) next.delete(key);
  else next.set(key, rows);
  return next;
}

export function flatten(byTarget: TargetRows): InventoryRow[] {
  const out: InventoryRow[] = [];
  for (const rows of byTarget.values()) for (const row of rows) out.push(row);
  return out;
}

/** Every AMI of these targets, one row each. */
export function amisOf(byTarget: TargetRows): AmiRow[] {
  return mergeAll(flatten(byTarget));
}

let lastNames: { signature: string; names: InventoryNames } | null = null;

/**
 * The names rows are shown and searched by, from the workspace, with the families the user's
 * pattern makes. The same object while no account's name or id and not the pattern changed, so
 * search text built with it (100,000 rows) stays valid through the workspace updates a scan
 * brings (health, notices). Every caller passes the store's pattern, or the object would change
 * back and forth.
 */
export function workspaceNames(workspace: Pick<Workspace, 'accounts'> | null, familyPattern = ''): InventoryNames {
  const accounts = workspace?.accounts ?? [];
  const signature = `${familyPattern}\u0003${accounts.map((a) => `${a.id}\u0001${a.name}\u0001${a.awsAccountId ?? ''}`).join('\u0002')}`;
  if (lastNames?.signature !== signature) lastNames = { signature, names: namesFrom(accounts, familyPattern) };
  return lastNames.names;
}

export type SortDirection = 'asc' | 'desc';

export interface InventorySort {
  column: InventoryColumn;
  direction: SortDirection;
}

export const DEFAULT_INVENTORY_SORT: InventorySort = { column: 'creationDate', direction: 'desc' };

const DATE_COLUMNS = new Set<InventoryColumn>(['creationDate', 'deprecationTime', 'scannedAt', 'lastLaunchedTime']);
const BIG_FIRST = new Set<InventoryColumn>(['encrypted', 'snapshotSizeGiB', 'estimatedMonthlyUsd', 'age']);

export function defaultInventoryDirection(column: InventoryColumn): SortDirection {
  return DATE_COLUMNS.has(column) || BIG_FIRST.has(column) ? 'desc' : 'asc';
}

export function nextInventorySort(current: InventorySort, column: InventoryColumn): InventorySort {
  if (current.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: defaultInventoryDirection(column) };
}

export interface RowSortContext {
  /** Accounts and owners by name, so "Account" and "Owner" sort by what the user reads. */
  names: InventoryNames;
  now?: Date;
}

type SortValue = string | number | null;

function sortValue(row: AmiRow, column: InventoryColumn, ctx: RowSortContext): SortValue {
  switch (column) {
    case 'creationDate':
    case 'deprecationTime':
    case 'scannedAt':
    case 'lastLaunchedTime':
      return toMillis(row[column]);
    case 'encrypted':
      return row.encrypted ? 1 : 0;
    case 'snapshotSizeGiB':
      return row.snapshotSizeGiB;
    case 'estimatedMonthlyUsd':
      return monthlyCostOf(row);
    case 'family':
      return ctx.names.family(row.name) || null;
    case 'age':
      return ageInDays(row.creationDate, ctx.now ?? new Date());
    case 'account':
      return row.accounts.map((a) => ctx.names.account(a) ?? '').join(' ') || null;
    case 'awsAccountId':
      return row.accounts.map((a) => ctx.names.awsAccountId(a) ?? '').join(' ') || null;
    case 'owner':
      return ownerLabel(row, ctx.names);
    case 'visibility':
      return visibilityLabel(row) || null;
    case 'inUse':
      return usageOf(row, ctx.names)?.inUse ?? null;
    case 'sharedWith':
    case 'snapshotIds':
      return row[column].length === 0 ? null : row[column].join(' ');
    case 'tags':
      return row.tags.length === 0 ? null : row.tags.map((t) => `${t.key}=${t.value}`).join(' ');
    default: {
      const value = row[column];
      return value === null || value === '' ? null : String(value);
    }
  }
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * A new array sorted by one column. Stable and total: missing values last in either direction,
 * then newest first, then the row key, so equal rows never swap between renders. Strings are
 * ranked once (collating each distinct value) so the main sort compares numbers only.
 */
export function sortRows(rows: readonly AmiRow[], sort: InventorySort, ctx: RowSortContext): AmiRow[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const values = rows.map((row) => sortValue(row, sort.column, ctx));
  let ranks: Float64Array;
  if (values.some((v) => typeof v === 'string')) {
    const distinct = [...new Set(values.filter((v): v is string => typeof v === 'string'))].sort(collator.compare);
    // Values the collator calls equal ("build-9", "Build-9") share a rank, so ties fall through.
    const rank = new Map<string, number>();
    distinct.forEach((v, i) => {
      const prev = distinct[i - 1];
      rank.set(v, prev !== undefined && collator.compare(prev, v) === 0 ? (rank.get(prev) as number) : i);
    });
    ranks = Float64Array.from(values, (v) => (v === null ? NaN : (rank.get(String(v)) ?? NaN)));
  } else {
    ranks = Float64Array.from(values, (v) => (v === null ? NaN : Number(v)));
  }
  const created = Float64Array.from(rows, (r) => toMillis(r.creationDate) ?? -Infinity);
  const rowKeys = rows.map(keyOf);
  const order = Array.from(rows, (_, i) => i);
  order.sort((a, b) => {
    const x = ranks[a] as number;
    const y = ranks[b] as number;
    const xMissing = Number.isNaN(x);
    const yMissing = Number.isNaN(y);
    if (xMissing !== yMissing) return xMissing ? 1 : -1;
    if (!xMissing && x !== y) return (x - y) * sign;
    const cx = created[a] as number;
    const cy = created[b] as number;
    if (cx !== cy) return cy > cx ? 1 : -1;
    const kx = rowKeys[a] as string;
    const ky = rowKeys[b] as string;
    return kx < ky ? -1 : kx > ky ? 1 : 0;
  });
  return order.map((i) => rows[i] as AmiRow);
}

// Sorted lists per rows array and sort, so opening the inventory (or sorting back) does not
// sort 100,000 rows again, and the store can sort in the background before the grid is shown.
const sorted = new WeakMap<readonly AmiRow[], WeakMap<InventoryNames, Map<string, AmiRow[]>>>();

/** sortRows, remembered for these rows and names (rows arrays are replaced, not mutated). */
export function sortRowsCached(rows: readonly AmiRow[], sort: InventorySort, ctx: RowSortContext): AmiRow[] {
  let byNames = sorted.get(rows);
  if (!byNames) sorted.set(rows, (byNames = new WeakMap()));
  let bySort = byNames.get(ctx.names);
  if (!bySort) byNames.set(ctx.names, (bySort = new Map()));
  const key = `${sort.column} ${sort.direction}`;
  let result = bySort.get(key);
  if (!result) bySort.set(key, (result = sortRows(rows, sort, ctx)));
  return result;
}

export interface ScanTotals {
  total: number;
  finished: number;
  failed: number;
  running: number;
  rows: number;
}

export function scanTotals(targets: readonly TargetProgress[]): ScanTotals {
  const totals: ScanTotals = { total: targets.length, finished: 0, failed: 0, running: 0, rows: 0 };
  for (const t of targets) {
    if (t.state === 'done' || t.state === 'failed' || t.state === 'cancelled') totals.finished++;
    if (t.state === 'failed') totals.failed++;
    if (t.state === 'running') totals.running++;
    totals.rows += t.count;
  }
  return totals;
}

/** A target whose launch permissions could not (all) be read: a failure of the scan's second phase. */
export function permissionsFailed(target: Pick<TargetProgress, 'permissions'>): boolean {
  return target.permissions?.error != null;
}

/**
 * Failed targets first (they need attention: a failed listing, or launch permissions that could
 * not be read), then those listing, those whose permissions are still to read, queued, the rest;
 * stable within.
 */
export function orderTargets(targets: readonly TargetProgress[]): TargetProgress[] {
  const weight: Record<TargetProgress['state'], number> = { failed: 0, running: 1, queued: 3, cancelled: 4, done: 5 };
  const of = (t: TargetProgress) => (permissionsFailed(t) ? 0 : t.state === 'done' && (t.permissions?.pending ?? 0) > 0 ? 2 : weight[t.state]);
  return targets
    .map((t, i) => ({ t, i }))
    .sort((a, b) => of(a.t) - of(b.t) || a.i - b.i)
    .map(({ t }) => t);
}

/**
 * A scan's two phases: first every target is listed (then the grid is complete), then the
 * launch permissions of the owned images found are read, target by target.
 */
export interface ScanPhases {
  /** What a running scan is doing; 'over' when none runs (finished, cancelled, or the last scan's summary). */
  phase: 'listing' | 'permissions' | 'over';
  targets: number;
  /** Targets whose listing is over (done, failed or cancelled), and those that failed. */
  listed: number;
  listingFailed: number;
  /** AMIs the listing found. */
  found: number;
  /** Owned AMIs listed (whose launch permissions the second phase reads), and of them those read. */
  permissionsTotal: number;
  permissionsRead: number;
  /** Owned AMIs whose launch permissions are not read (yet, or could not be): their rows say "permissions pending". */
  permissionsPending: number;
  /** Targets whose launch permissions could not (all) be read. */
  permissionsFailed: number;
}

export function scanPhases(targets: readonly TargetProgress[], scan: Pick<ScanStatus, 'state' | 'listedAt'> | null): ScanPhases {
  const totals = scanTotals(targets);
  let permissionsTotal = 0;
  let pending = 0;
  let failed = 0;
  for (const t of targets) {
    if (!t.permissions) continue;
    permissionsTotal += t.count;
    pending += Math.min(t.permissions.pending, t.count);
    if (permissionsFailed(t)) failed++;
  }
  // The grid is complete once every target is listed, whether or not the core has said so yet.
  const listedAll = (scan?.listedAt ?? null) !== null || (totals.total > 0 && totals.finished === totals.total);
  return {
    phase: scan?.state !== 'running' ? 'over' : listedAll ? 'permissions' : 'listing',
    targets: totals.total,
    listed: totals.finished,
    listingFailed: totals.failed,
    found: totals.rows,
    permissionsTotal,
    permissionsRead: permissionsTotal - pending,
    permissionsPending: pending,
    permissionsFailed: failed,
  };
}

/** The scan in one line: "Listing 812 of 1,600 targets", then "Grid complete · reading permissions: 41,200 of 160,000 AMIs". */
export function scanPhaseLine(p: ScanPhases): string {
  switch (p.phase) {
    case 'listing':
      return `Listing ${formatCount(p.listed)} of ${plural(p.targets, 'target')}`;
    case 'permissions':
      return `Grid complete · reading permissions: ${formatCount(p.permissionsRead)} of ${plural(p.permissionsTotal, 'AMI')}`;
    case 'over':
      return p.permissionsPending > 0
        ? `${plural(p.listed, 'target')} listed · permissions pending for ${plural(p.permissionsPending, 'AMI')}`
        : `${plural(p.listed, 'target')} listed · permissions read`;
  }
}

// Launch-permission progress per owned target, per targets array (replaced, never mutated).
const permissionsIndex = new WeakMap<readonly TargetProgress[], Map<string, PermissionsProgress>>();

/** The owned target's launch-permission progress (the scan's second phase), if the targets carry it. */
export function permissionsOf(targets: readonly TargetProgress[], target: ScanTarget): PermissionsProgress | null {
  let map = permissionsIndex.get(targets);
  if (!map) {
    map = new Map();
    for (const t of targets) if (t.permissions) map.set(targetKey(t), t.permissions);
    permissionsIndex.set(targets, map);
  }
  return map.get(targetKey(target)) ?? null;
}

/**
 * Why an owned row says "permissions pending": while a scan runs, its second phase is reading
 * them; after it, the error of the owner's target when it had one.
 */
export function pendingReason(row: Pick<AmiRow, 'account' | 'region'>, targets: readonly TargetProgress[], scanning: boolean): string {
  if (scanning) return 'Launch permissions are read after the listing; the scan is reading them now.';
  const error = permissionsOf(targets, { account: row.account, region: row.region, view: 'owned' })?.error;
  if (error) return `Launch permissions could not be read: ${error}`;
  return 'Launch permissions not read yet: the next scan reads them.';
}

// Pending counts per rows array (replaced, never mutated), so a dialog or a status line can ask often.
const pendingCounts = new WeakMap<readonly AmiRow[], number>();

/** How many of these AMIs still have their launch permissions pending. */
export function countPermissionsPending(rows: readonly AmiRow[]): number {
  let count = pendingCounts.get(rows);
  if (count === undefined) {
    count = 0;
    for (const row of rows) if (permissionsPending(row)) count++;
    pendingCounts.set(rows, count);
  }
  return count;
}

/** Offline when the browser says so, or when a target of the last scan could not reach AWS. */
export function isOffline(online: boolean, targets: readonly TargetProgress[]): boolean {
  return !online || targets.some((t) => t.state === 'failed' && t.errorCode === 'NETWORK');
}

/** A catalogue search result drawn in the inventory grid (it was listed, not scanned). */
export function catalogueRow(image: AmiSummary): AmiRow {
  return {
    key: `${image.ownerId}|${image.region}|${image.imageId}`,
    imageId: image.imageId,
    name: image.name,
    description: image.description,
    ownerId: image.ownerId,
    ownerAlias: image.ownerAlias,
    state: image.state,
    architecture: image.architecture,
    platform: image.platform,
    rootDeviceType: image.rootDeviceType,
    virtualizationType: image.virtualizationType,
    creationDate: image.creationDate,
    deprecationTime: image.deprecationTime,
    public: image.public,
    encrypted: image.encrypted,
    tags: image.tags,
    region: image.region,
    accounts: [image.account],
    account: image.account,
    view: 'shared',
    launchPermission: image.public ? 'public' : null,
    sharedWith: [],
    snapshotIds: [],
    snapshotSizeGiB: null,
    lastLaunchedTime: null,
    scannedAt: '',
  };
}

/**
 * Builds every row's search text in small slices while the app is idle, so the first keystroke
 * in the search box does not pay for 100,000 rows at once. Returns a cancel function.
 */
export function warmSearch(rows: readonly AmiRow[], names: InventoryNames, slice = 5000): () => void {
  // A term no row contains: the predicate has to build (and cache) each row's text to say so.
  const touch = compileFilter({ ...EMPTY_FILTER, text: '\u0000' }, new Date(), undefined, names);
  let index = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const step = () => {
    const end = Math.min(rows.length, index + slice);
    for (; index < end; index++) touch(rows[index] as AmiRow);
    timer = index < rows.length ? setTimeout(step, 0) : null;
  };
  timer = setTimeout(step, 0);
  return () => {
    if (timer !== null) clearTimeout(timer);
  };
}
