import type { StateCreator } from 'zustand';
import { AmiMerger } from '../../../shared/ami-rows';
import { batchTargets, EMPTY_FILTER, prepareSearch, targetKey, unpackPage, type InventoryPage, type InventoryRow } from '../../../shared/inventory';
import { invoke, toAppError } from '../../api';
import { loadColumnPrefs, saveColumnPrefs } from '../../lib/columnPrefs';
import { DEFAULT_INVENTORY_SORT, groupByTarget, replaceTarget, sortRowsCached, warmSearch, workspaceNames } from '../../lib/inventory';
import { ensureIndex } from '../../lib/inventoryFilter';
import { findRow } from '../../store/selectors';
import type { AtlasState, CatalogueState, InventorySlice } from '../../store/types';

/** Rows are fetched in pages this big: big enough to be quick, small enough to stay one message. */
export const PAGE_SIZE = 10_000;
/** Pages asked for before the first of them has arrived (the current one included). */
export const PAGES_AHEAD = 3;
/** Target results arriving during a scan are applied together at most this often (one re-sort each). */
const FLUSH_MS = 250;
/**
 * While the pages after the first arrive, the grid is refreshed with them at most this often:
 * the first page is shown at once, and each refresh re-sorts everything loaded so far.
 */
const SHOW_LOADED_MS = 1000;

const EMPTY_CATALOGUE: CatalogueState = {
  scope: 'public',
  name: '',
  owner: '',
  account: null,
  region: null,
  images: [],
  nextToken: null,
  loading: false,
  error: null,
  searched: false,
};

export const createInventorySlice: StateCreator<AtlasState, [], [], InventorySlice> = (set, get, api) => {
  let loadTicket = 0;
  let catalogueTicket = 0;
  // Catalogue results belong to the account and region searched: when either changes while a
  // catalogue tab is shown, the same search runs again there (or the results go, when it can't).
  api.subscribe((state) => catalogueFollowSelection(state));
  // Targets whose rows came as events while pages were loading: the event is newer, it wins.
  let arrivedDuringLoad: Map<string, readonly InventoryRow[]> | null = null;
  let pending: { target: { account: string; region: string; view: InventoryRow['view'] }; rows: InventoryRow[] }[] = [];
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  let stopWarming: (() => void) | null = null;
  // One row per AMI, kept in step with the listings per target: a target's new listings fold
  // again only the AMIs they touch.
  let merger = new AmiMerger();

  // Every change of the rows: adopt them, and prepare their search text in the background.
  function adopt(byTarget: ReadonlyMap<string, readonly InventoryRow[]>, extra: Partial<AtlasState> = {}) {
    const inventory = merger.rows();
    set({ inventoryByTarget: byTarget, inventory, ...extra });
    stopWarming?.();
    stopWarming = typeof window === 'undefined' ? null : warmSearch(inventory, workspaceNames(get().workspace));
  }

  /** The merger, rebuilt for exactly these targets (after a load). */
  function mergeAnew(byTarget: ReadonlyMap<string, readonly InventoryRow[]>) {
    merger = new AmiMerger();
    for (const [key, rows] of byTarget) merger.replaceTarget(key, rows);
  }

  // Once everything is loaded: sort and index the rows in the background, as the grid will, so
  // opening the inventory draws at once and the first keystroke finds an index.
  function prepareView() {
    const { inventory, inventorySort, workspace } = get();
    const names = workspaceNames(workspace);
    ensureIndex(sortRowsCached(inventory, inventorySort, { names }), names);
  }

  function flush() {
    flushTimer = null;
    if (pending.length === 0) return;
    let byTarget = get().inventoryByTarget;
    for (const { target, rows } of pending) {
      byTarget = replaceTarget(byTarget, target, rows);
      merger.replaceTarget(targetKey(target), rows);
    }
    pending = [];
    adopt(byTarget);
  }

  function catalogueFollowSelection(state: AtlasState) {
    const { catalogue, catalogueTab, mode, accountId, region } = state;
    if (!catalogueTab || mode !== 'inventory' || !(catalogue.searched || catalogue.loading)) return;
    if (catalogue.account === accountId && catalogue.region === region) return;
    const narrowed = catalogue.scope !== 'public' || catalogue.name.trim() !== '' || catalogue.owner.trim() !== '';
    if (accountId && region && narrowed) {
      void get().searchCatalogue();
      return;
    }
    catalogueTicket++;
    set({ catalogue: { ...EMPTY_CATALOGUE, scope: catalogue.scope, name: catalogue.name, owner: catalogue.owner } });
  }

  return {
    mode: 'accounts',
    setMode(mode) {
      if (mode === get().mode) return;
      get().closeDetail();
      set({ mode });
      const status = get().inventoryStatus;
      if (mode === 'inventory' && (status === 'idle' || status === 'error')) void get().loadInventory();
    },

    inventoryByTarget: new Map(),
    inventory: [],
    inventoryStatus: 'idle',
    inventoryError: null,
    inventorySummary: null,

    async loadInventory() {
      const mine = ++loadTicket;
      set({ inventoryStatus: 'loading', inventoryError: null });
      arrivedDuringLoad = new Map();
      try {
        const summary = await invoke('inventory:summary', {});
        if (mine !== loadTicket) return;
        set({ inventorySummary: summary, ...(summary.running ? { scan: summary.running } : {}) });
        const grouped = new Map<string, InventoryRow[]>();
        // What has arrived so far, with newer target results on top (arrays copied: later pages
        // may still add to a target that a page split).
        const loaded = () => {
          const byTarget = new Map<string, readonly InventoryRow[]>();
          for (const [key, rows] of grouped) byTarget.set(key, rows.slice());
          for (const [key, rows] of arrivedDuringLoad ?? []) {
            if (rows.length === 0) byTarget.delete(key);
            else byTarget.set(key, rows);
          }
          return byTarget;
        };
        // The first page is drawn as soon as it is here; the rest keep coming in the background
        // (status stays 'loading', so the status bar says so) and are shown now and then.
        let shownAt = Number.NEGATIVE_INFINITY;
        // Pages are whole targets, planned from the summary, so a scan writing meanwhile never
        // splits or shifts one (targets it replaces arrive as events and win over the page). They
        // are asked for ahead, so main reads and sends the next while this side decodes one.
        const batches = batchTargets(summary.targets, PAGE_SIZE);
        const requests: Promise<InventoryPage>[] = [];
        for (let k = 0; k < batches.length; k++) {
          while (requests.length < Math.min(k + PAGES_AHEAD, batches.length)) {
            const request = invoke('inventory:rows', { targets: batches[requests.length]! });
            request.catch(() => undefined); // awaited, and reported, in its turn
            requests.push(request);
          }
          const page = await (requests[k] as Promise<InventoryPage>);
          if (mine !== loadTicket) return;
          const rows = unpackPage(page);
          groupByTarget(rows, grouped);
          if (k + 1 < batches.length && performance.now() - shownAt >= SHOW_LOADED_MS) {
            const byTarget = loaded();
            mergeAnew(byTarget);
            // Search text now, while later pages are on their way, not on the first keystroke.
            prepareSearch(merger.rows(), workspaceNames(get().workspace));
            adopt(byTarget);
            shownAt = performance.now();
          }
        }
        const byTarget = loaded();
        arrivedDuringLoad = null;
        mergeAnew(byTarget);
        adopt(byTarget, { inventoryStatus: 'ready' });
        if (typeof window !== 'undefined') setTimeout(prepareView, 0);
      } catch (error) {
        if (mine !== loadTicket) return;
        arrivedDuringLoad = null;
        set({ inventoryStatus: 'error', inventoryError: toAppError(error) });
      }
    },

    applyTargetRows({ target, rows }) {
      if (arrivedDuringLoad) arrivedDuringLoad.set(targetKey(target), rows);
      pending.push({ target, rows });
      flushTimer ??= setTimeout(flush, FLUSH_MS);
    },

    scan: null,
    scanError: null,
    scanPanelOpen: false,
    setScanPanelOpen(open) {
      set({ scanPanelOpen: open });
    },

    applyScanProgress(status) {
      const current = get().scan;
      // Progress of an older scan arriving late must not replace the current one.
      if (current && current.scanId !== status.scanId && current.state === 'running' && status.startedAt < current.startedAt) return;
      set({ scan: status });
      if (status.state !== 'running') {
        // The scan is over: apply what is buffered now and refresh the summary (as-of, totals).
        if (flushTimer !== null) clearTimeout(flushTimer);
        flush();
        void invoke('inventory:summary', {})
          .then((summary) => set({ inventorySummary: summary }))
          .catch(() => undefined);
      }
    },

    async startScan() {
      set({ scanError: null, scanPanelOpen: true });
      if (get().inventoryStatus === 'idle') void get().loadInventory();
      try {
        const status = await invoke('inventory:scan', {});
        get().applyScanProgress(status);
      } catch (error) {
        set({ scanError: toAppError(error) });
      }
    },

    async cancelScan() {
      const scan = get().scan;
      if (!scan || scan.state !== 'running') return;
      try {
        const status = await invoke('inventory:cancel', { scanId: scan.scanId });
        if (status) get().applyScanProgress(status);
      } catch (error) {
        set({ scanError: toAppError(error) });
      }
    },

    filter: EMPTY_FILTER,
    setFilter(update) {
      set((s) => ({ filter: typeof update === 'function' ? update(s.filter) : update }));
    },

    inventorySort: DEFAULT_INVENTORY_SORT,
    setInventorySort(sort) {
      set({ inventorySort: sort });
    },

    visibleColumns: loadColumnPrefs(),
    setVisibleColumns(columns) {
      set({ visibleColumns: columns });
      saveColumnPrefs(columns);
    },

    selectedRowKey: null,
    selectRow(key) {
      if (key === get().selectedRowKey) return;
      set({ selectedRowKey: key });
      if (!get().detailOpen) return;
      const row = key ? findRow(get(), key) : null;
      if (!row) {
        get().closeDetail();
        return;
      }
      set({ selectedImageId: row.imageId, detailContext: { account: row.account, region: row.region } });
      void get().loadDetail(false, true);
    },

    openRow(key) {
      const row = findRow(get(), key);
      if (!row) return;
      set({
        selectedRowKey: key,
        selectedImageId: row.imageId,
        detailOpen: true,
        detailContext: { account: row.account, region: row.region },
      });
      void get().loadDetail();
    },

    catalogueTab: null,
    setCatalogueTab(scope) {
      if (scope === get().catalogueTab) return;
      get().closeDetail();
      set({ catalogueTab: scope });
      if (!scope) return;
      const c = get().catalogue;
      if (c.scope !== scope) {
        catalogueTicket++;
        set({ catalogue: { ...EMPTY_CATALOGUE, name: c.name, owner: c.owner, scope } });
      }
      // Marketplace and Amazon can be listed without narrowing; public needs a name or owner.
      if (scope !== 'public' && !get().catalogue.searched) void get().searchCatalogue();
    },
    catalogue: EMPTY_CATALOGUE,
    catalogueSort: DEFAULT_INVENTORY_SORT,
    setCatalogueSort(sort) {
      set({ catalogueSort: sort });
    },
    setCatalogueQuery(query) {
      set((s) => ({ catalogue: { ...s.catalogue, ...query } }));
    },

    async searchCatalogue(more = false) {
      const { accountId, region, catalogue } = get();
      if (!accountId || !region) return;
      const name = catalogue.name.trim();
      const owner = catalogue.owner.trim();
      if (catalogue.scope === 'public' && !name && !owner) return;
      if (more && !catalogue.nextToken) return;
      const mine = ++catalogueTicket;
      set((s) => ({
        catalogue: {
          ...s.catalogue,
          loading: true,
          error: null,
          ...(more ? {} : { images: [], nextToken: null, account: accountId, region }),
        },
      }));
      try {
        const result = await invoke('images:searchPublic', {
          account: accountId,
          region,
          scope: catalogue.scope,
          ...(name ? { name } : {}),
          ...(owner ? { owner } : {}),
          nextToken: more ? catalogue.nextToken : null,
        });
        if (mine !== catalogueTicket) return;
        set((s) => ({
          catalogue: {
            ...s.catalogue,
            images: more ? [...s.catalogue.images, ...result.images] : result.images,
            nextToken: result.nextToken,
            loading: false,
            searched: true,
          },
        }));
      } catch (error) {
        if (mine !== catalogueTicket) return;
        set((s) => ({ catalogue: { ...s.catalogue, loading: false, error: toAppError(error), searched: true } }));
      }
    },

    selectCatalogueImage(imageId) {
      const { catalogue } = get();
      if (imageId === get().selectedImageId) return;
      set({ selectedImageId: imageId });
      if (!get().detailOpen) return;
      if (!imageId || !catalogue.account || !catalogue.region) {
        get().closeDetail();
        return;
      }
      set({ detailContext: { account: catalogue.account, region: catalogue.region } });
      void get().loadDetail(false, true);
    },

    openCatalogueImage(imageId) {
      const { catalogue } = get();
      if (!catalogue.account || !catalogue.region) return;
      set({ selectedImageId: imageId, detailOpen: true, detailContext: { account: catalogue.account, region: catalogue.region } });
      void get().loadDetail();
    },

    exportInventory(input) {
      return invoke('inventory:export', input);
    },
  };
};
