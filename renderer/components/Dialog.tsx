import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Icon } from './Icon';

interface DialogProps {
  title: ReactNode;
  /** One line under the title, e.g. which account the dialog is about. */
  subtitle?: ReactNode;
  onClose(): void;
  children: ReactNode;
  size?: 'narrow' | 'normal' | 'wide' | 'palette';
  testId?: string;
  className?: string;
  /** Esc and the close button; a prompt that must be answered explicitly can turn them off. */
  dismissable?: boolean;
  /**
   * A selector for where focus goes first. By default an element marked data-autofocus, else the
   * browser's choice (the first focusable control). React's autoFocus cannot do this: it runs
   * before the dialog is shown, when nothing inside can take focus yet.
   */
  initialFocus?: string;
  /** false: no visible header (the title is still announced), for palettes that lead with an input. */
  chrome?: boolean;
}

/**
 * A modal on the native <dialog>: the browser gives the focus trap, Esc, the backdrop and the
 * top layer (so a prompt raised while another dialog is open stacks above it). React decides
 * when it exists; on unmount focus returns to where it was.
 */
export function Dialog({ title, subtitle, onClose, children, size = 'normal', testId, className, dismissable = true, initialFocus, chrome = true }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // The latest onClose, without re-running the mount effect when a parent passes a new closure.
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  }, [onClose]);

  // False once React has let go of the dialog, so a close it causes is not taken for the browser's.
  const mounted = useRef(false);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    mounted.current = true;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    dialog.querySelector<HTMLElement>(initialFocus ?? '[data-autofocus]')?.focus();
    return () => {
      mounted.current = false;
      if (dialog.open) dialog.close();
      if (previous?.isConnected) previous.focus();
    };
    // Mount and unmount only: the dialog's lifetime is its parent's decision.
  }, []);

  return (
    <dialog
      ref={ref}
      className={`dialog dialog-${size}${className ? ` ${className}` : ''}`}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(event) => {
        // Esc: React owns the lifetime, so ask the parent instead of letting the browser close it.
        event.preventDefault();
        if (dismissable) onCloseRef.current();
      }}
      onClose={(event) => {
        // Chromium lets a page refuse Esc only once per user action: the next Esc closes the
        // dialog whatever the page says. While the parent still shows it (busy, a prompt that
        // is waiting for its answer) it is shown again, so it never vanishes under React.
        const dialog = event.currentTarget;
        if (mounted.current && !dialog.open) dialog.showModal();
      }}
    >
      {!chrome && (
        <h2 id={titleId} className="sr-only">
          {title}
        </h2>
      )}
      {chrome && (
        <header className="dialog-header">
          <div className="dialog-heading">
            <h2 id={titleId}>{title}</h2>
            {subtitle && <div className="dialog-subtitle">{subtitle}</div>}
          </div>
          {dismissable && (
            <button type="button" className="icon-button" aria-label="Close" onClick={() => onCloseRef.current()}>
              <Icon name="close" />
            </button>
          )}
        </header>
      )}
      {children}
    </dialog>
  );
}
