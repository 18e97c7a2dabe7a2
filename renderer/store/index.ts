/**
 * One store built from slices (workspace, selection, images, detail, accounts). Components subscribe to
 * the smallest piece they need with `useAtlas((s) => s.field)`.
 */
import { create } from 'zustand';
import { createAccountsSlice } from './accounts';
import { createDetailSlice } from './detail';
import { createImagesSlice } from './images';
import { createSelectionSlice } from './selection';
import type { AtlasState } from './types';
import { createWorkspaceSlice } from './workspace';

export function createAtlasStore() {
  return create<AtlasState>()((...args) => ({
    ...createWorkspaceSlice(...args),
    ...createSelectionSlice(...args),
    ...createImagesSlice(...args),
    ...createDetailSlice(...args),
    ...createAccountsSlice(...args),
  }));
}

export const useAtlas = createAtlasStore();

export type { AddAccountTab, AtlasState, DialogRequest, ListKey, RegionsState, SsoSession } from './types';
