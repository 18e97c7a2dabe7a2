/**
 * The copy service: plan copies (pre-flight), start them as jobs, list and cancel jobs, and the
 * KMS keys to choose from. The destination account's credentials make the copies, as AWS
 * requires. Serves `copy:*`, `jobs:*` and `kms:keys` (see serve.ts).
 */
import { DescribeKeyCommand, ListAliasesCommand } from '@aws-sdk/client-kms';
import { AppError } from '../../../shared/errors';
import type { ChannelParsedInput } from '../../../shared/contract';
import type { CopyJob, CopyPlan, CopyRequest, KmsKeyChoice } from '../../../shared/lifecycle';
import { noPathError, placeError, type CoreContext } from '../context';
import { planCopies } from './plan-copy';
import type { CopyRunner } from '../jobs/copy-runner';
import { productionAccounts, requireConfirmations } from '../production-guard';

/** Job states whose cancel changes nothing in AWS: not started, or over. */
const NOT_IN_AWS: ReadonlySet<string> = new Set(['queued', 'available', 'failed', 'cancelled']);

export interface CopyDeps {
  /** AWS through the accounts' paths (the plan reads with the path that will copy). */
  aws: Pick<CoreContext, 'read' | 'withPath' | 'pool'>;
  /** The accounts: the destination, who acts for it, our names for account ids, which are production. */
  accounts: Pick<CoreContext, 'require' | 'actingPath' | 'knownAs' | 'workspace'>;
  runner: CopyRunner;
}

export class CopyService {
  constructor(private readonly deps: CopyDeps) {}

  async plan(request: CopyRequest): Promise<CopyPlan> {
    const { accounts, aws } = this.deps;
    const { account } = accounts.require(request.destinationAccount);
    // The copies are made by the destination's acting path: the plan reads with the same one.
    const path = accounts.actingPath(account.id);
    if (!path) throw noPathError(account);
    const items = await aws.withPath(path.id, request.regions[0] ?? account.defaultRegion, 'ec2:DescribeImages', (current) =>
      planCopies(request, {
        ec2: (region) => aws.pool.ec2(current, region),
        kms: (region) => aws.pool.kms(current, region),
        destination: { account: account.id, accountName: account.name, awsAccountId: account.awsAccountId },
        wrap: (error, region, action) => placeError(error, current, region, action),
        knownAs: (awsAccountId) => accounts.knownAs(awsAccountId),
      }),
    );
    const ready = items.some((i) => i.blockers.length === 0);
    return { items, confirmAccounts: ready ? productionAccounts(accounts, [account.id]) : [] };
  }

  async start({ confirmations, ...request }: ChannelParsedInput<'copy:start'>): Promise<CopyJob[]> {
    const { accounts, runner } = this.deps;
    requireConfirmations(accounts, [request.destinationAccount], confirmations, 'copying images into it');
    const planned = await this.plan(request);
    if (planned.items.every((i) => i.blockers.length > 0)) {
      throw new AppError({
        code: 'CONFLICT',
        message: `None of the copies can be made: ${planned.items[0]?.blockers[0]?.message ?? 'nothing to copy'}`,
        retryable: false,
      });
    }
    return runner.enqueue(accounts.require(request.destinationAccount).source, planned.items, request);
  }

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

  /** KMS keys of an account and region, by alias: customer managed keys first (they can be shared). */
  async keys({ account, region }: ChannelParsedInput<'kms:keys'>): Promise<KmsKeyChoice[]> {
    const { aws } = this.deps;
    return aws.read(account, region, 'kms:ListAliases', async (path) => {
      const kms = aws.pool.kms(path, region);
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
      return aliases.sort((a, b) => (a.keyManager === b.keyManager ? a.alias.localeCompare(b.alias) : a.keyManager === 'CUSTOMER' ? -1 : 1));
    });
  }
}
