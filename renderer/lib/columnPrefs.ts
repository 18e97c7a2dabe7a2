/** Which inventory columns are shown, in which order; remembered in localStorage. */
import { INVENTORY_COLUMNS, type InventoryColumn } from '../../shared/inventory';

// v2: one row per AMI, with the accounts it is available to, its owner and visibility.
const KEY = 'atlas.inventoryColumns.v2';

// What fits a 1440 px window next to the sidebar; view and root storage are a click away (Columns, facets).
export const DEFAULT_VISIBLE_COLUMNS: readonly InventoryColumn[] = [
  'name',
  'imageId',
  'account',
  'region',
  'state',
  'architecture',
  'platform',
  'visibility',
  'encrypted',
  'creationDate',
];

/**
 * The columns an export starts with: the visible ones, and in a file a name travels with its
 * 12-digit id (the grid shows ids on hover; a spreadsheet has no hover).
 */
export function exportColumns(visible: readonly InventoryColumn[]): InventoryColumn[] {
  const wanted = new Set(visible);
  if (wanted.has('account')) wanted.add('awsAccountId');
  if (wanted.has('owner')) wanted.add('ownerId');
  return INVENTORY_COLUMNS.filter((c) => wanted.has(c));
}

const KNOWN = new Set<string>(INVENTORY_COLUMNS);

/** Accepts only known column names, without duplicates; anything else falls back to the defaults. */
export function parseColumnPrefs(raw: string | null): InventoryColumn[] {
  if (!raw) return [...DEFAULT_VISIBLE_COLUMNS];
  try {
    const value: unknown = JSON.parse(raw);
    if (!Array.isArray(value)) return [...DEFAULT_VISIBLE_COLUMNS];
    const columns = [...new Set(value.filter((v): v is InventoryColumn => typeof v === 'string' && KNOWN.has(v)))];
    return columns.length > 0 ? columns : [...DEFAULT_VISIBLE_COLUMNS];
  } catch {
    return [...DEFAULT_VISIBLE_COLUMNS];
  }
}

/** Shows or hides one column; shown columns keep the canonical order; at least one stays. */
export function toggleColumn(visible: readonly InventoryColumn[], column: InventoryColumn): InventoryColumn[] {
  if (visible.includes(column)) return visible.length > 1 ? visible.filter((c) => c !== column) : [...visible];
  const next = new Set([...visible, column]);
  return INVENTORY_COLUMNS.filter((c) => next.has(c));
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function loadColumnPrefs(): InventoryColumn[] {
  return parseColumnPrefs(storage()?.getItem(KEY) ?? null);
}

export function saveColumnPrefs(columns: readonly InventoryColumn[]): void {
  try {
    storage()?.setItem(KEY, JSON.stringify(columns));
  } catch {
    // Remembering is a nicety; a full or disabled storage must not break the grid.
  }
}

/** Column widths a user dragged or typed, per grid ("amis", "inventory", …), in px. */
export type ColumnWidths = Readonly<Record<string, number>>;

const WIDTHS_KEY = 'atlas.columnWidths.v1';

/** No column gets narrower than this: the lock column's width, enough for an ellipsis and a letter or two. */
export const MIN_COLUMN_WIDTH = 40;
/** Nor wider: a drag past the window must not make a column no one can find the edge of. */
export const MAX_COLUMN_WIDTH = 1200;

/** A width within the limits, in whole pixels. */
export function clampColumnWidth(width: number): number {
  if (!Number.isFinite(width)) return MIN_COLUMN_WIDTH;
  return Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, width)));
}

/** Every grid's widths from storage; anything malformed is dropped, a width out of bounds clamped. */
export function parseColumnWidths(raw: string | null): Record<string, Record<string, number>> {
  if (!raw) return {};
  try {
    const value: unknown = JSON.parse(raw);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
    const grids: Record<string, Record<string, number>> = {};
    for (const [grid, columns] of Object.entries(value)) {
      if (!columns || typeof columns !== 'object' || Array.isArray(columns)) continue;
      const widths: Record<string, number> = {};
      for (const [column, width] of Object.entries(columns as Record<string, unknown>)) {
        if (typeof width === 'number' && Number.isFinite(width)) widths[column] = clampColumnWidth(width);
      }
      grids[grid] = widths;
    }
    return grids;
  } catch {
    return {};
  }
}

/** A grid's widths with one column set (clamped), or back to its own width when `width` is null. */
export function withColumnWidth(widths: ColumnWidths, column: string, width: number | null): Record<string, number> {
  const next = { ...widths };
  if (width === null) delete next[column];
  else next[column] = clampColumnWidth(width);
  return next;
}

export function loadColumnWidths(grid: string): Record<string, number> {
  return parseColumnWidths(storage()?.getItem(WIDTHS_KEY) ?? null)[grid] ?? {};
}

export function saveColumnWidths(grid: string, widths: ColumnWidths): void {
  try {
    const all = parseColumnWidths(storage()?.getItem(WIDTHS_KEY) ?? null);
    all[grid] = { ...widths };
    storage()?.setItem(WIDTHS_KEY, JSON.stringify(all));
  } catch {
    // As above: widths are a nicety.
  }
}
