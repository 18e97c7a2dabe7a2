/**
 * Where the toasts go: the bottom-right corner, or, while a modal dialog is open, a corner
 * beside it where they cover none of its buttons (a band above or below it when it leaves no
 * room at either side). Pure: the dialog's box and the viewport in, a position out.
 */
export interface Box {
  top: number;
  left: number;
  right: number;
  bottom: number;
}

export interface ToastPlacement {
  /** Offsets from the viewport's edges, in px; the side not given is auto. */
  top?: number;
  bottom?: number;
  left?: number;
  right?: number;
  width: number;
  maxHeight: number;
  /** False only when the dialog leaves no room anywhere and the toasts must overlap it. */
  clear: boolean;
}

export const TOAST_WIDTH = 380;
/** Narrower than this a toast's text wraps too much to read. */
const MIN_WIDTH = 240;
/** Room for one toast at least. */
const MIN_HEIGHT = 64;
const GAP = 16;

export function toastPlacement(dialog: Box | null, viewport: { width: number; height: number }): ToastPlacement {
  const fullWidth = Math.max(0, Math.min(TOAST_WIDTH, viewport.width - 2 * GAP));
  const fullHeight = Math.max(0, viewport.height - 2 * GAP);
  if (!dialog) return { right: GAP, bottom: GAP, width: fullWidth, maxHeight: fullHeight, clear: true };

  const freeRight = viewport.width - dialog.right - 2 * GAP;
  if (freeRight >= MIN_WIDTH) return { right: GAP, bottom: GAP, width: Math.min(TOAST_WIDTH, freeRight), maxHeight: fullHeight, clear: true };
  const freeLeft = dialog.left - 2 * GAP;
  if (freeLeft >= MIN_WIDTH) return { left: GAP, bottom: GAP, width: Math.min(TOAST_WIDTH, freeLeft), maxHeight: fullHeight, clear: true };

  const below = viewport.height - dialog.bottom - 2 * GAP;
  const above = dialog.top - 2 * GAP;
  if (Math.max(below, above) >= MIN_HEIGHT) {
    return below >= above
      ? { right: GAP, bottom: GAP, width: fullWidth, maxHeight: below, clear: true }
      : { right: GAP, top: GAP, width: fullWidth, maxHeight: above, clear: true };
  }
  return { right: GAP, bottom: GAP, width: fullWidth, maxHeight: fullHeight, clear: false };
}
