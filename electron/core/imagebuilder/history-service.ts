/** Image Builder: a pipeline's history as Image Builder keeps it. Serves the channels of shared/contract/builder-history.ts. */
import type { ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import type { ChannelParsedInput } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import type { BuildHistoryPage, BuildStepsAnswer } from '../../../shared/imagebuilder-history';
import { placeError, type CoreContext } from '../context';
import type { Wrap } from '../sharing/image-facts';
import { readBuildSteps, readHistoryPage } from './read-history';

export interface BuildHistoryServiceDeps {
  /** AWS through the accounts' paths: reads through any healthy one, changes through the acting one. */
  aws: Pick<CoreContext, 'read' | 'write' | 'pool'>;
  /** Which accounts are production (the guard), and their names; the browser a log's console page opens in. */
  accounts: Pick<CoreContext, 'workspace'> & Partial<Pick<CoreContext, 'openUrl'>>;
}

export class BuildHistoryService {
  constructor(protected readonly deps: BuildHistoryServiceDeps) {}

  history({ account, region, arn, nextToken }: ChannelParsedInput<'builder:history'>): Promise<BuildHistoryPage> {
    return this.reading(account, region, 'imagebuilder:ListImagePipelineImages', (client, wrap) => readHistoryPage(client, { account, region }, arn, nextToken, wrap));
  }

  buildSteps({ account, region, imageBuildArn }: ChannelParsedInput<'builder:buildSteps'>): Promise<BuildStepsAnswer> {
    return this.reading(account, region, 'imagebuilder:ListWorkflowExecutions', (client, wrap) => readBuildSteps(client, region, imageBuildArn, wrap));
  }

  /** Where the logs are is read again here: the page names a build, never a URL. */
  async openLogs({ account, region, imageBuildArn, where }: ChannelParsedInput<'builder:openLogs'>): Promise<{ url: string }> {
    const steps = await this.buildSteps({ account, region, imageBuildArn });
    const url = where === 'cloudwatch' ? steps.logs.consoleUrl : steps.s3Logs?.consoleUrl;
    if (!url) {
      throw new AppError({
        code: 'VALIDATION',
        message:
          where === 's3' && !steps.s3Logs
            ? 'This build kept no logs in S3: its infrastructure configuration names no S3 bucket.'
            : `The AWS Console link is for commercial regions only; ${region} has a console of its own.`,
        retryable: false,
        details: { region },
      });
    }
    const open = this.deps.accounts.openUrl;
    if (!open) throw new AppError({ code: 'INTERNAL', message: `Open ${url} in your browser.`, retryable: false });
    await open(url);
    return { url };
  }

  private reading<T>(account: string, region: string, action: string, work: (client: ImagebuilderClient, wrap: Wrap) => Promise<T>): Promise<T> {
    const { aws } = this.deps;
    return aws.read(account, region, action, (path) => work(aws.pool.imagebuilder(path, region), (error, what) => placeError(error, path, region, what)));
  }
}
