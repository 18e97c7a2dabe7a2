import { Fragment, useEffect, useRef, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { Icon, type IconName } from './Icon';

export interface RowMenuItem {
  id: string;
  label: string;
  icon?: IconName;
  shortcut?: string;
  /** Starts a new group: a rule above it. */
  separatorBefore?: boolean;
  /** Shown but not offered, with the reason under the label (e.g. no AWS Console for a custom endpoint). */
  disabledReason?: string;
  onSelect(): void;
}

interface RowMenuProps {
  /** Viewport coordinates of the pointer (or the row, when opened from the keyboard). */
  x: number;
  y: number;
  items: readonly RowMenuItem[];
  onClose(): void;
}

/**
 * The AMI rows' context menu: right click, Shift+F10 or the menu key. A fixed-position menu;
 * arrows move, Enter chooses, Esc or a click elsewhere closes, and focus goes back to the grid.
 */
export function RowMenu({ x, y, items, onClose }: RowMenuProps) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const menu = ref.current;
    if (!menu) return;
    menu.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    // Keep the menu inside the window when opened near an edge.
    const rect = menu.getBoundingClientRect();
    if (rect.right > window.innerWidth) menu.style.left = `${Math.max(4, window.innerWidth - rect.width - 4)}px`;
    if (rect.bottom > window.innerHeight) menu.style.top = `${Math.max(4, window.innerHeight - rect.height - 4)}px`;
    function onPointer(event: PointerEvent) {
      if (!menu?.contains(event.target as Node)) onClose();
    }
    document.addEventListener('pointerdown', onPointer);
    window.addEventListener('blur', onClose);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      window.removeEventListener('blur', onClose);
    };
  }, [onClose]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    event.stopPropagation();
    if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      onClose();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp' && event.key !== 'Home' && event.key !== 'End') return;
    event.preventDefault();
    const all = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = all.indexOf(document.activeElement as HTMLElement);
    const next =
      event.key === 'Home' ? 0 : event.key === 'End' ? all.length - 1 : event.key === 'ArrowDown' ? (at + 1) % all.length : (at - 1 + all.length) % all.length;
    all[next]?.focus();
  }

  // In a portal: the grid's `contain: strict` would otherwise clip the menu and offset its fixed position.
  return createPortal(
    <div ref={ref} className="menu-pop row-menu" role="menu" aria-label="AMI actions" style={{ left: x, top: y }} onKeyDown={onKeyDown} data-testid="row-menu">
      {items.map((item, i) => (
        <Fragment key={item.id}>
          {item.separatorBefore && i > 0 && <div role="separator" className="menu-separator" />}
          <button
            type="button"
            role="menuitem"
            className={`menu-item${item.disabledReason ? ' is-disabled' : ''}`}
            tabIndex={-1}
            aria-disabled={item.disabledReason ? true : undefined}
            aria-description={item.disabledReason}
            onClick={() => {
              if (item.disabledReason) return;
              onClose();
              item.onSelect();
            }}
          >
            {item.icon ? <Icon name={item.icon} size={14} /> : <span className="menu-item-icon-space" aria-hidden="true" />}
            <span className="menu-item-label">
              {item.label}
              {item.disabledReason && <span className="menu-item-reason">{item.disabledReason}</span>}
            </span>
            {item.shortcut && <kbd className="menu-item-kbd">{item.shortcut}</kbd>}
          </button>
        </Fragment>
      ))}
    </div>,
    document.body,
  );
}
