import { memo, useCallback, useMemo, type DragEvent, type MouseEvent } from 'react';
import type { AmiSummary, ImageView } from '../../../shared/model';
import { useAtlas } from '../../store';
import type { PickHow } from '../../lib/multiSelect';
import { nextSort } from '../../lib/sort';
import { endAmiDrag } from '../../lib/dnd';
import { cellClass, rowFrame, SortHeaders, useVirtualRows, VirtualGrid } from '../../components/VirtualGrid';
import { useColumnWidths } from '../../components/columnResize';
import { fitColumns, gridTemplate, templateMinWidth, type CellContext, type Column } from './columns';
import { RowMenu } from '../../components/RowMenu';
import { rowDomId, useAmiGridKeys } from './useAmiGridKeys';
import { useAmiRowDrag } from './useAmiRowDrag';
import { useAmiRowMenu } from './useAmiRowMenu';
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

/**
 * The AMI grid. Virtualized: only the rows in view (plus a small overscan) are in the DOM, so
 * tens of thousands of images scroll as smoothly as ten. One tab stop; the focused row is the
 * grid's active descendant, moved with arrows / j k / Home End / Page keys. Rows can be picked
 * several at a time (Ctrl/Cmd+click, Shift+click or Shift+arrows, Space, Ctrl/Cmd+A); picked
 * owned rows drag onto accounts in the sidebar to share them.
 */
export function AmiTable({ rows, view, ctx, loading, onOpen }: AmiTableProps) {
  const sort = useAtlas((s) => s.sort);
  const setSort = useAtlas((s) => s.setSort);
  const selectedImageId = useAtlas((s) => s.selectedImageId);
  const selectImage = useAtlas((s) => s.selectImage);
  const openDetail = useAtlas((s) => s.openDetail);
  const picked = useAtlas((s) => s.imageSelection.selected);
  const pickImage = useAtlas((s) => s.pickImage);
  const order = useMemo(() => rows.map((r) => r.imageId), [rows]);
  const owned = view === 'owned';

  const showSkeleton = loading && rows.length === 0;
  const count = showSkeleton ? SKELETON_ROWS : rows.length;

  const selectedIndex = useMemo(
    () => (selectedImageId ? rows.findIndex((r) => r.imageId === selectedImageId) : -1),
    [rows, selectedImageId],
  );

  const grid = useVirtualRows({
    count,
    rowHeight: ROW_HEIGHT,
    headerHeight: HEADER_HEIGHT,
    activeIndex: selectedIndex,
    getItemKey: (index) => (showSkeleton ? `skeleton-${index}` : (rows[index]?.imageId ?? index)),
  });
  const { scrollRef, moveTarget } = grid;
  const width = useElementWidth(scrollRef);
  const columns = useMemo(() => fitColumns(view, width), [view, width]);
  // Widths the user set change the template only: the rows (memoized on the columns) are not drawn again.
  const columnWidths = useColumnWidths('amis');
  const template = gridTemplate(columns, columnWidths.widths);
  const minWidth = templateMinWidth(columns, columnWidths.widths, 8);

  const { menu, menuItems, openMenuAt, onRowContextMenu, closeMenu, copyNotice } = useAmiRowMenu({ owned, order, scrollRef, pickImage, selectImage, onOpen });
  const onKeyDown = useAmiGridKeys({ rows, order, owned, moveTarget, openMenuAt, onOpen });
  const onRowDragStart = useAmiRowDrag(order, pickImage);

  const onRowClick = useCallback(
    (imageId: string, how: PickHow) => {
      pickImage(imageId, how, order);
      // A plain click opens the detail; picking more rows leaves the pane as it is (it follows the focus).
      if (how === 'single') openDetail(imageId);
    },
    [pickImage, openDetail, order],
  );

  return (
    <VirtualGrid
      rows={grid}
      label="AMIs"
      rowCount={showSkeleton ? -1 : rows.length + 1}
      colCount={columns.length}
      busy={loading}
      multiselectable
      activeDescendant={selectedIndex >= 0 && selectedImageId ? rowDomId(selectedImageId) : undefined}
      layout={{ kind: 'rows', minWidth, template }}
      onKeyDown={onKeyDown}
      header={<SortHeaders columns={columns} sortedBy={(c) => (sort.key === c.key ? sort.direction : null)} onSort={(c) => setSort(nextSort(sort, c.key))} resize={columnWidths} />}
      renderRow={(item) => {
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
            selected={picked.has(image.imageId)}
            focused={image.imageId === selectedImageId}
            draggable={owned}
            onClick={onRowClick}
            onDragStart={onRowDragStart}
            // Owned rows only: the "Shared with me" view has its own menu (leave a share).
            onContextMenu={owned ? onRowContextMenu : undefined}
          />
        );
      }}
    >
      {menu && <RowMenu x={menu.x} y={menu.y} items={menuItems} onClose={closeMenu} />}
      {copyNotice}
    </VirtualGrid>
  );
}

/** Which kind of pick a click means: Ctrl/Cmd toggles, Shift extends, a plain click selects one. */
function clickHow(event: MouseEvent): PickHow {
  if (event.shiftKey) return 'range';
  if (event.ctrlKey || event.metaKey) return 'toggle';
  return 'single';
}

interface RowProps {
  image: AmiSummary;
  index: number;
  start: number;
  columns: readonly Column[];
  ctx: CellContext;
  /** Picked for a bulk action. */
  selected: boolean;
  /** The keyboard focus (the row the detail pane shows). */
  focused: boolean;
  draggable: boolean;
  onClick(imageId: string, how: PickHow): void;
  onDragStart(event: DragEvent, imageId: string): void;
  onContextMenu?: (event: MouseEvent, imageId: string) => void;
}

// Memoized: scrolling re-renders only rows entering the viewport, not every visible row.
const Row = memo(function Row({ image, index, start, columns, ctx, selected, focused, draggable, onClick, onDragStart, onContextMenu }: RowProps) {
  return (
    <div
      {...rowFrame(index, start, selected, focused)}
      id={rowDomId(image.imageId)}
      data-testid="ami-row"
      data-image-id={image.imageId}
      data-selected={selected || undefined}
      draggable={draggable || undefined}
      onMouseDown={(e) => {
        // Shift+click must not select the text between two rows; the grid still takes the keys.
        if (!e.shiftKey) return;
        e.preventDefault();
        e.currentTarget.closest<HTMLElement>('[data-grid-focus]')?.focus();
      }}
      onClick={(e) => onClick(image.imageId, clickHow(e))}
      onDragStart={draggable ? (e) => onDragStart(e, image.imageId) : undefined}
      onDragEnd={draggable ? endAmiDrag : undefined}
      onContextMenu={onContextMenu ? (e) => onContextMenu(e, image.imageId) : undefined}
    >
      {columns.map((column) => (
        <div key={column.key} role="gridcell" className={cellClass(column.key, column.align)}>
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
