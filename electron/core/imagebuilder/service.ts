/**
 * The Image Builder service: pipelines, runs followed as jobs, components, and creating a
 * pipeline. Serves the `builder:*` channels (see serve.ts).
 */
import type { ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import type { ChannelParsedInput } from '../../../shared/contract';
import type { BuildRun, ComponentChoice, CreatePipelineResult, NetworkChoices, PipelineDetail, PipelineSummary } from '../../../shared/imagebuilder';
import { placeError, type CoreContext } from '../context';
import { requireConfirmations } from '../production-guard';
import type { Wrap } from '../sharing/image-facts';
import type { BuildRunner } from './build-runner';
import { createPipeline } from './create-pipeline';
import { readNetworkChoices } from './network-choices';
import { getPipeline, listComponents, listPipelines } from './read-pipelines';

export interface BuilderDeps {
  /** AWS through the accounts' paths: reads through any healthy one, changes through the acting one. */
  aws: Pick<CoreContext, 'read' | 'write' | 'pool'>;
  /** Which accounts are production (the guard). */
  accounts: Pick<CoreContext, 'workspace'>;
  runner: BuildRunner;
}

type Where = { account: string; region: string };

export class BuilderService {
  constructor(private readonly deps: BuilderDeps) {}

  pipelines({ account, region }: Where): Promise<PipelineSummary[]> {
    return this.reading(account, region, 'imagebuilder:ListImagePipelines', (client, wrap) => listPipelines(client, { account, region }, wrap));
  }

  pipeline({ account, region, arn }: ChannelParsedInput<'builder:pipeline'>): Promise<PipelineDetail> {
    return this.reading(account, region, 'imagebuilder:GetImagePipeline', (client, wrap) => getPipeline(client, arn, { account, region }, wrap));
  }

  async start({ account, region, arn, confirmations }: ChannelParsedInput<'builder:start'>): Promise<BuildRun> {
    requireConfirmations(this.deps.accounts, [account], confirmations, 'building and distributing images from it');
    return this.deps.runner.start(account, region, arn, arn.split('/').pop() ?? arn);
  }

  async runs(): Promise<BuildRun[]> {
    return this.deps.runner.list();
  }

  async cancel({ id, confirmations }: ChannelParsedInput<'builder:cancel'>): Promise<BuildRun> {
    const run = this.deps.runner.list().find((r) => r.id === id);
    if (run && !run.finished) requireConfirmations(this.deps.accounts, [run.account], confirmations ?? {}, 'cancelling a build in it');
    return this.deps.runner.cancel(id);
  }

  components({ account, region }: Where): Promise<ComponentChoice[]> {
    return this.reading(account, region, 'imagebuilder:ListComponents', (client, wrap) => listComponents(client, wrap));
  }

  async create({ confirmations, ...draft }: ChannelParsedInput<'builder:create'>): Promise<CreatePipelineResult> {
    requireConfirmations(this.deps.accounts, [draft.account], confirmations, 'creating a pipeline in it');
    const { aws } = this.deps;
    return aws.write(draft.account, draft.region, 'imagebuilder:CreateImagePipeline', (path) =>
      createPipeline(aws.pool.imagebuilder(path, draft.region), draft, (error, what) => placeError(error, path, draft.region, what)),
    );
  }

  /** Subnets, security groups, key pairs and launch templates of the account in the region, for the wizard. */
  networkChoices({ account, region }: Where): Promise<NetworkChoices> {
    const { aws } = this.deps;
    return aws.read(account, region, 'ec2:DescribeSubnets', (path) => readNetworkChoices(aws.pool.ec2(path, region), (error, what) => placeError(error, path, region, what)));
  }

  private reading<T>(account: string, region: string, action: string, work: (client: ImagebuilderClient, wrap: Wrap) => Promise<T>): Promise<T> {
    const { aws } = this.deps;
    return aws.read(account, region, action, (path) => work(aws.pool.imagebuilder(path, region), (error, what) => placeError(error, path, region, what)));
  }
}
