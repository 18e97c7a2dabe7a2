/**
 * Resizable grid columns: the edge handle in a header cell (drag, double-click to fit), the
 * keys for the focused header (Alt+←/→), the widths remembered per grid, and the full text of a
 * cut-off cell on hover.
 */
import { useCallback, useState, type KeyboardEvent, type MouseEvent, type PointerEvent } from 'react';
import { clampColumnWidth, loadColumnWidths, saveColumnWidths, withColumnWidth, type ColumnWidths } from '../lib/columnPrefs';

/** How far Alt+← / Alt+→ moves a column's edge. */
export const RESIZE_STEP_PX = 16;

export interface ColumnWidthsState {
  widths: ColumnWidths;
  /** Sets a column's width; `save` false while a drag is under way (saved once, when it ends). */
  setWidth(column: string, width: number, save?: boolean): void;
}

/** A grid's column widths, read from the column prefs once and written back on each change. */
export function useColumnWidths(grid: string): ColumnWidthsState {
  const [widths, setWidths] = useState<ColumnWidths>(() => loadColumnWidths(grid));
  const setWidth = useCallback(
    (column: string, width: number, save = true) => {
      setWidths((current) => {
        const next = withColumnWidth(current, column, width);
        if (save) saveColumnWidths(grid, next);
        return next;
      });
    },
    [grid],
  );
  return { widths, setWidth };
}

/** What a header needs to offer resizing: the width to set, by column key. */
export interface HeaderResize {
  setWidth(column: string, width: number, save?: boolean): void;
}

/** The header cell a handle or header button sits in. */
function headerCellOf(element: Element): HTMLElement | null {
  return element.closest<HTMLElement>('[role="columnheader"]');
}

/**
 * The width a column needs to show every drawn cell (and its heading) whole. Each cell is cloned
 * into its own row, sized to its content, so the cells' own styles apply; one layout for all.
 */
export function fitColumnWidth(header: HTMLElement): number {
  const headerRow = header.parentElement;
  const grid = header.closest('[role="grid"]');
  if (!headerRow || !grid) return clampColumnWidth(header.getBoundingClientRect().width);
  const index = Array.prototype.indexOf.call(headerRow.children, header) as number;
  const cells: Element[] = [header];
  for (const row of grid.querySelectorAll('.grid-body-row')) {
    const cell = row.children[index];
    if (cell) cells.push(cell);
  }
  const clones = cells.map((cell) => {
    const clone = cell.cloneNode(true) as HTMLElement;
    clone.removeAttribute('id');
    clone.setAttribute('aria-hidden', 'true');
    Object.assign(clone.style, { position: 'absolute', visibility: 'hidden', width: 'max-content', left: '0', top: '0' });
    cell.parentElement!.appendChild(clone);
    return clone;
  });
  const widest = Math.max(...clones.map((clone) => clone.getBoundingClientRect().width));
  for (const clone of clones) clone.remove();
  // A pixel or two over, so rounding never brings the ellipsis back.
  return clampColumnWidth(Math.ceil(widest) + 2);
}

/** The edge of a header cell: drag it to resize the column, double-click it to fit the content. */
export function ResizeHandle({ column, label, resize }: { column: string; label: string; resize: HeaderResize }) {
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    const header = headerCellOf(event.currentTarget);
    if (!header) return;
    event.preventDefault();
    event.stopPropagation();
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    const startX = event.clientX;
    const startWidth = header.getBoundingClientRect().width;
    let last = startWidth;
    let frame = 0;
    const move = (e: globalThis.PointerEvent) => {
      last = clampColumnWidth(startWidth + e.clientX - startX);
      // One width per frame: a fast drag must not queue a layout per pointer event.
      if (!frame) {
        frame = requestAnimationFrame(() => {
          frame = 0;
          resize.setWidth(column, last, false);
        });
      }
    };
    const end = () => {
      cancelAnimationFrame(frame);
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', end);
      handle.removeEventListener('pointercancel', end);
      handle.classList.remove('is-dragging');
      if (last !== startWidth) resize.setWidth(column, last, true);
    };
    handle.classList.add('is-dragging');
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', end);
    handle.addEventListener('pointercancel', end);
  };
  const onDoubleClick = (event: MouseEvent<HTMLDivElement>) => {
    event.stopPropagation();
    const header = headerCellOf(event.currentTarget);
    if (header) resize.setWidth(column, fitColumnWidth(header), true);
  };
  return (
    <div
      className="col-resize"
      aria-hidden="true"
      title={`Drag to resize ${label}; double-click to fit`}
      data-testid="column-resize"
      data-column={column}
      onPointerDown={onPointerDown}
      onDoubleClick={onDoubleClick}
      // The handle is inside the header cell: a click on it is not a click on the sort button.
      onClick={(e) => e.stopPropagation()}
    />
  );
}

/**
 * Alt+← / Alt+→ on a focused column heading: narrower or wider by a step. True when the key was
 * one of those (and so is dealt with).
 */
export function resizeByKey(event: KeyboardEvent<HTMLElement>, column: string, resize: HeaderResize): boolean {
  if (!event.altKey || event.ctrlKey || event.metaKey || (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight')) return false;
  const header = headerCellOf(event.currentTarget);
  if (!header) return false;
  event.preventDefault();
  event.stopPropagation();
  const width = header.getBoundingClientRect().width;
  resize.setWidth(column, width + (event.key === 'ArrowRight' ? RESIZE_STEP_PX : -RESIZE_STEP_PX), true);
  return true;
}

/** Whether any part of a cell is cut off (an ellipsis, or text past the cell's edge). */
function isCutOff(cell: Element): boolean {
  if (cell.scrollWidth > cell.clientWidth) return true;
  for (const el of cell.querySelectorAll('*')) {
    if (el.clientWidth > 0 && el.scrollWidth > el.clientWidth) return true;
  }
  return false;
}

const OWN_TITLE = 'data-full-text';

/**
 * On hover over a body cell: when its text is cut off and nothing in it already says more on
 * hover, the cell's title becomes its whole text (and is taken away again when it fits). One
 * listener for the grid, at hover time only, so drawing rows costs nothing more.
 */
export function revealCutOffText(event: MouseEvent<HTMLElement>): void {
  const target = event.target;
  if (!(target instanceof Element)) return;
  const cell = target.closest('.grid-body-row > .grid-cell');
  if (!cell) return;
  const ours = cell.hasAttribute(OWN_TITLE);
  const titledInside = cell.querySelector('[title]') !== null;
  const text = cell.textContent?.trim() ?? '';
  if (text && !titledInside && isCutOff(cell)) {
    cell.setAttribute('title', text);
    cell.setAttribute(OWN_TITLE, '');
  } else if (ours) {
    cell.removeAttribute('title');
    cell.removeAttribute(OWN_TITLE);
  }
}
