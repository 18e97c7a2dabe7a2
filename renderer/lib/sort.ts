/** Sorting for the AMI table. Pure: everything time- or workspace-dependent comes in via `SortContext`. */
import { visibilityLabel, type AmiRow } from '../../shared/ami-rows';
import type { AmiSummary } from '../../shared/model';
import { displayState, ownerLabel } from './images';
import { toMillis } from './time';

export type SortKey =
  | 'name'
  | 'imageId'
  | 'state'
  | 'architecture'
  | 'platform'
  | 'rootDeviceType'
  | 'creationDate'
  | 'public'
  | 'encrypted'
  | 'owner';

export type SortDirection = 'asc' | 'desc';

export interface SortState {
  key: SortKey;
  direction: SortDirection;
}

export interface SortContext {
  now: number;
  ownerNames: ReadonlyMap<string, string>;
}

export const DEFAULT_SORT: SortState = { key: 'creationDate', direction: 'desc' };

// Numeric-aware so "build-9" sorts before "build-10".
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** Newest first is what people want from dates and flags; text reads best A→Z. */
export function defaultDirection(key: SortKey): SortDirection {
  return key === 'creationDate' || key === 'public' || key === 'encrypted' ? 'desc' : 'asc';
}

/** Clicking the sorted column flips it; clicking another column starts at that column's natural order. */
export function nextSort(current: SortState, key: SortKey): SortState {
  if (current.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { key, direction: defaultDirection(key) };
}

type SortValue = string | number | null;

function valueOf(image: AmiSummary, key: SortKey, ctx: SortContext): SortValue {
  switch (key) {
    case 'creationDate':
      return toMillis(image.creationDate);
    case 'public':
      // AMI rows know who may launch them; a plain listing only whether it is public.
      return 'launchPermission' in image ? (visibilityLabel(image as AmiRow) || null) : image.public ? 'public' : null;
    case 'encrypted':
      return image.encrypted ? 1 : 0;
    case 'state':
      return displayState(image, ctx.now);
    case 'owner':
      return ownerLabel(image, ctx.ownerNames);
    case 'name':
      return image.name || null;
    default:
      return image[key] || null;
  }
}

function compareValues(a: SortValue, b: SortValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/**
 * Returns a new sorted array. Missing values always go last, whichever the direction, and ties
 * fall back to newest-first then image id so the order never jumps between renders.
 */
export function sortImages<T extends AmiSummary>(images: readonly T[], sort: SortState, ctx: SortContext): T[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  // Decorate once: computing values inside the comparator would repeat the work n·log n times.
  const rows = images.map((image) => ({
    image,
    value: valueOf(image, sort.key, ctx),
    created: toMillis(image.creationDate) ?? -Infinity,
  }));
  rows.sort((x, y) => {
    if (x.value === null && y.value !== null) return 1;
    if (y.value === null && x.value !== null) return -1;
    if (x.value !== null && y.value !== null) {
      const c = compareValues(x.value, y.value);
      if (c !== 0) return c * sign;
    }
    if (x.created !== y.created) return y.created > x.created ? 1 : -1;
    return x.image.imageId < y.image.imageId ? -1 : x.image.imageId > y.image.imageId ? 1 : 0;
  });
  return rows.map((r) => r.image);
}
