/** Copy jobs as the page lists them: merging live updates, counting, and what to announce. Pure. */
import type { CopyJob, JobState } from '../../shared/lifecycle';
import { placeLabel } from '../../shared/errors';
import { plural } from './format';

const ACTIVE: ReadonlySet<JobState> = new Set(['queued', 'copying', 'checking', 'cancelling']);
const FINISHED: ReadonlySet<JobState> = new Set(['available', 'failed', 'cancelled']);

export function isActiveJob(job: Pick<CopyJob, 'state'>): boolean {
  return ACTIVE.has(job.state);
}

export function isFinishedJob(job: Pick<CopyJob, 'state'>): boolean {
  return FINISHED.has(job.state);
}

/** Cancel is offered while the copy can still be stopped (a checking copy is found first, then removed). */
export function canCancelJob(job: Pick<CopyJob, 'state'>): boolean {
  return job.state === 'queued' || job.state === 'copying' || job.state === 'checking';
}

/** Newest first; equal times by id so the order never flickers. */
export function sortJobs(jobs: readonly CopyJob[]): CopyJob[] {
  return [...jobs].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
}

/**
 * A job as an event reported it. Events can overtake the answer of `jobs:list`, so an update
 * never moves a job backwards: a finished job stays finished, and progress only grows while the
 * state is the same.
 */
export function upsertJob(jobs: readonly CopyJob[], job: CopyJob): CopyJob[] {
  const at = jobs.findIndex((j) => j.id === job.id);
  if (at < 0) return sortJobs([...jobs, job]);
  const current = jobs[at]!;
  if (isFinishedJob(current) && !isFinishedJob(job)) return [...jobs];
  if (current.state === job.state && job.progress < current.progress) return [...jobs];
  const next = [...jobs];
  next[at] = job;
  return next;
}

/** Replaces the list with `listed`, keeping any job an event has already moved further. */
export function mergeJobLists(current: readonly CopyJob[], listed: readonly CopyJob[]): CopyJob[] {
  let out = sortJobs(listed);
  for (const job of current) if (out.some((j) => j.id === job.id)) out = upsertJob(out, job);
  return out;
}

export interface JobCounts {
  running: number;
  queued: number;
  failed: number;
  finished: number;
}

export function jobCounts(jobs: readonly CopyJob[]): JobCounts {
  const counts: JobCounts = { running: 0, queued: 0, failed: 0, finished: 0 };
  for (const job of jobs) {
    if (job.state === 'copying' || job.state === 'checking' || job.state === 'cancelling') counts.running++;
    else if (job.state === 'queued') counts.queued++;
    if (job.state === 'failed') counts.failed++;
    if (isFinishedJob(job)) counts.finished++;
  }
  return counts;
}

/** The status bar's words: "2 copies running · 1 queued", or null when nothing is active. */
export function jobsIndicatorText(counts: JobCounts): string | null {
  const parts: string[] = [];
  if (counts.running > 0) parts.push(`${plural(counts.running, 'copy', 'copies')} running`);
  if (counts.queued > 0) parts.push(`${counts.queued} queued`);
  return parts.length > 0 ? parts.join(' · ') : null;
}

export const JOB_STATE_LABEL: Record<JobState, string> = {
  queued: 'Queued',
  copying: 'Copying',
  checking: 'Checking',
  available: 'Done',
  failed: 'Failed',
  cancelling: 'Cancelling',
  cancelled: 'Cancelled',
};

export interface JobToast {
  id: string;
  jobId: string;
  tone: 'success' | 'danger';
  title: string;
  body: string;
}

/** A toast when a job reaches the end it was heading for (not for ones the user cancelled). */
export function jobToast(previous: CopyJob | undefined, next: CopyJob): JobToast | null {
  if (previous?.state === next.state) return null;
  if (previous && isFinishedJob(previous)) return null;
  const where = placeLabel(next.destination.accountName, null, next.destination.region);
  if (next.state === 'available') {
    return { id: `${next.id}:available`, jobId: next.id, tone: 'success', title: 'Copy finished', body: `${next.name} is available in ${where}${next.newImageId ? ` as ${next.newImageId}` : ''}.` };
  }
  if (next.state === 'failed') {
    return { id: `${next.id}:failed`, jobId: next.id, tone: 'danger', title: 'Copy failed', body: `${next.name} to ${where}: ${next.error?.message ?? 'AWS reported a failure.'}` };
  }
  return null;
}

/** "8 s", "3 min 5 s", "1 h 2 min": how long a finished copy took (null while it runs). */
export function jobDuration(job: Pick<CopyJob, 'startedAt' | 'createdAt' | 'finishedAt'>): string | null {
  if (!job.finishedAt) return null;
  const ms = Date.parse(job.finishedAt) - Date.parse(job.startedAt ?? job.createdAt);
  if (!Number.isFinite(ms) || ms < 0) return null;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}
