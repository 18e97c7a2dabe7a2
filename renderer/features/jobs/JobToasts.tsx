import { useEffect } from 'react';
import type { JobToast } from '../../lib/jobs';
import { Icon } from '../../components/Icon';
import { useAtlas } from '../../store';

const TOAST_MS = 8_000;

/** In-app notices when a copy finishes or fails (the desktop app also raises an OS notification). */
export function JobToasts() {
  const toasts = useAtlas((s) => s.jobToasts);
  if (toasts.length === 0) return null;
  return (
    <div className="toasts" role="region" aria-label="Notifications">
      {toasts.map((toast) => (
        <Toast key={toast.id} toast={toast} />
      ))}
    </div>
  );
}

function Toast({ toast }: { toast: JobToast }) {
  const dismiss = useAtlas((s) => s.dismissJobToast);
  const setOpen = useAtlas((s) => s.setJobsPanelOpen);
  // Failures stay until dismissed: they need reading; successes go by themselves.
  useEffect(() => {
    if (toast.tone === 'danger') return;
    const t = setTimeout(() => dismiss(toast.id), TOAST_MS);
    return () => clearTimeout(t);
  }, [toast, dismiss]);
  return (
    <div className={`toast toast-${toast.tone}`} role={toast.tone === 'danger' ? 'alert' : 'status'} data-testid="job-toast">
      <Icon name={toast.tone === 'danger' ? 'alert' : 'check'} size={14} className="icon toast-icon" />
      <div className="toast-text">
        <strong>{toast.title}</strong>
        <span>{toast.body}</span>
      </div>
      <button
        type="button"
        className="button button-small"
        onClick={() => {
          setOpen(true);
          dismiss(toast.id);
        }}
      >
        Show
      </button>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismiss(toast.id)}>
        <Icon name="close" size={13} />
      </button>
    </div>
  );
}
