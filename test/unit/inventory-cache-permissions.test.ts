import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/database';
import { migrations } from '../../electron/core/db/migrations';
import { InventoryCache, type PermissionsUpdate } from '../../electron/core/inventory/cache';
import { listingFingerprint } from '../../electron/core/inventory/rows';
import { permissionsPending, visibilityLabel } from '../../shared/ami-rows';
import type { ScanTarget } from '../../shared/inventory';
import { row } from './inventory-fixtures';

const A: ScanTarget = { account: 'acct-a', region: 'us-east-1', view: 'owned' };
const at = (minute: number) => `2026-11-28T00:${String(minute).padStart(2, '0')}:00.000Z`;
const listed = (imageId: string, overrides: Parameters<typeof row>[0] = {}) => row({ ...A, imageId, launchPermission: null, sharedWith: [], ...overrides });

describe('inventory cache: launch permissions read after the listing', () => {
  it('holds listed rows as pending until their permissions are filled in, then counts none pending', () => {
    const cache = new InventoryCache(openDatabase(':memory:'));
    cache.replaceTarget(A, [listed('ami-1'), listed('ami-2'), listed('ami-3')], at(1));
    expect(cache.targets()[0]!.permissions).toEqual({ pending: 3, error: null, errorCode: null });
    const rows = cache.targetRows(A);
    expect(rows.every((r) => permissionsPending({ view: r.view, launchPermission: r.launchPermission }))).toBe(true);
    expect(visibilityLabel({ view: 'owned', launchPermission: null, sharedWith: [] })).toBe('permissions pending');

    // ami-3 was deregistered between the listing and the read: it goes.
    const updates: PermissionsUpdate[] = [
      { imageId: 'ami-1', access: { launchPermission: 'shared', sharedWith: ['222233334444'] } },
      { imageId: 'ami-2', access: { launchPermission: 'private', sharedWith: [] } },
      { imageId: 'ami-3', access: null },
    ];
    cache.setPermissions([{ target: A, updates }], at(2));
    expect(cache.targetRows(A).map((r) => [r.imageId, r.launchPermission, r.sharedWith])).toEqual([
      ['ami-1', 'shared', ['222233334444']],
      ['ami-2', 'private', []],
    ]);
    expect(cache.targets()[0]).toMatchObject({ count: 2, permissions: { pending: 0, error: null } });
  });

  it('fills in many targets’ permissions in one go: each row in its own target, each count its own', () => {
    const cache = new InventoryCache(openDatabase(':memory:'));
    const B: ScanTarget = { account: 'acct-b', region: 'eu-west-1', view: 'owned' };
    cache.replaceTarget(A, [listed('ami-1'), listed('ami-2')], at(1));
    cache.replaceTarget(B, [row({ ...B, imageId: 'ami-1', launchPermission: null, sharedWith: [] }), row({ ...B, imageId: 'ami-9', launchPermission: null, sharedWith: [] })], at(1));
    // A target the inventory no longer holds (removed meanwhile) is skipped, not an error.
    const gone: ScanTarget = { account: 'acct-gone', region: 'us-east-1', view: 'owned' };
    cache.setPermissions([
      { target: A, updates: [{ imageId: 'ami-1', access: { launchPermission: 'public', sharedWith: [] } }] },
      { target: gone, updates: [{ imageId: 'ami-1', access: { launchPermission: 'private', sharedWith: [] } }] },
      { target: B, updates: [{ imageId: 'ami-1', access: { launchPermission: 'shared', sharedWith: ['222233334444'] } }, { imageId: 'ami-9', access: null }] },
    ], at(2));
    // The same image id in two accounts: each row took its own target's answer.
    expect(cache.targetRows(A).map((r) => [r.imageId, r.launchPermission])).toEqual([['ami-1', 'public'], ['ami-2', null]]);
    expect(cache.targetRows(B).map((r) => [r.imageId, r.launchPermission, r.sharedWith])).toEqual([['ami-1', 'shared', ['222233334444']]]);
    const byAccount = new Map(cache.targets().map((t) => [t.account, t]));
    expect(byAccount.get('acct-a')).toMatchObject({ count: 2, permissions: { pending: 1 } });
    expect(byAccount.get('acct-b')).toMatchObject({ count: 1, permissions: { pending: 0 } });
    expect(byAccount.has('acct-gone')).toBe(false);
  });

  it('records why a target’s permissions could not be read, and a new listing clears it', () => {
    const cache = new InventoryCache(openDatabase(':memory:'));
    cache.replaceTarget(A, [listed('ami-1')], at(1));
    cache.markPermissionsFailed(A, { message: 'Access denied in acme-prod/us-east-1: ec2:DescribeImageAttribute', code: 'ACCESS_DENIED' });
    expect(cache.targets()[0]).toMatchObject({ state: 'done', count: 1, permissions: { pending: 1, errorCode: 'ACCESS_DENIED' } });
    cache.replaceTarget(A, [listed('ami-1')], at(3));
    expect(cache.targets()[0]!.permissions).toEqual({ pending: 1, error: null, errorCode: null });
  });

  it('remembers what was read and when, for a rescan to keep unchanged images’ permissions', () => {
    const cache = new InventoryCache(openDatabase(':memory:'));
    cache.replaceTarget(A, [listed('ami-1'), listed('ami-2')], at(1));
    cache.setPermissions([{ target: A, updates: [{ imageId: 'ami-1', access: { launchPermission: 'public', sharedWith: [] } }] }], at(2));
    const known = cache.knownPermissions(A);
    expect([...known.keys()]).toEqual(['ami-1']);
    expect(known.get('ami-1')).toEqual({
      fingerprint: listingFingerprint(listed('ami-1')),
      access: { launchPermission: 'public', sharedWith: [] },
      readAt: at(2),
    });
    // A rescan that keeps them passes their read time on; rows read in that scan get the scan's.
    cache.replaceTarget(A, [listed('ami-1', { launchPermission: 'public' }), listed('ami-2', { launchPermission: 'private' })], at(9), new Map([['ami-1', at(2)]]));
    expect([...cache.knownPermissions(A)].map(([id, k]) => [id, k.readAt])).toEqual([['ami-1', at(2)], ['ami-2', at(9)]]);
    // A change made in the app keeps the read time; a row it adds with known permissions is read now.
    cache.writeRow(A, 'ami-1', (r) => (r ? { ...r, name: 'renamed' } : null));
    expect(cache.knownPermissions(A).get('ami-1')!.readAt).toBe(at(2));
  });

  it('an inventory stored before counts its owned rows as read when their target was scanned', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-permissions-'));
    try {
      const file = join(dir, 'atlas.sqlite');
      const old = new DatabaseSync(file);
      old.exec('CREATE TABLE schema_version (version INTEGER NOT NULL)');
      for (const m of migrations.filter((m) => m.version <= 16)) {
        old.exec(m.sql);
        m.run?.(old);
        old.prepare('INSERT INTO schema_version (version) VALUES (?)').run(m.version);
      }
      // Written by the version before: rows without a read time.
      old.prepare("INSERT INTO inventory_targets (account, region, view, state, count, scanned_at, attempted_at) VALUES (?, ?, ?, 'done', 1, ?, ?)").run(A.account, A.region, A.view, at(4), at(4));
      old.prepare('INSERT INTO inventory_rows (account, region, view, image_id, row_json, owner_id) VALUES (?, ?, ?, ?, ?, ?)').run(A.account, A.region, A.view, 'ami-old', JSON.stringify(row({ ...A, imageId: 'ami-old' })), '111122223333');
      old.close();

      const cache = new InventoryCache(openDatabase(file));
      expect(cache.targets()[0]!.permissions).toEqual({ pending: 0, error: null, errorCode: null });
      expect(cache.knownPermissions(A).get('ami-old')!.readAt).toBe(at(4));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
