/** State of copy jobs: the list (live from `jobs:changed`), the drawer, toasts, and revealing a new image. */
import type { AppError } from '../../../shared/errors';
import type { Events } from '../../../shared/contract';
import type { CopyJob } from '../../../shared/lifecycle';
import type { JobToast } from '../../lib/jobs';

export interface JobsSlice {
  jobs: CopyJob[];
  jobsStatus: 'idle' | 'loading' | 'ready' | 'error';
  jobsError: AppError | null;
  /** Per job: a cancel on its way, or why it failed. */
  jobActions: Record<string, { running: boolean; error: AppError | null }>;
  clearingJobs: boolean;
  jobsPanelOpen: boolean;
  setJobsPanelOpen(open: boolean): void;
  loadJobs(): Promise<void>;
  /** Adds or updates one job (an event, or `copy:start`'s answer); raises a toast when it ends. */
  applyJobChanged(job: CopyJob): void;
  /** `confirmations`: the destination's name when it is a production account (see cancelCopy). */
  cancelJob(id: string, confirmations?: Record<string, string>): Promise<void>;
  clearFinishedJobs(): Promise<void>;
  jobToasts: JobToast[];
  dismissJobToast(id: string): void;
  /** Shows an image in the AMI grid: its account, region and the Owned view, with it selected. */
  revealImage(ref: { account: string; region: string; imageId: string }): Promise<void>;
  /** The `images:changed` event: lists and the audit log that show the changed images catch up. */
  applyImagesChanged(payload: Events['images:changed']): void;
}
