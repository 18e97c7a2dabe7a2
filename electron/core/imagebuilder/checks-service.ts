/** Image Builder: the wizard's checks as the user types. Serves the channels of shared/contract/builder-checks.ts. */
import type { ChannelParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { BaseImageCheck, InstanceProfileCheck } from '../../../shared/imagebuilder-checks';
import { placeError, type CoreContext } from '../context';
import { checkBaseImage, findAmiIn } from './check-base-image';
import { checkInstanceProfile } from './check-instance-profile';
import { listComponents } from './read-pipelines';

export interface WizardChecksServiceDeps {
  /** AWS through the accounts' paths: reads through any healthy one, changes through the acting one. */
  aws: Pick<CoreContext, 'read' | 'write' | 'pool'>;
  /** Which accounts are production (the guard), and their names. */
  accounts: Pick<CoreContext, 'workspace'>;
}

export class WizardChecksService {
  constructor(protected readonly deps: WizardChecksServiceDeps) {}

  checkBaseImage({ account, region, parentImage, components }: ChannelParsedInput<'builder:checkBaseImage'>): Promise<BaseImageCheck> {
    const { aws } = this.deps;
    // Where else to look for an AMI id that is not in the region: the account's default and starred regions.
    const summary = this.deps.accounts.workspace().accounts.find((a) => a.id === account);
    const others = [...new Set([summary?.defaultRegion ?? '', ...(summary?.favoriteRegions ?? [])])].filter((r) => r && r !== region).slice(0, 4);
    return aws.read(account, region, 'ec2:DescribeImages', (path) => {
      const wrap = (error: unknown, what: string) => placeError(error, path, region, what);
      const imagebuilder = aws.pool.imagebuilder(path, region);
      const clients = {
        ec2: aws.pool.ec2(path, region),
        imagebuilder,
        ssm: aws.pool.ssm(path, region),
        elsewhere: (imageId: string) => findAmiIn(others, (r) => aws.pool.ec2(path, r), imageId),
      };
      const chosen = components && components.length > 0 ? { arns: components, list: () => listComponents(imagebuilder, wrap) } : null;
      return checkBaseImage(clients, parentImage, { accountName: path.accountName, region }, wrap, chosen);
    });
  }

  async checkInstanceProfile({ account, region, instanceProfileName }: ChannelParsedInput<'builder:checkInstanceProfile'>): Promise<InstanceProfileCheck> {
    const { aws } = this.deps;
    try {
      return await aws.read(account, region, 'iam:GetInstanceProfile', (path) =>
        checkInstanceProfile(aws.pool.iam(path), instanceProfileName, path.accountName, (error, what) => placeError(error, path, region, what)),
      );
    } catch (error) {
      // No path of the account may read IAM: the wizard says the profile is unchecked instead of failing.
      if (!(error instanceof AppError) || error.code !== 'ACCESS_DENIED') throw error;
      return { profileName: instanceProfileName, status: 'unverified', roleName: null, attached: [], missing: [], message: `The instance profile could not be checked: ${error.message}`, fix: [] };
    }
  }
}
