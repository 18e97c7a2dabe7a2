/**
 * The Clean-up page's words and rules: what the rules form turns typed text into (and why it
 * refuses), the plan's totals with the price date and caveat, Recycle Bin coverage in words,
 * and the counts a run's results are summed up with.
 */
import { describe, expect, it } from 'vitest';
import type { CleanupItemResult, RecycleBinCoverage } from '../../shared/cleanup';
import { DEFAULT_RULES, type PlanCandidate, type PlanKept } from '../../shared/retention';
import { applySummary, costCaveat, coverageState, coverageWords, keptForUsage, placesOf, totalsLine } from '../../renderer/features/cleanup/places';
import { DEFAULT_DRAFT, draftOf, rulesOf, rulesSummary, sameRules } from '../../renderer/features/cleanup/rulesDraft';

describe('rules form', () => {
  it('reads the default draft as the default rules', () => {
    const parsed = rulesOf(DEFAULT_DRAFT);
    expect(parsed).toEqual({ ok: true, rules: DEFAULT_RULES });
  });

  it('turns typed text into rules: empty numbers mean no rule, tags and regions split, the pattern trimmed', () => {
    const parsed = rulesOf({
      ...DEFAULT_DRAFT,
      keepNewest: '',
      olderThanDays: ' 30 ',
      notLaunchedDays: '14',
      excludeTags: 'keep, team=web\nowner=ops',
      familyPattern: '  -v\\d+  ',
      regions: 'eu-west-1, us-east-1 eu-west-1',
      clients: ['c1'],
    });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.rules).toMatchObject({
      keepNewest: null,
      olderThanDays: 30,
      notLaunchedDays: 14,
      excludeTags: ['keep', 'team=web', 'owner=ops'],
      familyPattern: '-v\\d+',
      scope: { clients: ['c1'], accounts: [], regions: ['eu-west-1', 'us-east-1'] },
    });
  });

  it('explains each bad field in words and computes nothing', () => {
    const parsed = rulesOf({ ...DEFAULT_DRAFT, keepNewest: 'three', olderThanDays: '99999', familyPattern: '(a', regions: 'eu-west-1, europe', excludeTags: '=web' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.keepNewest).toBe('Keep newest must be a whole number (or empty for no such rule), not “three”.');
    expect(parsed.issues.olderThanDays).toBe('Older than can be at most 36,500.');
    expect(parsed.issues.familyPattern).toMatch(/^Not a regular expression: /);
    expect(parsed.issues.regions).toBe('“europe” is not a region name (like eu-west-1).');
    expect(parsed.issues.excludeTags).toBe('“=web” has no key: write key or key=value.');
    expect(parsed.issues.notLaunchedDays).toBeUndefined();
  });

  it('round-trips saved rules through the form, and tells changed rules from the same ones', () => {
    const saved = { ...DEFAULT_RULES, keepNewest: 5, excludeTags: ['keep', 'team=web'], scope: { clients: [], accounts: ['a2', 'a1'], regions: ['us-east-1'] } };
    const again = rulesOf(draftOf(saved));
    expect(again.ok && sameRules(again.rules, saved)).toBe(true);
    expect(sameRules(saved, { ...saved, scope: { ...saved.scope, accounts: ['a1', 'a2'] } })).toBe(true);
    expect(sameRules(saved, { ...saved, olderThanDays: 60 })).toBe(false);
    expect(rulesSummary(saved)).toBe('keep newest 5 · older than 90 days · not in use · except tagged keep, team=web');
  });
});

const candidate = (over: Partial<PlanCandidate>): PlanCandidate => ({
  account: 'a1',
  accountName: 'acme-dev',
  awsAccountId: '111122223333',
  clientName: 'Acme',
  region: 'eu-west-1',
  imageId: 'ami-0123456789abcdef0',
  name: 'web-1',
  family: 'web',
  creationDate: '2026-01-01T00:00:00.000Z',
  lastLaunchedTime: null,
  inUse: 'no',
  snapshotIds: ['snap-0123456789abcdef0'],
  snapshotSizeGiB: 8,
  monthlyCost: 0.4,
  reasons: ['older than 90 days: created 2026-01-01, 336 days ago'],
  ...over,
});

describe('plan figures', () => {
  it('says the totals, the saving and the price date with the incremental caveat', () => {
    expect(totalsLine({ candidates: [candidate({}), candidate({ imageId: 'ami-1' })], totalSizeGiB: 1234.4, totalMonthlyCost: 61.72 })).toBe('2 AMIs · 1,234 GiB · about $61.72/month saved');
    expect(costCaveat('2026-11-01')).toBe(
      'Standard-tier EBS snapshot list prices as of 2026-11-01. Snapshots are incremental: blocks shared with other snapshots stay billed, so the real saving can be less.',
    );
  });

  it('groups candidates by place, named, with a count each', () => {
    const places = placesOf([candidate({}), candidate({ imageId: 'ami-2' }), candidate({ account: 'a2', accountName: 'acme-prod', region: 'us-east-1' })]);
    expect(places).toEqual([
      { account: 'a1', region: 'eu-west-1', accountName: 'acme-dev', count: 2 },
      { account: 'a2', region: 'us-east-1', accountName: 'acme-prod', count: 1 },
    ]);
  });

  it('counts the AMIs kept only because usage is not checked, and only when the plan asks for unused ones', () => {
    const kept: PlanKept[] = [
      { kind: 'newest', reason: 'newest 3 of their family', count: 4 },
      { kind: 'not-checked', reason: 'use not checked yet', count: 7 },
    ];
    expect(keptForUsage({ rules: DEFAULT_RULES, kept })).toBe(7);
    expect(keptForUsage({ rules: { ...DEFAULT_RULES, notInUse: false }, kept })).toBe(0);
  });
});

const coverage = (over: Partial<RecycleBinCoverage>): RecycleBinCoverage => ({
  account: 'a1',
  accountName: 'acme-dev',
  region: 'eu-west-1',
  imageRetentionDays: null,
  snapshotRetentionDays: null,
  taggedRules: [],
  error: null,
  ...over,
});

describe('Recycle Bin coverage', () => {
  it('says plainly when deregistered AMIs cannot be restored, and how long they are kept when they can', () => {
    expect(coverageState(coverage({}))).toBe('not-covered');
    expect(coverageWords(coverage({}))).toBe('Not covered: deregistered AMIs cannot be restored');
    expect(coverageState(coverage({ imageRetentionDays: 7, snapshotRetentionDays: 1 }))).toBe('covered');
    expect(coverageWords(coverage({ imageRetentionDays: 7, snapshotRetentionDays: 1 }))).toBe('AMIs kept 7 days, snapshots 1 day in the Recycle Bin');
    expect(coverageState(coverage({ imageRetentionDays: 14 }))).toBe('images-only');
    expect(coverageWords(coverage({ imageRetentionDays: 14 }))).toMatch(/^AMIs kept 14 days in the Recycle Bin; snapshots are not/);
    expect(coverageState(coverage({ error: 'Access denied in acme-dev (1111-2222-3333)/eu-west-1: rbin:ListRules' }))).toBe('unknown');
    expect(coverageState(undefined)).toBe('unknown');
  });

  it('sums up a run: deregistered, skipped, failed and the snapshots deleted', () => {
    const result = (outcome: CleanupItemResult['outcome'], deleted: string[]): CleanupItemResult => ({
      ref: { account: 'a1', region: 'eu-west-1', imageId: 'ami-1' },
      name: 'web-1',
      accountName: 'acme-dev',
      outcome,
      message: '',
      snapshotsDeleted: deleted,
      snapshotsKept: [],
      error: null,
      auditId: null,
    });
    expect(applySummary([result('deregistered', ['snap-1', 'snap-2']), result('deregistered', []), result('failed', [])])).toBe(
      '2 deregistered · 0 skipped · 1 failed · 2 snapshots deleted',
    );
  });
});
