import { memo, useCallback, useMemo, useState, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react';
import type { AmiSummary, ImageView } from '../../../shared/model';
import { useAtlas } from '../../store';
import type { PickHow } from '../../lib/multiSelect';
import { nextSort } from '../../lib/sort';
import { endAmiDrag, startAmiDrag } from '../../lib/dnd';
import { openShareWith, shareableSelection } from '../../lib/shareSelection';
import { shiftShortcutLabel } from '../../lib/keyboard';
import { cellClass, openOnEnter, rowFrame, SortHeaders, useVirtualRows, VirtualGrid } from '../../components/VirtualGrid';
import { fitColumns, gridTemplate, type CellContext, type Column } from './columns';
import { RowMenu, type RowMenuItem } from '../../components/RowMenu';
import { useAwsLinkActions } from '../../components/awsLinkActions';
import { useImageSlots } from '../../components/imageSlots';
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
  const detailOpen = useAtlas((s) => s.detailOpen);
  const closeDetail = useAtlas((s) => s.closeDetail);
  const picked = useAtlas((s) => s.imageSelection.selected);
  const pickImage = useAtlas((s) => s.pickImage);
  const selectAllImages = useAtlas((s) => s.selectAllImages);
  const [menu, setMenu] = useState<{ x: number; y: number; imageId: string } | null>(null);
  const { itemsFor: linkItems, notice: copyNotice } = useAwsLinkActions();
  const { ownedRowMenuItems } = useImageSlots();
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
  const template = gridTemplate(columns);
  const minWidth = columns.reduce((sum, c) => sum + c.minWidth, 8);

  const openMenuAt = useCallback((imageId: string, x: number, y: number) => setMenu({ imageId, x, y }), []);

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (event.target !== event.currentTarget) return;
      const mod = event.ctrlKey || event.metaKey;
      if (mod && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'a') {
        event.preventDefault();
        selectAllImages(order);
        return;
      }
      if (owned && ((event.key === 'F10' && event.shiftKey && !mod) || event.key === 'ContextMenu')) {
        if (!selectedImageId) return;
        event.preventDefault();
        const rect = document.getElementById(rowDomId(selectedImageId))?.getBoundingClientRect();
        openMenuAt(selectedImageId, (rect?.left ?? 0) + 40, rect?.bottom ?? 0);
        return;
      }
      if (mod || event.altKey) return;
      if (event.key === ' ') {
        if (selectedImageId) {
          event.preventDefault();
          pickImage(selectedImageId, 'toggle', order);
        }
        return;
      }
      if (event.key === 's' && !event.shiftKey && owned) {
        if (openShareWith(useAtlas.getState())) event.preventDefault();
        return;
      }
      if (openOnEnter(event, selectedImageId, onOpen)) return;
      if (event.key === 'Escape') {
        if (detailOpen) {
          event.preventDefault();
          event.stopPropagation();
          closeDetail();
        } else if (selectedImageId && picked.size > 1) {
          // Second Esc: back to just the focused row.
          event.preventDefault();
          pickImage(selectedImageId, 'single', order);
        }
        return;
      }
      const next = moveTarget(event, rows.length);
      if (next === null) return;
      const row = rows[next];
      // Plain arrows move the selection with the focus; Shift+arrows extend it from the anchor.
      if (row) pickImage(row.imageId, event.shiftKey ? 'range' : 'single', order);
    },
    [rows, order, owned, picked, selectedImageId, detailOpen, closeDetail, pickImage, selectAllImages, openMenuAt, onOpen, moveTarget],
  );

  const onRowClick = useCallback(
    (imageId: string, how: PickHow) => {
      pickImage(imageId, how, order);
      // A plain click opens the detail; picking more rows leaves the pane as it is (it follows the focus).
      if (how === 'single') openDetail(imageId);
    },
    [pickImage, openDetail, order],
  );

  const onRowDragStart = useCallback(
    (event: DragEvent, imageId: string) => {
      const state = useAtlas.getState();
      // Dragging a row outside the selection drags that row alone, as file managers do.
      if (!state.imageSelection.selected.has(imageId)) pickImage(imageId, 'single', order);
      const ids = useAtlas.getState().imageSelection.selected;
      const payload = shareableSelection(useAtlas.getState(), order.filter((id) => ids.has(id)));
      if (!payload) {
        event.preventDefault();
        return;
      }
      startAmiDrag(event, payload);
    },
    [pickImage, order],
  );

  const onRowContextMenu = useCallback(
    (event: MouseEvent, imageId: string) => {
      event.preventDefault();
      if (!useAtlas.getState().imageSelection.selected.has(imageId)) pickImage(imageId, 'single', order);
      else selectImage(imageId);
      openMenuAt(imageId, event.clientX, event.clientY);
    },
    [pickImage, selectImage, order, openMenuAt],
  );

  const closeMenu = useCallback(() => {
    setMenu(null);
    scrollRef.current?.focus();
  }, [scrollRef]);

  const menuItems = useMemo<RowMenuItem[]>(() => {
    if (!menu) return [];
    const count = useAtlas.getState().imageSelection.selected.size;
    const items: RowMenuItem[] = [];
    if (owned) {
      items.push({
        id: 'share',
        label: count > 1 ? `Share ${count} AMIs with…` : 'Share with…',
        icon: 'user',
        shortcut: shiftShortcutLabel('S'),
        onSelect: () => void openShareWith(useAtlas.getState()),
      });
    }
    items.push({ id: 'open', label: 'Open details', icon: 'chevronRight', shortcut: 'Enter', onSelect: () => onOpen(menu.imageId) });
    const list = useAtlas.getState().imagesFor;
    if (list) {
      const [first, ...rest] = linkItems({ imageId: menu.imageId, region: list.region, account: list.account });
      if (first) items.push({ ...first, separatorBefore: true }, ...rest);
    }
    if (owned) {
      const [first, ...rest] = ownedRowMenuItems(useAtlas.getState);
      if (first) items.push({ ...first, separatorBefore: true }, ...rest);
    }
    return items;
  }, [menu, owned, onOpen, linkItems, ownedRowMenuItems]);

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
      header={<SortHeaders columns={columns} sortedBy={(c) => (sort.key === c.key ? sort.direction : null)} onSort={(c) => setSort(nextSort(sort, c.key))} />}
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
