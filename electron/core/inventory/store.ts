/**
 * Where each account's inventory lives: in its workspace's database (the user's in the app's
 * SQLite file, the demo workspace's in the in-memory database that lives only for the run), so
 * the two never mix.
 */
import type { AccountSource } from '../accounts/account-source';
import type { Database } from '../db/database';
import type { AmiRow, InventoryNames } from '../../../shared/ami-rows';
import { compileFilter, type InventoryFilter, type InventoryPageBytes, type ScanTarget } from '../../../shared/inventory';
import { InventoryCache } from './cache';

export class InventoryStore {
  private readonly userCache: InventoryCache;
  private readonly others = new WeakMap<AccountSource, InventoryCache>();

  constructor(
    private readonly user: AccountSource,
    userDb: Database,
  ) {
    this.userCache = new InventoryCache(userDb);
  }

  cacheFor(source: AccountSource): InventoryCache {
    if (source === this.user) return this.userCache;
    let cache = this.others.get(source);
    if (!cache) {
      cache = new InventoryCache(source.registry.db);
      this.others.set(source, cache);
    }
    return cache;
  }

  /** The caches of these sources, each first cleared of entries that were removed. */
  cachesOf(sources: readonly AccountSource[]): InventoryCache[] {
    return sources.map((source) => {
      const cache = this.cacheFor(source);
      cache.keepOnly(new Set(source.registry.listAccounts().map((a) => a.id)));
      return cache;
    });
  }
}

/** Every AMI of these caches (one row each, however many accounts list it), optionally filtered. */
export function* cachedAmis(caches: readonly InventoryCache[], filter: InventoryFilter | null, names: InventoryNames, now = new Date()): Generator<AmiRow> {
  const keep = filter ? compileFilter(filter, now, undefined, names) : null;
  for (const cache of caches) {
    for (const row of cache.amis()) if (!keep || keep(row)) yield row;
  }
}

/** Whole targets across caches, packed for the renderer; `total` is every row the inventory holds. */
export function targetsAcross(caches: readonly InventoryCache[], targets: readonly ScanTarget[]): InventoryPageBytes {
  const groups: Uint8Array[] = [];
  let count = 0;
  let size = 2;
  for (const cache of caches) {
    const page = cache.packedTargets(targets);
    for (const g of page.groups) {
      groups.push(g);
      size += g.length + 1;
    }
    count += page.count;
  }
  // The groups' bytes joined into one JSON array, without a string in between.
  const bytes = new Uint8Array(size - (groups.length > 0 ? 1 : 0));
  let at = 0;
  bytes[at++] = 0x5b; // [
  groups.forEach((g, i) => {
    if (i > 0) bytes[at++] = 0x2c; // ,
    bytes.set(g, at);
    at += g.length;
  });
  bytes[at] = 0x5d; // ]
  return { groups: bytes, count, total: caches.reduce((n, c) => n + c.total(), 0) };
}

/** Every AMI our accounts own in these caches, one row each (see InventoryCache.ownedRows). */
export function* cachedOwnedAmis(caches: readonly InventoryCache[]): Generator<AmiRow> {
  for (const cache of caches) yield* cache.ownedRows();
}
