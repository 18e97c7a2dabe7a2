import type { StateCreator } from 'zustand';
import { invoke, toAppError } from '../api';
import { loadPrefs } from '../lib/prefs';
import { findAccount, orderedAccounts } from '../lib/workspace';
import type { AtlasState, WorkspaceSlice } from './types';

export const createWorkspaceSlice: StateCreator<AtlasState, [], [], WorkspaceSlice> = (set, get) => ({
  workspace: null,
  workspaceError: null,
  workspaceSwitching: false,

  async switchWorkspace(to) {
    const had = (get().workspace?.accounts.length ?? 0) > 0;
    set({ workspaceSwitching: true, workspaceError: null });
    try {
      const workspace = await invoke(to === 'demo' ? 'demo:open' : 'demo:close', {});
      // Nothing of one workspace may linger in the other: lists, rows, jobs and selection start afresh.
      if (had && typeof window !== 'undefined') window.location.reload();
      else get().applyWorkspace(workspace);
    } catch (error) {
      set({ workspaceError: toAppError(error) });
    } finally {
      set({ workspaceSwitching: false });
    }
  },

  async loadWorkspace() {
    try {
      get().applyWorkspace(await invoke('workspace:get', {}));
    } catch (error) {
      set({ workspaceError: toAppError(error) });
    }
  },

  applyWorkspace(workspace, preferAccountId) {
    const before = findAccount(get().workspace, get().accountId);
    set({ workspace, workspaceError: null });
    const accounts = orderedAccounts(workspace);
    if (accounts.length === 0) {
      get().closeDetail();
      set({ accountId: null, region: null, images: [], imagesFor: null, imagesError: null, selectedImageId: null });
      return;
    }
    const has = (id: string | null | undefined): id is string => !!id && accounts.some((a) => a.id === id);
    if (has(preferAccountId)) return get().selectAccount(preferAccountId);
    // An event that only updates health or names must not disturb what the user is looking at,
    // except that an account just repaired (signed in, new key) loads what it could not before.
    if (has(get().accountId)) {
      const after = findAccount(workspace, get().accountId);
      const repaired = before?.health !== 'ok' && after?.health === 'ok';
      if (repaired && get().imagesError && !get().imagesLoading) void get().loadImages();
      return;
    }
    const remembered = loadPrefs().accountId;
    get().selectAccount(has(remembered) ? remembered : accounts[0]!.id);
  },
});
