/**
 * The Clean-up page's calls: the plan follows the latest rules (an older answer never wins),
 * the Recycle Bin is read where owned AMIs are (and where this session cleaned up), applying
 * sends the production names typed and nothing else, a production account's rule waits for its
 * name, and the review sheet says when deregistered AMIs cannot be restored.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Workspace } from '../../shared/model';
import type { PlanCandidate, RetentionPlan } from '../../shared/retention';
import { DEFAULT_RULES } from '../../shared/retention';
import type { AtlasState } from '../../renderer/store';
import { accountSummary } from './renderer-fixtures';
import { answer, flush, pending, resetCalls } from './scripted-bridge';

const { useAtlas } = await import('../../renderer/store');
const store = await import('../../renderer/features/cleanup/cleanupStore');
const { ApplySheetHost } = await import('../../renderer/features/cleanup/ApplySheet');
const { DEFAULT_DRAFT } = await import('../../renderer/features/cleanup/rulesDraft');

const workspace: Workspace = {
  clients: [
    { id: 'acme', name: 'Acme', color: '#ff0000', production: false },
    { id: 'globex', name: 'Globex', color: '#00ff00', production: false },
  ],
  accounts: [
    accountSummary('acme-staging', { name: 'acme-staging', clientId: 'acme', awsAccountId: '111111111111' }),
    accountSummary('acme-production', { name: 'acme-production', clientId: 'acme', awsAccountId: '222222222222', production: true }),
    accountSummary('globex-dev', { name: 'globex-dev', clientId: 'globex', awsAccountId: '333333333333' }),
  ],
  demo: true,
  userAccountCount: 0,
  keychain: { available: true, reason: null, sessionOnly: false },
};

const candidate = (account: string, accountName: string, imageId: string, region = 'us-east-1'): PlanCandidate => ({
  account,
  accountName,
  awsAccountId: null,
  clientName: 'Acme',
  region,
  imageId,
  name: `web-${imageId}`,
  family: 'web',
  creationDate: '2026-01-01T00:00:00Z',
  lastLaunchedTime: null,
  inUse: 'no',
  snapshotIds: [],
  snapshotSizeGiB: 8,
  monthlyCost: 0.4,
  reasons: ['older than 90 days'],
});

const plan = (candidates: PlanCandidate[]): RetentionPlan => ({
  rules: DEFAULT_RULES,
  at: '2026-12-01T00:00:00Z',
  candidates,
  considered: candidates.length + 3,
  kept: [{ kind: 'newest', reason: 'newest 3 of their family', count: 3 }],
  totalSizeGiB: candidates.length * 8,
  totalMonthlyCost: candidates.length * 0.4,
  pricesAsOf: '2026-11-01',
});

beforeEach(() => {
  resetCalls();
  useAtlas.setState({ workspace, mode: 'cleanup' } as Partial<AtlasState>);
  store.useCleanupStore.setState({ draft: DEFAULT_DRAFT, plan: null, planStatus: 'idle', planError: null, apply: null, restore: null });
});

describe('the plan', () => {
  it('sends the rules as typed, and keeps the newest question’s answer', async () => {
    store.setDraft({ clients: ['acme'], olderThanDays: '30' });
    void store.runPlan();
    store.setDraft({ olderThanDays: '60' });
    void store.runPlan();
    const [older, newer] = pending('retention:plan');
    expect(older!.input).toEqual({ rules: { ...DEFAULT_RULES, olderThanDays: 30, scope: { clients: ['acme'], accounts: [], regions: [] } } });
    expect(newer!.input).toMatchObject({ rules: { olderThanDays: 60 } });
    answer(newer, plan([candidate('acme-staging', 'acme-staging', 'ami-new')]));
    await flush();
    answer(older, plan([candidate('acme-staging', 'acme-staging', 'ami-old')]));
    await flush();
    expect(store.useCleanupStore.getState().plan!.candidates.map((c) => c.imageId)).toEqual(['ami-new']);
  });

  it('asks nothing while a field cannot be read', () => {
    store.setDraft({ keepNewest: 'three' });
    void store.runPlan();
    expect(pending('retention:plan')).toHaveLength(0);
  });
});

describe('the Recycle Bin’s places', () => {
  it('are the scope’s places holding owned AMIs', async () => {
    store.setDraft({ clients: ['acme'] });
    const places = store.scopePlaces();
    answer(pending('inventory:summary')[0], {
      total: 0,
      asOf: null,
      running: null,
      targets: [
        { account: 'acme-staging', region: 'us-east-1', view: 'owned', count: 4 },
        { account: 'acme-staging', region: 'us-east-1', view: 'shared', count: 9 },
        { account: 'acme-staging', region: 'ap-south-1', view: 'owned', count: 0 },
        { account: 'acme-production', region: 'eu-west-1', view: 'owned', count: 2 },
        { account: 'globex-dev', region: 'eu-west-1', view: 'owned', count: 7 },
      ],
    });
    expect(await places).toEqual([
      { account: 'acme-staging', region: 'us-east-1' },
      { account: 'acme-production', region: 'eu-west-1' },
    ]);
  });
});

describe('applying', () => {
  const candidates = [candidate('acme-staging', 'acme-staging', 'ami-1'), candidate('acme-production', 'acme-production', 'ami-2', 'eu-west-1')];

  it('reads the Recycle Bin rules of each place first, then sends the AMIs with the production names typed', async () => {
    store.openApply(candidates);
    const [read] = pending('cleanup:recycleBin');
    expect(read!.input).toEqual({
      places: [
        { account: 'acme-production', region: 'eu-west-1' },
        { account: 'acme-staging', region: 'us-east-1' },
      ],
    });
    answer(read, { coverage: [], images: [] });
    await flush();
    expect(store.useCleanupStore.getState().apply!.phase).toBe('ready');

    store.setApplyTyped('acme-production', ' ACME-production ');
    void store.applyPlan();
    const [call] = pending('cleanup:apply');
    expect(call!.input).toMatchObject({
      images: [
        { account: 'acme-staging', region: 'us-east-1', imageId: 'ami-1' },
        { account: 'acme-production', region: 'eu-west-1', imageId: 'ami-2' },
      ],
      confirmations: { 'acme-production': 'acme-production' },
    });
    expect(typeof call!.input.runId).toBe('string');
    expect(store.useCleanupStore.getState().apply!.phase).toBe('applying');
    answer(call, []);
    await flush();
    expect(store.useCleanupStore.getState().apply!.phase).toBe('done');

    // Where it cleaned up is read for the Recycle Bin even though the inventory holds nothing there now.
    store.setDraft({ clients: ['acme'] });
    const places = store.scopePlaces();
    answer(pending('inventory:summary').at(-1), { total: 0, asOf: null, running: null, targets: [] });
    expect(await places).toEqual(expect.arrayContaining([{ account: 'acme-production', region: 'eu-west-1' }]));
  });

  it('says a place without a rule cannot give AMIs back, and the production account’s rule waits for its name', async () => {
    store.openApply([candidates[1]!]);
    answer(pending('cleanup:recycleBin')[0], {
      coverage: [{ account: 'acme-production', accountName: 'acme-production', region: 'eu-west-1', imageRetentionDays: null, snapshotRetentionDays: null, taggedRules: [], error: null }],
      images: [],
    });
    await flush();
    Object.assign(useAtlas.getInitialState(), useAtlas.getState());
    Object.assign(store.useCleanupStore.getInitialState(), store.useCleanupStore.getState());
    const html = renderToStaticMarkup(createElement(ApplySheetHost));
    expect(html).toContain('Not covered: deregistered AMIs cannot be restored');
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*data-testid="create-rule"/);
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*data-testid="apply-confirm"/);
    expect(html).toContain('Type <strong class="mono">acme-production</strong> to confirm');

    void store.createRule({ account: 'acme-production', region: 'eu-west-1' }, { 'acme-production': 'acme-production' });
    expect(pending('cleanup:createRule')[0]!.input).toEqual({
      account: 'acme-production',
      region: 'eu-west-1',
      retentionDays: 7,
      snapshotsToo: true,
      confirmations: { 'acme-production': 'acme-production' },
    });
  });
});
