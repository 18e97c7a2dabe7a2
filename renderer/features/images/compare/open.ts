/**
 * Where a comparison starts: the two AMIs picked in the account view's list, or one AMI and
 * another the user finds among those the app knows (the inventory, and the list on screen).
 */
import type { AmiRow } from '../../../../shared/ami-rows';
import type { AmiSummary } from '../../../../shared/model';
import { listedRow } from '../../../lib/images';
import { searchAmis, type AmiSearch } from '../../../lib/quickSwitch';
import type { AtlasState } from '../../../store/types';
import { openCompare, type CompareTarget } from './compareStore';

export function targetOf(image: Pick<AmiSummary, 'account' | 'region' | 'imageId' | 'name'>): CompareTarget {
  return { account: image.account, region: image.region, imageId: image.imageId, name: image.name };
}

/**
 * Compares the list's picked AMIs when exactly two are picked (the first picked on the left), or offers
 * "Compare with…" for the one picked. False when neither applies (nothing opened).
 */
export function compareSelection(state: Pick<AtlasState, 'images' | 'imageSelection' | 'selectedImageId'>): boolean {
  // In the order picked: the first AMI picked is the left column.
  const byId = new Map(state.images.map((i) => [i.imageId, i]));
  const picked = [...state.imageSelection.selected].flatMap((id) => byId.get(id) ?? []);
  if (picked.length === 2) {
    openCompare(targetOf(picked[0]!), targetOf(picked[1]!), 'list');
    return true;
  }
  const one = picked.length === 1 ? picked[0] : picked.length === 0 ? state.images.find((i) => i.imageId === state.selectedImageId) : undefined;
  if (!one) return false;
  openCompare(targetOf(one), null, 'list');
  return true;
}

/**
 * What "Compare with…" searches: every AMI of the inventory, and the list on screen (so it works
 * before a scan too), one row per image, without the image being compared. Cached per pair of
 * arrays (both are replaced, never mutated).
 */
export function compareCandidates(inventory: readonly AmiRow[], listed: readonly AmiSummary[], view: 'owned' | 'shared', exclude: CompareTarget): AmiRow[] {
  const seen = new Set<string>();
  const out: AmiRow[] = [];
  for (const row of inventory) {
    if (row.imageId === exclude.imageId && row.region === exclude.region) continue;
    seen.add(`${row.region}|${row.imageId}`);
    out.push(row);
  }
  for (const image of listed) {
    const id = `${image.region}|${image.imageId}`;
    if (seen.has(id) || (image.imageId === exclude.imageId && image.region === exclude.region)) continue;
    seen.add(id);
    out.push(listedRow(image, undefined, view));
  }
  return out;
}

/** The best matches for what the user typed: an id (or part of one) or words of the name. */
export function searchCandidates(candidates: readonly AmiRow[], query: string): AmiSearch {
  return searchAmis(candidates, query);
}
