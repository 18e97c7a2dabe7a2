import type { StateCreator } from 'zustand';
import { invoke, toAppError } from '../api';
import { loadPrefs, savePrefs } from '../lib/prefs';
import { pushRecent, saveRecent } from '../lib/recent';
import { preferredRegion } from '../lib/regions';
import { findAccount } from '../lib/workspace';
import type { AtlasState, SelectionSlice } from './types';

export const createSelectionSlice: StateCreator<AtlasState, [], [], SelectionSlice> = (set, get) => ({
  accountId: null,
  region: null,
  view: loadPrefs().view,
  regionsByAccount: {},

  selectAccount(accountId, chosenRegion) {
    const account = findAccount(get().workspace, accountId);
    if (!account) return;
    const prefs = loadPrefs();
    const region = chosenRegion ?? prefs.regionByAccount[accountId] ?? preferredRegion(account);
    const unchanged = get().accountId === accountId && get().region === region && get().imagesFor !== null;
    const recentAccounts = pushRecent(get().recentAccounts, accountId);
    set({ accountId, region, recentAccounts });
    saveRecent(recentAccounts);
    savePrefs(
      chosenRegion ? { accountId, regionByAccount: { ...prefs.regionByAccount, [accountId]: chosenRegion } } : { accountId },
    );
    void get().loadRegions(accountId);
    if (!unchanged) void get().loadImages();
  },

  selectRegion(region) {
    const { accountId } = get();
    if (!accountId || region === get().region) return;
    set({ region });
    savePrefs({ regionByAccount: { ...loadPrefs().regionByAccount, [accountId]: region } });
    void get().loadImages();
  },

  selectView(view) {
    if (view === get().view) return;
    set({ view });
    savePrefs({ view });
    void get().loadImages();
  },

  async loadRegions(accountId, force = false) {
    const current = get().regionsByAccount[accountId];
    if (current && !force && current.status !== 'error') return;
    const put = (state: AtlasState['regionsByAccount'][string]) =>
      set((s) => ({ regionsByAccount: { ...s.regionsByAccount, [accountId]: state } }));
    put({ status: 'loading', regions: current?.regions ?? [], error: null });
    try {
      const regions = await invoke('regions:list', { account: accountId });
      put({ status: 'ready', regions: [...regions].sort((a, b) => a.name.localeCompare(b.name)), error: null });
    } catch (error) {
      put({ status: 'error', regions: current?.regions ?? [], error: toAppError(error) });
    }
  },
});
