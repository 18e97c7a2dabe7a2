/**
 * The jobs service: the copy jobs (kept in SQLite, resumed after a restart) listed, cancelled
 * (through the production guard when AWS is touched) and cleared. Serves `jobs:*` (see serve.ts).
 */
import type { ChannelParsedInput } from '../../../shared/contract';
import type { CopyJob } from '../../../shared/lifecycle';
import type { CoreContext } from '../context';
import { requireConfirmations } from '../production-guard';
import type { CopyRunner } from './copy-runner';

/** Job states whose cancel changes nothing in AWS: not started, or over. */
const NOT_IN_AWS: ReadonlySet<string> = new Set(['queued', 'available', 'failed', 'cancelled']);

export interface JobsDeps {
  /** Which accounts are production (a cancel that deregisters asks for the name). */
  accounts: Pick<CoreContext, 'workspace'>;
  runner: CopyRunner;
}

export class JobsService {
  constructor(private readonly deps: JobsDeps) {}

  async list(): Promise<CopyJob[]> {
    return this.deps.runner.list();
  }

  async cancel({ id, confirmations }: ChannelParsedInput<'jobs:cancel'>): Promise<CopyJob> {
    const { accounts, runner } = this.deps;
    // Stopping a copy under way deregisters the half-made image in its destination account.
    const job = runner.list().find((j) => j.id === id);
    if (job && !NOT_IN_AWS.has(job.state)) requireConfirmations(accounts, [job.destination.account], confirmations ?? {}, 'stopping a copy into it');
    return runner.cancel(id);
  }

  async clearFinished(): Promise<CopyJob[]> {
    return this.deps.runner.clearFinished();
  }
}
