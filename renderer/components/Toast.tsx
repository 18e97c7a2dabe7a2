import { useEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { Icon } from './Icon';
import { refocusAfterToast, toastLayer } from './toastLayer';

/** Successes go by themselves after this; failures stay until dismissed: they need reading. */
const TOAST_MS = 8_000;

/**
 * A group of toasts (copies, image builds, background faults), rendered into the one toast
 * layer: above any open modal dialog's backdrop and clickable there (toastLayer.ts).
 */
export function ToastRegion({ label, children }: { label: string; children: ReactNode }) {
  const layer = toastLayer();
  const region = (
    <div className="toasts" role="region" aria-label={label}>
      {children}
    </div>
  );
  return layer ? createPortal(region, layer) : region;
}

interface ToastProps {
  tone: 'success' | 'danger';
  title: ReactNode;
  children?: ReactNode;
  /** The place to act on it: e.g. the failed job in the Jobs panel. */
  action?: { label: string; run(): void };
  onDismiss(): void;
  testId?: string;
}

/** One notice; Esc while it has focus, or its × button, dismisses it. */
export function Toast({ tone, title, children, action, onDismiss, testId }: ToastProps) {
  const ref = useRef<HTMLDivElement>(null);
  const dismissRef = useRef(onDismiss);
  useEffect(() => {
    dismissRef.current = onDismiss;
  }, [onDismiss]);
  useEffect(() => {
    if (tone === 'danger') return;
    const t = setTimeout(() => dismissRef.current(), TOAST_MS);
    return () => clearTimeout(t);
  }, [tone]);

  const dismiss = () => {
    if (ref.current) refocusAfterToast(ref.current);
    dismissRef.current();
  };

  return (
    <div
      ref={ref}
      className={`toast toast-${tone}`}
      role={tone === 'danger' ? 'alert' : 'status'}
      data-testid={testId}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        // Only the toast: not the dialog under it (its cancel) nor a drawer's Esc.
        event.preventDefault();
        event.stopPropagation();
        event.nativeEvent.stopImmediatePropagation();
        dismiss();
      }}
    >
      <Icon name={tone === 'danger' ? 'alert' : 'check'} size={14} className="icon toast-icon" />
      <div className="toast-text">
        <strong>{title}</strong>
        {children}
      </div>
      {action && (
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            action.run();
            dismiss();
          }}
        >
          {action.label}
        </button>
      )}
      <button type="button" className="icon-button" aria-label="Dismiss" title="Dismiss (Esc)" onClick={dismiss}>
        <Icon name="close" size={13} />
      </button>
    </div>
  );
}
