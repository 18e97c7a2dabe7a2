import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../electron/core/db/database';
import { InventoryCache } from '../../electron/core/inventory/cache';
import { targetsAcross, cachedAmis } from '../../electron/core/inventory/store';
import { NO_NAMES, type AmiRow } from '../../shared/ami-rows';
import { batchTargets, EMPTY_FILTER, MAX_TARGETS_PER_PAGE, packRow, parseJsonText, unpackPage, type InventoryRow, type ScanTarget } from '../../shared/inventory';
import { row } from './inventory-fixtures';

const A: ScanTarget = { account: 'acct-a', region: 'us-east-1', view: 'owned' };
const B: ScanTarget = { account: 'acct-b', region: 'eu-west-1', view: 'owned' };
const at = (minute: number) => `2026-11-28T00:${String(minute).padStart(2, '0')}:00.000Z`;
const rowsOf = (t: ScanTarget, ids: string[]) => ids.map((imageId) => row({ ...t, imageId }));

/** The whole inventory as inventory:rows sends it: every target the caches hold. */
const everything = (caches: InventoryCache[]) => targetsAcross(caches, caches.flatMap((c) => c.targets()));

describe('inventory cache', () => {
  it('a rescan replaces exactly that target’s rows', () => {
    const cache = new InventoryCache(openDatabase(':memory:'));
    cache.replaceTarget(A, rowsOf(A, ['ami-1', 'ami-2', 'ami-3']), at(1));
    cache.replaceTarget(B, rowsOf(B, ['ami-9']), at(2));
    cache.replaceTarget(A, rowsOf(A, ['ami-1', 'ami-3', 'ami-4']), at(3));
    expect([...cache.iterate()].map((r) => `${r.account}/${r.imageId}`)).toEqual(['acct-a/ami-1', 'acct-a/ami-3', 'acct-a/ami-4', 'acct-b/ami-9']);
    expect(cache.targets().map((t) => [t.account, t.state, t.count, t.scannedAt])).toEqual([
      ['acct-a', 'done', 3, at(3)],
      ['acct-b', 'done', 1, at(2)],
    ]);
  });

  it('a failed target keeps its previous rows and scan time, and says why', () => {
    const cache = new InventoryCache(openDatabase(':memory:'));
    cache.replaceTarget(A, rowsOf(A, ['ami-1']), at(1));
    cache.markFailed(A, { message: 'Access denied in 1/us-east-1', code: 'ACCESS_DENIED' }, at(5));
    expect(cache.total()).toBe(1);
    expect(cache.targets()).toEqual([
      { ...A, state: 'failed', count: 1, error: 'Access denied in 1/us-east-1', errorCode: 'ACCESS_DENIED', scannedAt: at(1), permissions: { pending: 0, error: null, errorCode: null } },
    ]);
    cache.replaceTarget(A, [], at(6));
    expect(cache.targets()[0]).toMatchObject({ state: 'done', count: 0, error: null, errorCode: null, scannedAt: at(6) });
    expect(cache.total()).toBe(0);
  });

  it('survives a reopen of the same file (the app opens on the last inventory)', async () => {
    const { mkdtemp, rm } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-cache-'));
    try {
      const file = path.join(dir, 'atlas.sqlite');
      const first = openDatabase(file);
      new InventoryCache(first).replaceTarget(A, rowsOf(A, ['ami-1', 'ami-2']), at(1));
      first.close();
      const again = new InventoryCache(openDatabase(file));
      expect([...again.iterate()].map((r) => r.imageId)).toEqual(['ami-1', 'ami-2']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('counts every row and reads the owned rows again after any write: its own, plain SQL on its connection, another connection’s', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'atlas-total-'));
    try {
      const file = path.join(dir, 'atlas.db');
      const db = openDatabase(file);
      const cache = new InventoryCache(db);
      cache.replaceTarget(A, rowsOf(A, ['ami-1', 'ami-2']), at(1));
      expect(cache.total()).toBe(2);
      expect(cache.total()).toBe(2);
      cache.replaceTarget(B, rowsOf(B, ['ami-3']), at(1));
      expect(cache.total()).toBe(3);
      // Every row at once (SQLite's truncation) and a rolled-back insert.
      db.exec('DELETE FROM inventory_rows');
      expect(cache.total()).toBe(0);
      db.exec('BEGIN');
      db.prepare("INSERT INTO inventory_rows (account, region, view, image_id, row_json) VALUES ('x', 'y', 'owned', 'ami-x', '[]')").run();
      db.exec('ROLLBACK');
      expect(cache.total()).toBe(0);
      expect(cache.ownedRows()).toEqual([]);
      const other = openDatabase(file);
      new InventoryCache(other).replaceTarget(A, rowsOf(A, ['ami-4', 'ami-5']), at(2));
      expect(cache.total()).toBe(2);
      expect(cache.ownedRows().map((r) => r.imageId)).toEqual(['ami-4', 'ami-5']);
      other.close();
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('forgets entries that left the workspace', () => {
    const cache = new InventoryCache(openDatabase(':memory:'));
    cache.replaceTarget(A, rowsOf(A, ['ami-1']), at(1));
    cache.replaceTarget(B, rowsOf(B, ['ami-2']), at(1));
    cache.keepOnly(new Set(['acct-b']));
    expect(cache.targets().map((t) => t.account)).toEqual(['acct-b']);
    expect(cache.total()).toBe(1);
  });

  it('pages across caches in one stable order (image ids within a target, whatever order they were stored in), and filters', () => {
    const one = new InventoryCache(openDatabase(':memory:'));
    const two = new InventoryCache(openDatabase(':memory:'));
    one.replaceTarget(A, rowsOf(A, ['ami-3', 'ami-1', 'ami-2']), at(1));
    two.replaceTarget(B, rowsOf(B, ['ami-5', 'ami-4']), at(1));
    const all = [...cachedAmis([one, two], null, NO_NAMES)].map((r) => r.imageId);
    expect(all).toEqual(['ami-1', 'ami-2', 'ami-3', 'ami-4', 'ami-5']);
    // Pages are whole targets, in batches planned from the targets' counts.
    const batches = batchTargets([...one.targets(), ...two.targets()], 2);
    expect(batches).toEqual([[A], [B]]);
    const pages = batches.map((targets) => targetsAcross([one, two], targets));
    expect(pages.map((p) => [p.count, p.total])).toEqual([
      [3, 5],
      [2, 5],
    ]);
    expect(pages.flatMap((p) => unpackPage(p)).map((r) => r.imageId)).toEqual(all);
    expect(unpackPage(targetsAcross([one, two], [B, A])).map((r) => r.imageId).sort()).toEqual(all);
    expect(targetsAcross([one, two], [{ ...A, region: 'ap-south-1' }]).count).toBe(0);
    expect([...cachedAmis([one, two], { ...EMPTY_FILTER, regions: ['eu-west-1'] }, NO_NAMES)].map((r) => r.imageId)).toEqual(['ami-4', 'ami-5']);
  });

  it('reads one row per AMI across the accounts and views that list it, whatever the page size', () => {
    const cache = new InventoryCache(openDatabase(':memory:'));
    const owner = '111122223333';
    const other = '444455556666';
    const shared = { account: 'acct-2', region: A.region, view: 'shared' as const };
    // acct-a owns ami-1..ami-5; acct-2 sees ami-2 and ami-4 shared with it, and another owner's ami-9.
    cache.replaceTarget(A, rowsOf(A, ['ami-1', 'ami-2', 'ami-3', 'ami-4', 'ami-5']).map((r) => ({ ...r, ownerId: owner, awsAccountId: owner })), at(1));
    cache.replaceTarget(
      shared,
      [...rowsOf(shared, ['ami-2', 'ami-4']).map((r) => ({ ...r, ownerId: owner })), ...rowsOf(shared, ['ami-9']).map((r) => ({ ...r, ownerId: other }))].map((r) => ({
        ...r,
        awsAccountId: '777788889999',
        launchPermission: null,
      })),
      at(2),
    );
    for (const size of [1, 2, 3, 1000]) {
      const amis = [...cache.amis(size)];
      expect(amis.map((r) => r.imageId), `page size ${size}`).toEqual(['ami-1', 'ami-2', 'ami-3', 'ami-4', 'ami-5', 'ami-9']);
      expect(amis.find((r) => r.imageId === 'ami-2')?.accounts).toEqual([A.account, 'acct-2']);
      expect(amis.find((r) => r.imageId === 'ami-9')).toMatchObject({ accounts: ['acct-2'], view: 'shared' });
    }
  });
});

describe('the owned rows a plan reads', () => {
  it('are the owned AMIs only, kept between reads while nothing is written, read again after a scan, a change or a removed account', () => {
    const cache = new InventoryCache(openDatabase(':memory:'));
    const shared: ScanTarget = { account: 'acct-b', region: 'us-east-1', view: 'shared' };
    cache.replaceTarget(A, rowsOf(A, ['ami-1', 'ami-2']), at(1));
    cache.replaceTarget(B, rowsOf(B, ['ami-9']), at(1));
    cache.replaceTarget(shared, rowsOf(shared, ['ami-1']), at(1));
    const ids = (rows: readonly { imageId: string }[]) => rows.map((r) => r.imageId).sort();
    const first = cache.ownedRows();
    expect(ids(first)).toEqual(['ami-1', 'ami-2', 'ami-9']);
    expect(cache.ownedRows()).toBe(first);
    // A scan of a target.
    cache.replaceTarget(A, rowsOf(A, ['ami-1', 'ami-3']), at(2));
    expect(ids(cache.ownedRows())).toEqual(['ami-1', 'ami-3', 'ami-9']);
    // A change made in the app (a deregistration removes the row).
    cache.writeRow(A, 'ami-3', () => null);
    expect(ids(cache.ownedRows())).toEqual(['ami-1', 'ami-9']);
    // An account that left the workspace.
    cache.keepOnly(new Set(['acct-a']));
    expect(ids(cache.ownedRows())).toEqual(['ami-1']);
  });
});

describe('pages of whole targets', () => {
  it('fill up to the page size, give a large target its own page, skip empty ones, and cap the targets per page', () => {
    const t = (account: string, count: number) => ({ account, region: 'eu-west-1', view: 'owned' as const, count });
    const keys = (batches: ScanTarget[][]) => batches.map((b) => b.map((x) => x.account).join('+'));
    expect(keys(batchTargets([t('c', 4), t('a', 3), t('b', 0), t('d', 20), t('e', 1)], 10))).toEqual(['a+c', 'd', 'e']);
    const many = Array.from({ length: MAX_TARGETS_PER_PAGE + 5 }, (_, i) => t(`acct-${String(i).padStart(5, '0')}`, 1));
    expect(batchTargets(many, 1_000_000).map((b) => b.length)).toEqual([MAX_TARGETS_PER_PAGE, 5]);
  });
});

describe('loading the inventory while a scan writes', () => {
  it('a rescan between two pages neither repeats nor skips rows of other targets', () => {
    const cache = new InventoryCache(openDatabase(':memory:'));
    cache.replaceTarget(A, rowsOf(A, ['ami-a1', 'ami-a2', 'ami-a3']), at(1));
    cache.replaceTarget(B, rowsOf(B, ['ami-b1', 'ami-b2', 'ami-b3']), at(1));
    const batches = batchTargets(cache.targets(), 3);
    const first = unpackPage(targetsAcross([cache], batches[0]!)).map((r) => r.imageId);
    // The scan grows A before the second page is read: offsets would now shift B by two rows.
    cache.replaceTarget(A, rowsOf(A, ['ami-a0', 'ami-a1', 'ami-a2', 'ami-a3', 'ami-a4']), at(2));
    const second = unpackPage(targetsAcross([cache], batches[1]!)).map((r) => r.imageId);
    expect(first).toEqual(['ami-a1', 'ami-a2', 'ami-a3']);
    expect(second).toEqual(['ami-b1', 'ami-b2', 'ami-b3']);
  });
});

describe('inventory cache iteration', () => {
  it('reads every row in order, target by target', () => {
    const cache = new InventoryCache(openDatabase(':memory:'));
    const ids = Array.from({ length: 25 }, (_, i) => `ami-${String(i).padStart(3, '0')}`);
    cache.replaceTarget(A, rowsOf(A, ids.slice(0, 12)), at(1));
    cache.replaceTarget(B, rowsOf(B, ids.slice(12)), at(1));
    expect([...cache.iterate()].map((r) => r.imageId)).toEqual(ids);
  });

  it('never hands out half of an old target and half of its rescan, however the reads interleave', () => {
    const cache = new InventoryCache(openDatabase(':memory:'));
    cache.replaceTarget(A, rowsOf(A, ['ami-a1', 'ami-a2', 'ami-a3']), at(1));
    cache.replaceTarget(B, rowsOf(B, ['ami-b1', 'ami-b2', 'ami-b3']), at(1));
    const reading = cache.iterate();
    const seen = [reading.next().value!.imageId];
    // A rescan of B lands while the export is still inside A; then one of A while inside B.
    cache.replaceTarget(B, rowsOf(B, ['ami-b9']), at(2));
    for (let r = reading.next(); !r.done; r = reading.next()) {
      seen.push(r.value.imageId);
      if (r.value.imageId === 'ami-b9') cache.replaceTarget(A, rowsOf(A, ['ami-a9']), at(3));
    }
    expect(seen).toEqual(['ami-a1', 'ami-a2', 'ami-a3', 'ami-b9']);
  });
});

describe('inventory cache storage', () => {
  it('hands rows out exactly as they were stored, keys in the same order', () => {
    const cache = new InventoryCache(openDatabase(':memory:'));
    const stored = row({
      ...A,
      imageId: 'ami-1',
      description: 'a "quoted" build\nwith a newline',
      ownerAlias: 'amazon',
      deprecationTime: '2027-01-01T00:00:00.000Z',
      public: true,
      encrypted: true,
      tags: [
        { key: 'Team', value: 'platform' },
        { key: 'Env', value: '' },
      ],
      awsAccountId: null,
      launchPermission: 'shared',
      sharedWith: ['222233334444'],
      snapshotIds: ['snap-1', 'snap-2'],
    });
    cache.replaceTarget(A, [stored], at(1));
    for (const got of [[...cache.iterate()][0], unpackPage(everything([cache]))[0]]) {
      expect(got).toEqual(stored);
      expect(JSON.stringify(got)).toBe(JSON.stringify(stored));
    }
  });

  it('still reads rows stored as whole objects by earlier versions', () => {
    const db = openDatabase(':memory:');
    const cache = new InventoryCache(db);
    cache.replaceTarget(A, rowsOf(A, ['ami-1', 'ami-3']), at(1));
    const old = row({ ...A, imageId: 'ami-2', name: 'from an earlier version' });
    db.prepare('INSERT INTO inventory_rows (account, region, view, image_id, row_json) VALUES (?, ?, ?, ?, ?)').run(A.account, A.region, A.view, old.imageId, JSON.stringify(old));
    expect([...cache.iterate()][1]).toEqual(old);
    expect([...cache.iterate()].map((r) => r.name)).toContain('from an earlier version');
    expect(unpackPage(everything([cache])).map((r) => r.imageId)).toEqual(['ami-1', 'ami-2', 'ami-3']);
    expect(unpackPage(everything([cache]))[1]).toEqual(old);
  });
});

describe('inventory cache: what a target’s rows share is kept once', () => {
  const T = '111122223333';
  // Every way a row can be read back: a page, the export/CLI iteration, and inventory:rows.
  const readings = (cache: InventoryCache, targets: ScanTarget[] = cache.targets()) => [[...cache.iterate()], unpackPage(targetsAcross([cache], targets))];
  const expectReadBack = (cache: InventoryCache, want: InventoryRow[], targets?: ScanTarget[]) => {
    for (const got of readings(cache, targets)) {
      expect(got).toEqual(want);
      expect(JSON.stringify(got)).toBe(JSON.stringify(want)); // same keys, same order
    }
  };
  const storedJson = (db: Database, imageId: string) =>
    (db.prepare('SELECT row_json FROM inventory_rows WHERE image_id = ?').get(imageId) as { row_json: string }).row_json;
  const storedStrings = (db: Database, t: ScanTarget): string[] =>
    JSON.parse((db.prepare('SELECT strings FROM inventory_targets WHERE account = ? AND region = ? AND view = ?').get(t.account, t.region, t.view) as { strings: string }).strings) as string[];
  const scanned = (t: ScanTarget, ids: string[], scannedAt: string, overrides: Partial<InventoryRow> = {}) =>
    ids.map((imageId) => row({ ...t, imageId, awsAccountId: T, ownerId: T, scannedAt, ...overrides }));

  it('stores neither the scan time nor the account id (nor an owned image’s owner) per row, and gives them back', () => {
    const db = openDatabase(':memory:');
    const cache = new InventoryCache(db);
    const rows = [
      ...scanned(A, ['ami-1'], at(1)),
      ...scanned(A, ['ami-2'], at(1), { ownerId: '999988887777', ownerAlias: 'amazon', public: true, launchPermission: 'public' }),
      ...scanned(A, ['ami-3'], at(1), { deprecationTime: '2027-01-01T00:00:00.000Z', sharedWith: ['222233334444'], launchPermission: 'shared', encrypted: true }),
      ...scanned(A, ['ami-4'], at(1), { ownerId: '', snapshotIds: [], tags: [{ key: 'Name', value: 'x' }] }),
    ];
    cache.replaceTarget(A, rows, at(1));
    expect(storedJson(db, 'ami-1')).not.toContain(at(1));
    expect(storedJson(db, 'ami-1')).not.toContain(T);
    // Snapshots, their size, who may launch ('private', which several rows share, by its place); the rest, at their defaults, left out.
    expect(JSON.parse(storedJson(db, 'ami-1')).slice(-3)).toEqual([[], 8, storedStrings(db, A).indexOf('private')]);
    expect(parseJsonText(everything([cache]).groups)[0]!.slice(0, 5)).toEqual([A.account, A.region, A.view, at(1), T]);
    expectReadBack(cache, rows);
  });

  it('a rescan gives every row the new scan time', () => {
    const cache = new InventoryCache(openDatabase(':memory:'));
    cache.replaceTarget(A, scanned(A, ['ami-1', 'ami-2'], at(1)), at(1));
    cache.replaceTarget(B, scanned(B, ['ami-9'], at(2)), at(2));
    const again = scanned(A, ['ami-1', 'ami-3'], at(3));
    cache.replaceTarget(A, again, at(3));
    expectReadBack(cache, [...again, ...scanned(B, ['ami-9'], at(2))]);
    expect(cache.targets().map((t) => t.scannedAt)).toEqual([at(3), at(2)]);
  });

  it('rows written by writeRow keep the target’s time, or their own where it differs', () => {
    const db = openDatabase(':memory:');
    const cache = new InventoryCache(db);
    const shared: ScanTarget = { account: 'acct-a', region: 'us-east-1', view: 'shared' };
    cache.replaceTarget(A, scanned(A, ['ami-1', 'ami-2'], at(1)), at(1));
    cache.replaceTarget(shared, scanned(shared, ['ami-7'], at(2), { ownerId: '444455556666', launchPermission: null }), at(2));
    // A share changes ami-1's permissions; the row keeps the target's scan time.
    expect(cache.writeRow(A, 'ami-1', (r) => (r ? { ...r, launchPermission: 'shared', sharedWith: ['444455556666'] } : null))).toBe(true);
    expect(storedJson(db, 'ami-1')).not.toContain(at(1));
    // A row brought in from another target's change carries that target's time and another account id.
    const arrived = row({ ...shared, imageId: 'ami-8', ownerId: '555566667777', awsAccountId: '999900001111', launchPermission: null, scannedAt: at(5) });
    expect(cache.writeRow(shared, 'ami-8', () => arrived)).toBe(true);
    // One that differs only in its account id (even a null one) keeps exactly that.
    const noId = row({ ...A, imageId: 'ami-3', ownerId: T, awsAccountId: null, scannedAt: at(1) });
    expect(cache.writeRow(A, 'ami-3', () => noId)).toBe(true);
    const want = [
      { ...scanned(A, ['ami-1'], at(1))[0]!, launchPermission: 'shared' as const, sharedWith: ['444455556666'] },
      ...scanned(A, ['ami-2'], at(1)),
      noId,
      ...scanned(shared, ['ami-7'], at(2), { ownerId: '444455556666', launchPermission: null }),
      arrived,
    ];
    expectReadBack(cache, want);
    expect(cache.targetRows(shared)).toEqual(want.slice(3));
    // A rescan rewrites them all against the new record.
    const again = scanned(shared, ['ami-7', 'ami-8'], at(6), { ownerId: '444455556666', launchPermission: null });
    cache.replaceTarget(shared, again, at(6));
    expectReadBack(cache, [...want.slice(0, 3), ...again]);
  });

  it('a target scanned empty, then given a row by writeRow, gives it back', () => {
    const cache = new InventoryCache(openDatabase(':memory:'));
    cache.replaceTarget(A, [], at(1));
    const added = row({ ...A, imageId: 'ami-5', awsAccountId: T, ownerId: T, scannedAt: at(4) });
    expect(cache.writeRow(A, 'ami-5', () => added)).toBe(true);
    expectReadBack(cache, [added]);
  });

  it('reads a row whose target has no record (it carries its own values)', () => {
    const db = openDatabase(':memory:');
    const cache = new InventoryCache(db);
    const lone = row({ ...A, imageId: 'ami-1', awsAccountId: T, ownerId: T, scannedAt: at(1) });
    const packed = JSON.stringify(packRow(lone, { scannedAt: null, awsAccountId: null }));
    db.prepare('INSERT INTO inventory_rows (account, region, view, image_id, row_json) VALUES (?, ?, ?, ?, ?)').run(A.account, A.region, A.view, lone.imageId, packed);
    expectReadBack(cache, [lone], [A]);
  });

  it('reads legacy object rows next to packed ones, in every reading, exactly', () => {
    const db = openDatabase(':memory:');
    const cache = new InventoryCache(db);
    const rows = scanned(A, ['ami-1', 'ami-3'], at(1));
    cache.replaceTarget(A, rows, at(1));
    // As an earlier version stored it: the whole object, with its own (older) scan time and no owner match.
    const old = row({ ...A, imageId: 'ami-2', name: 'from an earlier version', awsAccountId: T, ownerId: '000011112222', scannedAt: at(0) });
    db.prepare('INSERT INTO inventory_rows (account, region, view, image_id, row_json) VALUES (?, ?, ?, ?, ?)').run(A.account, A.region, A.view, old.imageId, JSON.stringify(old));
    expectReadBack(cache, [rows[0]!, old, rows[1]!]);
    // A change through the app packs it like the rest.
    expect(cache.writeRow(A, 'ami-2', (r) => (r ? { ...r, state: 'disabled' } : null))).toBe(true);
    expect(storedJson(db, 'ami-2').startsWith('[')).toBe(true);
    expectReadBack(cache, [rows[0]!, { ...old, state: 'disabled' }, rows[1]!]);
  });
});

describe('inventory cache: texts a target’s rows share', () => {
  const T = '111122223333';
  const DESCRIPTION = 'Golden Amazon Linux 2023, CIS level 1';
  const golden = (t: ScanTarget, imageId: string, extra: Partial<InventoryRow> = {}) =>
    row({ ...t, imageId, name: `golden-${imageId}`, description: DESCRIPTION, awsAccountId: T, ownerId: T, scannedAt: at(1), tags: [{ key: 'Team', value: 'platform' }, { key: 'Build', value: imageId }], ...extra });
  // What each reading shows of a row (an AMI row folds listings, so it is compared on these).
  const shown = (r: InventoryRow | AmiRow) => [r.imageId, r.name, r.description, r.state, r.architecture, r.tags, r.launchPermission, r.sharedWith, r.snapshotIds, r.scannedAt];
  const expectReadBack = (cache: InventoryCache, want: InventoryRow[]) => {
    expect(JSON.stringify([...cache.iterate()])).toBe(JSON.stringify(want));
    expect(JSON.stringify(unpackPage(everything([cache])))).toBe(JSON.stringify(want));
    expect([...cache.amis(1)].map(shown)).toEqual(want.map(shown));
  };
  const stored = (db: Database) => (db.prepare('SELECT image_id, row_json FROM inventory_rows ORDER BY image_id').all() as Array<{ image_id: string; row_json: string }>).map((r) => r.row_json);
  const strings = (db: Database, t: ScanTarget) =>
    (db.prepare('SELECT strings FROM inventory_targets WHERE account = ? AND region = ? AND view = ?').get(t.account, t.region, t.view) as { strings: string | null }).strings;

  it('keeps a text several rows name once with the target, names it by place in each row, and gives every row back', () => {
    const db = openDatabase(':memory:');
    const cache = new InventoryCache(db);
    const rows = ['ami-1', 'ami-2', 'ami-3'].map((id) => golden(A, id));
    cache.replaceTarget(A, rows, at(1));
    const kept = JSON.parse(strings(db, A)!) as string[];
    expect(kept).toEqual(expect.arrayContaining([DESCRIPTION, 'Team', 'platform', 'Build', 'available', 'x86_64']));
    // A text only one row names stays in that row (each image's own build number).
    expect(kept).not.toContain('ami-2');
    for (const json of stored(db)) expect(json).not.toContain(DESCRIPTION);
    expect(stored(db)[1]).toContain('"ami-2"');
    // Smaller than the rows packed without places.
    const plain = rows.map((r) => JSON.stringify(packRow(r, { scannedAt: at(1), awsAccountId: T }))).join(',');
    expect(stored(db).join(',').length + strings(db, A)!.length).toBeLessThan(plain.length);
    expectReadBack(cache, rows);
  });

  it('a target whose rows share nothing keeps no strings', () => {
    const db = openDatabase(':memory:');
    const cache = new InventoryCache(db);
    cache.replaceTarget(A, [golden(A, 'ami-1')], at(1));
    expect(strings(db, A)).toBeNull();
    expect([...cache.iterate()]).toEqual([golden(A, 'ami-1')]);
  });

  it('a row written alone names the texts its target holds by place and keeps new ones as text', () => {
    const db = openDatabase(':memory:');
    const cache = new InventoryCache(db);
    cache.replaceTarget(A, ['ami-1', 'ami-2'].map((id) => golden(A, id, { launchPermission: null })), at(1));
    const before = strings(db, A);
    // A change made in the app: a tag value no row had, beside texts the target holds.
    expect(cache.writeRow(A, 'ami-1', (r) => (r ? { ...r, tags: [...r.tags, { key: 'Env', value: 'never-seen-before' }] } : null))).toBe(true);
    // Permissions read by a scan's second phase: an account no row named.
    cache.setPermissions([{ target: A, updates: [{ imageId: 'ami-2', access: { launchPermission: 'shared', sharedWith: ['444455556666'] } }] }], at(2));
    expect(strings(db, A)).toBe(before);
    const [one, two] = stored(db);
    expect(one).toContain('"never-seen-before"');
    expect(one).not.toContain(DESCRIPTION);
    expect(two).toContain('"444455556666"');
    const want = [
      golden(A, 'ami-1', { launchPermission: null, tags: [{ key: 'Team', value: 'platform' }, { key: 'Build', value: 'ami-1' }, { key: 'Env', value: 'never-seen-before' }] }),
      golden(A, 'ami-2', { launchPermission: 'shared', sharedWith: ['444455556666'] }),
    ];
    expectReadBack(cache, want);
  });

  it('permissions read after a rescan are packed against its strings, not the last scan’s', () => {
    const cache = new InventoryCache(openDatabase(':memory:'));
    const sharing = { launchPermission: 'shared' as const, sharedWith: ['444455556666'] };
    cache.replaceTarget(A, ['ami-1', 'ami-2'].map((id) => golden(A, id, sharing)), at(1));
    cache.setPermissions([{ target: A, updates: [{ imageId: 'ami-1', access: { launchPermission: 'private', sharedWith: [] } }] }], at(2));
    // Scanned again: 'shared' and the account are no longer texts the rows share, and 'often' takes the first place.
    const often = [{ key: 'A', value: 'often' }, { key: 'B', value: 'often' }, { key: 'C', value: 'often' }];
    const again = ['ami-1', 'ami-2'].map((id) => golden(A, id, { description: 'Rebuilt', tags: often, launchPermission: null, scannedAt: at(3) }));
    cache.replaceTarget(A, again, at(3));
    cache.setPermissions([{ target: A, updates: [{ imageId: 'ami-1', access: sharing }] }], at(4));
    expectReadBack(cache, [{ ...again[0]!, ...sharing }, again[1]!]);
  });

  it('a rescan between two pages of AMIs never pairs a row with the other scan’s strings', () => {
    const cache = new InventoryCache(openDatabase(':memory:'));
    const ids = ['ami-b1', 'ami-b2', 'ami-b3'];
    const old = ids.map((id) => golden(B, id));
    cache.replaceTarget(A, [golden(A, 'ami-a1')], at(1));
    cache.replaceTarget(B, old, at(1));
    const reading = cache.amis(1);
    const seen = [reading.next().value!];
    // B scanned again with other texts shared (so other places), while the reading waits between pages.
    const again = ids.map((id) => golden(B, id, { description: 'Rebuilt', architecture: 'arm64', tags: [{ key: 'Owner', value: 'sre' }], scannedAt: at(2) }));
    cache.replaceTarget(B, again, at(2));
    for (let r = reading.next(); !r.done; r = reading.next()) seen.push(r.value);
    // Each row whole, as one scan or the other wrote it; the rows read after the rescan are the new ones.
    expect(seen.map((r) => r.imageId)).toEqual([...ids, 'ami-a1']);
    seen.slice(0, 3).forEach((r, i) => expect([old[i], again[i]].map((w) => JSON.stringify(shown(w!)))).toContain(JSON.stringify(shown(r))));
    expect(shown(seen[2]!)).toEqual(shown(again[2]!));
    expect(shown(seen[3]!)).toEqual(shown(golden(A, 'ami-a1')));
  });
});

describe('opening a database written by an earlier build', () => {
  it('drops rows packed in the earlier layout, keeps rows stored as objects, and counts what is left', async () => {
    const T = '111122223333';
    const { DatabaseSync } = await import('node:sqlite');
    const { migrations } = await import('../../electron/core/db/migrations');
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'atlas-migrate-'));
    try {
      const file = join(dir, 'atlas.sqlite');
      // The database as a build at schema version 6 left it.
      const old = new DatabaseSync(file);
      old.exec('CREATE TABLE schema_version (version INTEGER NOT NULL)');
      for (const m of migrations.filter((m) => m.version <= 6)) {
        old.exec(m.sql);
        old.prepare('INSERT INTO schema_version (version) VALUES (?)').run(m.version);
      }
      // The account entry the rows were scanned through (rows of no entry go with the entry's removal).
      old.exec(`INSERT INTO clients (id, name, color, production, created_at) VALUES ('c1', 'Acme', '#2f81f7', 0, '2026-01-01')`);
      old.prepare(`INSERT INTO accounts (id, name, client_id, kind, default_region, aws_account_id, created_at) VALUES (?, 'prod', 'c1', 'access-key', 'eu-west-1', ?, '2026-01-01')`).run(A.account, T);
      old.prepare("INSERT INTO inventory_targets (account, region, view, state, count, scanned_at, attempted_at) VALUES (?, ?, ?, 'done', 2, ?, ?)").run(A.account, A.region, A.view, at(1), at(1));
      const objectRow = row({ ...A, imageId: 'ami-object', name: 'stored as an object' });
      old.prepare('INSERT INTO inventory_rows (account, region, view, image_id, row_json) VALUES (?, ?, ?, ?, ?)').run(A.account, A.region, A.view, 'ami-object', JSON.stringify(objectRow));
      old.prepare('INSERT INTO inventory_rows (account, region, view, image_id, row_json) VALUES (?, ?, ?, ?, ?)').run(A.account, A.region, A.view, 'ami-packed', '["ami-packed","an earlier layout"]');
      old.close();

      const db = openDatabase(file);
      const cache = new InventoryCache(db);
      expect([...cache.iterate()].map((r) => r.imageId)).toEqual(['ami-object']);
      // The rows now belong to the AWS account the entry reached.
      const account = (db.prepare('SELECT id FROM aws_accounts WHERE aws_account_id = ?').get(T) as { id: string }).id;
      expect(cache.targets()[0]).toMatchObject({ account, count: 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
