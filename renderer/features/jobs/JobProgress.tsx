import type { CopyJob } from '../../../shared/lifecycle';

/** A real progress bar (0–100, the slowest snapshot's progress) with the figure beside it. */
export function JobProgress({ job }: { job: CopyJob }) {
  const value = job.state === 'available' ? 100 : Math.max(0, Math.min(100, Math.round(job.progress)));
  const tone = job.state === 'failed' ? ' is-failed' : job.state === 'available' ? ' is-done' : job.state === 'cancelled' || job.state === 'cancelling' ? ' is-cancelled' : '';
  return (
    <div className="job-progress">
      <div
        className={`job-bar${tone}`}
        role="progressbar"
        aria-label={`Progress of ${job.name} to ${job.destination.region}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        data-testid="job-progress"
      >
        <span className="job-bar-fill" style={{ width: `${value}%` }} />
      </div>
      <span className="job-percent">{value} %</span>
    </div>
  );
}
