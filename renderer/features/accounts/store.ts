import type { StateCreator } from 'zustand';
import { invoke, toAppError } from '../../api';
import { loadRecent } from '../../lib/recent';
import { toggleFavorite } from '../../lib/regions';
import { findAccount } from '../../lib/workspace';
import { findPath } from '../../lib/accounts';
import type { AccountsSlice, AtlasState, SsoSession } from '../../store/types';

/** How long a finished sign-in stays on screen before the panel gets out of the way. */
const SIGNED_IN_LINGER_MS = 1500;

export const createAccountsSlice: StateCreator<AtlasState, [], [], AccountsSlice> = (set, get) => {
  const putSso = (path: string, update: Partial<SsoSession> | null) =>
    set((s) => {
      const next = { ...s.sso };
      if (update === null) delete next[path];
      else next[path] = { path, phase: 'starting', start: null, message: null, error: null, ...s.sso[path], ...update };
      return { sso: next };
    });

  return {
    dialog: null,
    openDialog(dialog) {
      set({ dialog });
    },
    closeDialog() {
      set({ dialog: null });
    },

    recentAccounts: loadRecent(),

    mfaPrompts: [],
    addMfaPrompt(prompt) {
      // The same request announced twice (e.g. after a reconnect) is still one prompt.
      if (get().mfaPrompts.some((p) => p.requestId === prompt.requestId)) return;
      set((s) => ({ mfaPrompts: [...s.mfaPrompts, prompt] }));
    },
    removeMfaPrompt(requestId) {
      set((s) => ({ mfaPrompts: s.mfaPrompts.filter((p) => p.requestId !== requestId) }));
    },

    sso: {},
    async startSsoSignIn(path) {
      putSso(path, { phase: 'starting', start: null, message: null, error: null });
      try {
        const start = await invoke('sso:signIn', { path });
        // A status event may already have moved past "pending" while the answer travelled.
        const phase = get().sso[path]?.phase;
        putSso(path, { start, phase: phase === 'starting' || !phase ? 'pending' : phase });
      } catch (error) {
        putSso(path, { phase: 'failed', error: toAppError(error) });
      }
    },
    async cancelSsoSignIn(path) {
      putSso(path, null);
      try {
        get().applyWorkspace(await invoke('sso:cancel', { path }));
      } catch (error) {
        set({ actionError: toAppError(error) });
      }
    },
    applySsoStatus(status) {
      // Status for a sign-in this window did not start (another window, a retry in main) is still shown.
      putSso(status.path, { phase: status.state, message: status.message });
      if (status.state !== 'signed-in') return;
      const account = findPath(get().workspace, status.path)?.account.id;
      if (account && get().accountId === account && (get().imagesError || get().images.length === 0)) void get().loadImages();
      setTimeout(() => {
        if (get().sso[status.path]?.phase === 'signed-in') putSso(status.path, null);
      }, SIGNED_IN_LINGER_MS);
    },
    dismissSso(path) {
      putSso(path, null);
    },

    async updateAccount(input) {
      const workspace = await invoke('accounts:update', input);
      get().applyWorkspace(workspace);
      return workspace;
    },

    async toggleFavoriteRegion(accountId, region) {
      const account = findAccount(get().workspace, accountId);
      if (!account) return;
      try {
        await get().updateAccount({ account: accountId, favoriteRegions: toggleFavorite(account.favoriteRegions, region) });
      } catch (error) {
        set({ actionError: toAppError(error) });
      }
    },

    async keepSecretsForSession() {
      get().applyWorkspace(await invoke('keychain:useSessionOnly', {}));
    },

    actionError: null,
    dismissActionError() {
      set({ actionError: null });
    },
  };
};
