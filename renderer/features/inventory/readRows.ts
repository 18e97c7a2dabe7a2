/**
 * Reading the whole cached inventory: every target's rows in pages, planned from the summary
 * so a page is whole targets (a scan writing meanwhile never splits one), asked for ahead so
 * main reads the next while this side decodes one.
 */
import { batchTargets, unpackPageByTarget, type InventoryRow } from '../../../shared/inventory';
import type { ChannelOutput, InventorySummary } from '../../../shared/contract';
import { invoke } from '../../api';

/** Rows are fetched in pages this big: big enough to be quick, small enough to stay one message. */
export const PAGE_SIZE = 10_000;
/** Pages asked for before the first of them has arrived (the current one included). */
export const PAGES_AHEAD = 3;
/**
 * While the pages after the first arrive, the grid is refreshed with them at most this often:
 * the first page is shown at once, and each refresh re-sorts everything loaded so far.
 */
const SHOW_LOADED_MS = 1000;

interface ReadOptions {
  /** False once a newer load has begun: this one stops and resolves to null. */
  current(): boolean;
  /** Targets whose rows came as events meanwhile: newer than any page, they win. */
  newer(): ReadonlyMap<string, readonly InventoryRow[]> | null;
  /** What has arrived so far, now and then while later pages are on their way. */
  show(byTarget: Map<string, readonly InventoryRow[]>): void;
}

/** Every target's rows (with newer events on top), or null when a newer load took over. */
export async function readAllRows(summary: InventorySummary, { current, newer, show }: ReadOptions): Promise<Map<string, readonly InventoryRow[]> | null> {
  const grouped = new Map<string, InventoryRow[]>();
  // Arrays copied: later pages may still add to a target that a page split.
  const loaded = () => {
    const byTarget = new Map<string, readonly InventoryRow[]>();
    for (const [key, rows] of grouped) byTarget.set(key, rows.slice());
    for (const [key, rows] of newer() ?? []) {
      if (rows.length === 0) byTarget.delete(key);
      else byTarget.set(key, rows);
    }
    return byTarget;
  };
  // The first page is drawn as soon as it is here; the rest are shown now and then.
  let shownAt = Number.NEGATIVE_INFINITY;
  const batches = batchTargets(summary.targets, PAGE_SIZE);
  const requests: Promise<ChannelOutput<'inventory:rows'>>[] = [];
  for (let k = 0; k < batches.length; k++) {
    while (requests.length < Math.min(k + PAGES_AHEAD, batches.length)) {
      const request = invoke('inventory:rows', { targets: batches[requests.length]! });
      request.catch(() => undefined); // awaited, and reported, in its turn
      requests.push(request);
    }
    const page = await (requests[k] as Promise<ChannelOutput<'inventory:rows'>>);
    if (!current()) return null;
    unpackPageByTarget(page, grouped);
    if (k + 1 < batches.length && performance.now() - shownAt >= SHOW_LOADED_MS) {
      show(loaded());
      shownAt = performance.now();
    }
  }
  return loaded();
}
