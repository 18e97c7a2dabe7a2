import { useState, type DragEvent } from 'react';
import type { Workspace } from '../../../shared/model';
import type { ShareTarget } from '../../lib/shareTargets';
import { useAtlas } from '../../store';
import { currentDrag, endAmiDrag, isAmiDrag, readDrop } from '../../lib/dnd';

type Resolve = (workspace: Workspace, ownerIds: ReadonlySet<string>) => ShareTarget | null;

export interface ShareDropProps {
  onDragEnter(event: DragEvent<HTMLElement>): void;
  onDragOver(event: DragEvent<HTMLElement>): void;
  onDragLeave(event: DragEvent<HTMLElement>): void;
  onDrop(event: DragEvent<HTMLElement>): void;
}

/**
 * Makes an element a drop target for dragged AMIs. It accepts (and highlights) only when the
 * drop would share with someone: `resolve` names the recipients for the images being dragged.
 */
export function useShareDrop(resolve: Resolve): { over: boolean; props: ShareDropProps } {
  const [over, setOver] = useState(false);
  const openShareSheet = useAtlas((s) => s.openShareSheet);

  const accepts = (): boolean => {
    const drag = currentDrag();
    const workspace = useAtlas.getState().workspace;
    if (!drag || !workspace) return false;
    return (resolve(workspace, new Set(drag.ownerIds))?.accounts.length ?? 0) > 0;
  };

  const props: ShareDropProps = {
    onDragEnter(event) {
      if (!isAmiDrag(event) || !accepts()) return;
      event.preventDefault();
      setOver(true);
    },
    onDragOver(event) {
      if (!isAmiDrag(event)) return;
      if (!accepts()) {
        event.dataTransfer.dropEffect = 'none';
        return;
      }
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      if (!over) setOver(true);
    },
    onDragLeave(event) {
      // Moving onto a child fires dragleave on the parent: only leaving the element counts.
      if (event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget)) return;
      setOver(false);
    },
    onDrop(event) {
      setOver(false);
      if (!isAmiDrag(event)) return;
      event.preventDefault();
      const payload = readDrop(event);
      endAmiDrag();
      const workspace = useAtlas.getState().workspace;
      if (!payload || !workspace) return;
      const target = resolve(workspace, new Set(payload.ownerIds));
      if (target && target.accounts.length > 0) openShareSheet(payload.images, target, payload.imageNames);
    },
  };
  return { over, props };
}
