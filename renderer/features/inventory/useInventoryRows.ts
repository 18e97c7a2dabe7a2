import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { AmiRow } from '../../../shared/ami-rows';
import { compileFilter, filterParts, type InventoryFilter } from '../../../shared/inventory';
import { useAtlas } from '../../store';
import { useNow } from '../../components/useNow';
import { accountNamesByAwsId } from '../../lib/images';
import { cachedIndex, countInSlices, ensureIndex, filterIndexed, narrows, type AllCounts, type InventoryIndex } from '../../lib/inventoryFilter';
import { sortRowsCached, workspaceNames } from '../../lib/inventory';
import type { AccountLook, InventoryCellContext } from './inventoryColumns';
import { inventoryNames } from './usageNames';

/** A narrowed search filters the last result rather than use the index when that result is under 1/this of the rows. */
const NARROW_BELOW = 8;
/** The index of a new sorted list is built once the list has stayed the same this long. */
const INDEX_AFTER_MS = 200;

/** What inventory cells need to draw: the clock and our account names/colours. */
export function useInventoryContext(): InventoryCellContext {
  const workspace = useAtlas((s) => s.workspace);
  const now = useNow();
  const accounts = useMemo(() => {
    const map = new Map<string, AccountLook>();
    for (const a of workspace?.accounts ?? []) {
      map.set(a.id, { name: a.name, color: workspace?.clients.find((c) => c.id === a.clientId)?.color ?? null });
    }
    return map;
  }, [workspace]);
  const ownerNames = useMemo(() => accountNamesByAwsId(workspace?.accounts ?? []), [workspace]);
  const familyPattern = useAtlas((s) => s.familyPattern);
  const usage = useAtlas((s) => s.usage);
  const names = inventoryNames(workspaceNames(workspace, familyPattern), usage);
  return useMemo(() => ({ now, accounts, ownerNames, names }), [now, accounts, ownerNames, names]);
}

/**
 * Sorted once per (rows, sort); each filter change only walks the sorted list, which keeps
 * its order, so typing never re-sorts 100,000 rows. The sorted list is indexed once too (see
 * buildInventoryIndex), after the grid is drawn if the store has not done it in the background;
 * a filter is answered from the index, or by filtering the last result when it only narrows
 * that and that is small (or while there is no index yet).
 */
export function useInventoryRows(ctx: InventoryCellContext): { index: InventoryIndex | null; rows: readonly AmiRow[]; filter: InventoryFilter } {
  const inventory = useAtlas((s) => s.inventory);
  const sort = useAtlas((s) => s.inventorySort);
  const filter = useAtlas((s) => s.filter);
  const later = useDeferredValue(filter);
  const names = ctx.names;
  const sorted = useMemo(() => sortRowsCached(inventory, sort, { names }), [inventory, sort, names]);
  const [built, setBuilt] = useState<InventoryIndex | null>(null);
  const index = cachedIndex(sorted, names) ?? (built?.rows === sorted && built.names === names ? built : null);
  // With the index a keystroke's rows take milliseconds: shown in the same render as the text
  // typed (a deferred render would wait for another turn of the event loop, often a frame).
  // Without it, typing stays responsive and the grid catches up a frame later.
  const deferred = index ? filter : later;
  useEffect(() => {
    if (cachedIndex(sorted, names)) return;
    // Not in the render that shows the rows but after it, once they stop changing (a scan
    // delivers new rows a few times a second).
    const timer = setTimeout(() => setBuilt(ensureIndex(sorted, names)), INDEX_AFTER_MS);
    return () => clearTimeout(timer);
  }, [sorted, names]);
  // The last result, so a longer search text filters it instead of every row.
  const last = useRef<{ sorted: readonly AmiRow[]; filter: InventoryFilter; rows: AmiRow[] } | null>(null);
  const rows = useMemo(() => {
    const prev = last.current;
    const narrowing =
      prev && prev.sorted === sorted && narrows(prev.filter, deferred) && prev.rows.length * NARROW_BELOW <= sorted.length;
    let next: AmiRow[];
    if (filterParts(deferred).length === 0) next = sorted;
    else if (narrowing || !index) next = (narrowing ? prev.rows : sorted).filter(compileFilter(deferred, new Date(), undefined, names));
    else next = filterIndexed(index, deferred);
    // The same rows as before (a keystroke that matched them all): keep the array, so the grid
    // does not redraw.
    if (prev && prev.sorted === sorted && sameRows(prev.rows, next)) next = prev.rows;
    last.current = { sorted, filter: deferred, rows: next };
    return next;
  }, [sorted, index, deferred, names]);
  return { index, rows, filter: deferred };
}

function sameRows(a: readonly AmiRow[], b: readonly AmiRow[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export type Counts = AllCounts;

export interface FacetCounts {
  counts: Counts | null;
  /** The counts on screen were made for an earlier filter or inventory; new ones are on the way. */
  stale: boolean;
}

/**
 * Facet counts are O(rows × facets): counted after a pause in typing, in slices between frames,
 * so they never hold up a keystroke. The previous counts stay on screen until the new ones land,
 * marked stale meanwhile.
 */
export function useFacetCounts(index: InventoryIndex | null, filter: InventoryFilter, delayMs = 250): FacetCounts {
  const [made, setMade] = useState<{ counts: Counts; index: InventoryIndex; filter: InventoryFilter } | null>(null);
  useEffect(() => {
    if (!index) return undefined;
    let cancelCount: (() => void) | null = null;
    const timer = setTimeout(() => {
      cancelCount = countInSlices(index, filter, (counts) => setMade({ counts, index, filter }));
    }, delayMs);
    return () => {
      clearTimeout(timer);
      cancelCount?.();
    };
  }, [index, filter, delayMs]);
  return { counts: made?.counts ?? null, stale: made !== null && (made.index !== index || made.filter !== filter) };
}
