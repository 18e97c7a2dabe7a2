import type { StateCreator } from 'zustand';
import { invoke } from '../../api';
import type { AtlasState } from '../../store/types';
import type { DiscoverySlice } from './storeTypes';

export const createDiscoverySlice: StateCreator<AtlasState, [], [], DiscoverySlice> = (set) => ({
  ssoPortals: [],
  setSsoPortals(ssoPortals) {
    set({ ssoPortals });
  },
  async loadSsoPortals() {
    try {
      set({ ssoPortals: await invoke('discovery:ssoPortals', {}) });
    } catch {
      // Only a hint in the status bar: the dialog says what went wrong when it is opened.
    }
  },
});
