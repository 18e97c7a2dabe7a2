import { Toast, ToastRegion } from '../../components/Toast';
import type { RunToast } from '../../lib/builder';
import { useAtlas } from '../../store';
import { dismissRunToast, selectPipeline, useBuilder } from './store';

/** In-app notices when an image build ends (the desktop app also raises an OS notification). */
export function BuilderToasts() {
  const toasts = useBuilder((s) => s.toasts);
  if (toasts.length === 0) return null;
  return (
    <ToastRegion label="Image build notifications">
      {toasts.map((toast) => (
        <RunToastItem key={toast.id} toast={toast} />
      ))}
    </ToastRegion>
  );
}

/** Image Builder, in the run's account and region, its pipeline selected. */
function showRun(toast: RunToast) {
  const run = useBuilder.getState().runs.find((r) => r.id === toast.runId);
  const state = useAtlas.getState();
  if (run) {
    if (state.accountId !== run.account) state.selectAccount(run.account, run.region);
    else if (state.region !== run.region) state.selectRegion(run.region);
    selectPipeline(run.pipelineArn);
  }
  state.setMode('builder');
}

function RunToastItem({ toast }: { toast: RunToast }) {
  return (
    <Toast tone={toast.tone} title={toast.title} testId="builder-toast" action={{ label: 'Show', run: () => showRun(toast) }} onDismiss={() => dismissRunToast(toast.id)}>
      <span>{toast.body}</span>
    </Toast>
  );
}
