/**
 * The inventory: every AMI of every scanned account × region, as one list of rows, and the
 * filters people pick an AMI by. The filter and facet logic lives here so the grid, the CSV
 * export in main and the CLI all select exactly the same rows.
 */
import type { AmiSummary, ImageView } from './model';

export type LaunchPermissionKind = 'private' | 'shared' | 'public';

export interface InventoryRow extends AmiSummary {
  /** The 12-digit account the row was listed in (the target's account, not the owner). */
  awsAccountId: string | null;
  /** Which listing it came from. */
  view: ImageView;
  /** For owned images: private, shared (with accounts/orgs/OUs) or public. Null when unknown. */
  launchPermission: LaunchPermissionKind | null;
  /** Account ids, organization and OU ARNs it is shared with (owned images only). */
  sharedWith: string[];
  snapshotIds: string[];
  /** When its target was scanned (ISO). */
  scannedAt: string;
}

/** One (account entry, region, view) that a scan reads. */
export interface ScanTarget {
  account: string;
  region: string;
  view: ImageView;
}

export function targetKey(t: ScanTarget): string {
  return `${t.account}|${t.region}|${t.view}`;
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
}

export interface ScanStatus {
  scanId: string;
  state: 'running' | 'done' | 'cancelled';
  startedAt: string;
  finishedAt: string | null;
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
  /** Accounts the rows were listed in (our entry ids). */
  accounts: string[];
  /** Owner account ids (or aliases for catalogue owners). */
  owners: string[];
  views: ImageView[];
  deprecated: 'any' | 'yes' | 'no';
  encrypted: 'any' | 'yes' | 'no';
  /** "key" or "key=value"; every one must match. */
  tags: string[];
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
  views: [],
  deprecated: 'any',
  encrypted: 'any',
  tags: [],
};

export type FacetName = 'regions' | 'platforms' | 'architectures' | 'launchPermissions' | 'rootDeviceTypes' | 'states' | 'accounts' | 'owners' | 'views';

const FACET_VALUE: Record<FacetName, (row: InventoryRow) => string | null> = {
  regions: (r) => r.region,
  platforms: (r) => r.platform,
  architectures: (r) => r.architecture,
  launchPermissions: (r) => r.launchPermission,
  rootDeviceTypes: (r) => r.rootDeviceType,
  states: (r) => r.state,
  accounts: (r) => r.account,
  owners: (r) => r.ownerId,
  views: (r) => r.view,
};

export const FACETS = Object.keys(FACET_VALUE) as FacetName[];

export function facetValue(row: InventoryRow, facet: FacetName): string | null {
  return FACET_VALUE[facet](row);
}

export function isDeprecatedAt(row: Pick<AmiSummary, 'deprecationTime'>, now: Date): boolean {
  return row.deprecationTime !== null && Date.parse(row.deprecationTime) <= now.getTime();
}

// Lower-cased search text per row, built once per row object (rows are replaced, not mutated).
const haystacks = new WeakMap<object, string>();

function haystackOf(row: InventoryRow): string {
  let text = haystacks.get(row);
  if (text === undefined) {
    const parts = [row.name, row.imageId, row.description ?? '', row.ownerId, row.ownerAlias ?? ''];
    for (const tag of row.tags) parts.push(`${tag.key}=${tag.value}`);
    text = parts.join('\n').toLowerCase();
    haystacks.set(row, text);
  }
  return text;
}

/** Whitespace-separated terms; every term must match somewhere ("golden arm64", "env=prod"). */
export function parseTerms(text: string): string[] {
  return text.toLowerCase().split(/\s+/).filter(Boolean);
}

function tagMatches(row: InventoryRow, wanted: string): boolean {
  const eq = wanted.indexOf('=');
  const key = eq === -1 ? wanted : wanted.slice(0, eq);
  const value = eq === -1 ? null : wanted.slice(eq + 1);
  return row.tags.some((t) => t.key === key && (value === null || t.value === value));
}

/**
 * A predicate for the filter, with `skip` leaving one facet out (how facet counts are made:
 * each facet counts rows that match every other facet).
 */
export function compileFilter(filter: InventoryFilter, now: Date = new Date(), skip?: FacetName): (row: InventoryRow) => boolean {
  const terms = parseTerms(filter.text);
  const sets = FACETS.filter((f) => f !== skip && filter[f].length > 0).map((f) => [f, new Set<string>(filter[f])] as const);
  return (row) => {
    for (const [facet, allowed] of sets) {
      const value = FACET_VALUE[facet](row);
      if (value === null || !allowed.has(value)) return false;
    }
    if (filter.deprecated !== 'any' && isDeprecatedAt(row, now) !== (filter.deprecated === 'yes')) return false;
    if (filter.encrypted !== 'any' && row.encrypted !== (filter.encrypted === 'yes')) return false;
    for (const tag of filter.tags) if (!tagMatches(row, tag)) return false;
    if (terms.length > 0) {
      const text = haystackOf(row);
      for (const term of terms) if (!text.includes(term)) return false;
    }
    return true;
  };
}

export function applyFilter(rows: readonly InventoryRow[], filter: InventoryFilter, now: Date = new Date()): InventoryRow[] {
  const keep = compileFilter(filter, now);
  return rows.filter(keep);
}

/** Counts per value of each facet, over the rows matching every other facet. */
export function facetCounts(rows: readonly InventoryRow[], filter: InventoryFilter, now: Date = new Date()): Record<FacetName, Map<string, number>> {
  const out = {} as Record<FacetName, Map<string, number>>;
  for (const facet of FACETS) {
    const keep = compileFilter(filter, now, facet);
    const counts = new Map<string, number>();
    for (const row of rows) {
      if (!keep(row)) continue;
      const value = FACET_VALUE[facet](row);
      if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    out[facet] = counts;
  }
  return out;
}

/** Columns of the grid and of CSV exports, in their default order. */
export const INVENTORY_COLUMNS = [
  'name',
  'imageId',
  'account',
  'awsAccountId',
  'region',
  'view',
  'state',
  'architecture',
  'platform',
  'rootDeviceType',
  'launchPermission',
  'sharedWith',
  'encrypted',
  'ownerId',
  'ownerAlias',
  'creationDate',
  'deprecationTime',
  'description',
  'tags',
  'snapshotIds',
  'scannedAt',
] as const;

export type InventoryColumn = (typeof INVENTORY_COLUMNS)[number];
