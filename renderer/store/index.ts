/**
 * One store built from slices (workspace, selection, images, detail). Components subscribe to
 * the smallest piece they need with `useAtlas((s) => s.field)`.
 */
import { create } from 'zustand';
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
  }));
}

export const useAtlas = createAtlasStore();

export type { AtlasState, ListKey, RegionsState } from './types';
