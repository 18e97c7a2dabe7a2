import { describe, expect, it } from 'vitest';
import { mergeAll } from '../../shared/ami-rows';
import type { InventoryRow } from '../../shared/inventory';
import { DEFAULT_RULES, type RetentionRules } from '../../shared/retention';
import { planCsv } from '../../shared/retention-csv';
import { ordinal, planRetention, type PlanAccount, type PlanUsage } from '../../shared/retention-plan';
import { row } from './inventory-fixtures';

const NOW = new Date('2026-12-03T12:00:00.000Z');
const day = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();

const ACCOUNTS: PlanAccount[] = [
  { id: 'acct-1', name: 'Acme Prod', awsAccountId: '111122223333', clientId: 'c-acme', clientName: 'Acme' },
  { id: 'acct-2', name: 'Acme Dev', awsAccountId: '444455556666', clientId: 'c-acme', clientName: 'Acme' },
  { id: 'acct-3', name: 'Globex', awsAccountId: '777788889999', clientId: 'c-globex', clientName: 'Globex' },
];

/** No rule at all: each test sets the ones it is about. */
const NONE: RetentionRules = { ...DEFAULT_RULES, keepNewest: null, olderThanDays: null, notInUse: false };

/** A web-base AMI created `age` days ago in Acme Prod, eu-west-1. */
function ami(n: number, age: number, overrides: Partial<InventoryRow> = {}): InventoryRow {
  const created = day(age);
  return row({ imageId: `ami-${String(n).padStart(17, '0')}`, name: `web-base-${created.slice(0, 10)}`, creationDate: created, account: 'acct-1', region: 'eu-west-1', ...overrides });
}

function plan(rows: InventoryRow[], rules: Partial<RetentionRules>, usage: PlanUsage[] = []) {
  return planRetention({ rows: mergeAll(rows), usage, accounts: ACCOUNTS, rules: { ...NONE, ...rules }, now: NOW });
}

const ids = (p: ReturnType<typeof plan>) => p.candidates.map((c) => c.imageId);
const id = (n: number) => `ami-${String(n).padStart(17, '0')}`;

describe('planRetention', () => {
  const family = [10, 20, 30, 40, 50, 60, 70].map((age, i) => ami(i + 1, age));

  it('keeps the newest N of a family in each account and region and names the rank', () => {
    const p = plan(family, { keepNewest: 3 });
    expect(ids(p)).toEqual([id(7), id(6), id(5), id(4)]);
    expect(p.candidates.find((c) => c.imageId === id(4))!.reasons).toEqual(['4th newest of family web-base in Acme Prod / eu-west-1 (keeping 3)']);
    expect(p.kept).toEqual([{ kind: 'newest', reason: 'newest 3 of their family', count: 3 }]);
    expect(p.considered).toBe(7);
  });

  it('counts the newest per owner account and region, not across them', () => {
    const other = [ami(11, 100, { region: 'us-east-1' }), ami(12, 100, { account: 'acct-2', ownerId: '444455556666', awsAccountId: '444455556666' })];
    expect(ids(plan([...family, ...other], { keepNewest: 3 }))).toEqual([id(7), id(6), id(5), id(4)]);
  });

  it('breaks ties on the creation date by image id, whatever the order rows arrive in', () => {
    const tied = [ami(3, 5), ami(1, 5), ami(2, 5)];
    const a = plan(tied, { keepNewest: 1 });
    const b = plan([...tied].reverse(), { keepNewest: 1 });
    expect(ids(a)).toEqual([id(2), id(3)]);
    expect(planCsv(a)).toBe(planCsv(b));
  });

  it('picks AMIs older than D days and says when they were created', () => {
    const p = plan(family, { olderThanDays: 45 });
    expect(ids(p)).toEqual([id(7), id(6), id(5)]);
    expect(p.candidates[0]!.reasons).toEqual([`older than 45 days: created ${day(70).slice(0, 10)}, 70 days ago`]);
    expect(p.kept).toEqual([{ kind: 'young', reason: 'created within 45 days', count: 4 }]);
  });

  it('combines rules: a candidate only when every rule agrees', () => {
    const p = plan(family, { keepNewest: 5, olderThanDays: 25 });
    expect(ids(p)).toEqual([id(7), id(6)]);
    expect(p.candidates[1]!.reasons).toEqual(['6th newest of family web-base in Acme Prod / eu-west-1 (keeping 5)', `older than 25 days: created ${day(60).slice(0, 10)}, 60 days ago`]);
  });

  it('counts never launched as not launched, and keeps what was launched lately', () => {
    const rows = [ami(1, 100), ami(2, 100, { lastLaunchedTime: day(400) }), ami(3, 100, { lastLaunchedTime: day(3) })];
    const p = plan(rows, { notLaunchedDays: 30 });
    expect(p.candidates.map((c) => [c.imageId, c.reasons])).toEqual([
      [id(1), ['never launched']],
      [id(2), [`not launched for 30 days: last launched ${day(400).slice(0, 10)}, 400 days ago`]],
    ]);
    expect(p.kept).toEqual([{ kind: 'launched', reason: 'launched within 30 days', count: 1 }]);
  });

  it('picks only AMIs found unused; unknown and not checked are kept and counted in words', () => {
    const rows = [ami(1, 100), ami(2, 100), ami(3, 100), ami(4, 100)];
    const usage: PlanUsage[] = [
      { account: 'acct-1', region: 'eu-west-1', imageId: id(1), inUse: 'no', analyzedAt: '2026-12-01T09:00:00.000Z' },
      { account: 'acct-1', region: 'eu-west-1', imageId: id(2), inUse: 'yes', analyzedAt: '2026-12-01T09:00:00.000Z' },
      { account: 'acct-1', region: 'eu-west-1', imageId: id(3), inUse: 'unknown', analyzedAt: '2026-12-01T09:00:00.000Z' },
    ];
    const p = plan(rows, { notInUse: true }, usage);
    expect(ids(p)).toEqual([id(1)]);
    expect(p.candidates[0]!.reasons).toEqual(['unused at the last check (2026-12-01)']);
    expect(p.candidates[0]!.inUse).toBe('no');
    expect(p.kept).toEqual([
      { kind: 'in-use', reason: 'in use at the last check', count: 1 },
      { kind: 'use-unknown', reason: 'use unknown at the last check (a place they could be used in could not be read)', count: 1 },
      { kind: 'not-checked', reason: 'use not checked yet', count: 1 },
    ]);
  });

  it('keeps AMIs shared outside their client, with an organization or with everyone', () => {
    const rows = [
      ami(1, 100),
      ami(2, 100, { launchPermission: 'shared', sharedWith: ['444455556666'] }),
      ami(3, 100, { launchPermission: 'shared', sharedWith: ['777788889999'] }),
      ami(4, 100, { launchPermission: 'shared', sharedWith: ['123456789012'] }),
      ami(5, 100, { launchPermission: 'organization', sharedWith: ['arn:aws:organizations::111122223333:organization/o-abc'] }),
      ami(6, 100, { launchPermission: 'public', public: true }),
    ];
    const p = plan(rows, { notSharedOutsideClient: true });
    expect(p.candidates.map((c) => [c.imageId, c.reasons])).toEqual([
      [id(1), ['not shared']],
      [id(2), ['shared only within Acme']],
    ]);
    expect(p.kept).toEqual([
      { kind: 'public', reason: 'public', count: 1 },
      { kind: 'organization', reason: 'shared with an organization or OU', count: 1 },
      { kind: 'outside', reason: 'shared with an account outside their client', count: 2 },
    ]);
  });

  it('keeps AMIs with an excluded tag, by key or by key and value', () => {
    const rows = [ami(1, 100, { tags: [{ key: 'keep', value: 'no' }] }), ami(2, 100, { tags: [{ key: 'env', value: 'prod' }] }), ami(3, 100, { tags: [{ key: 'env', value: 'dev' }] })];
    const p = plan(rows, { olderThanDays: 10, excludeTags: ['keep', 'env=prod'] });
    expect(ids(p)).toEqual([id(3)]);
    expect(p.kept).toEqual([
      { kind: 'tag', reason: 'tagged env=prod (excluded)', count: 1 },
      { kind: 'tag', reason: 'tagged keep (excluded)', count: 1 },
    ]);
  });

  it('looks only where the scope says, and only at owned AMIs of the workspace', () => {
    const rows = [
      ami(1, 100),
      ami(2, 100, { region: 'us-east-1' }),
      ami(3, 100, { account: 'acct-3', ownerId: '777788889999', awsAccountId: '777788889999' }),
      ami(4, 100, { view: 'shared', ownerId: '999999999999' }),
      ami(5, 100, { account: 'gone', ownerId: '000000000000', awsAccountId: '000000000000' }),
    ];
    expect(plan(rows, { olderThanDays: 10 }).considered).toBe(3);
    expect(ids(plan(rows, { olderThanDays: 10, scope: { clients: ['c-acme'], accounts: [], regions: [] } }))).toEqual([id(1), id(2)]);
    expect(ids(plan(rows, { olderThanDays: 10, scope: { clients: [], accounts: ['acct-3'], regions: [] } }))).toEqual([id(3)]);
    expect(ids(plan(rows, { olderThanDays: 10, scope: { clients: [], accounts: [], regions: ['us-east-1'] } }))).toEqual([id(2)]);
  });

  it('orders by client, account name, region, family and creation date, and adds up size and cost', () => {
    const rows = [
      ami(1, 100, { account: 'acct-3', ownerId: '777788889999', awsAccountId: '777788889999', snapshotSizeGiB: 10 }),
      ami(2, 100, { name: 'zeta-1', region: 'us-east-1', snapshotSizeGiB: 20 }),
      ami(3, 200, { name: 'alpha-1', region: 'us-east-1', snapshotSizeGiB: 30 }),
      ami(4, 100, { account: 'acct-2', ownerId: '444455556666', awsAccountId: '444455556666', snapshotSizeGiB: null }),
      ami(5, 300, { region: 'eu-west-1', snapshotSizeGiB: 40 }),
    ];
    const p = plan(rows, { olderThanDays: 10 });
    expect(p.candidates.map((c) => `${c.clientName}/${c.accountName}/${c.region}/${c.family}`)).toEqual([
      'Acme/Acme Dev/eu-west-1/web-base',
      'Acme/Acme Prod/eu-west-1/web-base',
      'Acme/Acme Prod/us-east-1/alpha',
      'Acme/Acme Prod/us-east-1/zeta',
      'Globex/Globex/eu-west-1/web-base',
    ]);
    expect(p.totalSizeGiB).toBe(100);
    // eu-west-1 and us-east-1 both at $0.05 per GB-month; the AMI without a size adds nothing.
    expect(p.totalMonthlyCost).toBeCloseTo(5, 10);
    expect(p.pricesAsOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('picks nothing when no rule is set', () => {
    const p = plan(family, {});
    expect(p.candidates).toEqual([]);
    expect(p.kept).toEqual([{ kind: 'no-rule', reason: 'no rule picks them', count: 7 }]);
  });

  it('groups families by the user’s pattern', () => {
    const rows = [ami(1, 10, { name: 'svc-a-v1' }), ami(2, 20, { name: 'svc-b-v2' })];
    expect(ids(plan(rows, { keepNewest: 1 }))).toEqual([]);
    expect(ids(plan(rows, { keepNewest: 1, familyPattern: '-[ab]-v\\d+$' }))).toEqual([id(2)]);
  });

  it('says ordinals in words', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '101st', '111th']);
  });
});

describe('planCsv', () => {
  it('writes names, RFC 4180 quoting and neutralised formulas', () => {
    const rows = [ami(1, 100, { name: '=HYPERLINK("x"), evil', snapshotIds: ['snap-1', 'snap-2'], snapshotSizeGiB: 8 })];
    const text = planCsv(plan(rows, { olderThanDays: 10 }));
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('account name,AWS account id,client name,region,image id,name,family,created,last launched,in use,snapshot ids,size GiB,monthly cost USD,reasons');
    expect(lines[1]).toContain(`Acme Prod,111122223333,Acme,eu-west-1,${id(1)},"'=HYPERLINK(""x""), evil"`);
    expect(lines[1]).toContain(',not checked,snap-1; snap-2,8,0.40,');
    expect(text.endsWith('\r\n')).toBe(true);
  });
});
