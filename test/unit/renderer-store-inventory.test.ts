/**
 * The inventory slice against a scripted bridge: paged loading, target results arriving during
 * a load and a scan, details opened for the row's own account and region, export and catalogue.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { InventoryRow, ScanStatus } from '../../shared/inventory';

import { page } from './inventory-fixtures';
import { amiSummary, inventoryRow } from './renderer-fixtures';
import { answer as answerCall, calls, flush, pending, resetCalls, type Call } from './scripted-bridge';

const { createAtlasStore } = await import('../../renderer/store');
const { PAGE_SIZE } = await import('../../renderer/features/inventory/readRows');
const { catalogueRow, nextInventorySort, sortRows, workspaceNames } = await import('../../renderer/lib/inventory');

const row = (imageId: string, account = 'a1', region = 'eu-west-1'): InventoryRow => inventoryRow(imageId, { account, region });

/** Answers and forgets the call, so `pending` lists only what is still open. */
function answer(call: Call | undefined, data: unknown) {
  if (call) calls.splice(calls.indexOf(call), 1);
  answerCall(call, data);
}
/** A summary listing these targets (account, row count), each in eu-west-1's owned view. */
const summary = (targets: Array<[string, number]>) => ({
  total: targets.reduce((n, [, count]) => n + count, 0),
  targets: targets.map(([account, count]) => ({ account, region: 'eu-west-1', view: 'owned' as const, state: 'done' as const, count, error: null, errorCode: null, scannedAt: '2026-01-01T00:00:00Z' })),
  asOf: '2026-01-01T00:00:00Z',
  running: null,
});
const target = (account: string) => ({ account, region: 'eu-west-1', view: 'owned' });

beforeEach(() => {
  resetCalls();
});

describe('inventory store', () => {
  it('loads the summary, then the rows in pages of whole targets', async () => {
    const store = createAtlasStore();
    const done = store.getState().loadInventory();
    answer(pending('inventory:summary')[0], summary([['a1', PAGE_SIZE], ['a2', 1], ['a3', 0]]));
    await flush();
    // Both pages are asked for at once: whole targets, the empty one left out.
    const [first, second] = pending('inventory:rows');
    expect(first?.input).toEqual({ targets: [target('a1')] });
    expect(second?.input).toEqual({ targets: [target('a2')] });
    answer(first, page(Array.from({ length: PAGE_SIZE }, (_, i) => row(`ami-${i}`)), PAGE_SIZE + 1));
    await flush();
    // The first page is on screen while the rest is still loading.
    expect(store.getState().inventory).toHaveLength(PAGE_SIZE);
    expect(store.getState().inventoryStatus).toBe('loading');
    answer(second, page([row('ami-last', 'a2')], PAGE_SIZE + 1));
    await done;
    expect(store.getState().inventory).toHaveLength(PAGE_SIZE + 1);
    expect(store.getState().inventoryStatus).toBe('ready');
  });

  it('a target result that arrives during the load wins over the cached rows', async () => {
    const store = createAtlasStore();
    const done = store.getState().loadInventory();
    answer(pending('inventory:summary')[0], summary([['a1', 1], ['a2', 1]]));
    await flush();
    store.getState().applyTargetRows({ scanId: 's1', target: { account: 'a1', region: 'eu-west-1', view: 'owned' }, rows: [row('ami-new')] });
    answer(pending('inventory:rows')[0], page([row('ami-old'), row('ami-other', 'a2')], 2));
    await done;
    expect(store.getState().inventory.map((r) => r.imageId).sort()).toEqual(['ami-new', 'ami-other']);
  });

  it('applies target results during a scan in batches, and all of them when the scan ends', async () => {
    vi.useFakeTimers();
    try {
      const store = createAtlasStore();
      store.getState().applyTargetRows({ scanId: 's1', target: { account: 'a1', region: 'eu-west-1', view: 'owned' }, rows: [row('ami-1')] });
      store.getState().applyTargetRows({ scanId: 's1', target: { account: 'a2', region: 'eu-west-1', view: 'owned' }, rows: [row('ami-2', 'a2')] });
      expect(store.getState().inventory).toHaveLength(0);
      vi.advanceTimersByTime(300);
      expect(store.getState().inventory).toHaveLength(2);
      store.getState().applyTargetRows({ scanId: 's1', target: { account: 'a1', region: 'eu-west-1', view: 'owned' }, rows: [] });
      const status: ScanStatus = { scanId: 's1', state: 'done', startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:01:00Z', listedAt: '2026-01-01T00:00:30Z', targets: [] };
      store.getState().applyScanProgress(status);
      expect(store.getState().inventory.map((r) => r.imageId)).toEqual(['ami-2']);
      expect(pending('inventory:summary')).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('fills in launch permissions read after the listing, touching only those rows of the target', async () => {
    vi.useFakeTimers();
    try {
      const store = createAtlasStore();
      const target = { account: 'a1', region: 'eu-west-1', view: 'owned' as const };
      const listed = ['ami-1', 'ami-2', 'ami-3'].map((id) => ({ ...row(id), launchPermission: null }));
      store.getState().applyTargetRows({ scanId: 's1', target, rows: listed });
      // Read before the listing was even applied: it builds on the rows waiting to be.
      store.getState().applyTargetPermissions({ scanId: 's1', target, permissions: [{ imageId: 'ami-1', access: { launchPermission: 'shared', sharedWith: ['222233334444'] } }] });
      vi.advanceTimersByTime(300);
      store.getState().applyTargetPermissions({ scanId: 's1', target, permissions: [{ imageId: 'ami-2', access: { launchPermission: 'private', sharedWith: [] } }, { imageId: 'ami-3', access: null }] });
      vi.advanceTimersByTime(300);
      const byId = new Map(store.getState().inventory.map((r) => [r.imageId, r]));
      expect([...byId.keys()].sort()).toEqual(['ami-1', 'ami-2']);
      expect(byId.get('ami-1')).toMatchObject({ launchPermission: 'shared', sharedWith: ['222233334444'] });
      expect(byId.get('ami-2')).toMatchObject({ launchPermission: 'private' });
      // A target the page does not hold is left to the next load (the inventory has them already).
      store.getState().applyTargetPermissions({ scanId: 's1', target: { ...target, account: 'a9' }, permissions: [{ imageId: 'ami-9', access: null }] });
      vi.advanceTimersByTime(300);
      expect(store.getState().inventory).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it('opens details for the row’s own account and region', async () => {
    vi.useFakeTimers();
    try {
      const store = createAtlasStore();
      store.getState().applyTargetRows({ scanId: 's1', target: { account: 'a2', region: 'us-east-1', view: 'owned' }, rows: [row('ami-9', 'a2', 'us-east-1')] });
      vi.advanceTimersByTime(300);
      store.getState().setMode('inventory');
      store.getState().openRow('111111111111|us-east-1|ami-9');
      expect(pending('images:get').map((c) => c.input)).toEqual([{ account: 'a2', region: 'us-east-1', imageId: 'ami-9' }]);
      expect(store.getState().detailOpen).toBe(true);
      store.getState().setMode('accounts');
      expect(store.getState().detailOpen).toBe(false);
      expect(store.getState().detailContext).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('starts and cancels a scan', async () => {
    const store = createAtlasStore();
    store.setState({ inventoryStatus: 'ready' });
    const started = store.getState().startScan();
    expect(store.getState().scanPanelOpen).toBe(true);
    const running: ScanStatus = { scanId: 's1', state: 'running', startedAt: '2026-01-01T00:00:00Z', finishedAt: null, listedAt: null, targets: [] };
    // A plain scan lets the core keep recent permissions of unchanged AMIs.
    expect(pending('inventory:scan')[0]?.input).toEqual({});
    answer(pending('inventory:scan')[0], running);
    await started;
    expect(store.getState().scan?.state).toBe('running');
    const cancelled = store.getState().cancelScan();
    expect(pending('inventory:cancel')[0]?.input).toEqual({ scanId: 's1' });
    answer(pending('inventory:cancel')[0], { ...running, state: 'cancelled' });
    await cancelled;
    expect(store.getState().scan?.state).toBe('cancelled');

    // Asked to, it has every AMI's permissions read again.
    const full = store.getState().startScan({ rereadPermissions: true });
    expect(pending('inventory:scan')[0]?.input).toEqual({ permissionsMaxAgeHours: 0 });
    answer(pending('inventory:scan')[0], { ...running, scanId: 's2' });
    await full;
  });

  it('public search needs a name or owner, and "Load more" passes the next token', async () => {
    const store = createAtlasStore();
    store.setState({ accountId: 'a1', region: 'eu-west-1' });
    store.getState().setCatalogueTab('public');
    await store.getState().searchCatalogue();
    expect(pending('images:searchPublic')).toHaveLength(0);
    store.getState().setCatalogueQuery({ name: 'al2023-*' });
    const first = store.getState().searchCatalogue();
    expect(pending('images:searchPublic')[0]?.input).toEqual({ account: 'a1', region: 'eu-west-1', scope: 'public', name: 'al2023-*', nextToken: null });
    answer(pending('images:searchPublic')[0], { images: [row('ami-p1')], nextToken: 't2' });
    await first;
    const more = store.getState().searchCatalogue(true);
    expect(pending('images:searchPublic')[0]?.input).toMatchObject({ nextToken: 't2' });
    answer(pending('images:searchPublic')[0], { images: [row('ami-p2')], nextToken: null });
    await more;
    expect(store.getState().catalogue.images.map((i) => i.imageId)).toEqual(['ami-p1', 'ami-p2']);
  });

  it('Marketplace lists at once', () => {
    const store = createAtlasStore();
    store.setState({ accountId: 'a1', region: 'eu-west-1' });
    store.getState().setCatalogueTab('marketplace');
    expect(pending('images:searchPublic')[0]?.input).toMatchObject({ scope: 'marketplace' });
  });
});

describe('catalogue: sorted like the inventory, following the account and region', () => {
  const searches = () => pending('images:searchPublic');
  /** A store with the Amazon tab open for a1 in eu-west-1, its first search answered. */
  async function amazonTab(images = [amiSummary('ami-a1')], nextToken: string | null = null) {
    const store = createAtlasStore();
    store.setState({ accountId: 'a1', region: 'eu-west-1', mode: 'inventory' });
    store.getState().setCatalogueTab('amazon');
    answer(searches()[0], { images, nextToken });
    await flush();
    return store;
  }
  const shown = (store: ReturnType<typeof createAtlasStore>) => {
    const s = store.getState();
    return sortRows(s.catalogue.images.map(catalogueRow), s.catalogueSort, { names: workspaceNames(s.workspace) }).map((r) => r.name);
  };

  it('shows the newest first until a header says otherwise, and keeps that order for the next search', async () => {
    const store = await amazonTab([
      amiSummary('ami-1', { name: 'mike-2026-05', creationDate: '2026-05-01T00:00:00Z' }),
      amiSummary('ami-2', { name: 'alpha-2025-01', creationDate: '2025-01-01T00:00:00Z' }),
      amiSummary('ami-3', { name: 'zulu-2026-11', creationDate: '2026-11-01T00:00:00Z' }),
    ]);
    expect(store.getState().catalogueSort).toEqual({ column: 'creationDate', direction: 'desc' });
    expect(shown(store)).toEqual(['zulu-2026-11', 'mike-2026-05', 'alpha-2025-01']);
    store.getState().setCatalogueSort(nextInventorySort(store.getState().catalogueSort, 'name'));
    expect(shown(store)).toEqual(['alpha-2025-01', 'mike-2026-05', 'zulu-2026-11']);
    store.getState().setCatalogueQuery({ name: 'c-*' });
    void store.getState().searchCatalogue();
    expect(store.getState().catalogueSort).toEqual({ column: 'name', direction: 'asc' });
  });

  it('searches again for the new region or account, with the same query, and never shows the old results meanwhile', async () => {
    const store = await amazonTab([amiSummary('ami-eu')], 'next-page');
    store.getState().setCatalogueQuery({ name: 'al2023-*' });
    const searched = store.getState().searchCatalogue();
    answer(searches()[0], { images: [amiSummary('ami-eu')], nextToken: 'next-page' });
    await searched;

    store.setState({ region: 'us-east-1' });
    expect(searches().map((c) => c.input)).toEqual([{ account: 'a1', region: 'us-east-1', scope: 'amazon', name: 'al2023-*', nextToken: null }]);
    expect(store.getState().catalogue).toMatchObject({ images: [], nextToken: null, loading: true, account: 'a1', region: 'us-east-1' });
    answer(searches()[0], { images: [amiSummary('ami-us', { region: 'us-east-1' })], nextToken: null });
    await flush();
    expect(store.getState().catalogue.images.map((i) => i.imageId)).toEqual(['ami-us']);

    store.setState({ accountId: 'a2' });
    expect(searches().map((c) => c.input)).toEqual([{ account: 'a2', region: 'us-east-1', scope: 'amazon', name: 'al2023-*', nextToken: null }]);
  });

  it('drops a late answer for the account the user left', async () => {
    const store = await amazonTab();
    void store.getState().searchCatalogue();
    const stale = searches()[0];
    store.setState({ accountId: 'a2' });
    const fresh = searches()[1];
    expect(fresh?.input).toMatchObject({ account: 'a2' });
    answer(fresh, { images: [amiSummary('ami-a2', { account: 'a2' })], nextToken: null });
    await flush();
    answer(stale, { images: [amiSummary('ami-a1-late')], nextToken: null });
    await flush();
    expect(store.getState().catalogue.images.map((i) => i.imageId)).toEqual(['ami-a2']);
    expect(store.getState().catalogue.account).toBe('a2');
  });

  it('clears results it cannot search for elsewhere (public without a name or owner), and waits while the tab is hidden', async () => {
    const store = createAtlasStore();
    store.setState({ accountId: 'a1', region: 'eu-west-1', mode: 'inventory' });
    store.getState().setCatalogueTab('public');
    store.getState().setCatalogueQuery({ owner: '137112412989' });
    void store.getState().searchCatalogue();
    answer(searches()[0], { images: [amiSummary('ami-p1')], nextToken: null });
    await flush();
    store.getState().setCatalogueQuery({ owner: '' });
    store.setState({ region: 'us-east-1' });
    expect(searches()).toHaveLength(0);
    expect(store.getState().catalogue).toMatchObject({ images: [], searched: false, scope: 'public' });

    // Another view is shown: nothing is searched until the tab is back.
    store.getState().setCatalogueQuery({ owner: '137112412989' });
    void store.getState().searchCatalogue();
    answer(searches()[0], { images: [amiSummary('ami-p2', { region: 'us-east-1' })], nextToken: null });
    await flush();
    store.setState({ mode: 'accounts' });
    store.setState({ region: 'eu-west-1' });
    expect(searches()).toHaveLength(0);
    store.setState({ mode: 'inventory' });
    expect(searches().map((c) => c.input)).toEqual([{ account: 'a1', region: 'eu-west-1', scope: 'public', owner: '137112412989', nextToken: null }]);
  });
});
