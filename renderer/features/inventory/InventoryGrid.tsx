import { memo, useCallback, useMemo, type KeyboardEvent } from 'react';
import type { AmiRow } from '../../../shared/ami-rows';
import type { InventoryColumn } from '../../../shared/inventory';
import { cellClass, openOnEnter, rowFrame, SortHeaders, useVirtualRows, VirtualGrid } from '../../components/VirtualGrid';
import { keyOf, nextInventorySort, type InventorySort } from '../../lib/inventory';
import { useColumnWidths } from '../../components/columnResize';
import { inventoryTemplate, templateMinWidth, type InventoryCellContext, type InventoryColumnDef } from './inventoryColumns';

const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 30;

interface InventoryGridProps {
  label: string;
  rowTestId: string;
  rows: readonly AmiRow[];
  columns: readonly InventoryColumnDef[];
  ctx: InventoryCellContext;
  sort: InventorySort | null;
  onSort?(sort: InventorySort): void;
  selectedKey: string | null;
  onSelect(key: string): void;
  onOpen(key: string): void;
  onEscape?(): boolean;
  /** Where the column widths the user sets are remembered; the label (one per grid) by default. */
  widthsKey?: string;
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
export const InventoryGrid = memo(function InventoryGrid({ label, rowTestId, rows, columns, ctx, sort, onSort, selectedKey, onSelect, onOpen, onEscape, widthsKey }: InventoryGridProps) {
  const columnWidths = useColumnWidths(widthsKey ?? label.toLowerCase());
  const template = inventoryTemplate(columns, columnWidths.widths);
  const minWidth = templateMinWidth(columns, columnWidths.widths, 16);
  const selectedIndex = useMemo(() => (selectedKey ? rows.findIndex((r) => keyOf(r) === selectedKey) : -1), [rows, selectedKey]);
  const grid = useVirtualRows({ count: rows.length, rowHeight: ROW_HEIGHT, headerHeight: HEADER_HEIGHT, activeIndex: selectedIndex });
  const { moveTarget } = grid;

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (event.target !== event.currentTarget || event.ctrlKey || event.metaKey || event.altKey) return;
      if (openOnEnter(event, selectedKey, onOpen)) return;
      if (event.key === 'Escape') {
        if (onEscape?.()) {
          event.preventDefault();
          event.stopPropagation();
        }
        return;
      }
      const next = moveTarget(event, rows.length);
      if (next === null) return;
      const row = rows[next];
      if (row) onSelect(keyOf(row));
    },
    [rows, selectedKey, onOpen, onSelect, onEscape, moveTarget],
  );

  return (
    <VirtualGrid
      rows={grid}
      label={label}
      rowCount={rows.length + 1}
      colCount={columns.length}
      activeDescendant={selectedIndex >= 0 && selectedKey ? domId(selectedKey) : undefined}
      layout={{ kind: 'rows', minWidth, template }}
      onKeyDown={onKeyDown}
      header={
        <SortHeaders
          columns={columns}
          sortedBy={(c) => (sort?.column === c.key ? sort.direction : null)}
          onSort={sort && onSort ? (c) => onSort(nextInventorySort(sort, c.key as InventoryColumn)) : undefined}
          resize={columnWidths}
        />
      }
      renderRow={(item) => {
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
      }}
    />
  );
});

interface RowProps {
  row: AmiRow;
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
      // One row at a time here: the selected row is also where the keys act.
      {...rowFrame(index, start, selected, selected)}
      id={domId(rowKeyValue)}
      data-testid={testId}
      data-image-id={row.imageId}
      data-account-id={row.account}
      data-region={row.region}
      onClick={() => onClick(rowKeyValue)}
    >
      {columns.map((column) => (
        <div key={column.key} role="gridcell" className={cellClass(column.key, column.align)}>
          {column.render(row, ctx)}
        </div>
      ))}
    </div>
  );
});
