/**
 * Cost totals over a scanned inventory: the demo world scanned through the real SDK, folded into
 * AMI rows as the grid folds them, added up per client, account and family, must equal what the
 * emulator's own records add up to (each owned image's EBS volume sizes at its region's price),
 * and the CSV's cost column must add up to the same.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator';
import type { ImageRecord } from '../../emulator/world/model';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import { MemorySecretStore } from '../../electron/core/accounts/secret-store';
import { demoWorldOf } from '../../electron/demo/start-demo-emulator';
import { mergeAll, namesFrom, type AmiRow } from '../../shared/ami-rows';
import { costTotals, type CostGroupBy, type CostLine } from '../../shared/costs';
import { familyOf } from '../../shared/family';
import { batchTargets, EMPTY_FILTER, unpackPage, type InventoryRow } from '../../shared/inventory';
import { snapshotPrice } from '../../shared/pricing/ebs-snapshots';
import type { Workspace } from '../../shared/model';

let emulator: RunningEmulator;
let core: AppCore;
let ws: Workspace;
let dir: string;
let rows: AmiRow[];
let nextSavePath: string | null = null;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-costs-'));
  emulator = await startEmulator({ port: 0 });
  core = createAppCore({
    databaseFile: path.join(dir, 'atlas.sqlite'),
    secrets: new MemorySecretStore(),
    info: { name: 'AMI Atlas', version: 'test', platform: process.platform, host: 'preview' },
    chooseSavePath: async () => nextSavePath,
    startDemoWorld: async () => demoWorldOf(emulator),
  });
  ws = await core.handlers['demo:open']({});
  await core.handlers['inventory:scan']({});
  const status = await core.inventory.scanFinished();
  expect(status?.targets.filter((t) => t.state !== 'done')).toEqual([]);
  const { targets } = await core.handlers['inventory:summary']({});
  const listings: InventoryRow[] = [];
  for (const batch of batchTargets(targets, 500)) listings.push(...unpackPage(await core.handlers['inventory:rows']({ targets: batch })));
  rows = mergeAll(listings);
}, 120_000);

afterAll(async () => {
  await core?.close();
  await emulator?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Truth {
  amis: number;
  gib: number;
  usd: number;
}

/** The emulator's records, added up per group: every image an account of the workspace owns in a region it scanned. */
async function truth(groupBy: CostGroupBy, tier: 'standard' | 'archive', family: (name: string) => string): Promise<Map<string, Truth>> {
  const { targets } = await core.handlers['inventory:summary']({});
  const out = new Map<string, Truth>();
  for (const entry of ws.accounts) {
    const regions = targets.filter((t) => t.account === entry.id && t.view === 'owned').map((t) => t.region);
    for (const region of regions) {
      for (const image of emulator.world.imagesIn(region)) {
        if (image.ownerId !== entry.awsAccountId || image.state === 'deregistered') continue;
        const key = groupBy === 'client' ? entry.clientId : groupBy === 'account' ? entry.id : family(image.name);
        const sum = out.get(key) ?? { amis: 0, gib: 0, usd: 0 };
        const size = ebsSize(image);
        sum.amis++;
        sum.gib += size ?? 0;
        sum.usd += (size ?? 0) * (snapshotPrice(region, tier)?.perGiB ?? 0);
        out.set(key, sum);
      }
    }
  }
  return out;
}

function ebsSize(image: ImageRecord): number | null {
  const sizes = image.blockDevices.flatMap((d) => (d.ebs ? [d.ebs.volumeSize] : []));
  return sizes.length === 0 ? null : sizes.reduce((a, b) => a + b, 0);
}

function asTruth(lines: readonly CostLine[]): Map<string, Truth> {
  return new Map(lines.map((l) => [l.key, { amis: l.amis, gib: l.gib, usd: l.usd }]));
}

function expectSame(actual: Map<string, Truth>, expected: Map<string, Truth>) {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [key, want] of expected) {
    const got = actual.get(key)!;
    expect({ key, amis: got.amis, gib: got.gib }).toEqual({ key, amis: want.amis, gib: want.gib });
    expect(got.usd, key).toBeCloseTo(want.usd, 6);
  }
}

describe('cost totals of the scanned demo world', () => {
  const names = () => namesFrom(ws.accounts);
  const clientOf = (account: string) => ws.accounts.find((a) => a.id === account)?.clientId ?? null;

  it('per client, account and family, in both tiers, equal the emulator’s records', async () => {
    expect(rows.filter((r) => r.view === 'owned').length).toBeGreaterThan(100);
    for (const tier of ['standard', 'archive'] as const) {
      for (const groupBy of ['client', 'account', 'family'] as const) {
        const totals = costTotals(rows, groupBy, tier, { client: clientOf, family: names().family });
        expectSame(asTruth(totals.lines), await truth(groupBy, tier, (n) => familyOf(n)));
        // The total is the lines added up, and AMIs only shared with the demo's accounts are apart.
        expect(totals.total.amis).toBe(totals.lines.reduce((n, l) => n + l.amis, 0));
        expect(totals.notOwned).toBe(rows.filter((r) => r.view === 'shared').length);
      }
    }
  });

  it('for one client, follow the grid’s filter', async () => {
    const client = ws.clients.find((c) => c.name === 'Acme Corp')!;
    const owners = ws.accounts.filter((a) => a.clientId === client.id).map((a) => a.awsAccountId!);
    const { applyFilter } = await import('../../shared/inventory');
    const shown = applyFilter(rows, { ...EMPTY_FILTER, owners, views: ['owned'] }, new Date(), names());
    const totals = costTotals(shown, 'client', 'standard', { client: clientOf, family: names().family });
    expect(totals.lines.map((l) => l.key)).toEqual([client.id]);
    const all = await truth('client', 'standard', (n) => familyOf(n));
    expect(totals.total.amis).toBe(all.get(client.id)!.amis);
    expect(totals.total.usd).toBeCloseTo(all.get(client.id)!.usd, 6);
  });

  it('add up to what the CSV’s cost column says, and the CSV’s families are the pattern’s', async () => {
    nextSavePath = path.join(dir, 'costs.csv');
    await core.handlers['inventory:export']({ columns: ['imageId', 'family', 'estimatedMonthlyUsd'], filter: { ...EMPTY_FILTER, views: ['owned'] }, bom: false, familyPattern: '^(?<family>[a-z]+)-' });
    const records = parse(await readFile(nextSavePath), { columns: true }) as Array<{ imageId: string; family: string; estimatedMonthlyUsd: string }>;
    const owned = rows.filter((r) => r.view === 'owned');
    expect(records).toHaveLength(owned.length);
    const csvTotal = records.reduce((n, r) => n + (r.estimatedMonthlyUsd === '' ? 0 : Number(r.estimatedMonthlyUsd)), 0);
    const totals = costTotals(rows, 'client', 'standard', { client: clientOf, family: names().family });
    // Each cell is rounded to the cent.
    expect(Math.abs(csvTotal - totals.total.usd)).toBeLessThanOrEqual(0.005 * records.length);
    const nameOf = new Map(owned.map((r) => [r.imageId, r.name]));
    for (const r of records) expect(r.family, r.imageId).toBe(familyOf(nameOf.get(r.imageId)!, '^(?<family>[a-z]+)-'));
    await expect(core.handlers['inventory:export']({ columns: ['imageId'], filter: null, bom: false, familyPattern: '(unclosed' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
