import { useCallback, type KeyboardEvent } from 'react';
import type { AmiSummary } from '../../../shared/model';
import { useAtlas } from '../../store';
import { openShareWith } from '../../lib/shareSelection';
import { openOnEnter } from '../../components/VirtualGrid';

export function rowDomId(imageId: string): string {
  return `ami-row-${imageId}`;
}

/**
 * The grid's keys: arrows / j k / Home End / Page move the focus (Shift extends the pick),
 * Space picks, Ctrl/Cmd+A picks all, s shares, Enter opens, Esc closes the detail and then
 * drops the pick to the focused row, Shift+F10 or the menu key opens the row menu.
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
  const picked = useAtlas((s) => s.imageSelection.selected);
  const pickImage = useAtlas((s) => s.pickImage);
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
}
