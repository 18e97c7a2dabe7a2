/**
 * Sharing in the renderer: multi-select, who a drop or a "Share with…" choice shares with, and
 * the sharing slice (plan → apply → retry, the audit log and undo) against a scripted bridge.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { AccountSummary, Workspace } from '../../shared/model';
import type { AuditEntry, SharePlan, SharePlanItem, ShareResult } from '../../shared/sharing';

import { accountSummary, amiSummary } from './renderer-fixtures';
import { answer as answerCall, calls, fail as failCall, flush, pending, resetCalls, type Call } from './scripted-bridge';

const { createAtlasStore } = await import('../../renderer/store');
const { EMPTY_SELECTION, inOrder, pick, retain, selectAll } = await import('../../renderer/lib/multiSelect');
const { accountTarget, clientTarget, entityName, rankShareOptions, targetEntities } = await import('../../renderer/lib/shareTargets');
const { applyBlock, confirmationsFor, mergeResults, resultSummary } = await import('../../renderer/lib/sharePlan');
const { shareableSelection } = await import('../../renderer/lib/shareSelection');

function answer(call: Call | undefined, data: unknown) {
  if (call) calls.splice(calls.indexOf(call), 1);
  answerCall(call, data);
}
function fail(call: Call | undefined, code: string, message?: string) {
  if (call) calls.splice(calls.indexOf(call), 1);
  failCall(call, code, message);
}

const acct = (id: string, clientId: string, awsAccountId: string | null, over: Partial<AccountSummary> = {}): AccountSummary =>
  accountSummary(id, { clientId, awsAccountId, name: id, ...over });

const workspace: Workspace = {
  clients: [
    { id: 'acme', name: 'Acme', color: '#ff0000', production: false },
    { id: 'globex', name: 'Globex', color: '#00ff00', production: false },
  ],
  accounts: [
    acct('acme-staging', 'acme', '111111111111'),
    acct('acme-production', 'acme', '222222222222', { production: true }),
    acct('globex-prod', 'globex', '333333333333', { production: true }),
    acct('globex-dev', 'globex', '444444444444'),
    acct('globex-new', 'globex', null),
  ],
  demo: true,
      userAccountCount: 0,
  keychain: { available: true, reason: null, sessionOnly: false },
};

const ref = (imageId: string, account = 'acme-staging', region = 'us-east-1') => ({ account, region, imageId });

function planItem(imageId: string, over: Partial<SharePlanItem> = {}): SharePlanItem {
  return {
    ref: ref(imageId),
    imageName: `name-${imageId}`,
    accountName: 'acme-staging',
    awsAccountId: '111111111111',
    production: false,
    willAdd: [{ kind: 'account', awsAccountId: '333333333333' }],
    willRemove: [],
    unchanged: [],
    snapshots: [],
    snapshotChanges: [],
    current: [],
    blockers: [],
    warnings: [],
    ...over,
  };
}

function result(items: Array<[string, 'changed' | 'unchanged' | 'failed']>): ShareResult {
  return {
    items: items.map(([imageId, outcome]) => ({
      ref: ref(imageId),
      imageName: `name-${imageId}`,
      outcome,
      message: outcome,
      error: outcome === 'failed' ? { code: 'THROTTLED', message: 'Rate exceeded', retryable: true } : null,
      auditId: outcome === 'failed' ? null : `audit-${imageId}`,
    })),
  };
}

function auditEntry(id: string, at: string, over: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id,
    at,
    action: 'share',
    account: 'acme-staging',
    accountName: 'acme-staging',
    awsAccountId: '111111111111',
    region: 'us-east-1',
    imageId: 'ami-0aaaaaaaa',
    imageName: 'golden',
    added: [{ kind: 'account', awsAccountId: '333333333333' }],
    removed: [],
    snapshotIds: [],
    outcome: 'ok',
    error: null,
    detail: null,
    via: null,
    principal: null,
    undone: null,
    undoneBy: null,
    undoOf: null,
    undoable: true,
    ...over,
  };
}

beforeEach(() => {
  resetCalls();
});

describe('multi-select', () => {
  const order = ['a', 'b', 'c', 'd', 'e'];

  it('selects one on a plain click, toggles with Ctrl, extends a range with Shift from the anchor', () => {
    let s = pick(EMPTY_SELECTION, 'b', 'single', order);
    expect([...s.selected]).toEqual(['b']);
    s = pick(s, 'd', 'toggle', order);
    expect(inOrder(s.selected, order)).toEqual(['b', 'd']);
    s = pick(s, 'b', 'toggle', order);
    expect(inOrder(s.selected, order)).toEqual(['d']);
    // The anchor is the last toggled row: Shift+click on a selects a..b.
    s = pick(s, 'a', 'range', order);
    expect(inOrder(s.selected, order)).toEqual(['a', 'b']);
    // Ranges replace each other, always from the same anchor.
    s = pick(s, 'e', 'range', order);
    expect(inOrder(s.selected, order)).toEqual(['b', 'c', 'd', 'e']);
  });

  it('selects all visible rows, and keeps only rows still listed after a refresh', () => {
    const all = selectAll(order);
    expect(inOrder(all.selected, order)).toEqual(order);
    const kept = retain(all, new Set(['a', 'c']));
    expect(inOrder(kept.selected, order)).toEqual(['a', 'c']);
    expect(kept.anchor).toBe('a');
    expect(retain(kept, new Set(['a', 'c']))).toBe(kept);
  });

  it('a Shift+click without an anchor in view starts a new selection there', () => {
    const s = pick({ selected: new Set(['x']), anchor: 'x' }, 'c', 'range', order);
    expect([...s.selected]).toEqual(['c']);
    expect(s.anchor).toBe('c');
  });

  it('keeps picked rows across a refresh of the same list and drops them for another list', async () => {
    const store = createAtlasStore();
    store.getState().applyWorkspace(workspace);
    answer(pending('images:list')[0], { images: [amiSummary('ami-0aaaaaaaa'), amiSummary('ami-0bbbbbbbb')], fetchedAt: 't', pages: 1 });
    await flush();
    const order2 = ['ami-0aaaaaaaa', 'ami-0bbbbbbbb'];
    store.getState().pickImage('ami-0aaaaaaaa', 'single', order2);
    store.getState().pickImage('ami-0bbbbbbbb', 'toggle', order2);
    // The focus follows the last click; the detail pane (when open) shows the focused image.
    expect(store.getState().selectedImageId).toBe('ami-0bbbbbbbb');
    void store.getState().loadImages();
    answer(pending('images:list')[0], { images: [amiSummary('ami-0bbbbbbbb')], fetchedAt: 't2', pages: 1 });
    await flush();
    expect([...store.getState().imageSelection.selected]).toEqual(['ami-0bbbbbbbb']);
    store.getState().selectView('shared');
    expect(store.getState().imageSelection.selected.size).toBe(0);
  });
});

describe('share targets', () => {
  const owners = new Set(['111111111111']);

  it('a client means its verified accounts other than the owner', () => {
    const globex = clientTarget(workspace, 'globex', owners)!;
    expect(globex.accounts.map((a) => a.id)).toEqual(['globex-prod', 'globex-dev']);
    expect(globex.skipped.map((s) => s.account.id)).toEqual(['globex-new']);
    expect(targetEntities(globex)).toEqual([
      { kind: 'account', awsAccountId: '333333333333' },
      { kind: 'account', awsAccountId: '444444444444' },
    ]);
    const acme = clientTarget(workspace, 'acme', owners)!;
    expect(acme.accounts.map((a) => a.id)).toEqual(['acme-production']);
    expect(acme.skipped[0]?.reason).toMatch(/owns the images/);
  });

  it('the owner account itself is no target', () => {
    expect(accountTarget(workspace, 'acme-staging', owners)?.accounts).toEqual([]);
    expect(accountTarget(workspace, 'globex-dev', owners)?.accounts.map((a) => a.id)).toEqual(['globex-dev']);
  });

  it('names recipients by the workspace’s account names, else by their id', () => {
    expect(entityName({ kind: 'account', awsAccountId: '444444444444' }, workspace)).toBe('globex-dev');
    expect(entityName({ kind: 'account', awsAccountId: '999999999999' }, workspace)).toBe('9999-9999-9999');
    expect(entityName({ kind: 'public' }, workspace)).toBe('Everyone (public)');
  });

  it('ranks clients and accounts for "Share with…", leaving out the owner and unverified accounts', () => {
    const all = rankShareOptions(workspace, owners, '');
    expect(all.map((o) => `${o.target.kind}:${o.target.id}`)).toEqual([
      'client:acme',
      'account:acme-production',
      'client:globex',
      'account:globex-prod',
      'account:globex-dev',
    ]);
    expect(rankShareOptions(workspace, owners, 'globex')[0]?.target.id).toBe('globex');
    expect(rankShareOptions(workspace, owners, 'gdev')[0]?.target.id).toBe('globex-dev');
    expect(rankShareOptions(workspace, owners, '4444-4444')[0]?.target.id).toBe('globex-dev');
    expect(rankShareOptions(workspace, owners, 'nothing-like-it')).toEqual([]);
  });

  it('what a drag or the picker acts on: picked owned rows, or the focused one; never in "Shared with me"', async () => {
    const store = createAtlasStore();
    store.getState().applyWorkspace(workspace);
    answer(pending('images:list')[0], {
      images: [amiSummary('ami-0aaaaaaaa', { ownerId: '111111111111', name: 'one' }), amiSummary('ami-0bbbbbbbb', { ownerId: '111111111111' })],
      fetchedAt: 't',
      pages: 1,
    });
    await flush();
    expect(shareableSelection(store.getState())).toBeNull();
    store.getState().selectImage('ami-0aaaaaaaa');
    expect(shareableSelection(store.getState())?.images).toEqual([{ account: 'acme-staging', region: 'eu-west-1', imageId: 'ami-0aaaaaaaa' }]);
    store.getState().selectAllImages(['ami-0aaaaaaaa', 'ami-0bbbbbbbb']);
    const payload = shareableSelection(store.getState())!;
    expect(payload.images.map((i) => i.imageId)).toEqual(['ami-0aaaaaaaa', 'ami-0bbbbbbbb']);
    expect(payload.ownerIds).toEqual(['111111111111']);
    expect(payload.imageNames['ami-0aaaaaaaa']).toBe('one');
    store.setState({ imagesFor: { account: 'acme-staging', region: 'eu-west-1', view: 'shared' } });
    expect(shareableSelection(store.getState())).toBeNull();
  });
});

describe('reading a plan', () => {
  const plan: SharePlan = {
    items: [
      planItem('ami-01'),
      planItem('ami-02', { willAdd: [], unchanged: [{ kind: 'account', awsAccountId: '333333333333' }] }),
      planItem('ami-03', { blockers: [{ code: 'AWS_MANAGED_KEY', message: 'aws/ebs', fix: 'Copy with a customer key' }] }),
    ],
    confirmAccounts: [{ account: 'acme-staging', name: 'acme-staging' }],
  };

  it('needs every production name typed (case and spaces aside), then allows Apply', () => {
    expect(applyBlock(plan, {})).toBe('needs-confirmation');
    expect(applyBlock(plan, { 'acme-staging': 'acme-stag' })).toBe('needs-confirmation');
    expect(applyBlock(plan, { 'acme-staging': '  ACME-staging ' })).toBeNull();
    expect(confirmationsFor(plan, { 'acme-staging': ' ACME-staging' })).toEqual({ 'acme-staging': 'acme-staging' });
  });

  it('says when there is nothing to do, or everything is blocked', () => {
    expect(applyBlock({ items: [plan.items[1]!], confirmAccounts: [] }, {})).toBe('nothing-to-change');
    expect(applyBlock({ items: [plan.items[2]!], confirmAccounts: [] }, {})).toBe('all-blocked');
  });

  it('merges a retry’s results over the earlier ones', () => {
    const first = result([
      ['ami-01', 'changed'],
      ['ami-02', 'failed'],
    ]);
    const merged = mergeResults(first, result([['ami-02', 'changed']]));
    expect(merged.items.map((i) => i.outcome)).toEqual(['changed', 'changed']);
    expect(resultSummary(first)).toBe('1 changed · 1 failed');
  });
});

describe('sharing slice', () => {
  function withSheet() {
    const store = createAtlasStore();
    store.setState({ workspace });
    const target = clientTarget(workspace, 'globex', new Set(['111111111111']))!;
    store.getState().openShareSheet([ref('ami-01'), ref('ami-02'), ref('ami-03')], target, { 'ami-01': 'one' });
    return store;
  }

  it('plans the drop at once: the client’s accounts as entities, no snapshots', () => {
    const store = withSheet();
    expect(store.getState().shareSheet?.phase).toBe('planning');
    expect(pending('sharing:plan').map((c) => c.input)).toEqual([
      {
        images: [ref('ami-01'), ref('ami-02'), ref('ami-03')],
        add: [
          { kind: 'account', awsAccountId: '333333333333' },
          { kind: 'account', awsAccountId: '444444444444' },
        ],
        remove: [],
        snapshots: false,
      },
    ]);
  });

  it('re-plans when the snapshot box is ticked, and a stale plan never lands', async () => {
    const store = withSheet();
    const [first] = pending('sharing:plan');
    store.getState().setShareSnapshots(true);
    const second = pending('sharing:plan')[1];
    expect(second?.input.snapshots).toBe(true);
    answer(second, { items: [planItem('ami-01', { snapshots: [{ snapshotId: 'snap-1', encrypted: false, kmsKeyId: null, keyManager: null, createVolumeAccounts: [] }] })], confirmAccounts: [] });
    await flush();
    answer(first, { items: [planItem('ami-01')], confirmAccounts: [] });
    await flush();
    expect(store.getState().shareSheet?.plan?.items[0]?.snapshots).toHaveLength(1);
    expect(store.getState().shareSheet?.phase).toBe('planned');
  });

  it('shows a failed plan with its error and plans again on request', async () => {
    const store = withSheet();
    fail(pending('sharing:plan')[0], 'NETWORK', 'Endpoint unreachable');
    await flush();
    expect(store.getState().shareSheet?.error?.message).toBe('Endpoint unreachable');
    void store.getState().planShare();
    expect(pending('sharing:plan')).toHaveLength(1);
  });

  it('applies only the images without blockers, with the production names, then retries only the failed ones', async () => {
    const store = withSheet();
    answer(pending('sharing:plan')[0], {
      items: [planItem('ami-01'), planItem('ami-02'), planItem('ami-03', { blockers: [{ code: 'AWS_MANAGED_KEY', message: 'aws/ebs', fix: 'copy' }] })],
      confirmAccounts: [{ account: 'acme-staging', name: 'acme-staging' }],
    } satisfies SharePlan);
    await flush();
    store.getState().setShareTyped('acme-staging', 'ACME-staging');
    void store.getState().applyShare();
    expect(store.getState().shareSheet?.phase).toBe('applying');
    const [apply] = pending('sharing:apply');
    expect(apply?.input).toEqual({
      images: [ref('ami-01'), ref('ami-02')],
      add: [
        { kind: 'account', awsAccountId: '333333333333' },
        { kind: 'account', awsAccountId: '444444444444' },
      ],
      remove: [],
      snapshots: false,
      confirmations: { 'acme-staging': 'acme-staging' },
    });
    answer(apply, result([
      ['ami-01', 'changed'],
      ['ami-02', 'failed'],
    ]));
    await flush();
    expect(store.getState().shareSheet?.phase).toBe('applied');

    void store.getState().retryFailedShares();
    const [retry] = pending('sharing:apply');
    expect(retry?.input.images).toEqual([ref('ami-02')]);
    answer(retry, result([['ami-02', 'unchanged']]));
    await flush();
    expect(store.getState().shareSheet?.result?.items.map((i) => [i.ref.imageId, i.outcome])).toEqual([
      ['ami-01', 'changed'],
      ['ami-02', 'unchanged'],
    ]);
  });

  it('keeps the sheet with the error when the apply call itself fails', async () => {
    const store = withSheet();
    answer(pending('sharing:plan')[0], { items: [planItem('ami-01')], confirmAccounts: [] });
    await flush();
    void store.getState().applyShare();
    fail(pending('sharing:apply')[0], 'CONFIRMATION_REQUIRED', 'Type acme-staging to confirm');
    await flush();
    expect(store.getState().shareSheet?.phase).toBe('planned');
    expect(store.getState().shareSheet?.error?.code).toBe('CONFIRMATION_REQUIRED');
  });

  it('opening the sheet from "Share with…" closes the picker; Cancel drops everything', () => {
    const store = createAtlasStore();
    store.setState({ workspace });
    store.getState().openSharePicker([ref('ami-01')]);
    expect(store.getState().sharePicker?.images).toEqual([ref('ami-01')]);
    store.getState().openShareSheet([ref('ami-01')], accountTarget(workspace, 'globex-dev', new Set(['111111111111']))!);
    expect(store.getState().sharePicker).toBeNull();
    store.getState().closeShareSheet();
    expect(store.getState().shareSheet).toBeNull();
  });
});

describe('audit log', () => {
  it('lists newest first', async () => {
    const store = createAtlasStore();
    void store.getState().loadAudit();
    expect(pending('audit:list')[0]?.input).toEqual({ limit: 500 });
    answer(pending('audit:list')[0], [auditEntry('a-1', '2026-01-01T10:00:00Z'), auditEntry('a-2', '2026-01-01T11:00:00Z')]);
    await flush();
    expect(store.getState().audit.map((e) => e.id)).toEqual(['a-2', 'a-1']);
    expect(store.getState().auditStatus).toBe('ready');
  });

  it('undoes an entry with its confirmations, shows a failure on the entry, and reads the log again', async () => {
    const store = createAtlasStore();
    void store.getState().undoAudit('share-3', { 'acme-production': 'acme-production' });
    expect(store.getState().auditUndo['share-3']?.running).toBe(true);
    expect(pending('audit:undo')[0]?.input).toEqual({ id: 'share-3', confirmations: { 'acme-production': 'acme-production' } });
    answer(pending('audit:undo')[0], result([['ami-01', 'failed']]));
    await flush();
    expect(store.getState().auditUndo['share-3']).toEqual({ running: false, error: expect.objectContaining({ message: 'Rate exceeded' }) });
    expect(pending('audit:list')).toHaveLength(1);
  });

  it('a sharing change refreshes the list of that region and a loaded audit log', async () => {
    const store = createAtlasStore();
    store.getState().applyWorkspace(workspace);
    answer(pending('images:list')[0], { images: [], fetchedAt: 't', pages: 1 });
    await flush();
    // Another region changed: nothing to reload, and the log was never opened.
    store.getState().applySharingChanged({ images: [ref('ami-01', 'acme-staging', 'us-west-2')], auditIds: ['share-1'] });
    expect(pending('images:list')).toHaveLength(0);
    expect(pending('audit:list')).toHaveLength(0);
    store.setState({ auditStatus: 'ready' });
    store.getState().applySharingChanged({ images: [ref('ami-01', 'acme-staging', 'eu-west-1')], auditIds: ['share-1'] });
    expect(pending('images:list')).toHaveLength(1);
    expect(pending('audit:list')).toHaveLength(1);
  });
});
