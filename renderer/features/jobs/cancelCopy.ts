import type { CopyJob } from '../../../shared/lifecycle';
import { confirmIfProduction } from '../../components/ConfirmProduction';
import { findAccount } from '../../lib/workspace';
import { useAtlas } from '../../store';

/**
 * Cancel a copy: one under way is stopped by deregistering its half-made image in the
 * destination account, so a production destination asks for its name first (the core checks).
 */
export async function cancelCopy(job: CopyJob, cancelJob: (id: string, confirmations: Record<string, string>) => Promise<void>): Promise<void> {
  const account = findAccount(useAtlas.getState().workspace, job.destination.account);
  const confirmations =
    job.state === 'queued' || !account
      ? {}
      : await confirmIfProduction({
          title: `Stop the copy of ${job.name}?`,
          message: `The image being made in ${job.destination.region} is deregistered; nothing else in ${account.name} changes.`,
          accounts: [account],
          lines: [{ account: account.id, region: job.destination.region, text: `Stop copying ${job.name} to ${job.destination.region}` }],
          confirmLabel: 'Stop the copy',
          tone: 'danger',
          inAws: true,
        });
  if (confirmations === null) return;
  await cancelJob(job.id, confirmations);
}
