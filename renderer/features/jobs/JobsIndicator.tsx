import { jobCounts, jobsIndicatorText } from '../../lib/jobs';
import { useAtlas } from '../../store';
import { StatusButton } from '../../components/StatusButton';
import { shiftShortcutLabel } from '../../lib/keyboard';

/** "2 copies running" in the status bar; opens the jobs drawer. Hidden while nothing runs. */
export function JobsIndicator() {
  const jobs = useAtlas((s) => s.jobs);
  const open = useAtlas((s) => s.jobsPanelOpen);
  const setOpen = useAtlas((s) => s.setJobsPanelOpen);
  const text = jobsIndicatorText(jobCounts(jobs));
  if (!text) return null;
  return (
    <StatusButton
      data-testid="jobs-indicator"
      aria-expanded={open}
      aria-keyshortcuts="Control+Shift+J Meta+Shift+J"
      title={`Show jobs (${shiftShortcutLabel('J')})`}
      onClick={() => setOpen(!open)}
    >
      <span className="status-jobs-dot" aria-hidden="true" />
      {text}
    </StatusButton>
  );
}

/** "Jobs 2" in the top bar: always there, so finished and failed copies can be found too. */
export function JobsButton() {
  const jobs = useAtlas((s) => s.jobs);
  const open = useAtlas((s) => s.jobsPanelOpen);
  const setOpen = useAtlas((s) => s.setJobsPanelOpen);
  const counts = jobCounts(jobs);
  const active = counts.running + counts.queued;
  return (
    <button
      type="button"
      className={`button jobs-button${active > 0 ? ' is-running' : ''}`}
      data-testid="jobs-button"
      aria-expanded={open}
      aria-keyshortcuts="Control+Shift+J Meta+Shift+J"
      title={`Copy jobs (${shiftShortcutLabel('J')})`}
      onClick={() => setOpen(!open)}
    >
      Jobs
      {active > 0 && <span className="jobs-button-count">{active}</span>}
      {active === 0 && counts.failed > 0 && <span className="jobs-button-count is-failed">{counts.failed}</span>}
    </button>
  );
}
