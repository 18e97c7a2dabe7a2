/** Copy jobs, durable across restarts: listed, cancelled, cleared, and followed as they change. */
import type { CopyJob } from '../lifecycle';
import { common, output, event } from './fields';

export const channels = {
  'jobs:list': { input: common.empty, output: output<CopyJob[]>() },
  /** A queued copy is dropped; a running one is stopped by deregistering the pending image. */
  'jobs:cancel': { input: common.jobCancel, output: output<CopyJob>() },
  /** Forgets finished jobs (available, failed, cancelled). */
  'jobs:clearFinished': { input: common.empty, output: output<CopyJob[]>() },
} as const;

export const events = {
  /** A copy job was queued, progressed, finished or was cancelled. */
  'jobs:changed': event<CopyJob>(),
} as const;
