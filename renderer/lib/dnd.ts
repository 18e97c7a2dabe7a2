/**
 * Dragging AMIs onto accounts and clients. The payload travels as a custom MIME type (so other
 * apps and text fields ignore it); while the drag lasts, the same payload is kept here too,
 * because drop targets may only read the data on drop, yet must decide on dragover whether to
 * accept (a drop on the images' own account would share with nobody).
 */
import type { DragEvent } from 'react';
import type { ImageRef } from '../../shared/sharing';

export const AMI_DRAG_TYPE = 'application/x-ami-atlas-images+json';

export interface AmiDragPayload {
  images: ImageRef[];
  /** 12-digit ids of the images' owners: never recipients. */
  ownerIds: string[];
  imageNames: Record<string, string>;
}

let current: AmiDragPayload | null = null;

export function currentDrag(): AmiDragPayload | null {
  return current;
}

export function isAmiDrag(event: DragEvent): boolean {
  return event.dataTransfer.types.includes(AMI_DRAG_TYPE);
}

export function startAmiDrag(event: DragEvent, payload: AmiDragPayload): void {
  current = payload;
  event.dataTransfer.effectAllowed = 'copy';
  event.dataTransfer.setData(AMI_DRAG_TYPE, JSON.stringify(payload));
  event.dataTransfer.setData('text/plain', payload.images.map((i) => i.imageId).join('\n'));
  const n = payload.images.length;
  setDragLabel(event, n === 1 ? (payload.imageNames[payload.images[0]!.imageId] ?? payload.images[0]!.imageId) : `${n} AMIs`);
}

export function endAmiDrag(): void {
  current = null;
}

/** The payload of a drop: from the data, else from the drag this window started. */
export function readDrop(event: DragEvent): AmiDragPayload | null {
  const raw = event.dataTransfer.getData(AMI_DRAG_TYPE);
  if (raw) {
    try {
      const parsed = JSON.parse(raw) as AmiDragPayload;
      if (Array.isArray(parsed.images) && Array.isArray(parsed.ownerIds)) return parsed;
    } catch {
      // Not ours after all; fall back to the drag in progress.
    }
  }
  return current;
}

/** A small pill under the pointer ("3 AMIs") instead of a ghost of the whole row. */
function setDragLabel(event: DragEvent, text: string): void {
  const label = document.createElement('div');
  label.className = 'drag-label';
  label.textContent = text;
  document.body.appendChild(label);
  event.dataTransfer.setDragImage(label, -10, -10);
  // The browser snapshots the element at once; it can go on the next frame.
  requestAnimationFrame(() => label.remove());
}
