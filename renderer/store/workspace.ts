import type { StateCreator } from 'zustand';
import { invoke, toAppError } from '../api';
import { loadPrefs } from '../lib/prefs';
import { orderedAccounts } from '../lib/workspace';
import type { AtlasState, WorkspaceSlice } from './types';

export const createWorkspaceSlice: StateCreator<AtlasState, [], [], WorkspaceSlice> = (set, get) => ({
  workspace: null,
  workspaceError: null,

  async loadWorkspace() {
    try {
      get().applyWorkspace(await invoke('workspace:get', {}));
    } catch (error) {
      set({ workspaceError: toAppError(error) });
    }
  },

  applyWorkspace(workspace, preferAccountId) {
    set({ workspace, workspaceError: null });
    const accounts = orderedAccounts(workspace);
    if (accounts.length === 0) {
      get().closeDetail();
      set({ accountId: null, region: null, images: [], imagesFor: null, imagesError: null, selectedImageId: null });
      return;
    }
    const has = (id: string | null | undefined): id is string => !!id && accounts.some((a) => a.id === id);
    if (has(preferAccountId)) return get().selectAccount(preferAccountId);
    // An event that only updates health or names must not disturb what the user is looking at.
    if (has(get().accountId)) return;
    const remembered = loadPrefs().accountId;
    get().selectAccount(has(remembered) ? remembered : accounts[0]!.id);
  },
});
