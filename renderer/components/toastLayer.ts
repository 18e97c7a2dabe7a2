/**
 * The one element every toast region renders into (through a portal).
 *
 * A modal <dialog> sits in the browser's top layer with its backdrop, and makes everything
 * outside it inert: a toast elsewhere would be dimmed and unclickable, and a popover shown
 * above the dialog is still outside it, so still inert (checked in Chromium). So the layer
 * follows the topmost open modal dialog: it is moved inside it (not inert) and is itself a
 * manual popover, shown again after each move so it is the top layer's last element, above
 * that dialog and its backdrop and never clipped by the dialog's box. With no dialog open it
 * lives in <body>. It sits beside the dialog where there is room (toastPlacement).
 */
import { toastPlacement } from '../lib/toastPlacement';

let layer: HTMLElement | null = null;
/** Open modal dialogs in the order they were shown: the last is the top layer's topmost. */
let modals: HTMLDialogElement[] = [];
let watchedHost: Element | null = null;
let resizeObserver: ResizeObserver | null = null;

function isModal(el: Element): el is HTMLDialogElement {
  return el instanceof HTMLDialogElement && el.isConnected && el.open && el.matches(':modal');
}

function place() {
  if (!layer) return;
  const host = layer.parentElement;
  const box = host instanceof HTMLDialogElement ? host.getBoundingClientRect() : null;
  const p = toastPlacement(box, { width: window.innerWidth, height: window.innerHeight });
  const px = (n: number | undefined) => (n === undefined ? 'auto' : `${n}px`);
  Object.assign(layer.style, { top: px(p.top), bottom: px(p.bottom), left: px(p.left), right: px(p.right), width: `${p.width}px`, maxHeight: `${p.maxHeight}px` });
  layer.dataset.placement = `${p.top === undefined ? 'bottom' : 'top'}-${p.left === undefined ? 'right' : 'left'}`;
}

function raise() {
  if (!layer || typeof layer.showPopover !== 'function') return;
  if (layer.matches(':popover-open')) layer.hidePopover();
  layer.showPopover();
}

function sync(records: readonly MutationRecord[]) {
  if (!layer) return;
  for (const r of records) {
    if (r.type !== 'attributes' || !(r.target instanceof HTMLDialogElement)) continue;
    modals = modals.filter((d) => d !== r.target);
    if (isModal(r.target)) modals.push(r.target);
  }
  modals = modals.filter(isModal);
  const host = modals.at(-1) ?? document.body;
  const moved = layer.parentElement !== host;
  if (moved) {
    // Focus inside a toast would be lost by the move: keep it where it was.
    const focused = layer.contains(document.activeElement) ? (document.activeElement as HTMLElement) : null;
    host.append(layer);
    raise();
    focused?.focus();
  } else if (!layer.matches(':popover-open')) raise();
  if (watchedHost !== host) {
    resizeObserver?.disconnect();
    watchedHost = host;
    if (host instanceof HTMLDialogElement && typeof ResizeObserver !== 'undefined') {
      resizeObserver = new ResizeObserver(place);
      resizeObserver.observe(host);
    }
  }
  // Most calls are the page's own DOM churn: measure only when the layer changed places.
  if (moved) place();
}

/** The layer, created on first use; null where there is no document (server rendering, tests). */
export function toastLayer(): HTMLElement | null {
  if (layer) return layer;
  if (typeof document === 'undefined' || typeof MutationObserver === 'undefined') return null;
  layer = document.createElement('div');
  layer.className = 'toast-layer';
  layer.dataset.testid = 'toast-layer';
  layer.setAttribute('popover', 'manual');
  modals = [...document.querySelectorAll('dialog')].filter(isModal);
  new MutationObserver(sync).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['open'] });
  window.addEventListener('resize', place);
  sync([]);
  place();
  return layer;
}

/** After a toast with focus goes: focus to the next toast, else back into the dialog it was over. */
export function refocusAfterToast(removed: HTMLElement) {
  if (!layer || !removed.contains(document.activeElement)) return;
  const next = [...layer.querySelectorAll<HTMLElement>('.toast')].find((t) => t !== removed);
  const target =
    next?.querySelector<HTMLElement>('button') ??
    (layer.parentElement instanceof HTMLDialogElement
      ? [...layer.parentElement.querySelectorAll<HTMLElement>('button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])')].find((el) => !layer!.contains(el) && !el.hasAttribute('disabled'))
      : null);
  target?.focus();
}
