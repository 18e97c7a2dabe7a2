import { useCallback, type DragEvent } from 'react';
import { useAtlas } from '../../store';
import { startAmiDrag } from '../../lib/dnd';
import { shareableSelection } from '../../lib/shareSelection';
import type { PickHow } from '../../lib/multiSelect';

/**
 * Dragging owned rows onto an account or client in the sidebar shares them: the picked rows, or
 * — as file managers do — the dragged row alone when it was not among them.
 */
export function useAmiRowDrag(order: readonly string[], pickImage: (imageId: string, how: PickHow, order: readonly string[]) => void) {
  return useCallback(
    (event: DragEvent, imageId: string) => {
      if (!useAtlas.getState().imageSelection.selected.has(imageId)) pickImage(imageId, 'single', order);
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
}
