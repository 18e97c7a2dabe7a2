import { memo, useCallback, useEffect, useMemo, useRef, type CSSProperties, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { InventoryColumn, InventoryRow } from '../../../shared/inventory';
import { nextIndex } from '../../lib/gridNav';
import { keyOf, nextInventorySort, type InventorySort } from '../../lib/inventory';
import { inventoryTemplate, type InventoryCellContext, type InventoryColumnDef } from './inventoryColumns';

const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 30;

interface InventoryGridProps {
  label: string;
  rowTestId: string;
  rows: readonly InventoryRow[];
  columns: readonly InventoryColumnDef[];
  ctx: InventoryCellContext;
  sort: InventorySort | null;
  onSort?(sort: InventorySort): void;
  selectedKey: string | null;
  onSelect(key: string): void;
  onOpen(key: string): void;
  onEscape?(): boolean;
}

function domId(key: string): string {
  return `inv-${key}`;
}

/**
 * A virtualized grid of inventory rows: only rows in view are in the DOM, so 100,000 rows scroll
 * like 100. Same keys as the AMI table (arrows, j/k, Home/End, Page keys, Enter opens).
 *
 * Memoized, so renders that keep the rows (a keystroke, before the filter has run) skip it.
 * Virtual items are keyed by position: the virtualizer works out every item's key whenever the
 * rows change, and rows all have one height, so row keys would only cost time there.
 */
export const InventoryGrid = memo(function InventoryGrid({ label, rowTestId, rows, columns, ctx, sort, onSort, selectedKey, onSelect, onOpen, onEscape }: InventoryGridProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const template = inventoryTemplate(columns);
  const minWidth = columns.reduce((sum, c) => sum + (c.width ?? 200), 16);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });

  const selectedIndex = useMemo(() => (selectedKey ? rows.findIndex((r) => keyOf(r) === selectedKey) : -1), [rows, selectedKey]);

  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (event.target !== event.currentTarget || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'Enter') {
        if (selectedKey) {
          event.preventDefault();
          onOpen(selectedKey);
        }
        return;
      }
      if (event.key === 'Escape') {
        if (onEscape?.()) {
          event.preventDefault();
          event.stopPropagation();
        }
        return;
      }
      const pageSize = Math.floor((scrollRef.current?.clientHeight ?? 0) / ROW_HEIGHT) - 1;
      const next = nextIndex(selectedIndex, event.key, rows.length, pageSize);
      if (next === null) return;
      event.preventDefault();
      const row = rows[next];
      if (row) onSelect(keyOf(row));
    },
    [rows, selectedIndex, selectedKey, onOpen, onSelect, onEscape],
  );

  return (
    <div
      ref={scrollRef}
      className="grid-scroll"
      role="grid"
      aria-label={label}
      aria-rowcount={rows.length + 1}
      aria-colcount={columns.length}
      aria-activedescendant={selectedIndex >= 0 && selectedKey ? domId(selectedKey) : undefined}
      tabIndex={0}
      data-grid-focus=""
      onKeyDown={onKeyDown}
      style={{ '--grid-cols': template } as CSSProperties}
    >
      <div className="grid-canvas" style={{ height: virtualizer.getTotalSize(), minWidth }}>
        <div role="rowgroup" className="grid-head">
          <div role="row" aria-rowindex={1} className="grid-row grid-header-row">
            {columns.map((column) => (
              <HeaderCell key={column.key} column={column} sort={sort} onSort={onSort} />
            ))}
          </div>
        </div>
        <div role="rowgroup">
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            const key = keyOf(row);
            return (
              <Row
                key={item.key}
                row={row}
                rowKeyValue={key}
                testId={rowTestId}
                index={item.index}
                start={item.start}
                columns={columns}
                ctx={ctx}
                selected={key === selectedKey}
                onClick={onOpen}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
});

function HeaderCell({ column, sort, onSort }: { column: InventoryColumnDef; sort: InventorySort | null; onSort?(sort: InventorySort): void }) {
  const sorted = sort?.column === column.key;
  const className = `grid-cell grid-header-cell${column.align ? ` align-${column.align}` : ''}${sorted ? ' is-sorted' : ''}`;
  return (
    <div role="columnheader" className={className} aria-sort={sorted ? (sort?.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
      {sort && onSort ? (
        <button type="button" className="sort-button" title={`Sort by ${column.label}`} aria-label={column.label} onClick={() => onSort(nextInventorySort(sort, column.key as InventoryColumn))}>
          <span className="truncate">{column.header ?? column.label}</span>
          <span className="sort-arrow" aria-hidden="true">
            {sorted ? (sort.direction === 'asc' ? '↑' : '↓') : ''}
          </span>
        </button>
      ) : (
        <span className="truncate" aria-label={column.label}>
          {column.header ?? column.label}
        </span>
      )}
    </div>
  );
}

interface RowProps {
  row: InventoryRow;
  rowKeyValue: string;
  testId: string;
  index: number;
  start: number;
  columns: readonly InventoryColumnDef[];
  ctx: InventoryCellContext;
  selected: boolean;
  onClick(key: string): void;
}

// Memoized: scrolling renders only the rows entering the viewport.
const Row = memo(function Row({ row, rowKeyValue, testId, index, start, columns, ctx, selected, onClick }: RowProps) {
  return (
    <div
      role="row"
      id={domId(rowKeyValue)}
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-testid={testId}
      data-image-id={row.imageId}
      data-account-id={row.account}
      data-region={row.region}
      className={`grid-row grid-body-row${selected ? ' is-selected' : ''}`}
      style={{ transform: `translateY(${start}px)` }}
      onClick={() => onClick(rowKeyValue)}
    >
      {columns.map((column) => (
        <div key={column.key} role="gridcell" className={`grid-cell cell-${column.key}${column.align ? ` align-${column.align}` : ''}`}>
          {column.render(row, ctx)}
        </div>
      ))}
    </div>
  );
});
