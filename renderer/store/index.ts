/**
 * One store built from slices (workspace, selection, images, detail, accounts). Components subscribe to
 * the smallest piece they need with `useAtlas((s) => s.field)`.
 */
import { create } from 'zustand';
import { createAccountsSlice } from './accounts';
import { createDetailSlice } from './detail';
import { createImagesSlice } from './images';
import { createInventorySlice } from './inventory';
import { createJobsSlice } from './jobs';
import { createSelectionSlice } from './selection';
import { createSharingSlice } from './sharing';
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
    ...createSharingSlice(...args),
    ...createJobsSlice(...args),
  }));
}

export const useAtlas = createAtlasStore();

export type { AddAccountTab, AtlasState, CatalogueScope, CatalogueState, Mode, DialogRequest, ListKey, RegionsState, SsoSession } from './types';
