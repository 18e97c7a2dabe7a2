import type { StateCreator } from 'zustand';
import { AmiMerger } from '../../../shared/ami-rows';
import { EMPTY_FILTER, prepareSearch, targetKey, usageKey, withPermissions, type InventoryRow } from '../../../shared/inventory';
import type { StoredAmiUsage } from '../../../shared/contract/usage';
import { invoke, toAppError } from '../../api';
import { readAllRows } from './readRows';
import { loadColumnPrefs, saveColumnPrefs } from '../../lib/columnPrefs';
import { loadFamilyPattern, saveFamilyPattern } from '../../lib/familyPrefs';
import { DEFAULT_INVENTORY_SORT, permissionsFailed, replaceTarget, sortRowsCached, warmSearch, workspaceNames } from '../../lib/inventory';
import { ensureIndex } from '../../lib/inventoryFilter';
import { findRow } from '../../store/selectors';
import type { AtlasState, InventorySlice } from '../../store/types';
import { DEFAULT_COST_VIEW } from './costView';
import { inventoryNames } from './usageNames';
import { toggleColumn } from '../../lib/columnPrefs';

/** Target results arriving during a scan are applied together at most this often (one re-sort each). */
const FLUSH_MS = 250;


export const createInventorySlice: StateCreator<AtlasState, [], [], InventorySlice> = (set, get) => {
  let loadTicket = 0;
  // Targets whose rows came as events while pages were loading: the event is newer, it wins.
  let arrivedDuringLoad: Map<string, readonly InventoryRow[]> | null = null;
  let pending: { target: { account: string; region: string; view: InventoryRow['view'] }; rows: InventoryRow[] }[] = [];
  let flushTimer: ReturnType<typeof setTimeout> | null = null;
  let stopWarming: (() => void) | null = null;
  // One row per AMI, kept in step with the listings per target: a target's new listings fold
  // again only the AMIs they touch.
  let merger = new AmiMerger();
  // The names rows are searched and grouped by: the workspace's accounts, the family pattern and the usage checks.
  const names = () => inventoryNames(workspaceNames(get().workspace, get().familyPattern), get().usage);

  // Every change of the rows: adopt them, and prepare their search text in the background.
  function adopt(byTarget: ReadonlyMap<string, readonly InventoryRow[]>, extra: Partial<AtlasState> = {}) {
    const inventory = merger.rows();
    set({ inventoryByTarget: byTarget, inventory, ...extra });
    stopWarming?.();
    stopWarming = typeof window === 'undefined' ? null : warmSearch(inventory, names());
  }

  /** The merger, rebuilt for exactly these targets (after a load). */
  function mergeAnew(byTarget: ReadonlyMap<string, readonly InventoryRow[]>) {
    merger = new AmiMerger();
    for (const [key, rows] of byTarget) merger.replaceTarget(key, rows);
  }

  // Once everything is loaded: sort and index the rows in the background, as the grid will, so
  // opening the inventory draws at once and the first keystroke finds an index.
  function prepareView() {
    const { inventory, inventorySort } = get();
    const current = names();
    ensureIndex(sortRowsCached(inventory, inventorySort, { names: current }), current);
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
      // Stored, so the In use column and facet work offline after a restart.
      void get().loadUsage();
      set({ inventoryStatus: 'loading', inventoryError: null });
      arrivedDuringLoad = new Map();
      try {
        const summary = await invoke('inventory:summary', {});
        if (mine !== loadTicket) return;
        set({ inventorySummary: summary, ...(summary.running ? { scan: summary.running } : {}) });
        const all = await readAllRows(summary, {
          current: () => mine === loadTicket,
          newer: () => arrivedDuringLoad,
          show: (byTarget) => {
            mergeAnew(byTarget);
            // Search text now, while later pages are on their way, not on the first keystroke.
            prepareSearch(merger.rows(), names());
            adopt(byTarget);
          },
        });
        if (!all) return;
        const byTarget = all;
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

    applyTargetPermissions({ scanId, target, permissions }) {
      const key = targetKey(target);
      // The target's latest rows: waiting to be applied, arrived during a load, or shown.
      let base: readonly InventoryRow[] | undefined;
      for (let i = pending.length - 1; i >= 0 && !base; i--) if (targetKey(pending[i]!.target) === key) base = pending[i]!.rows;
      base ??= arrivedDuringLoad?.get(key) ?? get().inventoryByTarget.get(key);
      // Not here yet: a load reads the target from the inventory, where these permissions already are.
      if (!base) return;
      get().applyTargetRows({ scanId, target, rows: withPermissions(base, permissions) });
    },

    scan: null,
    scanError: null,
    scanPanelOpen: false,
    setScanPanelOpen(open) {
      set(open ? { scanPanelOpen: true } : { scanPanelOpen: false, scanDetailsOpen: false });
    },
    scanDetailsOpen: false,
    setScanDetailsOpen(open) {
      set(open ? { scanDetailsOpen: true, scanPanelOpen: true } : { scanDetailsOpen: false });
    },
    scanToast: null,
    dismissScanToast() {
      set({ scanToast: null });
    },

    applyScanProgress(status) {
      const current = get().scan;
      // Progress of an older scan arriving late must not replace the current one.
      if (current && current.scanId !== status.scanId && current.state === 'running' && status.startedAt < current.startedAt) return;
      set({ scan: status });
      if (status.state !== 'running' && current?.scanId === status.scanId && current.state === 'running') {
        const failing = status.targets.filter((t) => t.state === 'failed' || permissionsFailed(t));
        // Not while its details are open: they say it already.
        if (failing.length > 0 && !get().scanDetailsOpen) set({ scanToast: { scanId: status.scanId, failed: failing.length, accounts: [...new Set(failing.map((t) => t.account))] } });
      }
      if (status.state !== 'running') {
        // The scan is over: apply what is buffered now and refresh the summary (as-of, totals).
        if (flushTimer !== null) clearTimeout(flushTimer);
        flush();
        void invoke('inventory:summary', {})
          .then((summary) => set({ inventorySummary: summary }))
          .catch(() => undefined);
      }
    },

    async startScan(options) {
      set({ scanError: null, scanPanelOpen: true, scanToast: null });
      if (get().inventoryStatus === 'idle') void get().loadInventory();
      try {
        const status = await invoke('inventory:scan', {
          ...(options?.rereadPermissions ? { permissionsMaxAgeHours: 0 } : {}),
          ...(options?.accounts ? { accounts: options.accounts } : {}),
          ...(options?.regions ? { regions: options.regions } : {}),
        });
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

    exportInventory(input) {
      return invoke('inventory:export', { ...input, familyPattern: get().familyPattern || null });
    },

    familyPattern: loadFamilyPattern(),
    setFamilyPattern(pattern) {
      const next = pattern.trim();
      if (next === get().familyPattern) return;
      set({ familyPattern: next });
      saveFamilyPattern(next);
    },

    inventoryPane: 'amis',
    setInventoryPane(pane) {
      set({ inventoryPane: pane });
    },

    costView: DEFAULT_COST_VIEW,
    setCostView(patch) {
      set((s) => ({ costView: { ...s.costView, ...patch } }));
    },

    usage: new Map(),
    async loadUsage() {
      try {
        const stored = await invoke('usage:stored', {});
        // A new map means new names, and the rows' search text and index made again: not for nothing.
        if (stored.length === 0 && get().usage.size === 0) return;
        set({ usage: new Map<string, StoredAmiUsage>(stored.map((u) => [usageKey(u.account, u.region, u.imageId), u])) });
      } catch (error) {
        set((s) => ({ usageCheck: { ...s.usageCheck, error: toAppError(error) } }));
      }
    },
    usageCheck: { state: 'idle', done: 0, total: 0, error: null },
    async checkUsage(scope) {
      if (get().usageCheck.state === 'running') return;
      set({ usageCheck: { state: 'running', done: 0, total: 0, error: null } });
      try {
        await invoke('usage:analyze', scope);
        await get().loadUsage();
        set((s) => ({ usageCheck: { ...s.usageCheck, state: 'done' } }));
        // The answer is what was asked for: show it.
        if (!get().visibleColumns.includes('inUse')) get().setVisibleColumns(toggleColumn(get().visibleColumns, 'inUse'));
      } catch (error) {
        set((s) => ({ usageCheck: { ...s.usageCheck, state: 'error', error: toAppError(error) } }));
      }
    },
    applyUsageProgress({ done, total }) {
      if (get().usageCheck.state !== 'running') return;
      set((s) => ({ usageCheck: { ...s.usageCheck, done, total } }));
    },
  };
};
