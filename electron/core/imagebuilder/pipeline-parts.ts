/**
 * What managing a pipeline reads: the pipeline as Image Builder holds it (the whole record, since
 * an update replaces it), the region's other pipelines (who still uses a recipe or a
 * configuration), the account's recipes and configurations, and names read from ARNs.
 */
import {
  GetImagePipelineCommand,
  ListDistributionConfigurationsCommand,
  ListImagePipelinesCommand,
  ListImageRecipesCommand,
  ListInfrastructureConfigurationsCommand,
  type ImagebuilderClient,
  type ImagePipeline,
} from '@aws-sdk/client-imagebuilder';
import { AppError } from '../../../shared/errors';
import type { PipelineChoices, PipelinePart } from '../../../shared/imagebuilder-manage';
import type { Wrap } from '../sharing/image-facts';

export async function call<T>(wrap: Wrap, action: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw wrap(error, action);
  }
}

export async function readPipeline(client: ImagebuilderClient, arn: string, wrap: Wrap): Promise<ImagePipeline> {
  const out = await call(wrap, 'imagebuilder:GetImagePipeline', () => client.send(new GetImagePipelineCommand({ imagePipelineArn: arn })));
  if (!out.imagePipeline?.arn) throw new AppError({ code: 'NOT_FOUND', message: `The pipeline ${nameOf(arn)} no longer exists.`, retryable: false });
  return out.imagePipeline;
}

export async function allPipelines(client: ImagebuilderClient, wrap: Wrap): Promise<ImagePipeline[]> {
  const out: ImagePipeline[] = [];
  let nextToken: string | undefined;
  do {
    const page = await call(wrap, 'imagebuilder:ListImagePipelines', () => client.send(new ListImagePipelinesCommand({ maxResults: 25, ...(nextToken ? { nextToken } : {}) })));
    out.push(...(page.imagePipelineList ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}

/** Reads every page of a List operation. */
async function everyPage<T>(wrap: Wrap, action: string, read: (nextToken: string | undefined) => Promise<{ items: T[]; nextToken: string | undefined }>): Promise<T[]> {
  const out: T[] = [];
  let nextToken: string | undefined;
  do {
    const page = await call(wrap, action, () => read(nextToken));
    out.push(...page.items);
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}

export async function pipelineChoices(client: ImagebuilderClient, wrap: Wrap): Promise<PipelineChoices> {
  const paging = (nextToken: string | undefined) => ({ maxResults: 25, ...(nextToken ? { nextToken } : {}) });
  const [recipes, infrastructures, distributions] = await Promise.all([
    everyPage(wrap, 'imagebuilder:ListImageRecipes', async (t) => {
      const page = await client.send(new ListImageRecipesCommand({ owner: 'Self', ...paging(t) }));
      return { items: page.imageRecipeSummaryList ?? [], nextToken: page.nextToken };
    }),
    everyPage(wrap, 'imagebuilder:ListInfrastructureConfigurations', async (t) => {
      const page = await client.send(new ListInfrastructureConfigurationsCommand(paging(t)));
      return { items: page.infrastructureConfigurationSummaryList ?? [], nextToken: page.nextToken };
    }),
    everyPage(wrap, 'imagebuilder:ListDistributionConfigurations', async (t) => {
      const page = await client.send(new ListDistributionConfigurationsCommand(paging(t)));
      return { items: page.distributionConfigurationSummaryList ?? [], nextToken: page.nextToken };
    }),
  ]);
  return {
    recipes: recipes
      .filter((r) => r.arn)
      .map((r) => ({ arn: r.arn!, name: r.name ?? nameOf(r.arn!), version: versionOf(r.arn!), platform: r.platform ?? null }))
      .sort((a, b) => a.name.localeCompare(b.name) || compareVersions(b.version, a.version)),
    infrastructures: infrastructures
      .filter((i) => i.arn)
      .map((i) => ({ arn: i.arn!, name: i.name ?? nameOf(i.arn!), description: i.description ?? null }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    distributions: distributions
      .filter((d) => d.arn)
      .map((d) => ({ arn: d.arn!, name: d.name ?? nameOf(d.arn!), description: d.description ?? null }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** arn:…:image-recipe/app-base/2.1.0 → app-base. */
export function nameOf(arn: string): string {
  return arn.split(':').pop()?.split('/')[1] ?? arn;
}

/** arn:…:image-recipe/app-base/2.1.0 → 2.1.0 ('' when the ARN has no version). */
export function versionOf(arn: string): string {
  return arn.split(':').pop()?.split('/').slice(2).join('/') ?? '';
}

/** A recipe with its version, a configuration by its name. */
export function partLabel(kind: PipelinePart, arn: string): string {
  return kind === 'recipe' ? `${nameOf(arn)} ${versionOf(arn)}` : nameOf(arn);
}

/** Semantic versions compared part by part (x stands for any and sorts first). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.');
  const pb = b.split('.');
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = Number(pa[i] ?? 0);
    const y = Number(pb[i] ?? 0);
    const d = (Number.isNaN(x) ? -1 : x) - (Number.isNaN(y) ? -1 : y);
    if (d !== 0) return d;
  }
  return 0;
}

/** The names of the pipelines an ARN list (or an AWS message naming ARNs) points at. */
export function pipelineNamesIn(text: string): string[] {
  return [...new Set([...text.matchAll(/image-pipeline\/([\w-]+)/g)].map((m) => m[1]!))];
}
