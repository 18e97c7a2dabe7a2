/**
 * The copy service: plan copies (pre-flight) and start them as jobs (the jobs service follows
 * them). The destination account's credentials make the copies, as AWS requires. Serves
 * `copy:*` (see serve.ts).
 */
import { AppError } from '../../../shared/errors';
import type { ChannelParsedInput } from '../../../shared/contract';
import type { CopyJob, CopyPlan, CopyRequest } from '../../../shared/lifecycle';
import { noPathError, placeError, type CoreContext } from '../context';
import { planCopies } from './plan-copy';
import type { CopyRunner } from '../jobs/copy-runner';
import { productionAccounts, requireConfirmations } from '../production-guard';

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
}
