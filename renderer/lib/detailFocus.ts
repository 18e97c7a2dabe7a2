/** The AMI detail pane, wherever it is opened from (the image list, Inventory, a catalogue). */
const PANE_SELECTOR = '[data-testid="ami-detail"]';

/** Moves focus into the pane once it has rendered (Enter on a row). */
export function focusDetailPane(): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>(PANE_SELECTOR)?.focus());
}
