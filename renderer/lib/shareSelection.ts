/** What "Share with…" and a drag act on: the picked owned images, or the focused one. */
import type { ImageRef } from '../../shared/sharing';
import { findAccount } from './workspace';
import type { AtlasState } from '../store';
import type { AmiDragPayload } from './dnd';
import { applies, factsOf, pickedImages } from './imageActionsFor';

export function shareableSelection(state: AtlasState, ids?: readonly string[]): AmiDragPayload | null {
  const list = state.imagesFor;
  if (!list || list.view !== 'owned' || state.mode !== 'accounts') return null;
  const picked = ids ?? (state.imageSelection.selected.size > 0 ? [...state.imageSelection.selected] : state.selectedImageId ? [state.selectedImageId] : []);
  const wanted = new Set(picked);
  const images = state.images.filter((i) => wanted.has(i.imageId));
  if (images.length === 0) return null;
  const owner = findAccount(state.workspace, list.account)?.awsAccountId;
  const refs: ImageRef[] = images.map((i) => ({ account: list.account, region: list.region, imageId: i.imageId }));
  return {
    images: refs,
    ownerIds: [...new Set([...images.map((i) => i.ownerId), ...(owner ? [owner] : [])])],
    imageNames: Object.fromEntries(images.map((i) => [i.imageId, i.name || i.imageId])),
  };
}

/**
 * Opens the "Share with…" picker for the picked images that can be shared (available ones:
 * AWS refuses to share a disabled, pending or failed image); false when none can.
 */
export function openShareWith(state: AtlasState): boolean {
  const { images, owned } = pickedImages(state);
  const ids = images.filter((i) => applies('share', factsOf(i, owned))).map((i) => i.imageId);
  const payload = ids.length > 0 ? shareableSelection(state, ids) : null;
  if (!payload) return false;
  state.openSharePicker(payload.images, payload.imageNames);
  return true;
}
