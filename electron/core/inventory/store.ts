/**
 * Where each account's inventory lives: in its workspace's database (the user's in the app's
 * SQLite file, the demo workspace's in the in-memory database that lives only for the run), so
 * the two never mix.
 */
import type { AccountSource } from '../accounts/account-source';
import type { Database } from '../db/database';
import { compileFilter, type InventoryFilter, type InventoryPage, type InventoryRow, type ScanTarget } from '../../../shared/inventory';
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

/** Every cached row of these caches in the stable order, optionally filtered. */
export function* cachedRows(caches: readonly InventoryCache[], filter: InventoryFilter | null, now = new Date()): Generator<InventoryRow> {
  const keep = filter ? compileFilter(filter, now) : null;
  for (const cache of caches) {
    for (const row of cache.iterate()) if (!keep || keep(row)) yield row;
  }
}

/** Whole targets across caches, packed for the renderer; `total` is every row the inventory holds. */
export function targetsAcross(caches: readonly InventoryCache[], targets: readonly ScanTarget[]): InventoryPage {
  const groups: string[] = [];
  let count = 0;
  for (const cache of caches) {
    const page = cache.packedTargets(targets);
    for (const g of page.groups) groups.push(g);
    count += page.count;
  }
  return { groups: `[${groups.join(',')}]`, count, total: caches.reduce((n, c) => n + c.total(), 0) };
}
