import { useEffect } from 'react';
import { Icon } from '../../components/Icon';
import type { RunToast } from '../../lib/builder';
import { useAtlas } from '../../store';
import { dismissRunToast, selectPipeline, useBuilder } from './store';

const TOAST_MS = 8_000;

/** In-app notices when an image build ends (the desktop app also raises an OS notification). */
export function BuilderToasts() {
  const toasts = useBuilder((s) => s.toasts);
  if (toasts.length === 0) return null;
  return (
    <div className="toasts builder-toasts" role="region" aria-label="Image build notifications">
      {toasts.map((toast) => (
        <Toast key={toast.id} toast={toast} />
      ))}
    </div>
  );
}

function Toast({ toast }: { toast: RunToast }) {
  // Failures stay until dismissed: they need reading; successes go by themselves.
  useEffect(() => {
    if (toast.tone === 'danger') return;
    const t = setTimeout(() => dismissRunToast(toast.id), TOAST_MS);
    return () => clearTimeout(t);
  }, [toast]);

  const show = () => {
    const run = useBuilder.getState().runs.find((r) => r.id === toast.runId);
    const state = useAtlas.getState();
    if (run) {
      if (state.accountId !== run.account) state.selectAccount(run.account, run.region);
      else if (state.region !== run.region) state.selectRegion(run.region);
      selectPipeline(run.pipelineArn);
    }
    state.setMode('builder');
    dismissRunToast(toast.id);
  };

  return (
    <div className={`toast toast-${toast.tone}`} role={toast.tone === 'danger' ? 'alert' : 'status'} data-testid="builder-toast">
      <Icon name={toast.tone === 'danger' ? 'alert' : 'check'} size={14} className="icon toast-icon" />
      <div className="toast-text">
        <strong>{toast.title}</strong>
        <span>{toast.body}</span>
      </div>
      <button type="button" className="button button-small" onClick={show}>
        Show
      </button>
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => dismissRunToast(toast.id)}>
        <Icon name="close" size={13} />
      </button>
    </div>
  );
}
