/**
 * One AMI is one row, however many of our accounts list it. The inventory stores what each
 * scan target listed (an account's owned or shared-with-me images in a region); an AMI row is
 * every listing of the same image — the owner's and those of the accounts it is shared with —
 * folded into one, keyed by (owner, region, image id). The grid, the CSV export and the CLI all
 * fold with `mergeListings`, so they agree on what an AMI is.
 */
import { familyNamer } from './family';
import type { InventoryRow, LaunchPermissionKind } from './inventory';
import type { ImageView } from './model';

/**
 * One AMI: every listing of it folded into one (see mergeListings). The fields are a listing's
 * (InventoryRow), but for whose account it is and how it is seen.
 */
export interface AmiRow extends Omit<InventoryRow, 'awsAccountId' | 'account' | 'view' | 'launchPermission' | 'sharedWith' | 'scannedAt'> {
  /** `${ownerId}|${region}|${imageId}`: the AMI, whichever account lists it. */
  key: string;
  /** Our accounts that can launch it: the owner first when it is ours, then those it is shared with. */
  accounts: string[];
  /** The account it is read and acted on through: the owner when ours, else the first that lists it. */
  account: string;
  /** owned: one of our accounts owns it; shared: it is only shared with ours. */
  view: ImageView;
  /** Who may launch it (owned images; public is known for any). Null when we cannot know. */
  launchPermission: LaunchPermissionKind | null;
  /** Account ids, organization and OU ARNs it is shared with (owned images only). */
  sharedWith: string[];
  /** The oldest scan it was seen in: what "as of" means for this row. */
  scannedAt: string;
}

export function amiKey(row: Pick<InventoryRow, 'ownerId' | 'region' | 'imageId'>): string {
  return `${row.ownerId}|${row.region}|${row.imageId}`;
}

/** The listings of one AMI (all with the same amiKey), folded into its row. */
export function mergeListings(listings: readonly InventoryRow[]): AmiRow {
  const first = listings[0];
  if (!first) throw new Error('An AMI row needs at least one listing.');
  const owned = listings.find((l) => l.view === 'owned') ?? null;
  // The owner's listing is the freshest word on the image; otherwise the newest listing.
  const base = owned ?? newest(listings);
  const accounts: string[] = [];
  if (owned) accounts.push(owned.account);
  for (const l of listings) if (!accounts.includes(l.account)) accounts.push(l.account);
  let scannedAt = first.scannedAt;
  for (const l of listings) if (l.scannedAt < scannedAt) scannedAt = l.scannedAt;
  return {
    key: amiKey(base),
    imageId: base.imageId,
    name: base.name,
    description: base.description,
    ownerId: base.ownerId,
    ownerAlias: base.ownerAlias,
    state: base.state,
    architecture: base.architecture,
    platform: base.platform,
    rootDeviceType: base.rootDeviceType,
    virtualizationType: base.virtualizationType,
    creationDate: base.creationDate,
    deprecationTime: base.deprecationTime,
    public: base.public,
    encrypted: base.encrypted,
    tags: base.tags,
    region: base.region,
    accounts,
    account: accounts[0]!,
    view: owned ? 'owned' : 'shared',
    launchPermission: owned ? owned.launchPermission : base.public ? 'public' : null,
    sharedWith: owned ? owned.sharedWith : [],
    snapshotIds: base.snapshotIds,
    snapshotSizeGiB: base.snapshotSizeGiB,
    lastLaunchedTime: base.lastLaunchedTime,
    scannedAt,
  };
}

function newest(listings: readonly InventoryRow[]): InventoryRow {
  let best = listings[0]!;
  for (const l of listings) if (l.scannedAt > best.scannedAt) best = l;
  return best;
}

/** Folds listings grouped by target into AMI rows (in first-seen order). */
export function mergeAll(listings: Iterable<InventoryRow>): AmiRow[] {
  const groups = new Map<string, InventoryRow[]>();
  for (const l of listings) {
    const key = amiKey(l);
    const group = groups.get(key);
    if (group) group.push(l);
    else groups.set(key, [l]);
  }
  const out: AmiRow[] = [];
  for (const group of groups.values()) out.push(mergeListings(group));
  return out;
}

/**
 * AMI rows kept up to date as targets are replaced: only the AMIs a target touched are folded
 * again, and every other row keeps its object (so caches keyed by row, such as search text,
 * stay valid). `rows()` lists them in the order the AMIs were first seen.
 */
export class AmiMerger {
  private readonly byTarget = new Map<string, readonly InventoryRow[]>();
  private readonly listings = new Map<string, InventoryRow[]>();
  private readonly merged = new Map<string, AmiRow>();
  private list: AmiRow[] | null = [];

  /** The target's listings are now these (an empty list removes it). */
  replaceTarget(targetKey: string, rows: readonly InventoryRow[]): void {
    const touched = new Set<string>();
    for (const old of this.byTarget.get(targetKey) ?? []) {
      const key = amiKey(old);
      touched.add(key);
      const group = this.listings.get(key);
      if (!group) continue;
      const i = group.indexOf(old);
      if (i >= 0) group.splice(i, 1);
    }
    if (rows.length === 0) this.byTarget.delete(targetKey);
    else this.byTarget.set(targetKey, rows);
    for (const row of rows) {
      const key = amiKey(row);
      touched.add(key);
      const group = this.listings.get(key);
      if (group) group.push(row);
      else this.listings.set(key, [row]);
    }
    for (const key of touched) {
      const group = this.listings.get(key);
      if (!group || group.length === 0) {
        this.listings.delete(key);
        this.merged.delete(key);
      } else {
        this.merged.set(key, mergeListings(group));
      }
    }
    if (touched.size > 0) this.list = null;
  }

  /** Every AMI row. The same array comes back until something changes. */
  rows(): AmiRow[] {
    this.list ??= [...this.merged.values()];
    return this.list;
  }

  /** How many listings (target rows) are held. */
  get listingCount(): number {
    let n = 0;
    for (const rows of this.byTarget.values()) n += rows.length;
    return n;
  }

  get(key: string): AmiRow | undefined {
    return this.merged.get(key);
  }
}

/**
 * What rows show by name rather than id: our accounts, our name for a 12-digit account, and the
 * family an AMI's name belongs to (with the user's family pattern: the grid, the export and the
 * CLI must agree on it as on the names).
 */
export interface InventoryNames {
  /** Our account's name, by its id. */
  account(id: string): string | null;
  /** Our account's 12-digit id, by its id. */
  awsAccountId(id: string): string | null;
  /** Our name for a 12-digit account, when it is one of ours. */
  byAwsId(awsAccountId: string): string | null;
  /** The family of an AMI name (shared/family.ts). */
  family(name: string): string;
}

export const NO_NAMES: InventoryNames = { account: () => null, awsAccountId: () => null, byAwsId: () => null, family: familyNamer() };

/**
 * The names of these accounts; `familyPattern` is the user's (empty or absent: the built-in
 * rules). `families` says which families are remembered (see familyNamer): all for a grid, the
 * last for an export.
 */
export function namesFrom(
  accounts: ReadonlyArray<{ id: string; name: string; awsAccountId: string | null }>,
  familyPattern?: string | null,
  families: 'all' | 'last' = 'all',
): InventoryNames {
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const byAws = new Map<string, string>();
  for (const a of accounts) if (a.awsAccountId && !byAws.has(a.awsAccountId)) byAws.set(a.awsAccountId, a.name);
  return {
    account: (id) => byId.get(id)?.name ?? null,
    awsAccountId: (id) => byId.get(id)?.awsAccountId ?? null,
    byAwsId: (awsAccountId) => byAws.get(awsAccountId) ?? null,
    family: familyNamer(familyPattern, { remember: families }),
  };
}

/** The owner as people read it: our name for the account, its alias (amazon, aws-marketplace), or its id. */
export function ownerLabel(row: Pick<AmiRow, 'ownerId' | 'ownerAlias'>, names: InventoryNames): string {
  return names.byAwsId(row.ownerId) ?? row.ownerAlias ?? row.ownerId;
}

/** The share targets that are organizations or OUs. */
function isOrganization(entity: string): boolean {
  return entity.startsWith('arn:');
}

/** An image of ours whose launch permissions the scan has not read yet (or could not). */
export function permissionsPending(row: Pick<AmiRow, 'view' | 'launchPermission'>): boolean {
  return row.view === 'owned' && row.launchPermission === null;
}

/** "private", "shared ×3", "org ×2", "public", "permissions pending", or '' when nobody can know. */
export function visibilityLabel(row: Pick<AmiRow, 'view' | 'launchPermission' | 'sharedWith'>): string {
  if (permissionsPending(row)) return 'permissions pending';
  switch (row.launchPermission) {
    case 'public':
      return 'public';
    case 'organization':
      return `org ×${row.sharedWith.length}`;
    case 'shared':
      return `shared ×${row.sharedWith.length}`;
    case 'private':
      return 'private';
    case null:
      return '';
  }
}

/** Public when "all" may launch it, organization when an organization or OU may, shared with accounts, or private. */
export function launchPermissionOf(isPublic: boolean, sharedWith: readonly string[]): LaunchPermissionKind {
  if (isPublic) return 'public';
  if (sharedWith.some(isOrganization)) return 'organization';
  return sharedWith.length > 0 ? 'shared' : 'private';
}

/** Whole days from `creationDate` to `now`, or null. */
export function ageInDays(creationDate: string | null, now: Date): number | null {
  if (!creationDate) return null;
  const ms = now.getTime() - Date.parse(creationDate);
  return Number.isFinite(ms) ? Math.max(0, Math.floor(ms / 86_400_000)) : null;
}
