/**
 * Copy channels: plan copies (pre-flight), start them as jobs, list and cancel jobs, and the KMS
 * keys to choose from. The destination account's credentials make the copies, as AWS requires.
 */
import { DescribeKeyCommand, ListAliasesCommand } from '@aws-sdk/client-kms';
import { AppError } from '../../../shared/errors';
import type { CopyPlan, CopyRequest, KmsKeyChoice } from '../../../shared/lifecycle';
import { noPathError, placeError, type CoreContext } from '../context';
import { planCopies } from '../copy/plan-copy';
import type { CopyRunner } from '../jobs/copy-runner';
import { productionAccounts, requireConfirmations } from '../production-guard';
import type { Handlers } from './types';

/** Job states whose cancel changes nothing in AWS: not started, or over. */
const NOT_IN_AWS: ReadonlySet<string> = new Set(['queued', 'available', 'failed', 'cancelled']);

type CopyHandlers = Pick<Handlers, 'copy:plan' | 'copy:start' | 'jobs:list' | 'jobs:cancel' | 'jobs:clearFinished' | 'kms:keys'>;

export function copyHandlers(ctx: CoreContext, runner: CopyRunner): CopyHandlers {
  const plan = async (request: CopyRequest): Promise<CopyPlan> => {
    const { account } = ctx.require(request.destinationAccount);
    // The copies are made by the destination's acting path: the plan reads with the same one.
    const path = ctx.actingPath(account.id);
    if (!path) throw noPathError(account);
    const items = await ctx.withPath(path.id, request.regions[0] ?? account.defaultRegion, 'ec2:DescribeImages', (current) =>
      planCopies(request, {
        ec2: (region) => ctx.pool.ec2(current, region),
        kms: (region) => ctx.pool.kms(current, region),
        destination: { account: account.id, accountName: account.name, awsAccountId: account.awsAccountId },
        wrap: (error, region, action) => placeError(error, current, region, action),
        knownAs: (awsAccountId) => ctx.knownAs(awsAccountId),
      }),
    );
    const ready = items.some((i) => i.blockers.length === 0);
    return { items, confirmAccounts: ready ? productionAccounts(ctx, [account.id]) : [] };
  };

  return {
    'copy:plan': async (request) => plan(request),

    'copy:start': async ({ confirmations, ...request }) => {
      requireConfirmations(ctx, [request.destinationAccount], confirmations, 'copying images into it');
      const planned = await plan(request);
      if (planned.items.every((i) => i.blockers.length > 0)) {
        throw new AppError({
          code: 'CONFLICT',
          message: `None of the copies can be made: ${planned.items[0]?.blockers[0]?.message ?? 'nothing to copy'}`,
          retryable: false,
        });
      }
      return runner.enqueue(ctx.require(request.destinationAccount).source, planned.items, request);
    },

    'jobs:list': async () => runner.list(),
    'jobs:cancel': async ({ id, confirmations }) => {
      // Stopping a copy under way deregisters the half-made image in its destination account.
      const job = runner.list().find((j) => j.id === id);
      if (job && !NOT_IN_AWS.has(job.state)) requireConfirmations(ctx, [job.destination.account], confirmations ?? {}, 'stopping a copy into it');
      return runner.cancel(id);
    },
    'jobs:clearFinished': async () => runner.clearFinished(),

    'kms:keys': async ({ account, region }) =>
      ctx.read(account, region, 'kms:ListAliases', async (path) => {
        const kms = ctx.pool.kms(path, region);
        const aliases: KmsKeyChoice[] = [];
        let marker: string | undefined;
        do {
          const page = await kms.send(new ListAliasesCommand({ ...(marker ? { Marker: marker } : {}) }));
          for (const alias of page.Aliases ?? []) {
            if (!alias.AliasName || !alias.TargetKeyId) continue;
            const meta = (await kms.send(new DescribeKeyCommand({ KeyId: alias.AliasName }))).KeyMetadata;
            if (!meta?.Arn || meta.KeyState !== 'Enabled') continue;
            aliases.push({ alias: alias.AliasName, arn: meta.Arn, keyManager: meta.KeyManager === 'AWS' ? 'AWS' : 'CUSTOMER' });
          }
          marker = page.Truncated ? page.NextMarker : undefined;
        } while (marker);
        // Customer keys first: they are the ones that can be shared.
        return aliases.sort((a, b) => (a.keyManager === b.keyManager ? a.alias.localeCompare(b.alias) : a.keyManager === 'CUSTOMER' ? -1 : 1));
      }),
  };
}
