/** Reads of the whole state that several features need (the detail pane's image, a row by key). */
import type { AmiRow } from '../../shared/ami-rows';
import type { AmiSummary } from '../../shared/model';
import type { AtlasState } from './types';

/** The list entry behind the detail pane, whichever mode and tab it was opened from. */
export function detailSummary(state: AtlasState): AmiSummary | null {
  const id = state.selectedImageId;
  if (!id) return null;
  if (state.mode === 'inventory') {
    if (state.catalogueTab) return state.catalogue.images.find((i) => i.imageId === id) ?? null;
    return state.selectedRowKey ? findRow(state, state.selectedRowKey) : null;
  }
  return state.images.find((i) => i.imageId === id) ?? null;
}

// Rows by key, per inventory array (arrays are replaced, not mutated).
const byKey = new WeakMap<readonly AmiRow[], Map<string, AmiRow>>();

export function findRow(state: AtlasState, key: string): AmiRow | null {
  let map = byKey.get(state.inventory);
  if (!map) byKey.set(state.inventory, (map = new Map(state.inventory.map((r) => [r.key, r]))));
  return map.get(key) ?? null;
}
