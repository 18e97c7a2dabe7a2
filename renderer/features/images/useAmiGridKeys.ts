import { useCallback, type KeyboardEvent } from 'react';
import type { AmiSummary } from '../../../shared/model';
import { useAtlas } from '../../store';
import { openShareWith } from '../../lib/shareSelection';
import { openOnEnter } from '../../components/VirtualGrid';
import { followsFocus } from '../../lib/multiSelect';
import { compareSelection } from './compare/open';

export function rowDomId(imageId: string): string {
  return `ami-row-${imageId}`;
}

/** Keys that move the focus with Ctrl/Cmd held (the focus alone); j and k stay plain letters. */
const MOD_MOVES = new Set(['ArrowDown', 'ArrowUp', 'Home', 'End', 'PageDown', 'PageUp']);

/**
 * The grid's keys (listed in lib/shortcuts): arrows / j k / Home End / Page move the focus —
 * taking a one-row selection along, leaving a larger one as it is — Shift extends the pick,
 * Ctrl/Cmd moves the focus alone, Space toggles the focused row, Ctrl/Cmd+A picks all, s shares,
 * d compares (the two picked rows, or the one with another),
 * Enter opens, Esc closes the detail and then drops the pick to the focused row, Shift+F10 or
 * the menu key opens the row menu.
 */
export function useAmiGridKeys(options: {
  rows: readonly AmiSummary[];
  order: readonly string[];
  owned: boolean;
  moveTarget(event: KeyboardEvent, count: number): number | null;
  openMenuAt(imageId: string, x: number, y: number): void;
  onOpen(imageId: string): void;
}) {
  const { rows, order, owned, moveTarget, openMenuAt, onOpen } = options;
  const selectedImageId = useAtlas((s) => s.selectedImageId);
  const detailOpen = useAtlas((s) => s.detailOpen);
  const closeDetail = useAtlas((s) => s.closeDetail);
  const selection = useAtlas((s) => s.imageSelection);
  const pickImage = useAtlas((s) => s.pickImage);
  const moveImageFocus = useAtlas((s) => s.moveImageFocus);
  const selectAllImages = useAtlas((s) => s.selectAllImages);

  return useCallback(
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
      if (event.altKey) return;
      if (event.key === ' ') {
        if (selectedImageId) {
          event.preventDefault();
          pickImage(selectedImageId, 'toggle', order);
        }
        return;
      }
      if (mod && !MOD_MOVES.has(event.key)) return;
      if (event.key === 's' && !event.shiftKey && owned) {
        if (openShareWith(useAtlas.getState())) event.preventDefault();
        return;
      }
      if (event.key === 'd' && !event.shiftKey) {
        if (compareSelection(useAtlas.getState())) event.preventDefault();
        return;
      }
      if (openOnEnter(event, selectedImageId, onOpen)) return;
      if (event.key === 'Escape') {
        if (detailOpen) {
          event.preventDefault();
          event.stopPropagation();
          closeDetail();
        } else if (selectedImageId && !followsFocus(selection, selectedImageId, order)) {
          // Second Esc: back to just the focused row.
          event.preventDefault();
          pickImage(selectedImageId, 'single', order);
        }
        return;
      }
      const next = moveTarget(event, rows.length);
      if (next === null) return;
      const row = rows[next];
      if (row) moveImageFocus(row.imageId, { shift: event.shiftKey, mod }, order);
    },
    [rows, order, owned, selection, selectedImageId, detailOpen, closeDetail, pickImage, moveImageFocus, selectAllImages, openMenuAt, onOpen, moveTarget],
  );
}
