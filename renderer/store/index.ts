/**
 * One store built from slices: the shell's (workspace, selection) and each feature's. Components
 * subscribe to the smallest piece they need with `useAtlas((s) => s.field)`.
 */
import { create } from 'zustand';
import { createAccountsSlice } from '../features/accounts/store';
import { createDetailSlice } from '../features/images/detail/store';
import { createImagesSlice } from '../features/images/store';
import { createCatalogueSlice } from '../features/inventory/catalogueStore';
import { createInventorySlice } from '../features/inventory/store';
import { createJobsSlice } from '../features/jobs/store';
import { createDiscoverySlice } from '../features/discovery/store';
import { createSelectionSlice } from './selection';
import { createSharingSlice } from '../features/sharing/store';
import type { AtlasState } from './types';
import { createWorkspaceSlice } from './workspace';

export function createAtlasStore() {
  return create<AtlasState>()((...args) => ({
    ...createWorkspaceSlice(...args),
    ...createSelectionSlice(...args),
    ...createImagesSlice(...args),
    ...createDetailSlice(...args),
    ...createAccountsSlice(...args),
    ...createInventorySlice(...args),
    ...createCatalogueSlice(...args),
    ...createSharingSlice(...args),
    ...createJobsSlice(...args),
    ...createDiscoverySlice(...args),
  }));
}

export const useAtlas = createAtlasStore();

export type { AddAccountTab, AtlasState, CatalogueScope, CatalogueState, Mode, DialogRequest, ListKey, RegionsState, SsoSession } from './types';
