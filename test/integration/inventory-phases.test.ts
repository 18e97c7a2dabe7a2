/**
 * A scan against an emulator that throttles as EC2 does (a token bucket of 100 per account,
 * region and action, refilled at 20 a second), through the real SDK and the app's core: the
 * scanner paces itself by the same buckets, so more than 100 reads in one account-region are not
 * throttled; every target is listed before launch permissions are read, rows saying "permissions
 * pending" until then; rows whose permissions cannot be read are exported as pending; and a
 * rescan re-reads only what changed.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import { demoWorldOf } from '../../electron/demo/start-demo-emulator';
import { MemorySecretStore } from '../../electron/core/accounts/secret-store';
import { targetKey, withPermissions, type InventoryRow, type ScanStatus, type TargetPermissionsUpdate } from '../../shared/inventory';
import type { Workspace } from '../../shared/model';
import { truthFor } from './inventory-helpers';

/** More owned AMIs per account-region than a full bucket holds. */
const IMAGES = 140;

let emulator: RunningEmulator;
let core: AppCore;
let ws: Workspace;
let dir: string;
let savePath: string | null = null;
/** Every inventory:targetRows event, in order. */
const rowEvents: Array<{ key: string; rows: InventoryRow[] }> = [];
/** Both kinds of row events in order: a listing, or launch permissions read. */
const order: string[] = [];
/** Each target's rows as the page holds them: listed, then with the permissions sent since. */
const pageRows = new Map<string, InventoryRow[]>();
const progress: ScanStatus[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-phases-'));
  emulator = await startEmulator({ port: 0, world: { accounts: 2, regions: 2, imagesPerAccountRegion: IMAGES }, ec2Throttling: { enabled: true } });
  core = createAppCore({
    databaseFile: path.join(dir, 'atlas.sqlite'),
    secrets: new MemorySecretStore(),
    info: { name: 'AMI Atlas', version: 'test', platform: process.platform, host: 'preview' },
    chooseSavePath: async () => savePath,
    startDemoWorld: async () => demoWorldOf(emulator),
  });
  core.onEvent((event, payload) => {
    if (event === 'inventory:targetRows') {
      const p = payload as { target: Parameters<typeof targetKey>[0]; rows: InventoryRow[] };
      rowEvents.push({ key: targetKey(p.target), rows: p.rows });
      order.push(`listed ${targetKey(p.target)}`);
      pageRows.set(targetKey(p.target), p.rows);
    }
    if (event === 'inventory:targetPermissions') {
      const p = payload as { target: Parameters<typeof targetKey>[0]; permissions: TargetPermissionsUpdate[] };
      order.push(`permissions ${targetKey(p.target)}`);
      // Only the rows read travel: far fewer than the target's.
      expect(p.permissions.length).toBeLessThanOrEqual(500);
      pageRows.set(targetKey(p.target), withPermissions(pageRows.get(targetKey(p.target)) ?? [], p.permissions));
    }
    if (event === 'inventory:progress') progress.push(payload as ScanStatus);
  });
  ws = await core.handlers['demo:open']({});
});

afterAll(async () => {
  await core?.close();
  await emulator?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function scan(input: Parameters<AppCore['handlers']['inventory:scan']>[0] = {}): Promise<ScanStatus> {
  await core.handlers['inventory:scan'](input);
  return (await core.inventory.scanFinished())!;
}

const accountOf = (entryId: string) => emulator.world.accounts.find((a) => a.accountId === ws.accounts.find((e) => e.id === entryId)!.awsAccountId)!;
/** The owned AMIs a target lists (the world also holds a few disabled and deregistered ones). */
const truthOf = (t: { account: string; region: string }) => truthFor(emulator, accountOf(t.account), t.region, 'owned');

describe('a scan paced by EC2’s token buckets, in two phases', () => {
  let status: ScanStatus;
  let throttled: number;

  beforeAll(async () => {
    const before = emulator.stats();
    status = await scan({ views: ['owned'] });
    throttled = emulator.stats().throttled - before.throttled;
  }, 60_000);

  it('reads more than a bucket holds in each account-region without being throttled, and every row and permission is true', async () => {
    expect(status.state).toBe('done');
    expect(status.targets).toHaveLength(4);
    expect(throttled).toBe(0);
    for (const t of status.targets) {
      expect(t.state, `${targetKey(t)}: ${t.error}`).toBe('done');
      expect(t.count).toBe(truthOf(t).length);
      expect(t.count).toBeGreaterThan(100);
      expect(t.permissions).toEqual({ pending: 0, error: null, errorCode: null });
      const rows = core.inventory && (await core.handlers['inventory:summary']({})).targets.find((x) => targetKey(x) === targetKey(t));
      expect(rows?.count).toBe(t.count);
      const last = pageRows.get(targetKey(t))!;
      const truth = truthOf(t);
      expect(last.map((r) => ({ imageId: r.imageId, launchPermission: r.launchPermission, sharedWith: r.sharedWith })).sort((a, b) => (a.imageId < b.imageId ? -1 : 1))).toEqual(
        truth.map((r) => ({ imageId: r.imageId, launchPermission: r.launchPermission, sharedWith: r.sharedWith })),
      );
    }
  });

  it('completes the grid before the permissions: every target listed first, its rows pending until read', () => {
    const listed = progress.find((p) => p.listedAt !== null && p.scanId === status.scanId)!;
    expect(listed.state).toBe('running');
    expect(listed.targets.every((t) => t.state === 'done' && t.count === truthOf(t).length)).toBe(true);
    // More than a bucket per account-region: reading them all takes seconds after the listing.
    expect(listed.targets.reduce((n, t) => n + (t.permissions?.pending ?? 0), 0)).toBeGreaterThan(0);
    expect(Date.parse(status.finishedAt!) - Date.parse(status.listedAt!)).toBeGreaterThan(500);
    for (const t of status.targets) {
      const events = rowEvents.filter((e) => e.key === targetKey(t));
      // The listing: every row there, each pending.
      expect(events[0]!.rows).toHaveLength(t.count);
      expect(events[0]!.rows.every((r) => r.launchPermission === null)).toBe(true);
    }
    // Every target's listing arrived before the first permissions did.
    const firstRead = order.findIndex((e) => e.startsWith('permissions'));
    expect(firstRead).toBeGreaterThan(0);
    expect(new Set(order.slice(0, firstRead)).size).toBe(4);
  });

  it('a rescan re-reads launch permissions only for AMIs that changed since', async () => {
    const [owner] = emulator.world.accounts.filter((a) => a.accountId === ws.accounts[0]!.awsAccountId);
    const region = status.targets.find((t) => accountOf(t.account).accountId === owner!.accountId)!.region;
    const listedIds = new Set(truthFor(emulator, owner!, region, 'owned').map((r) => r.imageId));
    const renamed = emulator.world.imagesIn(region).filter((i) => listedIds.has(i.imageId)).slice(0, 3);
    for (const image of renamed) image.name = `${image.name}-rebuilt`;
    // Denied now: only images the rescan asks about end up pending, and it must ask about exactly the renamed ones.
    emulator.denyAction(owner!.accountId, 'DescribeImageAttribute');
    try {
      const again = await scan({ views: ['owned'] });
      const target = again.targets.find((t) => accountOf(t.account).accountId === owner!.accountId && t.region === region)!;
      expect(target.permissions).toMatchObject({ pending: 3, errorCode: 'ACCESS_DENIED' });
      const others = again.targets.filter((t) => t !== target);
      expect(others.every((t) => t.permissions?.pending === 0 && t.permissions.error === null)).toBe(true);
    } finally {
      emulator.allowAction(owner!.accountId, 'DescribeImageAttribute');
    }
  }, 60_000);

  it('exports AMIs whose permissions could not be read as "permissions pending", and says how many', async () => {
    const owner = accountOf(status.targets[0]!.account);
    emulator.denyAction(owner.accountId, 'DescribeImageAttribute');
    try {
      const again = await scan({ views: ['owned'], permissionsMaxAgeHours: 0 });
      const denied = again.targets.filter((t) => accountOf(t.account).accountId === owner.accountId);
      for (const t of denied) {
        expect(t).toMatchObject({ state: 'done', count: truthOf(t).length, permissions: { pending: truthOf(t).length, errorCode: 'ACCESS_DENIED' } });
        expect(t.permissions!.error).toContain('DescribeImageAttribute');
      }
    } finally {
      emulator.allowAction(owner.accountId, 'DescribeImageAttribute');
    }
    savePath = path.join(dir, 'pending.csv');
    const result = await core.handlers['inventory:export']({ columns: ['imageId', 'account', 'launchPermission', 'visibility'], filter: null, bom: false });
    const deniedRows = status.targets.filter((t) => accountOf(t.account).accountId === owner.accountId).reduce((n, t) => n + truthOf(t).length, 0);
    expect(result).toMatchObject({ rows: status.targets.reduce((n, t) => n + truthOf(t).length, 0), permissionsPending: deniedRows });
    const records = parse(await readFile(savePath), { columns: true }) as Array<{ imageId: string; account: string; launchPermission: string; visibility: string }>;
    const name = ws.accounts.find((a) => a.awsAccountId === owner.accountId)!.name;
    const mine = records.filter((r) => r.account.startsWith(name));
    expect(mine).toHaveLength(deniedRows);
    expect(mine.every((r) => r.launchPermission === 'pending' && r.visibility === 'permissions pending')).toBe(true);
    expect(records.filter((r) => !r.account.startsWith(name)).every((r) => r.launchPermission !== 'pending' && r.launchPermission !== '' && r.visibility !== 'permissions pending')).toBe(true);
  }, 60_000);
});
