import type { CopyJob } from '../../../shared/lifecycle';
import { Badge, type BadgeTone } from '../../components/Badge';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { RelativeTime } from '../../components/RelativeTime';
import { canCancelJob, JOB_STATE_LABEL, jobDuration } from '../../lib/jobs';
import { useAtlas } from '../../store';
import { JobProgress } from './JobProgress';
import { cancelCopy } from './cancelCopy';

const TONE: Record<CopyJob['state'], BadgeTone> = {
  queued: 'neutral',
  copying: 'info',
  checking: 'warning',
  available: 'success',
  failed: 'danger',
  cancelling: 'warning',
  cancelled: 'neutral',
};

/** One copy: where from and to, its state and progress, the new image, Cancel, and its error. */
export function JobRow({ job }: { job: CopyJob }) {
  const cancelJob = useAtlas((s) => s.cancelJob);
  const revealImage = useAtlas((s) => s.revealImage);
  const setPanelOpen = useAtlas((s) => s.setJobsPanelOpen);
  const action = useAtlas((s) => s.jobActions[job.id]);
  const sameAccount = job.source.account === job.destination.account;
  return (
    <li className={`job job-${job.state}`} data-testid="job-row" data-job-id={job.id} data-state={job.state} data-region={job.destination.region}>
      <div className="job-head">
        <span className="truncate job-name" title={job.name}>
          {job.name}
        </span>
        <Badge tone={TONE[job.state]}>{JOB_STATE_LABEL[job.state]}</Badge>
      </div>
      <div className="job-route" title={`From ${job.source.name} (${job.source.imageId}) in ${job.source.region}`}>
        {/* Jobs of every account share the list: each row names the account the copy lands in. */}
        <span className="job-account">{sameAccount ? job.destination.accountName : `into ${job.destination.accountName}`}</span>
        <span className="mono">{job.source.region}</span>
        <Icon name="chevronRight" size={11} />
        <span className="mono job-dest">{job.destination.region}</span>
        <span className="muted job-source">
          from <span className="mono">{job.source.imageId}</span>
        </span>
        {job.encrypted && <Icon name="lock" size={11} label="Encrypted" />}
      </div>
      <JobProgress job={job} />
      <div className="job-foot">
        {job.newImageId ? (
          <button
            type="button"
            className="link-button mono"
            title="Show it in the AMI list"
            data-testid="job-new-image"
            onClick={() => {
              setPanelOpen(false);
              void revealImage({ account: job.destination.account, region: job.destination.region, imageId: job.newImageId! });
            }}
          >
            {job.newImageId}
          </button>
        ) : (
          <span className="muted">{job.state === 'queued' ? 'Waiting for a free slot' : job.state === 'checking' ? 'Asking AWS whether the copy was made' : 'No image yet'}</span>
        )}
        <span className="muted job-time">
          {job.finishedAt ? (
            <>
              {jobDuration(job) && `took ${jobDuration(job)} · `}ended <RelativeTime value={job.finishedAt} />
            </>
          ) : (
            <>
              started <RelativeTime value={job.startedAt ?? job.createdAt} />
            </>
          )}
        </span>
        {canCancelJob(job) && (
          <button
            type="button"
            className="button button-small button-danger-outline"
            disabled={action?.running}
            onClick={() => void cancelCopy(job, cancelJob)}
            aria-label={`Cancel the copy of ${job.name} to ${job.destination.region}`}
          >
            {action?.running ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
      </div>
      {job.state === 'checking' && (
        <p className="job-checking" role="status" data-testid="job-checking">
          AWS’s answer to this copy never arrived{job.error ? ` (${job.error.message})` : ''}. It may exist already: the app asks AWS again with the same request, which
          cannot make a second copy, then looks for it by its name, and says what it finds.
        </p>
      )}
      {job.error && job.state !== 'checking' && (
        <p className="job-error" role="alert">
          {job.error.message}
        </p>
      )}
      {action?.error && <ErrorBanner error={action.error} />}
    </li>
  );
}
