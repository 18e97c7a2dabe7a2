import type { JobToast } from '../../lib/jobs';
import { Toast, ToastRegion } from '../../components/Toast';
import { useAtlas } from '../../store';

/** In-app notices when a copy finishes or fails (the desktop app also raises an OS notification). */
export function JobToasts() {
  const toasts = useAtlas((s) => s.jobToasts);
  if (toasts.length === 0) return null;
  return (
    <ToastRegion label="Notifications">
      {toasts.map((toast) => (
        <JobToastItem key={toast.id} toast={toast} />
      ))}
    </ToastRegion>
  );
}

/** The Jobs panel open at this job's row. */
function showJob(jobId: string) {
  useAtlas.getState().setJobsPanelOpen(true);
  requestAnimationFrame(() => {
    const row = [...document.querySelectorAll<HTMLElement>('[data-testid="job-row"]')].find((r) => r.dataset.jobId === jobId);
    row?.scrollIntoView({ block: 'nearest' });
  });
}

function JobToastItem({ toast }: { toast: JobToast }) {
  const dismiss = useAtlas((s) => s.dismissJobToast);
  return (
    <Toast tone={toast.tone} title={toast.title} testId="job-toast" action={{ label: 'Show', run: () => showJob(toast.jobId) }} onDismiss={() => dismiss(toast.id)}>
      <span>{toast.body}</span>
    </Toast>
  );
}
