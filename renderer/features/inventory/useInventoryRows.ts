import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { compileFilter, type InventoryFilter, type InventoryRow } from '../../../shared/inventory';
import { useAtlas } from '../../store';
import { useNow } from '../../components/useNow';
import { accountNamesByAwsId } from '../../lib/images';
import { countInSlices, narrows, type AllCounts } from '../../lib/inventoryFilter';
import { sortRows } from '../../lib/inventory';
import type { AccountLook, InventoryCellContext } from './inventoryColumns';

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
  return useMemo(() => ({ now, accounts, ownerNames }), [now, accounts, ownerNames]);
}

/**
 * Sorted once per (rows, sort); each filter change only walks the sorted list, which keeps
 * its order, so typing never re-sorts 100,000 rows.
 */
export function useInventoryRows(ctx: InventoryCellContext): { sorted: readonly InventoryRow[]; rows: readonly InventoryRow[]; filter: InventoryFilter } {
  const inventory = useAtlas((s) => s.inventory);
  const sort = useAtlas((s) => s.inventorySort);
  const filter = useAtlas((s) => s.filter);
  // Typing stays responsive: the grid catches up a frame later if it must.
  const deferred = useDeferredValue(filter);
  const accountNames = useMemo(() => new Map([...ctx.accounts].map(([id, look]) => [id, look.name])), [ctx.accounts]);
  const sorted = useMemo(() => sortRows(inventory, sort, { accountNames }), [inventory, sort, accountNames]);
  // The last result, so a longer search text filters it instead of every row.
  const last = useRef<{ sorted: readonly InventoryRow[]; filter: InventoryFilter; rows: InventoryRow[] } | null>(null);
  const rows = useMemo(() => {
    const keep = compileFilter(deferred);
    const prev = last.current;
    const base = prev && prev.sorted === sorted && narrows(prev.filter, deferred) ? prev.rows : sorted;
    const next = base.filter(keep);
    last.current = { sorted, filter: deferred, rows: next };
    return next;
  }, [sorted, deferred]);
  return { sorted, rows, filter: deferred };
}

export type Counts = AllCounts;

/**
 * Facet counts are O(rows × facets): counted after a pause in typing, in slices between frames,
 * so they never hold up a keystroke. The previous counts stay on screen until the new ones land.
 */
export function useFacetCounts(rows: readonly InventoryRow[], filter: InventoryFilter, delayMs = 150): Counts | null {
  const [counts, setCounts] = useState<Counts | null>(null);
  useEffect(() => {
    let cancelCount: (() => void) | null = null;
    const timer = setTimeout(() => {
      cancelCount = countInSlices(rows, filter, setCounts);
    }, delayMs);
    return () => {
      clearTimeout(timer);
      cancelCount?.();
    };
  }, [rows, filter, delayMs]);
  return counts;
}
