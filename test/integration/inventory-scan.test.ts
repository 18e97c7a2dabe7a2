/**
 * Inventory scans through the real SDK against the emulator: what lands in the cache must be
 * exactly the emulator's truth, under throttling and with one account denied; cancel stops a
 * scan; a rescan drops what was deregistered; exports parse back to the same rows; and the
 * cache keeps working with the emulator gone.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import { MemorySecretStore } from '../../electron/core/accounts/secret-store';
import { neutralise } from '../../shared/csv-cells';
import { mergeAll, namesFrom, type AmiRow } from '../../shared/ami-rows';
import { AppError } from '../../shared/errors';
import { batchTargets, cellText, EMPTY_FILTER, INVENTORY_COLUMNS, targetKey, unpackPage, type InventoryRow, type ScanStatus } from '../../shared/inventory';
import type { Workspace } from '../../shared/model';
import { enabledRegions, truthFor } from './inventory-helpers';
import { demoWorldOf } from '../../electron/demo/start-demo-emulator';

let emulator: RunningEmulator;
let core: AppCore;
let ws: Workspace;
let dir: string;
let nextSavePath: string | null = null;
const targetRows = new Map<string, InventoryRow[]>();
const progress: ScanStatus[] = [];

const entryFor = (awsAccountId: string) => ws.accounts.find((a) => a.awsAccountId === awsAccountId)!;
const accountOf = (entryId: string) => emulator.world.accounts.find((a) => a.accountId === ws.accounts.find((e) => e.id === entryId)!.awsAccountId)!;

/** Every row, read the way the grid reads them: whole targets in batches of about 500 rows. */
async function allRows(): Promise<InventoryRow[]> {
  const { targets } = await core.handlers['inventory:summary']({});
  const out: InventoryRow[] = [];
  for (const batch of batchTargets(targets, 500)) out.push(...unpackPage(await core.handlers['inventory:rows']({ targets: batch })));
  return out;
}

async function scan(input: Parameters<AppCore['handlers']['inventory:scan']>[0]): Promise<ScanStatus> {
  const started = await core.handlers['inventory:scan'](input);
  expect(started.state).toBe('running');
  const final = await core.inventory.scanFinished();
  return final!;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-inventory-'));
  emulator = await startEmulator({ port: 0 });
  core = createAppCore({
    databaseFile: path.join(dir, 'atlas.sqlite'),
    secrets: new MemorySecretStore(),
    info: { name: 'AMI Atlas', version: 'test', platform: process.platform, host: 'preview' },
    // Throttled calls are retried; enough attempts that a 20 % rate never exhausts them.
    maxAttempts: 12,
    chooseSavePath: async () => nextSavePath,
    startDemoWorld: async () => demoWorldOf(emulator),
  });
  core.onEvent((event, payload) => {
    if (event === 'inventory:targetRows') {
      const p = payload as { target: Parameters<typeof targetKey>[0]; rows: InventoryRow[] };
      targetRows.set(targetKey(p.target), p.rows);
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

describe('a scan of the whole demo world', () => {
  let status: ScanStatus;
  const denied = () => emulator.world.accounts[1]!;

  beforeAll(async () => {
    emulator.setKnobs({ throttleRate: 0.2 });
    emulator.denyAction(denied().accountId, 'DescribeImages');
    try {
      status = await scan({});
    } finally {
      emulator.setKnobs({ throttleRate: 0 });
      emulator.allowAction(denied().accountId, 'DescribeImages');
    }
  }, 60_000);

  it('covers every account × enabled region × view, and reports the denied account failed', () => {
    const regions = enabledRegions(emulator);
    expect(status.state).toBe('done');
    expect(status.targets).toHaveLength(ws.accounts.length * regions.length * 2);
    for (const t of status.targets) {
      const account = accountOf(t.account);
      if (account.accountId === denied().accountId) {
        expect(t.state, targetKey(t)).toBe('failed');
        expect(t.errorCode).toBe('ACCESS_DENIED');
        expect(t.error).toContain('You are not authorized to perform this operation.');
        expect(t.error).toContain(t.region);
      } else {
        expect(t.state, `${targetKey(t)}: ${t.error}`).toBe('done');
      }
    }
  });

  it('caches exactly the emulator’s truth: count, ids, launch permissions and snapshots', async () => {
    const rows = await allRows();
    const byTarget = new Map<string, InventoryRow[]>();
    for (const r of rows) {
      const key = targetKey(r);
      byTarget.set(key, [...(byTarget.get(key) ?? []), r]);
    }
    let expected = 0;
    let sharedOrPublic = 0;
    for (const t of status.targets) {
      const account = accountOf(t.account);
      const truth = account.accountId === denied().accountId ? [] : truthFor(emulator, account, t.region, t.view);
      expected += truth.length;
      const got = (byTarget.get(targetKey(t)) ?? []).map((r) => ({ imageId: r.imageId, launchPermission: r.launchPermission, sharedWith: r.sharedWith, snapshotIds: r.snapshotIds }));
      expect(got, targetKey(t)).toEqual(truth);
      expect(t.count).toBe(truth.length);
      sharedOrPublic += truth.filter((r) => r.launchPermission === 'shared' || r.launchPermission === 'public').length;
    }
    expect(rows).toHaveLength(expected);
    expect(expected).toBeGreaterThan(300);
    expect(sharedOrPublic).toBeGreaterThan(0);
    expect(rows.every((r) => r.awsAccountId === accountOf(r.account).accountId)).toBe(true);
  });

  it('streamed each finished target’s rows as an event, and throttled progress events', () => {
    for (const t of status.targets.filter((x) => x.state === 'done')) expect(targetRows.get(targetKey(t))?.length, targetKey(t)).toBe(t.count);
    const elapsed = Date.parse(status.finishedAt!) - Date.parse(status.startedAt);
    expect(progress.length).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 5);
    expect(progress.at(-1)?.state).toBe('done');
  });

  it('summarises the cache with each target’s outcome and the oldest scan time', async () => {
    const summary = await core.handlers['inventory:summary']({});
    expect(summary.running).toBeNull();
    expect(summary.total).toBe((await allRows()).length);
    expect(summary.targets).toHaveLength(status.targets.length);
    const times = summary.targets.filter((t) => t.count > 0).map((t) => t.scannedAt!);
    expect(summary.asOf).toBe(times.sort()[0]);
    expect(summary.targets.filter((t) => t.state === 'failed').every((t) => accountOf(t.account).accountId === denied().accountId)).toBe(true);
  });

  it('a rescan after an AMI is deregistered drops exactly that row', async () => {
    const account = emulator.world.accounts[0]!;
    const region = account.regions[0]!;
    const before = await allRows();
    const victim = emulator.world.imagesIn(region).find((i) => i.ownerId === account.accountId && i.state === 'available')!;
    expect(before.some((r) => r.imageId === victim.imageId)).toBe(true);
    victim.state = 'deregistered';
    const again = await scan({ accounts: [entryFor(account.accountId).id], regions: [region], views: ['owned'] });
    expect(again.targets).toHaveLength(1);
    expect(again.targets[0]!.state).toBe('done');
    const after = await allRows();
    const strip = (rows: InventoryRow[]) => rows.map((r) => `${targetKey(r)}|${r.imageId}`);
    expect(strip(after)).toEqual(strip(before).filter((k) => !k.endsWith(`|${victim.imageId}`) || !k.startsWith(`${entryFor(account.accountId).id}|${region}|owned`)));
    expect(after).toHaveLength(before.length - 1);
  });

  it('a failing rescan keeps the target’s previous rows and says it failed', async () => {
    const account = emulator.world.accounts[2]!;
    const region = account.regions[0]!;
    const entry = entryFor(account.accountId).id;
    const before = (await allRows()).filter((r) => r.account === entry && r.region === region && r.view === 'owned');
    expect(before.length).toBeGreaterThan(0);
    emulator.denyAction(account.accountId, 'DescribeImages', [region]);
    try {
      const again = await scan({ accounts: [entry], regions: [region], views: ['owned'] });
      expect(again.targets[0]!.state).toBe('failed');
    } finally {
      emulator.allowAction(account.accountId, 'DescribeImages');
    }
    const after = (await allRows()).filter((r) => r.account === entry && r.region === region && r.view === 'owned');
    expect(after).toEqual(before);
    const summary = await core.handlers['inventory:summary']({});
    expect(summary.targets.find((t) => t.account === entry && t.region === region && t.view === 'owned')).toMatchObject({ state: 'failed', errorCode: 'ACCESS_DENIED', count: before.length });
  });

  it('exports CSV that parses back to the same rows, one per AMI, accounts by name, filtered or whole', async () => {
    // One row per AMI, in the export's order (owner, region, image).
    const key = (r: AmiRow) => [r.ownerId, r.region, r.imageId];
    const rows = mergeAll(await allRows()).sort((a, b) => {
      const [x, y] = [key(a), key(b)];
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
      return 0;
    });
    const names = namesFrom(ws.accounts);
    // The demo shares images between its accounts: some AMIs are available to several of them.
    expect(rows.some((r) => r.accounts.length > 1)).toBe(true);
    nextSavePath = path.join(dir, 'all.csv');
    const result = await core.handlers['inventory:export']({ columns: [...INVENTORY_COLUMNS], filter: null, bom: true });
    expect(result).toEqual({ path: nextSavePath, rows: rows.length, permissionsPending: 0 });
    const bytes = await readFile(nextSavePath);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(bytes, { bom: true, columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(rows.length);
    const now = new Date();
    for (const [i, r] of rows.entries()) for (const c of INVENTORY_COLUMNS) expect(records[i]![c], `${r.imageId} ${c}`).toBe(neutralise(cellText(r, c, names, now)));
    // Accounts by their names, never our internal ids.
    for (const record of records) for (const a of ws.accounts) expect(record.account).not.toContain(a.id);

    nextSavePath = path.join(dir, 'arm.csv');
    const arm = await core.handlers['inventory:export']({ columns: ['imageId', 'architecture'], filter: { ...EMPTY_FILTER, architectures: ['arm64'] }, bom: false });
    const armRows = rows.filter((r) => r.architecture === 'arm64');
    expect(arm.rows).toBe(armRows.length);
    expect(armRows.length).toBeGreaterThan(0);
    expect(parse(await readFile(nextSavePath), { columns: true })).toEqual(armRows.map((r) => ({ imageId: r.imageId, architecture: 'arm64' })));

    nextSavePath = null;
    expect(await core.handlers['inventory:export']({ columns: ['imageId'], filter: null, bom: false })).toEqual({ path: null, rows: 0, permissionsPending: 0 });
  });
});

describe('cancelling a scan', () => {
  it('stops starting targets, aborts calls in flight and reports cancelled', async () => {
    emulator.setKnobs({ latencyMs: 150 });
    try {
      const started = await core.handlers['inventory:scan']({});
      // A second request while one runs answers the running scan.
      expect((await core.handlers['inventory:scan']({})).scanId).toBe(started.scanId);
      await new Promise((r) => setTimeout(r, 400));
      const t0 = Date.now();
      const cancelled = await core.handlers['inventory:cancel']({ scanId: started.scanId });
      expect(Date.now() - t0).toBeLessThan(1000);
      expect(cancelled!.state).toBe('cancelled');
      expect(cancelled!.targets.some((t) => t.state === 'cancelled')).toBe(true);
      expect(cancelled!.targets.some((t) => t.state === 'failed')).toBe(false);
      expect(await core.handlers['inventory:cancel']({ scanId: started.scanId })).toBeNull();
      expect((await core.handlers['inventory:summary']({})).running).toBeNull();
    } finally {
      emulator.setKnobs({ latencyMs: 0 });
    }
  });
});

describe('public and catalogue search', () => {
  it('needs a name or owner for public images', async () => {
    const entry = ws.accounts[0]!;
    const error = await core.handlers['images:searchPublic']({ account: entry.id, region: entry.defaultRegion, scope: 'public' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION');
  });

  it('pages through Amazon’s catalogue on demand', async () => {
    const entry = ws.accounts[0]!;
    const first = await core.handlers['images:searchPublic']({ account: entry.id, region: entry.defaultRegion, scope: 'amazon' });
    expect(first.images).toHaveLength(200);
    expect(first.images.every((i) => i.ownerAlias === 'amazon')).toBe(true);
    expect(first.nextToken).not.toBeNull();
    const second = await core.handlers['images:searchPublic']({ account: entry.id, region: entry.defaultRegion, scope: 'amazon', nextToken: first.nextToken });
    expect(second.images[0]!.imageId).not.toBe(first.images[0]!.imageId);
  });

  it('finds public images by name pattern', async () => {
    const entry = ws.accounts[0]!;
    const out = await core.handlers['images:searchPublic']({ account: entry.id, region: entry.defaultRegion, scope: 'public', name: 'ubuntu*' });
    expect(out.images.length).toBeGreaterThan(0);
    expect(out.images.every((i) => i.public && i.name.startsWith('ubuntu'))).toBe(true);
  });
});

describe('offline', () => {
  it('summary, pages and exports still work with the emulator stopped', async () => {
    const before = await allRows();
    await emulator.close();
    const summary = await core.handlers['inventory:summary']({});
    expect(summary.total).toBe(before.length);
    expect(await allRows()).toEqual(before);
    nextSavePath = path.join(dir, 'offline.csv');
    const out = await core.handlers['inventory:export']({ columns: ['imageId', 'region'], filter: null, bom: false });
    // One row per AMI, however many of our accounts list it.
    expect(out.rows).toBe(mergeAll(before).length);
    expect(out.rows).toBeLessThan(before.length);
  });

  it('the account view and an AMI’s details answer from the inventory, saying as of when and why', async () => {
    const before = await allRows();
    const owned = before.find((r) => r.view === 'owned' && r.launchPermission === 'shared')!;
    const list = await core.handlers['images:list']({ account: owned.account, region: owned.region, view: 'owned' });
    expect(list.stale).toMatchObject({ asOf: owned.scannedAt, reason: { code: 'NETWORK' } });
    expect(list.stale!.reason.message).toContain('Cannot reach AWS');
    expect(list.images.map((i) => i.imageId).sort()).toEqual(before.filter((r) => r.account === owned.account && r.region === owned.region && r.view === 'owned').map((r) => r.imageId).sort());
    const detail = await core.handlers['images:get']({ account: owned.account, region: owned.region, imageId: owned.imageId });
    expect(detail.stale).toMatchObject({ reason: { code: 'NETWORK' } });
    expect(detail).toMatchObject({ imageId: owned.imageId, name: owned.name, tags: owned.tags, blockDevices: [] });
    // Who may launch it, named by our accounts where they are ours.
    expect(detail.launchPermissions!.map((p) => p.value).sort()).toEqual([...owned.sharedWith].sort());
    expect(detail.launchPermissions!.some((p) => p.knownAs !== null)).toBe(true);
    // Something the inventory never saw is still an error that says where.
    const missing = await core.handlers['images:get']({ account: owned.account, region: owned.region, imageId: 'ami-0000000000000dead' }).catch((e: AppError) => e);
    expect(missing).toMatchObject({ code: 'NETWORK' });
  });
});
