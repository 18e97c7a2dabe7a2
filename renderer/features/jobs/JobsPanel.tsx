import { useEffect, useRef } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { ProgressBar } from '../../components/Spinner';
import { jobCounts, jobsIndicatorText } from '../../lib/jobs';
import { useAtlas } from '../../store';
import { shiftShortcutLabel } from '../../lib/keyboard';
import { JobRow } from './JobRow';

/**
 * The jobs drawer: every copy, newest first, live. Not modal (the grid stays usable while copies
 * run); Esc closes it and gives focus back to where it was.
 */
export function JobsPanel() {
  const open = useAtlas((s) => s.jobsPanelOpen);
  if (!open) return null;
  return <JobsDrawer />;
}

function JobsDrawer() {
  const jobs = useAtlas((s) => s.jobs);
  const status = useAtlas((s) => s.jobsStatus);
  const error = useAtlas((s) => s.jobsError);
  const clearing = useAtlas((s) => s.clearingJobs);
  const setOpen = useAtlas((s) => s.setJobsPanelOpen);
  const loadJobs = useAtlas((s) => s.loadJobs);
  const clearFinished = useAtlas((s) => s.clearFinishedJobs);
  const counts = jobCounts(jobs);
  const ref = useRef<HTMLElement>(null);

  // Focus moves into the drawer when it opens, and back when it closes.
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    ref.current?.focus();
    return () => {
      if (previous?.isConnected) previous.focus();
    };
  }, []);

  // Esc closes it from inside, and also when focus fell to the page (a finished job's Cancel
  // button vanishes under the pointer). Capture phase: before the shell's Esc closes the detail pane.
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== 'Escape' || event.defaultPrevented || document.querySelector('dialog[open]')) return;
      const target = event.target;
      const inside = target instanceof Node && !!ref.current?.contains(target);
      if (!inside && target !== document.body && target !== null) return;
      event.preventDefault();
      setOpen(false);
    }
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [setOpen]);

  return (
    <aside ref={ref} className="jobs-panel" data-testid="jobs-panel" aria-label="Jobs" tabIndex={-1}>
      <header className="jobs-header">
        <h2>Jobs</h2>
        <span className="muted jobs-summary" aria-live="polite">
          {jobsIndicatorText(counts) ?? (jobs.length > 0 ? 'Nothing running' : '')}
        </span>
        <div className="jobs-actions">
          <button
            type="button"
            className="button button-small"
            disabled={counts.finished === 0 || clearing}
            onClick={() => void clearFinished()}
            data-testid="jobs-clear-finished"
          >
            {clearing ? 'Clearing…' : 'Clear finished'}
          </button>
          <button type="button" className="icon-button" aria-label="Close jobs" title={`Close (Esc, ${shiftShortcutLabel('J')})`} onClick={() => setOpen(false)}>
            <Icon name="close" />
          </button>
        </div>
      </header>
      {status === 'loading' && jobs.length === 0 && <ProgressBar label="Loading jobs" />}
      {error && (
        <div className="jobs-error">
          <ErrorBanner error={error} onRetry={() => void loadJobs()} />
        </div>
      )}
      {jobs.length === 0 && status !== 'loading' && !error ? (
        <EmptyState icon="copy" title="No copies yet">
          Select AMIs and choose Copy… ({shiftShortcutLabel('C')}) to copy them to other regions or into this account.
        </EmptyState>
      ) : (
        <ul className="jobs-list" aria-label="Copy jobs">
          {jobs.map((job) => (
            <JobRow key={job.id} job={job} />
          ))}
        </ul>
      )}
    </aside>
  );
}
