import { setTimeout as sleep } from 'node:timers/promises';
import type { Image, LaunchPermission } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import type { KnownPermissions } from '../../electron/core/inventory/cache';
import { listingFingerprint } from '../../electron/core/inventory/rows';
import { InventoryScan, type ScanOps, type ScanSink } from '../../electron/core/inventory/scanner';
import { targetKey, type InventoryRow, type ScanStatus, type ScanTarget } from '../../shared/inventory';

interface FakeWorld {
  regions: Record<string, string[]>;
  /** key = account|region|view */
  images: Record<string, Image[]>;
  perms?: Record<string, LaunchPermission[]>;
  /** `account|region|view`, `account|regions`, or `perms:account|region` (every launch-permission read there is denied). */
  fail?: Set<string>;
  pageSize?: number;
  latencyMs?: number;
}

function fakeOps(world: FakeWorld) {
  const inFlight = { overall: 0, max: 0, perAccount: new Map<string, number>(), maxPerAccount: new Map<string, number>() };
  let calls = 0;
  const permissionReads: string[] = [];
  const call = async <T>(account: string, signal: AbortSignal, work: () => T): Promise<T> => {
    calls += 1;
    inFlight.overall += 1;
    inFlight.max = Math.max(inFlight.max, inFlight.overall);
    const n = (inFlight.perAccount.get(account) ?? 0) + 1;
    inFlight.perAccount.set(account, n);
    inFlight.maxPerAccount.set(account, Math.max(inFlight.maxPerAccount.get(account) ?? 0, n));
    try {
      await sleep(world.latencyMs ?? 2, undefined, { signal });
      return work();
    } finally {
      inFlight.overall -= 1;
      inFlight.perAccount.set(account, inFlight.perAccount.get(account)! - 1);
    }
  };
  const ops: ScanOps = {
    accountInfo: (account) => ({ awsAccountId: `id-${account}`, defaultRegion: 'us-east-1' }),
    regions: (account, signal) =>
      call(account, signal, () => {
        if (world.fail?.has(`${account}|regions`)) throw Object.assign(new Error(`denied regions for ${account}`), { code: 'ACCESS_DENIED' });
        return world.regions[account] ?? [];
      }),
    imagesPage: (target, token, signal) =>
      call(target.account, signal, () => {
        if (world.fail?.has(targetKey(target))) throw Object.assign(new Error(`denied ${targetKey(target)}`), { code: 'ACCESS_DENIED' });
        const all = world.images[targetKey(target)] ?? [];
        const size = world.pageSize ?? 1000;
        const start = token ? Number(token) : 0;
        const next = start + size < all.length ? String(start + size) : undefined;
        return { images: all.slice(start, start + size), nextToken: next };
      }),
    launchPermissions: (target, imageId, signal) =>
      call(target.account, signal, () => {
        permissionReads.push(imageId);
        if (world.fail?.has(`perms:${target.account}|${target.region}`)) throw Object.assign(new Error(`denied ec2:DescribeImageAttribute in ${target.region}`), { code: 'ACCESS_DENIED' });
        return world.perms?.[imageId] ?? [];
      }),
  };
  return { ops, inFlight, calls: () => calls, permissionReads };
}

/** What a cache would hold: rows as listed, then with the permissions phase two read. */
function recorder(known: Map<string, Map<string, KnownPermissions>> = new Map()) {
  const done = new Map<string, InventoryRow[]>();
  const failed = new Map<string, string>();
  const permissionsFailed = new Map<string, string>();
  const progress: ScanStatus[] = [];
  /** In order: `listed <target>` and `permissions <target>`. */
  const events: string[] = [];
  const sink: ScanSink = {
    progress: (s) => progress.push(s),
    targetDone: (t, rows) => {
      events.push(`listed ${targetKey(t)}`);
      done.set(targetKey(t), rows.map((r) => ({ ...r })));
    },
    targetFailed: (t, f) => failed.set(targetKey(t), f.code ?? ''),
    permissionsRead: (batches, readAt) => {
      for (const { target: t, updates } of batches) {
        events.push(`permissions ${targetKey(t)}`);
        const rows = done.get(targetKey(t))!;
        for (const u of updates) {
          const i = rows.findIndex((r) => r.imageId === u.imageId);
          if (u.access === null) rows.splice(i, 1);
          else rows[i] = { ...rows[i]!, ...u.access };
          const mine = known.get(targetKey(t)) ?? new Map<string, KnownPermissions>();
          if (u.access) mine.set(u.imageId, { fingerprint: listingFingerprint(rows[i]!), access: u.access, readAt });
          known.set(targetKey(t), mine);
        }
      }
    },
    permissionsFailed: (t, f) => permissionsFailed.set(targetKey(t), f.code ?? ''),
    knownPermissions: (t) => known.get(targetKey(t)) ?? new Map(),
  };
  return { sink, done, failed, permissionsFailed, progress, events, known };
}

const images = (prefix: string, n: number, owner: string): Image[] =>
  Array.from({ length: n }, (_, i) => ({ ImageId: `ami-${prefix}-${i}`, Name: `${prefix}-${i}`, OwnerId: owner, BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId: `snap-${prefix}-${i}` } }] }));

const limits = { maxInFlight: 5, maxTargets: 6, progressIntervalMs: 20 };

describe('inventory scanner', () => {
  it('never runs more calls in flight than allowed, and reads every page', async () => {
    const accounts = ['a', 'b', 'c', 'd'];
    const world: FakeWorld = { regions: {}, images: {}, pageSize: 3 };
    for (const a of accounts) {
      world.regions[a] = ['r1', 'r2', 'r3'];
      for (const r of world.regions[a]!) world.images[`${a}|${r}|owned`] = images(`${a}${r}`, 7, `id-${a}`);
    }
    const fake = fakeOps(world);
    const rec = recorder();
    const status = await new InventoryScan({ accounts, views: ['owned'] }, fake.ops, rec.sink, limits).run();
    expect(status.state).toBe('done');
    expect(status.targets).toHaveLength(12);
    expect(status.targets.every((t) => t.state === 'done' && t.count === 7)).toBe(true);
    expect(fake.inFlight.max).toBeLessThanOrEqual(5);
    expect(fake.inFlight.max).toBeGreaterThan(2);
    // 4 region lists + 12 targets × 3 pages + 84 launch-permission reads
    expect(fake.calls()).toBe(4 + 36 + 84);
    expect(rec.done.get('a|r2|owned')!.map((r) => r.imageId)).toEqual(images('ar2', 7, '').map((i) => i.ImageId));
  });

  it("keeps a target's permission reads to a few at a time, not one waiting call per image", async () => {
    const world: FakeWorld = { regions: { a: ['r1'] }, images: { 'a|r1|owned': images('big', 120, 'id-a') } };
    const fake = fakeOps(world);
    const rec = recorder();
    const status = await new InventoryScan({ accounts: ['a'], views: ['owned'] }, fake.ops, rec.sink, { ...limits, maxInFlight: 64 }).run();
    expect(status.state).toBe('done');
    expect(fake.permissionReads).toHaveLength(120);
    expect(rec.done.get('a|r1|owned')!.every((r) => r.launchPermission === 'private')).toBe(true);
    // 64 calls may be in flight, but one target keeps only 4 of its reads going (the pacer needs no more to stay busy).
    expect(fake.inFlight.maxPerAccount.get('a')).toBe(4);
  });

  it('reports failed targets and finishes the rest', async () => {
    const world: FakeWorld = {
      regions: { a: ['r1', 'r2'], b: ['r1'] },
      images: { 'a|r1|owned': images('x', 2, 'id-a'), 'a|r2|owned': images('y', 1, 'id-a'), 'b|r1|owned': images('z', 3, 'id-b') },
      fail: new Set(['a|r2|owned', 'c|regions']),
    };
    world.regions.c = ['r1'];
    const rec = recorder();
    const status = await new InventoryScan({ accounts: ['a', 'b', 'c'], views: ['owned'] }, fakeOps(world).ops, rec.sink, limits).run();
    const states = Object.fromEntries(status.targets.map((t) => [targetKey(t), [t.state, t.count, t.errorCode]]));
    expect(states).toEqual({
      'a|r1|owned': ['done', 2, null],
      'a|r2|owned': ['failed', 0, 'ACCESS_DENIED'],
      'b|r1|owned': ['done', 3, null],
      // No region list: the account is reported failed on its home region.
      'c|us-east-1|owned': ['failed', 0, 'ACCESS_DENIED'],
    });
    expect([...rec.failed.keys()].sort()).toEqual(['a|r2|owned', 'c|us-east-1|owned']);
    expect([...rec.done.keys()].sort()).toEqual(['a|r1|owned', 'b|r1|owned']);
  });

  it('maps launch permissions and leaves our own images out of "shared with me"', async () => {
    const world: FakeWorld = {
      regions: {},
      images: {
        'a|r1|owned': images('o', 3, 'id-a'),
        'a|r1|shared': [...images('s', 2, 'id-other'), ...images('back', 1, 'id-a')],
      },
      perms: {
        'ami-o-0': [],
        'ami-o-1': [{ UserId: '222' }, { OrganizationArn: 'arn:org' }],
        'ami-o-2': [{ Group: 'all' }, { UserId: '333' }],
      },
    };
    const rec = recorder();
    await new InventoryScan({ accounts: ['a'], regions: ['r1'], views: ['owned', 'shared'] }, fakeOps(world).ops, rec.sink, limits).run();
    const owned = rec.done.get('a|r1|owned')!;
    expect(owned.map((r) => [r.imageId, r.launchPermission, r.sharedWith, r.snapshotIds, r.awsAccountId, r.view])).toEqual([
      ['ami-o-0', 'private', [], ['snap-o-0'], 'id-a', 'owned'],
      ['ami-o-1', 'organization', ['222', 'arn:org'], ['snap-o-1'], 'id-a', 'owned'],
      ['ami-o-2', 'public', ['333'], ['snap-o-2'], 'id-a', 'owned'],
    ]);
    const shared = rec.done.get('a|r1|shared')!;
    expect(shared.map((r) => [r.imageId, r.launchPermission, r.view])).toEqual([
      ['ami-s-0', null, 'shared'],
      ['ami-s-1', null, 'shared'],
    ]);
  });

  it('lists every target first, then reads permissions: rows are pending until read, and the grid was complete before', async () => {
    const world: FakeWorld = { regions: {}, images: {}, perms: {} };
    const regions = ['r1', 'r2', 'r3'];
    for (const a of ['a', 'b']) for (const r of regions) world.images[`${a}|${r}|owned`] = images(`${a}${r}`, 8, `id-${a}`);
    world.perms!['ami-ar1-3'] = [{ UserId: '444' }];
    const rec = recorder();
    const listedRows = new Map<string, (string | null)[]>();
    const sink: ScanSink = {
      ...rec.sink,
      targetDone: (t, rows, scannedAt, readAt) => {
        listedRows.set(targetKey(t), rows.map((r) => r.launchPermission));
        rec.sink.targetDone(t, rows, scannedAt, readAt);
      },
    };
    const status = await new InventoryScan({ accounts: ['a', 'b'], regions, views: ['owned'] }, fakeOps(world).ops, sink, { ...limits, maxInFlight: 2 }).run();
    // Listed as pending, every one of them.
    expect([...listedRows.values()].flat().every((p) => p === null)).toBe(true);
    // Listing goes first: with two calls in flight, no target's permissions were handed over before every target was listed.
    const firstPermissions = rec.events.findIndex((e) => e.startsWith('permissions'));
    expect(rec.events.slice(0, firstPermissions).filter((e) => e.startsWith('listed'))).toHaveLength(6);
    expect(status.listedAt).not.toBeNull();
    expect(status.listedAt! <= status.finishedAt!).toBe(true);
    const atListed = rec.progress.find((p) => p.listedAt !== null)!;
    expect(atListed.targets.every((t) => t.state === 'done')).toBe(true);
    // Then every row read, and the targets say nothing is pending.
    expect(status.targets.every((t) => t.permissions?.pending === 0 && t.permissions.error === null)).toBe(true);
    expect(rec.done.get('a|r1|owned')!.find((r) => r.imageId === 'ami-ar1-3')).toMatchObject({ launchPermission: 'shared', sharedWith: ['444'] });
    expect([...rec.done.values()].flat().every((r) => r.launchPermission !== null)).toBe(true);
  });

  it("hands every target's reads so far over together once a second, and a failure to save them stops each of those targets", async () => {
    const world: FakeWorld = { regions: {}, images: {}, latencyMs: 100 };
    const regions = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'];
    for (const r of regions) world.images[`a|${r}|owned`] = images(`a${r}`, 30, 'id-a');
    const rec = recorder();
    const handOvers: string[][] = [];
    const sink: ScanSink = {
      ...rec.sink,
      permissionsRead: (batches, readAt) => {
        handOvers.push(batches.map((b) => `${targetKey(b.target)}:${b.updates.length}`));
        rec.sink.permissionsRead(batches, readAt);
      },
    };
    // 180 reads, 12 at a time, 100 ms each: 1.5 s of reading, so the once-a-second hand-over comes in the middle.
    const status = await new InventoryScan({ accounts: ['a'], regions, views: ['owned'] }, fakeOps(world).ops, sink, { ...limits, maxInFlight: 12 }).run();
    expect(status.targets.every((t) => t.permissions?.pending === 0)).toBe(true);
    const together = handOvers.find((h) => h.length > 1);
    expect(together?.length).toBe(6);
    // Each read handed over exactly once.
    const handed = new Map<string, number>();
    for (const entry of handOvers.flat()) {
      const [key, n] = entry.split(':') as [string, string];
      handed.set(key, (handed.get(key) ?? 0) + Number(n));
    }
    expect([...handed.values()]).toEqual([30, 30, 30, 30, 30, 30]);
    expect([...rec.done.values()].flat().every((r) => r.launchPermission === 'private')).toBe(true);

    // The same, saving fails the first time several targets are handed over together (the disk is full).
    const failing = recorder();
    let refused = false;
    const failingSink: ScanSink = {
      ...failing.sink,
      permissionsRead: (batches, readAt) => {
        if (batches.length > 1 && !refused) {
          refused = true;
          throw Object.assign(new Error("Could not finish saving the launch permissions of acme-prod/r1 (owned) and 5 more account-regions in the inventory: the disk that holds AMI Atlas's data is full."), { code: 'DISK_FULL' });
        }
        failing.sink.permissionsRead(batches, readAt);
      },
    };
    const stopped = await new InventoryScan({ accounts: ['a'], regions, views: ['owned'] }, fakeOps(world).ops, failingSink, { ...limits, maxInFlight: 12 }).run();
    expect(refused).toBe(true);
    for (const t of stopped.targets) {
      expect(t.permissions).toMatchObject({ errorCode: 'DISK_FULL' });
      expect(t.permissions!.pending).toBeGreaterThan(0);
      expect(failing.permissionsFailed.get(targetKey(t))).toBe('DISK_FULL');
    }
  });

  it('a target whose permissions are denied stays listed and pending, says why once, and stops asking', async () => {
    const world: FakeWorld = { regions: {}, images: { 'a|r1|owned': images('x', 40, 'id-a'), 'a|r2|owned': images('y', 3, 'id-a') }, fail: new Set(['perms:a|r1']) };
    const fake = fakeOps(world);
    const rec = recorder();
    const status = await new InventoryScan({ accounts: ['a'], regions: ['r1', 'r2'], views: ['owned'] }, fake.ops, rec.sink, { ...limits, maxInFlight: 2 }).run();
    const r1 = status.targets.find((t) => t.region === 'r1')!;
    expect(r1).toMatchObject({ state: 'done', count: 40, permissions: { pending: 40, errorCode: 'ACCESS_DENIED' } });
    expect(r1.permissions!.error).toContain('ec2:DescribeImageAttribute');
    expect(rec.permissionsFailed.get('a|r1|owned')).toBe('ACCESS_DENIED');
    expect(rec.done.get('a|r1|owned')!.every((r) => r.launchPermission === null)).toBe(true);
    // Denied once: the rest were not asked (at most the calls already in flight).
    expect(fake.permissionReads.filter((id) => id.startsWith('ami-x-')).length).toBeLessThanOrEqual(2);
    expect(status.targets.find((t) => t.region === 'r2')!.permissions).toEqual({ pending: 0, error: null, errorCode: null });
  });

  it('a call AWS throttles goes back to its lane and is read in the end; the scan counts it', async () => {
    const world: FakeWorld = { regions: {}, images: { 'a|r1|owned': images('x', 6, 'id-a') }, perms: { 'ami-x-2': [{ Group: 'all' }] } };
    const fake = fakeOps(world);
    let refusals = 4;
    const ops: ScanOps = {
      ...fake.ops,
      launchPermissions: (target, imageId, signal) => {
        if (refusals-- > 0) return Promise.reject(Object.assign(new Error('AWS kept throttling requests in a/r1: ec2:DescribeImageAttribute'), { code: 'THROTTLED' }));
        return fake.ops.launchPermissions(target, imageId, signal);
      },
    };
    const rec = recorder();
    const scan = new InventoryScan({ accounts: ['a'], regions: ['r1'], views: ['owned'] }, ops, rec.sink, limits);
    const status = await scan.run();
    expect(status.targets[0]!.permissions).toEqual({ pending: 0, error: null, errorCode: null });
    expect(rec.done.get('a|r1|owned')!.find((r) => r.imageId === 'ami-x-2')!.launchPermission).toBe('public');
    expect(scan.calls).toEqual({ calls: 1 + 6 + 4, throttled: 4 });
  });

  it('a rescan re-reads permissions only for new, changed or too old images', async () => {
    const world: FakeWorld = { regions: {}, images: { 'a|r1|owned': images('x', 5, 'id-a') }, perms: { 'ami-x-1': [{ UserId: '111' }] } };
    const fake = fakeOps(world);
    const rec = recorder();
    const plan = { accounts: ['a'], regions: ['r1'], views: ['owned' as const] };
    await new InventoryScan(plan, fake.ops, rec.sink, limits).run();
    expect(fake.permissionReads).toHaveLength(5);

    // One image renamed, one new, one gone; the rest unchanged.
    const list = world.images['a|r1|owned']!;
    list[2] = { ...list[2]!, Name: 'renamed' };
    list.splice(4, 1);
    list.push(...images('new', 1, 'id-a'));
    fake.permissionReads.length = 0;
    const second = await new InventoryScan(plan, fake.ops, rec.sink, limits).run();
    expect(fake.permissionReads.sort()).toEqual(['ami-new-0', 'ami-x-2']);
    // Kept permissions are carried by the listing, so nothing unchanged goes pending.
    expect(rec.done.get('a|r1|owned')!.find((r) => r.imageId === 'ami-x-1')).toMatchObject({ launchPermission: 'shared', sharedWith: ['111'] });
    expect(second.targets[0]!.permissions?.pending).toBe(0);

    // With no allowed age, every image is read again.
    fake.permissionReads.length = 0;
    await new InventoryScan({ ...plan, permissionsMaxAgeMs: 0 }, fake.ops, rec.sink, limits).run();
    expect(fake.permissionReads).toHaveLength(5);
  });

  it('cancels: nothing new starts, calls in flight are aborted, the rest is marked cancelled', async () => {
    const world: FakeWorld = { regions: {}, images: {}, latencyMs: 30 };
    const accounts = ['a', 'b', 'c'];
    for (const a of accounts) for (const r of ['r1', 'r2', 'r3', 'r4']) world.images[`${a}|${r}|owned`] = images(`${a}${r}`, 4, `id-${a}`);
    const fake = fakeOps(world);
    const rec = recorder();
    const scan = new InventoryScan({ accounts, regions: ['r1', 'r2', 'r3', 'r4'], views: ['owned'] }, fake.ops, rec.sink, limits);
    const done = scan.run();
    await sleep(50);
    scan.cancel();
    const status = await done;
    expect(status.state).toBe('cancelled');
    expect(status.targets.some((t) => t.state === 'cancelled')).toBe(true);
    expect(status.targets.every((t) => t.state === 'cancelled' || t.state === 'done')).toBe(true);
    expect(rec.failed.size).toBe(0);
    const callsAtEnd = fake.calls();
    await sleep(80);
    expect(fake.calls()).toBe(callsAtEnd);
    expect(fake.inFlight.overall).toBe(0);
  });

  it('throttles progress events and always sends the final state', async () => {
    const world: FakeWorld = { regions: {}, images: {}, latencyMs: 1 };
    const regions = Array.from({ length: 20 }, (_, i) => `r${i}`);
    for (const r of regions) world.images[`a|${r}|owned`] = images(r, 2, 'id-a');
    const rec = recorder();
    const started = Date.now();
    const status = await new InventoryScan({ accounts: ['a'], regions, views: ['owned'] }, fakeOps(world).ops, rec.sink, { ...limits, progressIntervalMs: 50 }).run();
    const elapsed = Date.now() - started;
    expect(rec.progress.length).toBeLessThanOrEqual(Math.ceil(elapsed / 50) + 3);
    expect(rec.progress.at(-1)).toEqual(status);
    expect(rec.progress[0]!.targets.every((t) => t.state === 'queued')).toBe(true);
  });

  it('events carry copies that later progress does not change', async () => {
    const world: FakeWorld = { regions: {}, images: { 'a|r1|owned': images('x', 1, 'id-a') } };
    const rec = recorder();
    await new InventoryScan({ accounts: ['a'], regions: ['r1'], views: ['owned'] }, fakeOps(world).ops, rec.sink, limits).run();
    expect(rec.progress[0]!.targets[0]!.state).toBe('queued');
    const target: ScanTarget = { account: 'a', region: 'r1', view: 'owned' };
    expect(rec.done.get(targetKey(target))).toHaveLength(1);
  });
});

describe('retry back-off of the AWS clients the scanner uses', () => {
  it('waits a random time below a bound that doubles from 100 ms, capped at 20 s', async () => {
    const { RETRY_BASE_MS, RETRY_CAP_MS, retryDelayMs } = await import('../../electron/core/aws/client-pool');
    const almostOne = () => 0.999999;
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, almostOne))).toEqual([99, 199, 399, 799]);
    expect(retryDelayMs(20, almostOne)).toBe(RETRY_CAP_MS - 1);
    expect(retryDelayMs(1, () => 0)).toBe(0);
    for (let i = 0; i < 100; i++) {
      const wait = retryDelayMs(3);
      expect(wait).toBeGreaterThanOrEqual(0);
      expect(wait).toBeLessThan(4 * RETRY_BASE_MS);
    }
  });

  it('retries throttling up to the attempts allowed, a network failure only twice', async () => {
    const { AtlasRetryStrategy, NETWORK_RETRIES } = await import('../../electron/core/aws/client-pool');
    const retries = async (errorType: 'TRANSIENT' | 'THROTTLING') => {
      const strategy = new AtlasRetryStrategy(8, () => 0);
      let token = await strategy.acquireInitialRetryToken('scope');
      let n = 0;
      for (;;) {
        try {
          token = await strategy.refreshRetryTokenForRetry(token, { errorType });
          n++;
        } catch {
          return n;
        }
      }
    };
    expect(await retries('TRANSIENT')).toBe(NETWORK_RETRIES);
    expect(await retries('THROTTLING')).toBe(7);
  });
});
