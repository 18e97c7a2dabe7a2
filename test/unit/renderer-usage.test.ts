/**
 * The inventory's usage against a scripted bridge: stored answers load with the inventory and
 * reach the grid's names (joined by owner account, region and image id); Check usage sends the
 * scope asked for, follows the progress, shows the In use column when it is over, and says a
 * failure in words.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { EMPTY_FILTER, applyFilter, usageOf } from '../../shared/inventory';
import type { StoredAmiUsage } from '../../shared/contract/usage';
import { mergeAll } from '../../shared/ami-rows';
import { inventoryRow } from './renderer-fixtures';
import { answer, calls, fail, flush, pending, resetCalls } from './scripted-bridge';

const { createAtlasStore } = await import('../../renderer/store');
const { workspaceNames } = await import('../../renderer/lib/inventory');
const { inventoryNames } = await import('../../renderer/features/inventory/usageNames');

const stored = (imageId: string, inUse: StoredAmiUsage['inUse']): StoredAmiUsage => ({
  account: 'a1',
  region: 'eu-west-1',
  imageId,
  inUse,
  references: [],
  unreadable: [],
  analyzedAt: '2026-12-01T10:00:00.000Z',
});

beforeEach(() => resetCalls());

describe('usage in the inventory store', () => {
  it('loads the stored answers with the inventory; the names the grid filters by know them', async () => {
    const store = createAtlasStore();
    void store.getState().loadInventory();
    answer(pending('usage:stored')[0], [stored('ami-1', 'no'), stored('ami-2', 'yes')]);
    await flush();
    const rows = mergeAll([inventoryRow('ami-1', { account: 'a1', region: 'eu-west-1' }), inventoryRow('ami-2', { account: 'a1', region: 'eu-west-1' }), inventoryRow('ami-3', { account: 'a1', region: 'eu-west-1' })]);
    const names = inventoryNames(workspaceNames(null), store.getState().usage);
    // The same object while nothing changes, so search text and indexes are kept.
    expect(inventoryNames(workspaceNames(null), store.getState().usage)).toBe(names);
    expect(rows.map((r) => usageOf(r, names)?.inUse ?? null)).toEqual(['no', 'yes', null]);
    expect(applyFilter(rows, { ...EMPTY_FILTER, inUse: ['no'] }, new Date(), names).map((r) => r.imageId)).toEqual(['ami-1']);
  });

  it('Check usage sends its scope, follows the progress, loads the answers and shows the In use column', async () => {
    const store = createAtlasStore();
    store.getState().setVisibleColumns(['name', 'imageId']);
    const done = store.getState().checkUsage({ accounts: ['a1'], regions: ['eu-west-1'] });
    expect(store.getState().usageCheck.state).toBe('running');
    expect(pending('usage:analyze')[0]?.input).toEqual({ accounts: ['a1'], regions: ['eu-west-1'] });
    // A second press while it runs asks nothing more.
    void store.getState().checkUsage({});
    expect(pending('usage:analyze')).toHaveLength(1);
    store.getState().applyUsageProgress({ done: 1, total: 3 });
    expect(store.getState().usageCheck).toMatchObject({ done: 1, total: 3 });
    answer(pending('usage:analyze')[0], []);
    await flush();
    answer(pending('usage:stored').at(-1), [stored('ami-1', 'unknown')]);
    await done;
    expect(store.getState().usageCheck.state).toBe('done');
    expect(store.getState().usage.get('a1|eu-west-1|ami-1')?.inUse).toBe('unknown');
    expect(store.getState().visibleColumns).toEqual(['name', 'imageId', 'inUse']);
    // Progress after the end is not taken for a new check.
    store.getState().applyUsageProgress({ done: 0, total: 5 });
    expect(store.getState().usageCheck.total).toBe(3);
  });

  it('a failed check says why in words and keeps the answers it had', async () => {
    const store = createAtlasStore();
    const done = store.getState().checkUsage({});
    fail(pending('usage:analyze')[0], 'NETWORK', 'Cannot reach AWS in acme-staging (762566962963)/us-east-1');
    await done;
    expect(store.getState().usageCheck.state).toBe('error');
    expect(store.getState().usageCheck.error?.message).toBe('Cannot reach AWS in acme-staging (762566962963)/us-east-1');
    expect(calls.filter((c) => c.channel === 'usage:stored')).toHaveLength(0);
  });
});
