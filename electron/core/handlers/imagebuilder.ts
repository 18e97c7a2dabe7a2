/** Image Builder channels: pipelines, runs followed as jobs, components, and creating a pipeline. */
import type { ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { placeError, type CoreContext } from '../context';
import type { Wrap } from '../sharing/image-facts';
import type { BuildRunner } from '../imagebuilder/build-runner';
import { createPipeline } from '../imagebuilder/create-pipeline';
import { getPipeline, listComponents, listPipelines } from '../imagebuilder/read-pipelines';
import { requireConfirmations } from '../production-guard';
import type { Handlers } from './types';

type BuilderHandlers = Pick<
  Handlers,
  'builder:pipelines' | 'builder:pipeline' | 'builder:start' | 'builder:runs' | 'builder:cancel' | 'builder:components' | 'builder:create'
>;

export function imageBuilderHandlers(ctx: CoreContext, runner: BuildRunner): BuilderHandlers {
  const readBuilder = <T>(account: string, region: string, action: string, work: (client: ImagebuilderClient, wrap: Wrap) => Promise<T>) =>
    ctx.read(account, region, action, (path) => work(ctx.pool.imagebuilder(path, region), (error, what) => placeError(error, path, region, what)));
  const writeBuilder = <T>(account: string, region: string, action: string, work: (client: ImagebuilderClient, wrap: Wrap) => Promise<T>) =>
    ctx.write(account, region, action, (path) => work(ctx.pool.imagebuilder(path, region), (error, what) => placeError(error, path, region, what)));

  return {
    'builder:pipelines': async ({ account, region }) =>
      readBuilder(account, region, 'imagebuilder:ListImagePipelines', (client, wrap) => listPipelines(client, { account, region }, wrap)),

    'builder:pipeline': async ({ account, region, arn }) =>
      readBuilder(account, region, 'imagebuilder:GetImagePipeline', (client, wrap) => getPipeline(client, arn, { account, region }, wrap)),

    'builder:start': async ({ account, region, arn, confirmations }) => {
      requireConfirmations(ctx, [account], confirmations, 'building and distributing images from it');
      const name = arn.split('/').pop() ?? arn;
      return runner.start(account, region, arn, name);
    },

    'builder:runs': async () => runner.list(),
    'builder:cancel': async ({ id, confirmations }) => {
      const run = runner.list().find((r) => r.id === id);
      if (run && !run.finished) requireConfirmations(ctx, [run.account], confirmations ?? {}, 'cancelling a build in it');
      return runner.cancel(id);
    },

    'builder:components': async ({ account, region }) =>
      readBuilder(account, region, 'imagebuilder:ListComponents', (client, wrap) => listComponents(client, wrap)),

    'builder:create': async ({ confirmations, ...draft }) => {
      requireConfirmations(ctx, [draft.account], confirmations, 'creating a pipeline in it');
      return writeBuilder(draft.account, draft.region, 'imagebuilder:CreateImagePipeline', (client, wrap) => createPipeline(client, draft, wrap));
    },
  };
}
