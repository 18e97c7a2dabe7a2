/**
 * What a correct scan of a seeded world must find, computed from the world's model by EC2's
 * visibility rules, in a form that crosses a process boundary: the emulator's process computes
 * it from the very world it serves, so the benchmark's own process (whose memory is measured)
 * never holds a world.
 */
import type { ImageRecord, World } from '../../emulator';
import { launchPermissionOf } from '../../shared/ami-rows';
import type { LaunchPermissionKind } from '../../shared/inventory';

/** One account and region: the images each view must list. */
export interface TruthPlace {
  accountId: string;
  region: string;
  /** The account's own images that still exist. */
  owned: string[];
  /** Other owners' images whose launch permissions name the account, its organization or one of its OUs. */
  shared: string[];
}

export interface WorldTruth {
  places: TruthPlace[];
  /** Accounts: each lists its regions once, in its default region (DescribeRegions). */
  accounts: number;
  /** Owned image id → its launch permission as a row must say it (`permissionKey`). */
  permissions: Map<string, string>;
}

/** Launch permissions as the sharing entities (accounts, organization and OU ARNs), groups left out. */
export function sharedWithOf(image: ImageRecord): string[] {
  return image.launchPermissions.flatMap((p) => (p.group ? [] : [p.userId ?? p.organizationArn ?? p.organizationalUnitArn ?? '']));
}

export function launchKind(image: ImageRecord): LaunchPermissionKind {
  return launchPermissionOf(
    image.launchPermissions.some((p) => p.group === 'all'),
    sharedWithOf(image),
  );
}

/** A launch permission in one comparable string: the kind and who it names, in order. */
export function permissionKey(kind: LaunchPermissionKind | null, sharedWith: readonly string[]): string {
  return `${kind ?? 'unknown'}|${[...sharedWith].sort().join(',')}`;
}

/**
 * The large world has no disabled images and never deprecates a shared one, so scanner flags
 * (IncludeDeprecated, IncludeDisabled) do not change what a view lists. One pass over each
 * region's images, sharing resolved through account, organization and OU indexes: a world of
 * 1,000 accounts would otherwise cost each account a walk over every image of its region.
 */
export function worldTruth(world: World): WorldTruth {
  const permissions = new Map<string, string>();
  const placeOf = new Map<string, { place: TruthPlace; shared: Set<string> }>();
  const places: TruthPlace[] = [];
  const byOrganization = new Map<string, string[]>();
  const byOu = new Map<string, string[]>();
  const add = (index: Map<string, string[]>, key: string, accountId: string) => {
    const list = index.get(key);
    if (list) list.push(accountId);
    else index.set(key, [accountId]);
  };
  for (const account of world.accounts) {
    if (account.organizationArn) add(byOrganization, account.organizationArn, account.accountId);
    for (const ou of account.organizationalUnitArns) add(byOu, ou, account.accountId);
    for (const region of account.regions) {
      const place: TruthPlace = { accountId: account.accountId, region, owned: [], shared: [] };
      places.push(place);
      placeOf.set(`${account.accountId}|${region}`, { place, shared: new Set() });
    }
  }
  const regions = new Set(world.accounts.flatMap((a) => a.regions));
  for (const region of regions) {
    for (const image of world.imagesIn(region)) {
      if (image.state === 'deregistered') continue;
      const own = placeOf.get(`${image.ownerId}|${region}`);
      if (own) {
        own.place.owned.push(image.imageId);
        permissions.set(image.imageId, permissionKey(launchKind(image), sharedWithOf(image)));
      }
      for (const p of image.launchPermissions) {
        const reached = p.userId ? [p.userId] : p.organizationArn ? (byOrganization.get(p.organizationArn) ?? []) : p.organizationalUnitArn ? (byOu.get(p.organizationalUnitArn) ?? []) : [];
        for (const accountId of reached) {
          // "Shared with me" is about other owners' images; a region the account has not enabled lists nothing.
          if (accountId === image.ownerId) continue;
          placeOf.get(`${accountId}|${region}`)?.shared.add(image.imageId);
        }
      }
    }
  }
  for (const { place, shared } of placeOf.values()) place.shared = [...shared];
  return { places, accounts: world.accounts.length, permissions };
}

export function truthRowCount(truth: WorldTruth): number {
  return truth.places.reduce((n, p) => n + p.owned.length + p.shared.length, 0);
}
