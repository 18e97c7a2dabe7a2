/**
 * What the benchmarks know about the large world without asking the server: the rows a
 * correct scan must produce (computed from the seeded model, by EC2's visibility rules), and
 * inventory rows made straight from the model, for seeding the offline cache of the grid, CSV
 * and transfer benchmarks without a minutes-long scan first.
 */
import { randomUUID } from 'node:crypto';
import type { ImageRecord, World } from '../../emulator';
import { namesFrom, type InventoryNames } from '../../shared/ami-rows';
import type { InventoryRow } from '../../shared/inventory';
import type { ImageView } from '../../shared/model';
import { AccountRegistry } from '../../electron/core/accounts/registry';
import { openDatabase } from '../../electron/core/db/database';
import { InventoryCache } from '../../electron/core/inventory/cache';
import { launchKind, sharedWithOf } from './scan-truth';

/** `awsAccountId|region|view` → image ids, as a scan of every account, region and view must find them. */
export type ScanTruth = Map<string, Set<string>>;

export const truthKey = (awsAccountId: string, region: string, view: ImageView): string => `${awsAccountId}|${region}|${view}`;

/**
 * Owned: the account's images that still exist. Shared with me: other owners' images whose
 * launch permissions name the account, its organization or one of its OUs. The large world has
 * no disabled images and never deprecates a shared one, so scanner flags do not change this.
 */
export function scanTruth(world: World): ScanTruth {
  const truth: ScanTruth = new Map();
  for (const account of world.accounts) {
    const ous = new Set(account.organizationalUnitArns);
    for (const region of account.regions) {
      const owned = new Set<string>();
      const shared = new Set<string>();
      for (const image of world.imagesIn(region)) {
        if (image.state === 'deregistered') continue;
        if (image.ownerId === account.accountId) owned.add(image.imageId);
        else if (
          image.launchPermissions.some(
            (p) =>
              p.userId === account.accountId ||
              (p.organizationArn !== undefined && p.organizationArn === account.organizationArn) ||
              (p.organizationalUnitArn !== undefined && ous.has(p.organizationalUnitArn)),
          )
        ) {
          shared.add(image.imageId);
        }
      }
      truth.set(truthKey(account.accountId, region, 'owned'), owned);
      truth.set(truthKey(account.accountId, region, 'shared'), shared);
    }
  }
  return truth;
}

export function truthRows(truth: ScanTruth): number {
  let n = 0;
  for (const ids of truth.values()) n += ids.size;
  return n;
}

/** The owned-view row a scan would store for this image. */
export function ownedRow(image: ImageRecord, entryId: string, scannedAt: string): InventoryRow {
  const snapshotIds = image.blockDevices.flatMap((d) => (d.ebs?.snapshotId ? [d.ebs.snapshotId] : []));
  return {
    imageId: image.imageId,
    name: image.name,
    description: image.description,
    ownerId: image.ownerId,
    ownerAlias: image.ownerAlias,
    state: image.state,
    architecture: image.architecture,
    platform: image.platformDetails,
    rootDeviceType: image.rootDeviceType,
    virtualizationType: image.virtualizationType,
    creationDate: image.creationDate,
    deprecationTime: image.deprecationTime,
    public: image.launchPermissions.some((p) => p.group === 'all'),
    encrypted: image.blockDevices.some((d) => d.ebs?.encrypted === true),
    tags: image.tags.map((t) => ({ key: t.key, value: t.value })),
    account: entryId,
    region: image.region,
    awsAccountId: image.ownerId,
    view: 'owned',
    launchPermission: launchKind(image),
    sharedWith: sharedWithOf(image),
    snapshotIds,
    snapshotSizeGiB: image.blockDevices.some((d) => d.ebs) ? image.blockDevices.reduce((n, d) => n + (d.ebs?.volumeSize ?? 0), 0) : null,
    lastLaunchedTime: image.lastLaunchedTime,
    scannedAt,
  };
}

export interface SeededInventory {
  rows: InventoryRow[];
  accounts: number;
  /** The accounts by name, as the app shows and searches them. */
  names: InventoryNames;
}

/**
 * Writes an app database holding one account (with one key pair) per world account (access keys, pointed at
 * `endpoint`) and `rowCount` owned rows spread over them, through the core's own registry and
 * cache; the app opened on this file shows that inventory offline at once. Returns the rows.
 */
export function seedInventoryDatabase(file: string, world: World, rowCount: number, endpoint: string): SeededInventory {
  const db = openDatabase(file);
  const registry = new AccountRegistry(db);
  const cache = new InventoryCache(db);
  const entries = new Map<string, string>();
  for (const a of world.accounts) {
    const client = registry.ensureClient(a.clientName, { color: a.clientColor, production: false });
    const record = registry.addAccount({
      name: a.name,
      clientId: client.id,
      defaultRegion: a.defaultRegion,
      endpoint,
      production: a.production,
      awsAccountId: a.accountId,
      alias: a.alias,
    });
    const path = registry.addPath(record.id, { kind: 'access-key', accessKeyId: a.accessKeyId, endpoint });
    registry.setPathIdentity(path.id, { awsAccountId: a.accountId, arn: `arn:aws:iam::${a.accountId}:user/${a.userName}` });
    entries.set(a.accountId, record.id);
  }
  // Round-robin over accounts and regions so every facet has many values, as a real inventory.
  const perTarget = new Map<string, InventoryRow[]>();
  const scannedAt = new Date().toISOString();
  const rows: InventoryRow[] = [];
  outer: for (const region of world.regions) {
    for (const image of world.imagesIn(region.name)) {
      if (rows.length >= rowCount) break outer;
      if (image.state === 'deregistered') continue;
      const entry = entries.get(image.ownerId);
      if (!entry) continue;
      const key = `${entry}|${image.region}`;
      let list = perTarget.get(key);
      if (!list) perTarget.set(key, (list = []));
      const row = ownedRow(image, entry, scannedAt);
      list.push(row);
      rows.push(row);
    }
  }
  for (const [key, list] of perTarget) {
    const [account, region] = key.split('|') as [string, string];
    cache.replaceTarget({ account, region, view: 'owned' }, list, scannedAt);
  }
  const names = namesFrom(registry.listAccounts());
  db.close();
  return { rows, accounts: entries.size, names };
}

export const tempName = (prefix: string, ext: string): string => `${prefix}-${randomUUID().slice(0, 8)}.${ext}`;
