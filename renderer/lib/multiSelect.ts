/**
 * Multi-selection in a list, the way file managers do it: a click selects one row and sets the
 * anchor, Ctrl/Cmd+click toggles a row, Shift+click selects the range from the anchor. Pure: the
 * caller passes the rows in the order they are shown, so a range follows the visible sort.
 */

export interface MultiSelection {
  selected: ReadonlySet<string>;
  /** Where the next Shift+click range starts. */
  anchor: string | null;
}

export const EMPTY_SELECTION: MultiSelection = { selected: new Set(), anchor: null };

export type PickHow = 'single' | 'toggle' | 'range';

export function pick(current: MultiSelection, id: string, how: PickHow, order: readonly string[]): MultiSelection {
  if (how === 'single') return { selected: new Set([id]), anchor: id };
  if (how === 'toggle') {
    const selected = new Set(current.selected);
    if (selected.has(id)) selected.delete(id);
    else selected.add(id);
    return { selected, anchor: id };
  }
  const from = current.anchor !== null ? order.indexOf(current.anchor) : -1;
  const to = order.indexOf(id);
  // No anchor in view (filtered away, or none yet): a range of one, which becomes the anchor.
  if (to === -1) return current;
  if (from === -1) return { selected: new Set([id]), anchor: id };
  const [lo, hi] = from <= to ? [from, to] : [to, from];
  return { selected: new Set(order.slice(lo, hi + 1)), anchor: current.anchor };
}

export function selectAll(order: readonly string[]): MultiSelection {
  return { selected: new Set(order), anchor: order[0] ?? null };
}

/** Keeps only the ids still listed (after a refresh), and drops an anchor that is gone. */
export function retain(current: MultiSelection, ids: ReadonlySet<string>): MultiSelection {
  const selected = new Set([...current.selected].filter((id) => ids.has(id)));
  const anchor = current.anchor !== null && ids.has(current.anchor) ? current.anchor : null;
  if (selected.size === current.selected.size && anchor === current.anchor) return current;
  return { selected, anchor };
}

/** The selected ids in the order shown. */
export function inOrder(selected: ReadonlySet<string>, order: readonly string[]): string[] {
  return order.filter((id) => selected.has(id));
}

/**
 * Where a list key that moves the focus to `to` leaves the selection. Shift extends it from the
 * anchor (the focused row, when there is none yet). Ctrl/Cmd moves the focus alone. A plain move
 * carries the selection along only while what is shown of it is nothing or just the focused row;
 * a selection made on purpose (several rows, or one that is not the focus) stays as it is, so
 * arrows can go and look for the next row to add with Space.
 */
export function keyMove(
  current: MultiSelection,
  focused: string | null,
  to: string,
  keys: { shift: boolean; mod: boolean },
  order: readonly string[],
): MultiSelection {
  if (keys.shift) {
    const anchored = current.anchor !== null && order.includes(current.anchor);
    return pick(anchored || focused === null ? current : { ...current, anchor: focused }, to, 'range', order);
  }
  if (keys.mod || !followsFocus(current, focused, order)) return current;
  return pick(current, to, 'single', order);
}

/**
 * True while the selection, as far as `order` shows it, is nothing or just the focused row: plain
 * moves take it along. Rows a search hides do not count, so a selection nobody can see is never
 * kept (and later acted on) by moving through other rows.
 */
export function followsFocus(current: MultiSelection, focused: string | null, order: readonly string[]): boolean {
  if (current.selected.size === 0) return true;
  let shown = 0;
  let focusShown = false;
  for (const id of order) {
    if (!current.selected.has(id)) continue;
    shown++;
    if (id === focused) focusShown = true;
    if (shown > 1) return false;
  }
  return shown === 0 || focusShown;
}
