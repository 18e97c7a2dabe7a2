/**
 * The tag sheet in the renderer: a selection's tags read as one list ("on 7 of 20", "(various)"),
 * rows edited into one change, problems said in words, the summary of what will change, the
 * production guard, what is sent, progress and per-AMI results, and the sheet as markup.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Workspace } from '../../shared/model';
import type { TagItemResult } from '../../shared/tags';
import type { AtlasState } from '../../renderer/store';
import { accountSummary } from './renderer-fixtures';
import { answer, fail, flush, pending, resetCalls } from './scripted-bridge';

const { useAtlas } = await import('../../renderer/store');
const lib = await import('../../renderer/lib/tagEdit');
const store = await import('../../renderer/features/lifecycle/tagStore');
const { TagSheetHost } = await import('../../renderer/features/lifecycle/TagSheet');

const workspace: Workspace = {
  clients: [{ id: 'acme', name: 'Acme', color: '#ff0000', production: false }],
  accounts: [
    accountSummary('acme-staging', { name: 'acme-staging', clientId: 'acme', awsAccountId: '111111111111' }),
    accountSummary('acme-production', { name: 'acme-production', clientId: 'acme', awsAccountId: '222222222222', production: true }),
  ],
  demo: true,
  userAccountCount: 0,
  keychain: { available: true, reason: null, sessionOnly: false },
};

const target = (imageId: string, tags: Record<string, string>, account = 'acme-staging') => ({
  ref: { account, region: 'us-east-1', imageId },
  name: `image-${imageId}`,
  tags: Object.entries(tags).map(([key, value]) => ({ key, value })),
});

/** 20 AMIs: all have Name (different values) and Team=platform; 7 have Owner=ana. */
const twenty = Array.from({ length: 20 }, (_, i) => target(`ami-${String(i).padStart(8, '0')}`, { Name: `image-${i}`, Team: 'platform', ...(i < 7 ? { Owner: 'ana' } : {}) }));

const sheet = () => store.useTagStore.getState().sheet!;
const row = (key: string) => sheet().rows.find((r) => lib.rowKey(r) === key)!;
const newRowId = () => sheet().rows.find((r) => r.kind === 'new')!.id;

function render() {
  Object.assign(useAtlas.getInitialState(), useAtlas.getState());
  Object.assign(store.useTagStore.getInitialState(), store.useTagStore.getState());
  return renderToStaticMarkup(createElement(TagSheetHost));
}

beforeEach(() => {
  resetCalls();
  store.useTagStore.setState({ sheet: null });
  useAtlas.setState({ workspace, mode: 'accounts' } as Partial<AtlasState>);
});

describe('the selection’s tags', () => {
  it('counts each key and says when values differ; Name first', () => {
    expect(lib.summarizeTags(twenty)).toEqual([
      { key: 'Name', count: 20, value: null },
      { key: 'Owner', count: 7, value: 'ana' },
      { key: 'Team', count: 20, value: 'platform' },
    ]);
  });

  it('rows make one change: edited values are set, removed keys removed, blank new rows ignored', () => {
    store.openTagSheet(twenty);
    store.setTagValue(row('Team').id, 'hygiene');
    store.toggleTagRemoval(row('Owner').id);
    store.setTagKey(newRowId(), 'CostCentre');
    store.setTagValue(newRowId(), 'cc-42');
    store.addTagRow();
    expect(lib.editOf(sheet().rows)).toEqual({ set: [{ key: 'Team', value: 'hygiene' }, { key: 'CostCentre', value: 'cc-42' }], remove: ['Owner'] });
    // Undo puts a key back as it is.
    store.resetTagRow(row('Team').id);
    expect(lib.editOf(sheet().rows).set).toEqual([{ key: 'CostCentre', value: 'cc-42' }]);
  });

  it('says what is wrong with a row in words', () => {
    store.openTagSheet(twenty);
    const id = newRowId();
    const problem = () => lib.rowProblems(sheet().rows).get(id);
    store.setTagValue(id, 'x');
    expect(problem()).toBe('Enter a key.');
    store.setTagKey(id, 'aws:owner');
    expect(problem()).toBe('“aws:owner” starts with “aws:”, which AWS keeps for its own tags.');
    store.setTagKey(id, 'k'.repeat(129));
    expect(problem()).toBe('The key is 129 characters long; AWS allows 128.');
    store.setTagKey(id, 'Team');
    expect(problem()).toBe('Team is already in the list above; change its value there.');
    store.setTagKey(id, 'Fresh');
    store.setTagValue(id, 'v'.repeat(257));
    expect(problem()).toBe('The value of Fresh is 257 characters long; AWS allows 256.');
    const second = store.addTagRow();
    store.setTagValue(id, 'ok');
    store.setTagKey(second, 'Fresh');
    expect(lib.rowProblems(sheet().rows).get(second)).toBe('Fresh is in the list twice; keep one.');
    expect(store.tagSheetBlock(sheet())).toBe('Fix the tags marked above.');
  });

  it('summarises the change across the selection', () => {
    const summary = lib.changeSummary(twenty, { set: [{ key: 'Owner', value: 'ana' }, { key: 'Team', value: 'hygiene' }], remove: ['Name'] });
    expect(summary.lines.map((l) => l.text)).toEqual([
      'Owner = ana: added to 13 AMIs (7 already have it)',
      'Team = hygiene: changed on 20 AMIs',
      'Name: removed from 20 AMIs',
    ]);
    expect(summary.changing).toBe(20);
    expect(lib.changeSummary(twenty, { set: [{ key: 'Team', value: 'platform' }], remove: [] })).toMatchObject({ changing: 0, lines: [{ tone: 'same' }] });
    const full = target('ami-full', Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v'])));
    expect(lib.changeSummary([full], { set: [{ key: 'new', value: 'v' }], remove: [] }).overLimit).toEqual([full]);
  });
});

describe('the tag sheet', () => {
  it('shows "on 7 of 20" and "(various)", and blocks until something changes', () => {
    store.openTagSheet(twenty);
    const html = render();
    expect(html).toContain('Edit tags of 20 AMIs');
    expect(html).toContain('on 7 of 20');
    expect(html).toContain('placeholder="(various)"');
    expect(html).toContain('Also on their snapshots');
    expect(store.tagSheetBlock(sheet())).toBe('Add, change or remove a tag first.');
  });

  it('sends one lifecycle:tag with the change, follows progress, and shows per-AMI results', async () => {
    store.openTagSheet(twenty);
    store.setTagKey(newRowId(), 'CostCentre');
    store.setTagValue(newRowId(), 'cc-42');
    store.setTagValue(row('Team').id, 'hygiene');
    store.setSnapshotsToo(true);
    expect(render()).toContain('All 20 AMIs will change, with their snapshots');
    const applying = store.applyTags();
    const [call] = pending('lifecycle:tag');
    expect(call!.input).toMatchObject({
      images: twenty.map((t) => t.ref),
      set: [{ key: 'Team', value: 'hygiene' }, { key: 'CostCentre', value: 'cc-42' }],
      remove: [],
      snapshotsToo: true,
      confirmations: {},
    });
    expect(call!.input.runId).toEqual(expect.any(String));
    expect(sheet().phase).toBe('applying');
    expect(render()).toContain('aria-valuenow="0"');
    const results: TagItemResult[] = twenty.map((t) => ({ ref: t.ref, name: t.name, outcome: 'changed', message: 'CostCentre=cc-42 added', error: null, auditId: 'a', tags: t.tags, snapshotIds: [] }));
    results[3] = { ...results[3]!, outcome: 'failed', message: 'Access denied in acme-staging', error: { code: 'ACCESS_DENIED', message: 'Access denied in acme-staging', retryable: false }, tags: null };
    answer(call, results);
    await applying;
    expect(sheet().phase).toBe('done');
    const html = render();
    expect(html).toContain('19 changed · 0 unchanged · 1 failed');
    expect(html).toContain('Access denied in acme-staging');
    expect(html).toContain('Try the 1 failed AMI again');
    store.retryFailedTags();
    expect(sheet()).toMatchObject({ phase: 'editing', targets: [twenty[3]] });
  });

  it('a production account needs its name typed; the name is sent as the confirmation', async () => {
    store.openTagSheet([target('ami-prod0001', { Team: 'x' }, 'acme-production')]);
    store.setTagValue(row('Team').id, 'y');
    expect(store.tagSheetBlock(sheet())).toBe('Type the production account name to continue.');
    expect(render()).toContain('Type acme-production to confirm');
    store.setTagTyped('acme-production', 'ACME-production ');
    expect(store.tagSheetBlock(sheet())).toBeNull();
    const applying = store.applyTags();
    const [call] = pending('lifecycle:tag');
    expect(call!.input.confirmations).toEqual({ 'acme-production': 'acme-production' });
    fail(call, 'CONFIRMATION_REQUIRED', 'acme-production is a production account');
    await applying;
    await flush();
    expect(sheet()).toMatchObject({ phase: 'editing', error: { code: 'CONFIRMATION_REQUIRED' } });
    expect(render()).toContain('acme-production is a production account');
  });
});
