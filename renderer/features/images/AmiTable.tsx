import { memo, useCallback, useEffect, useMemo, useRef, type CSSProperties, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { AmiSummary, ImageView } from '../../../shared/model';
import { useAtlas } from '../../store';
import { nextIndex } from '../../lib/gridNav';
import { nextSort, type SortState } from '../../lib/sort';
import { fitColumns, gridTemplate, type CellContext, type Column } from './columns';
import { useElementWidth } from './useElementWidth';

export const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 30;
const SKELETON_ROWS = 14;

interface AmiTableProps {
  rows: readonly AmiSummary[];
  view: ImageView;
  ctx: CellContext;
  loading: boolean;
  onOpen(imageId: string): void;
}

function rowDomId(imageId: string): string {
  return `ami-row-${imageId}`;
}

/**
 * The AMI grid. Virtualized: only the rows in view (plus a small overscan) are in the DOM, so
 * tens of thousands of images scroll as smoothly as ten. One tab stop; the selected row is the
 * grid's active descendant, moved with arrows / j k / Home End / Page keys.
 */
export function AmiTable({ rows, view, ctx, loading, onOpen }: AmiTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(scrollRef);
  const columns = useMemo(() => fitColumns(view, width), [view, width]);
  const template = gridTemplate(columns);
  const minWidth = columns.reduce((sum, c) => sum + c.minWidth, 8);

  const sort = useAtlas((s) => s.sort);
  const setSort = useAtlas((s) => s.setSort);
  const selectedImageId = useAtlas((s) => s.selectedImageId);
  const selectImage = useAtlas((s) => s.selectImage);
  const openDetail = useAtlas((s) => s.openDetail);
  const detailOpen = useAtlas((s) => s.detailOpen);
  const closeDetail = useAtlas((s) => s.closeDetail);

  const showSkeleton = loading && rows.length === 0;
  const count = showSkeleton ? SKELETON_ROWS : rows.length;

  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    paddingStart: HEADER_HEIGHT,
    // Keeps a row scrolled into view from hiding under the sticky header.
    scrollPaddingStart: HEADER_HEIGHT,
    getItemKey: (index) => (showSkeleton ? `skeleton-${index}` : (rows[index]?.imageId ?? index)),
  });

  const selectedIndex = useMemo(
    () => (selectedImageId ? rows.findIndex((r) => r.imageId === selectedImageId) : -1),
    [rows, selectedImageId],
  );

  // When the selection changes from outside (or the order changes), keep it in view.
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (event.target !== event.currentTarget || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === 'Enter') {
        if (selectedImageId) {
          event.preventDefault();
          onOpen(selectedImageId);
        }
        return;
      }
      if (event.key === 'Escape') {
        if (detailOpen) {
          event.preventDefault();
          event.stopPropagation();
          closeDetail();
        }
        return;
      }
      const pageSize = Math.floor((scrollRef.current?.clientHeight ?? 0) / ROW_HEIGHT) - 1;
      const next = nextIndex(selectedIndex, event.key, rows.length, pageSize);
      if (next === null) return;
      event.preventDefault();
      const row = rows[next];
      if (row) selectImage(row.imageId);
    },
    [rows, selectedIndex, selectedImageId, detailOpen, closeDetail, selectImage, onOpen],
  );

  const onRowClick = useCallback((imageId: string) => openDetail(imageId), [openDetail]);

  return (
    <div
      ref={scrollRef}
      className="grid-scroll"
      role="grid"
      aria-label="AMIs"
      aria-rowcount={showSkeleton ? -1 : rows.length + 1}
      aria-colcount={columns.length}
      aria-busy={loading || undefined}
      aria-activedescendant={selectedIndex >= 0 && selectedImageId ? rowDomId(selectedImageId) : undefined}
      tabIndex={0}
      data-grid-focus=""
      onKeyDown={onKeyDown}
      style={{ '--grid-cols': template } as CSSProperties}
    >
      <div className="grid-canvas" style={{ height: virtualizer.getTotalSize(), minWidth }}>
        <div role="rowgroup" className="grid-head">
          <div role="row" aria-rowindex={1} className="grid-row grid-header-row">
            {columns.map((column) => (
              <HeaderCell key={column.key} column={column} sort={sort} onSort={setSort} />
            ))}
          </div>
        </div>
        <div role="rowgroup">
          {virtualizer.getVirtualItems().map((item) => {
            if (showSkeleton) return <SkeletonRow key={item.key} columns={columns} start={item.start} />;
            const image = rows[item.index];
            if (!image) return null;
            return (
              <Row
                key={item.key}
                image={image}
                index={item.index}
                start={item.start}
                columns={columns}
                ctx={ctx}
                selected={image.imageId === selectedImageId}
                onClick={onRowClick}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

function HeaderCell({ column, sort, onSort }: { column: Column; sort: SortState; onSort(sort: SortState): void }) {
  const sorted = sort.key === column.key;
  return (
    <div
      role="columnheader"
      className={`grid-cell grid-header-cell${column.align ? ` align-${column.align}` : ''}${sorted ? ' is-sorted' : ''}`}
      aria-sort={sorted ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
    >
      <button
        type="button"
        className="sort-button"
        title={`Sort by ${column.label}`}
        aria-label={column.label}
        onClick={() => onSort(nextSort(sort, column.key))}
      >
        <span className="truncate">{column.header ?? column.label}</span>
        <span className="sort-arrow" aria-hidden="true">
          {sorted ? (sort.direction === 'asc' ? '↑' : '↓') : ''}
        </span>
      </button>
    </div>
  );
}

interface RowProps {
  image: AmiSummary;
  index: number;
  start: number;
  columns: readonly Column[];
  ctx: CellContext;
  selected: boolean;
  onClick(imageId: string): void;
}

// Memoized: scrolling re-renders only rows entering the viewport, not every visible row.
const Row = memo(function Row({ image, index, start, columns, ctx, selected, onClick }: RowProps) {
  return (
    <div
      role="row"
      id={rowDomId(image.imageId)}
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-testid="ami-row"
      data-image-id={image.imageId}
      className={`grid-row grid-body-row${selected ? ' is-selected' : ''}`}
      style={{ transform: `translateY(${start}px)` }}
      onClick={() => onClick(image.imageId)}
    >
      {columns.map((column) => (
        <div
          key={column.key}
          role="gridcell"
          className={`grid-cell cell-${column.key}${column.align ? ` align-${column.align}` : ''}`}
        >
          {column.render(image, ctx)}
        </div>
      ))}
    </div>
  );
});

function SkeletonRow({ columns, start }: { columns: readonly Column[]; start: number }) {
  return (
    <div className="grid-row grid-body-row is-skeleton" aria-hidden="true" style={{ transform: `translateY(${start}px)` }}>
      {columns.map((column) => (
        <div key={column.key} className="grid-cell">
          <span className="skeleton" />
        </div>
      ))}
    </div>
  );
}
