/**
 * Deleting a pipeline and, when asked, the recipe, infrastructure and distribution it was made
 * of. A part another pipeline of the account-region still uses is kept and says by whom: the
 * region's pipelines are read first, and Image Builder's own ResourceDependencyException (a
 * pipeline made in between) is taken as the same answer.
 */
import {
  DeleteDistributionConfigurationCommand,
  DeleteImagePipelineCommand,
  DeleteImageRecipeCommand,
  DeleteInfrastructureConfigurationCommand,
  type ImagebuilderClient,
  type ImagePipeline,
} from '@aws-sdk/client-imagebuilder';
import type { PipelinePart, RemovalItem } from '../../../shared/imagebuilder-manage';
import type { Wrap } from '../sharing/image-facts';
import { allPipelines, call, partLabel, pipelineNamesIn, readPipeline } from './pipeline-parts';

export type PartsWanted = Record<Exclude<PipelinePart, 'pipeline'>, boolean>;

const ARN_OF: Record<Exclude<PipelinePart, 'pipeline'>, (p: ImagePipeline) => string | undefined> = {
  recipe: (p) => p.imageRecipeArn,
  infrastructure: (p) => p.infrastructureConfigurationArn,
  distribution: (p) => p.distributionConfigurationArn,
};

function usedBy(names: readonly string[]): string {
  return `used by pipeline${names.length === 1 ? '' : 's'} ${names.join(', ')}`;
}

export async function removePipeline(client: ImagebuilderClient, arn: string, wanted: PartsWanted, dryRun: boolean, wrap: Wrap): Promise<{ pipelineName: string; items: RemovalItem[] }> {
  const pipeline = await readPipeline(client, arn, wrap);
  const pipelineName = pipeline.name ?? arn;
  const others = (await allPipelines(client, wrap)).filter((p) => p.arn !== arn);
  const items: RemovalItem[] = [{ kind: 'pipeline', arn, name: pipelineName, outcome: 'will-delete', reason: null }];
  for (const kind of ['recipe', 'infrastructure', 'distribution'] as const) {
    const partArn = ARN_OF[kind](pipeline);
    if (!partArn || !wanted[kind]) continue;
    const users = others.filter((p) => ARN_OF[kind](p) === partArn).map((p) => p.name ?? p.arn ?? '');
    items.push({ kind, arn: partArn, name: partLabel(kind, partArn), outcome: users.length > 0 ? 'will-keep' : 'will-delete', reason: users.length > 0 ? usedBy(users) : null });
  }
  if (dryRun) return { pipelineName, items };

  // The pipeline first: its parts cannot go while it names them. If it cannot be deleted, nothing is.
  await call(wrap, 'imagebuilder:DeleteImagePipeline', () => client.send(new DeleteImagePipelineCommand({ imagePipelineArn: arn })));
  const done: RemovalItem[] = [{ ...items[0]!, outcome: 'deleted' }];
  for (const item of items.slice(1)) {
    if (item.outcome === 'will-keep') {
      done.push({ ...item, outcome: 'kept' });
      continue;
    }
    try {
      await deletePart(client, item.kind, item.arn);
      done.push({ ...item, outcome: 'deleted' });
    } catch (error) {
      const appError = wrap(error, `imagebuilder:${ACTION[item.kind]}`);
      if (appError.details?.awsCode === 'ResourceDependencyException') {
        const names = pipelineNamesIn(appError.message);
        done.push({ ...item, outcome: 'kept', reason: names.length > 0 ? usedBy(names) : 'still in use (Image Builder refused to delete it)' });
      } else {
        done.push({ ...item, outcome: 'failed', reason: appError.message });
      }
    }
  }
  return { pipelineName, items: done };
}

const ACTION: Record<PipelinePart, string> = {
  pipeline: 'DeleteImagePipeline',
  recipe: 'DeleteImageRecipe',
  infrastructure: 'DeleteInfrastructureConfiguration',
  distribution: 'DeleteDistributionConfiguration',
};

export async function deletePart(client: ImagebuilderClient, kind: PipelinePart, arn: string): Promise<void> {
  switch (kind) {
    case 'pipeline':
      await client.send(new DeleteImagePipelineCommand({ imagePipelineArn: arn }));
      return;
    case 'recipe':
      await client.send(new DeleteImageRecipeCommand({ imageRecipeArn: arn }));
      return;
    case 'infrastructure':
      await client.send(new DeleteInfrastructureConfigurationCommand({ infrastructureConfigurationArn: arn }));
      return;
    case 'distribution':
      await client.send(new DeleteDistributionConfigurationCommand({ distributionConfigurationArn: arn }));
      return;
  }
}

/** "Deleted pipeline x; recipe y 1.0.0 deleted; infrastructure z kept: used by pipeline w." */
export function removalInWords(items: readonly RemovalItem[]): string {
  return items
    .map((i) => {
      const what = `${i.kind} ${i.name}`;
      switch (i.outcome) {
        case 'deleted':
          return `${what} deleted`;
        case 'will-delete':
          return `${what} will be deleted`;
        case 'kept':
        case 'will-keep':
          return `${what} kept: ${i.reason ?? 'still in use'}`;
        case 'failed':
          return `${what} not deleted: ${i.reason ?? 'failed'}`;
      }
    })
    .join('; ');
}
