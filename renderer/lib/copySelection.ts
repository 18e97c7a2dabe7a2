/** What "Copy…" acts on: the picked images of the shown list (or the focused one), and where they may go. */
import { findAccount } from './workspace';
import type { AtlasState } from '../store';
import { sendIntent, type OpenCopyInput } from './intents';

export function copyableSelection(state: AtlasState): OpenCopyInput | null {
  const list = state.imagesFor;
  if (!list || state.mode !== 'accounts') return null;
  const picked = state.imageSelection.selected.size > 0 ? state.imageSelection.selected : new Set(state.selectedImageId ? [state.selectedImageId] : []);
  const images = state.images.filter((i) => picked.has(i.imageId));
  if (images.length === 0) return null;
  const crossAccount = list.view === 'shared';
  const account = findAccount(state.workspace, list.account);
  // Owned: the account's favourite regions other than this one are the usual destinations.
  // Shared: copying into this account, the image's own region is the obvious first choice.
  const regions = crossAccount ? [list.region] : (account?.favoriteRegions ?? []).filter((r) => r !== list.region).slice(0, 1);
  return {
    sources: images.map((i) => ({ ref: { account: list.account, region: list.region, imageId: i.imageId }, name: i.name || i.imageId, encrypted: i.encrypted })),
    destinationAccount: list.account,
    sourceRegion: list.region,
    crossAccount,
    regions,
  };
}

/** Opens the copy dialog for the selection; false when nothing is selected. */
export function openCopyFor(state: AtlasState): boolean {
  const input = copyableSelection(state);
  if (!input) return false;
  void state.loadRegions(input.destinationAccount);
  return sendIntent('copy:open', input);
}
