import { useCallback, useEffect, useRef, type CSSProperties, type KeyboardEvent, type Key, type ReactNode, type RefObject } from 'react';
import { useVirtualizer, type VirtualItem, type Virtualizer } from '@tanstack/react-virtual';
import { nextIndex } from '../lib/gridNav';
import { ResizeHandle, resizeByKey, revealCutOffText, type HeaderResize } from './columnResize';

interface VirtualRowsOptions {
  count: number;
  /** Every body row's height (the first guess when rows are measured). */
  rowHeight: number;
  /** The sticky header's height: rows start below it, and a row scrolled into view stays clear of it. */
  headerHeight: number;
  /** The active row (-1 for none), kept in view whenever it or the order changes. */
  activeIndex: number;
  getItemKey?: (index: number) => Key;
  /**
   * The viewport height assumed before the grid is measured; 0 draws no rows until then.
   * A guess lets the first paint (and a render to a string) already hold rows.
   */
  initialHeight?: number;
}

export interface VirtualRows {
  scrollRef: RefObject<HTMLDivElement | null>;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  /**
   * The row a list key (arrows, j/k, Home/End, Page keys) leads to from the active one among
   * `count` rows, or null when the key is not a move. A move's default is prevented, so the
   * scroll area does not scroll as well.
   */
  moveTarget(event: KeyboardEvent, count: number): number | null;
}

/** The rows of a grid with one tab stop and a sticky header, of which only those in view are drawn. */
export function useVirtualRows({ count, rowHeight, headerHeight, activeIndex, getItemKey, initialHeight = 0 }: VirtualRowsOptions): VirtualRows {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    paddingStart: headerHeight,
    scrollPaddingStart: headerHeight,
    initialRect: { width: 0, height: initialHeight },
    ...(getItemKey ? { getItemKey } : {}),
  });

  // When the active row changes from outside (or the order changes), keep it in view.
  useEffect(() => {
    if (activeIndex >= 0) virtualizer.scrollToIndex(activeIndex, { align: 'auto' });
  }, [activeIndex, virtualizer]);

  const moveTarget = useCallback(
    (event: KeyboardEvent, rowCount: number) => {
      const pageSize = Math.floor((scrollRef.current?.clientHeight ?? 0) / rowHeight) - 1;
      const next = nextIndex(activeIndex, event.key, rowCount, pageSize);
      if (next !== null) event.preventDefault();
      return next;
    },
    [activeIndex, rowHeight],
  );

  return { scrollRef, virtualizer, moveTarget };
}

/** Enter opens the active row, when there is one. True when the key was Enter (and so is dealt with). */
export function openOnEnter(event: KeyboardEvent, activeId: string | null, onOpen: (id: string) => void): boolean {
  if (event.key !== 'Enter') return false;
  if (activeId) {
    event.preventDefault();
    onOpen(activeId);
  }
  return true;
}

interface VirtualGridProps {
  rows: VirtualRows;
  label: string;
  /** aria-rowcount: the body rows plus the header, or -1 while unknown. */
  rowCount: number;
  colCount: number;
  /** The DOM id of the active row or cell. */
  activeDescendant: string | undefined;
  busy?: boolean;
  multiselectable?: boolean;
  testId?: string;
  /**
   * 'rows': absolutely placed rows in a canvas (one fixed height, laid out by --grid-cols).
   * 'table': a table whose rows keep their own heights, measured as drawn (pass
   * `virtualizer.measureElement` and `data-index` to each row); spacer rows stand in for the rest.
   */
  layout: { kind: 'rows'; minWidth: number; template: string } | { kind: 'table'; scrollClassName: string; className: string };
  onKeyDown(event: KeyboardEvent<HTMLDivElement>): void;
  /** The header row's cells. */
  header: ReactNode;
  renderRow(item: VirtualItem): ReactNode;
  /** Drawn after the grid's content inside the scroll area (e.g. a row's menu). */
  children?: ReactNode;
}

/**
 * A grid with one tab stop: the scroll area is the grid and the active row (or cell) is its
 * active descendant. The header row sticks to the top; only the body rows in view (plus an
 * overscan) are in the DOM, so tens of thousands of rows scroll like ten.
 */
export function VirtualGrid({ rows, label, rowCount, colCount, activeDescendant, busy, multiselectable, testId, layout, onKeyDown, header, renderRow, children }: VirtualGridProps) {
  const { scrollRef, virtualizer } = rows;
  const items = virtualizer.getVirtualItems();
  return (
    <div
      ref={scrollRef}
      className={layout.kind === 'table' ? layout.scrollClassName : 'grid-scroll'}
      role="grid"
      aria-label={label}
      aria-rowcount={rowCount}
      aria-colcount={colCount}
      aria-busy={busy || undefined}
      aria-multiselectable={multiselectable ? 'true' : undefined}
      aria-activedescendant={activeDescendant}
      tabIndex={0}
      data-grid-focus=""
      data-testid={testId}
      onKeyDown={onKeyDown}
      onMouseOver={revealCutOffText}
      style={layout.kind === 'rows' ? ({ '--grid-cols': layout.template } as CSSProperties) : undefined}
    >
      {layout.kind === 'rows' ? (
        <div className="grid-canvas" style={{ height: virtualizer.getTotalSize(), minWidth: layout.minWidth }}>
          <div role="rowgroup" className="grid-head">
            <div role="row" aria-rowindex={1} className="grid-row grid-header-row">
              {header}
            </div>
          </div>
          <div role="rowgroup">{items.map(renderRow)}</div>
        </div>
      ) : (
        <table className={layout.className} role="presentation">
          <thead>
            <tr role="row" aria-rowindex={1}>
              {header}
            </tr>
          </thead>
          <tbody>
            <Spacer height={(items[0]?.start ?? virtualizer.options.paddingStart) - virtualizer.options.paddingStart} colSpan={colCount} />
            {items.map(renderRow)}
            <Spacer height={items.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0} colSpan={colCount} />
          </tbody>
        </table>
      )}
      {children}
    </div>
  );
}

/** Stands in for the table rows that are not drawn, so the scroll height stays the whole list's. */
function Spacer({ height, colSpan }: { height: number; colSpan: number }) {
  if (height <= 0) return null;
  return (
    <tr aria-hidden="true">
      <td colSpan={colSpan} style={{ height, padding: 0, border: 0 }} />
    </tr>
  );
}

/** The attributes every body row of a 'rows' grid carries: its place, selection and position. */
export function rowFrame(index: number, start: number, selected: boolean, focused = false) {
  return {
    role: 'row',
    'aria-rowindex': index + 2,
    'aria-selected': selected,
    className: `grid-row grid-body-row${selected ? ' is-selected' : ''}${focused ? ' is-focused' : ''}`,
    style: { transform: `translateY(${start}px)` },
  } as const;
}

/** A body or header cell's class for a column. */
export function cellClass(key: string, align: string | undefined): string {
  return `grid-cell cell-${key}${align ? ` align-${align}` : ''}`;
}

interface HeaderColumn {
  key: string;
  label: string;
  /** What the header shows, when not the label. */
  header?: ReactNode;
  /** Said on hover, after what a click does. */
  description?: string | undefined;
  align?: string | undefined;
}

interface SortHeadersProps<C extends HeaderColumn> {
  columns: readonly C[];
  /** The direction a column is sorted in, or null when it is not the sort column. */
  sortedBy(column: C): 'asc' | 'desc' | null;
  /** Absent: the columns do not sort. */
  onSort?: ((column: C) => void) | undefined;
  /** Present: each column's right edge resizes it (drag, double-click to fit, Alt+←/→ on the heading). */
  resize?: HeaderResize | undefined;
}

/** The column headers of a 'rows' grid: buttons that sort by the column, with an arrow for the direction. */
export function SortHeaders<C extends HeaderColumn>({ columns, sortedBy, onSort, resize }: SortHeadersProps<C>) {
  return columns.map((column) => {
    const sorted = sortedBy(column);
    return (
      <div
        key={column.key}
        role="columnheader"
        className={`grid-cell grid-header-cell${column.align ? ` align-${column.align}` : ''}${sorted ? ' is-sorted' : ''}`}
        aria-sort={sorted ? (sorted === 'asc' ? 'ascending' : 'descending') : 'none'}
        onKeyDown={resize ? (e) => resizeByKey(e, column.key, resize) : undefined}
      >
        {onSort ? (
          <button
            type="button"
            className="sort-button"
            title={column.description ? `Sort by ${column.label}\n\n${column.description}` : `Sort by ${column.label}`}
            aria-label={column.label}
            aria-keyshortcuts={resize ? 'Alt+ArrowLeft Alt+ArrowRight' : undefined}
            onClick={() => onSort(column)}
          >
            <span className="truncate">{column.header ?? column.label}</span>
            <span className="sort-arrow" aria-hidden="true">
              {sorted ? (sorted === 'asc' ? '↑' : '↓') : ''}
            </span>
          </button>
        ) : (
          <span className="truncate" aria-label={column.label} title={column.description}>
            {column.header ?? column.label}
          </span>
        )}
        {resize && <ResizeHandle column={column.key} label={column.label} resize={resize} />}
      </div>
    );
  });
}
