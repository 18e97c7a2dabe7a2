import { describe, expect, it } from 'vitest';
import { mergeAll, namesFrom } from '../../shared/ami-rows';
import { costTotals, type CostLine } from '../../shared/costs';
import { cellText, monthlyCostOf } from '../../shared/inventory';
import { nextCostSort, sortCostLines } from '../../renderer/features/inventory/costView';
import { row } from './inventory-fixtures';

// Two clients: acme (prod, staging) and globex (dev). AMI sizes and regions chosen so every sum is exact.
const clientOf = (account: string) => ({ prod: 'acme', staging: 'acme', dev: 'globex' })[account] ?? null;
const names = namesFrom([
  { id: 'prod', name: 'acme-prod', awsAccountId: '111111111111' },
  { id: 'staging', name: 'acme-staging', awsAccountId: '222222222222' },
  { id: 'dev', name: 'globex-dev', awsAccountId: '333333333333' },
]);
const keys = { client: clientOf, family: names.family };

const rows = mergeAll([
  row({ imageId: 'ami-1', name: 'web-2024-05-01', account: 'prod', ownerId: '111111111111', region: 'us-east-1', snapshotSizeGiB: 8 }),
  row({ imageId: 'ami-2', name: 'web-2024-05-08', account: 'prod', ownerId: '111111111111', region: 'us-east-1', snapshotSizeGiB: 8 }),
  row({ imageId: 'ami-3', name: 'web-2024-05-08', account: 'staging', ownerId: '222222222222', region: 'eu-central-1', snapshotSizeGiB: 50 }),
  row({ imageId: 'ami-4', name: 'db-v1.2.3', account: 'staging', ownerId: '222222222222', region: 'eu-west-2', snapshotSizeGiB: 100 }),
  row({ imageId: 'ami-5', name: 'legacy-store-20190101', account: 'dev', ownerId: '333333333333', region: 'us-east-1', snapshotSizeGiB: null, rootDeviceType: 'instance-store' }),
  row({ imageId: 'ami-6', name: 'db-v1.2.4', account: 'dev', ownerId: '333333333333', region: 'us-gov-west-1', snapshotSizeGiB: 20 }),
  row({ imageId: 'ami-7', name: 'db-v1.2.5', account: 'dev', ownerId: '333333333333', region: 'sa-east-1', snapshotSizeGiB: 10 }),
  // Shared with acme-prod by someone else: their bill, not ours.
  row({ imageId: 'ami-8', name: 'vendor-2024-01-01', account: 'prod', ownerId: '999999999999', view: 'shared', awsAccountId: '111111111111', snapshotSizeGiB: 500 }),
  // The same AMI listed by its owner and by an account it is shared with: counted once, under its owner.
  row({ imageId: 'ami-9', name: 'web-2024-06-01', account: 'staging', ownerId: '222222222222', region: 'us-east-1', snapshotSizeGiB: 16 }),
  row({ imageId: 'ami-9', name: 'web-2024-06-01', account: 'dev', ownerId: '222222222222', region: 'us-east-1', view: 'shared', awsAccountId: '333333333333', snapshotSizeGiB: 16 }),
]);

const byKey = (lines: readonly CostLine[]) => Object.fromEntries(lines.map((l) => [l.key, l]));

describe('costTotals', () => {
  it('adds up owned AMIs per client, under their owner account', () => {
    const totals = costTotals(rows, 'client', 'standard', keys);
    const lines = byKey(totals.lines);
    expect(Object.keys(lines).sort()).toEqual(['acme', 'globex']);
    // acme: 8 + 8 + 16 GiB at 0.05 (us-east-1), 50 at 0.054 (eu-central-1), 100 at 0.053 (eu-west-2).
    expect(lines.acme).toMatchObject({ amis: 5, gib: 182, unsized: 0, unpriced: 0, unconfirmedRegions: [] });
    expect(lines.acme!.usd).toBeCloseTo(32 * 0.05 + 50 * 0.054 + 100 * 0.053, 10);
    // globex: an instance-store AMI (no size), one in a region without a price, one in sa-east-1 (not confirmed).
    expect(lines.globex).toMatchObject({ amis: 3, gib: 30, unsized: 1, unpriced: 1, unconfirmedRegions: ['sa-east-1'] });
    expect(lines.globex!.usd).toBeCloseTo(10 * 0.068, 10);
    expect(totals.notOwned).toBe(1);
    expect(totals.total.amis).toBe(8);
    expect(totals.total.usd).toBeCloseTo(lines.acme!.usd + lines.globex!.usd, 10);
    // Largest cost first.
    expect(totals.lines.map((l) => l.key)).toEqual(['acme', 'globex']);
  });

  it('adds up per account and per family, in either tier', () => {
    const accounts = byKey(costTotals(rows, 'account', 'standard', keys).lines);
    expect(Object.fromEntries(Object.entries(accounts).map(([k, l]) => [k, [l.amis, l.gib]]))).toEqual({ prod: [2, 16], staging: [3, 166], dev: [3, 30] });
    expect(accounts.prod!.usd).toBeCloseTo(0.8, 10);

    const families = byKey(costTotals(rows, 'family', 'archive', keys).lines);
    expect(Object.keys(families).sort()).toEqual(['db', 'legacy-store', 'web']);
    expect(families.web).toMatchObject({ amis: 4, gib: 82 });
    expect(families.web!.usd).toBeCloseTo(32 * 0.0125 + 50 * 0.0135, 10);
    expect(families.db).toMatchObject({ amis: 3, gib: 130, unpriced: 1 });
    expect(families.db!.usd).toBeCloseTo(100 * 0.01325 + 10 * 0.017, 10);
  });

  it('groups families with the user’s pattern', () => {
    const custom = namesFrom([], '^(?<family>[a-z]+)-');
    const families = costTotals(rows, 'family', 'standard', { client: clientOf, family: custom.family }).lines.map((l) => l.key).sort();
    expect(families).toEqual(['db', 'legacy', 'web']);
  });

  it('agrees with the cost column, row by row', () => {
    const totals = costTotals(rows, 'account', 'standard', keys);
    const owned = rows.filter((r) => r.view === 'owned');
    const sum = owned.reduce((n, r) => n + (monthlyCostOf(r) ?? 0), 0);
    expect(totals.total.usd).toBeCloseTo(sum, 10);
    expect(cellText(owned[0]!, 'estimatedMonthlyUsd', names)).toBe('0.40');
    expect(cellText(owned.find((r) => r.imageId === 'ami-5')!, 'estimatedMonthlyUsd', names)).toBe('');
    expect(cellText(owned.find((r) => r.imageId === 'ami-6')!, 'estimatedMonthlyUsd', names)).toBe('');
    expect(cellText(owned[0]!, 'family', names)).toBe('web');
  });
});

describe('the totals table’s order', () => {
  const lines = costTotals(rows, 'account', 'standard', keys).lines;
  const label = (l: CostLine) => names.account(l.key) ?? '';
  it('sorts by name, count, size or cost, either way', () => {
    expect(sortCostLines(lines, { column: 'name', direction: 'asc' }, label).map(label)).toEqual(['acme-prod', 'acme-staging', 'globex-dev']);
    expect(sortCostLines(lines, { column: 'gib', direction: 'desc' }, label).map(label)).toEqual(['acme-staging', 'globex-dev', 'acme-prod']);
    expect(sortCostLines(lines, { column: 'usd', direction: 'asc' }, label).map(label)).toEqual(['globex-dev', 'acme-prod', 'acme-staging']);
    // Equal counts keep a stable order: by name.
    expect(sortCostLines(lines, { column: 'amis', direction: 'desc' }, label).map(label)).toEqual(['acme-staging', 'globex-dev', 'acme-prod']);
  });
  it('turns a sorted column around, and starts names A→Z and figures largest first', () => {
    expect(nextCostSort({ column: 'usd', direction: 'desc' }, 'usd')).toEqual({ column: 'usd', direction: 'asc' });
    expect(nextCostSort({ column: 'usd', direction: 'desc' }, 'name')).toEqual({ column: 'name', direction: 'asc' });
    expect(nextCostSort({ column: 'name', direction: 'asc' }, 'gib')).toEqual({ column: 'gib', direction: 'desc' });
  });
});
