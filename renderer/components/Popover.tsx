import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

interface MenuButtonProps {
  /** The button's content; its accessible name comes from `label` when given. */
  children: ReactNode;
  label?: string;
  className?: string;
  testId?: string;
  title?: string;
  /** Rendered while open; gets a `close` to call after a final choice. */
  menu(close: () => void): ReactNode;
  align?: 'start' | 'end';
}

/**
 * A button that opens a menu below it. Closes on Esc (focus back to the button), on a click
 * outside, or when the menu calls `close`. Arrow keys move between the menu's items.
 */
export function MenuButton({ children, label, className, testId, title, menu, align = 'start' }: MenuButtonProps) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    function onPointer(event: PointerEvent) {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    }
    document.addEventListener('pointerdown', onPointer);
    // First item (or the menu's own input) takes focus so keys work at once.
    requestAnimationFrame(() => rootRef.current?.querySelector<HTMLElement>('[data-autofocus], [role="menuitemcheckbox"], [role="menuitem"]')?.focus());
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const items = [...(rootRef.current?.querySelectorAll<HTMLElement>('[role="menuitemcheckbox"], [role="menuitem"]') ?? [])];
    if (items.length === 0) return;
    event.preventDefault();
    const index = items.indexOf(document.activeElement as HTMLElement);
    const next = event.key === 'ArrowDown' ? (index + 1) % items.length : (index - 1 + items.length) % items.length;
    items[next]?.focus();
  }

  return (
    <div className="menu-root" ref={rootRef} onKeyDown={open ? onKeyDown : undefined}>
      <button
        ref={buttonRef}
        type="button"
        className={className ?? 'button'}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={label}
        title={title}
        data-testid={testId}
        onClick={() => setOpen((o) => !o)}
      >
        {children}
      </button>
      {open && (
        <div id={menuId} className={`menu-pop menu-${align}`}>
          {menu(close)}
        </div>
      )}
    </div>
  );
}
