/**
 * The Image Builder calls authoring makes: the account's components by name with their versions
 * and builds, one component's document, the account's recipes with their versions, and creating
 * a component version or a recipe version from an earlier one.
 */
import { randomUUID } from 'node:crypto';
import {
  CreateComponentCommand,
  CreateImageRecipeCommand,
  GetComponentCommand,
  GetImageRecipeCommand,
  ListComponentBuildVersionsCommand,
  ListComponentsCommand,
  ListImageRecipesCommand,
  type ComponentSummary,
  type ComponentVersion,
  type ImagebuilderClient,
  type ImageRecipe,
  type ImageRecipeSummary,
} from '@aws-sdk/client-imagebuilder';
import { AppError } from '../../../shared/errors';
import {
  arnNameVersion,
  compareVersions,
  type ComponentDocument,
  type ComponentFamily,
  type ComponentVersionInfo,
  type RecipeFamily,
  type RecipeVersionInfo,
} from '../../../shared/imagebuilder-authoring';
import type { Wrap } from '../sharing/image-facts';

async function call<T>(wrap: Wrap, action: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw wrap(error, action);
  }
}

/** A few at a time: one listing per version would otherwise burst against Image Builder's call rate. */
async function eachLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await work(items[i]!);
      }
    }),
  );
  return out;
}

const typeOf = (t: string | undefined): 'BUILD' | 'TEST' => (t === 'TEST' ? 'TEST' : 'BUILD');

/** Every version of the account's own components (ListComponents, owner Self), optionally of one name. */
export async function listOwnComponentVersions(client: ImagebuilderClient, wrap: Wrap, name?: string): Promise<ComponentVersion[]> {
  const out: ComponentVersion[] = [];
  let nextToken: string | undefined;
  do {
    const page = await call(wrap, 'imagebuilder:ListComponents', () =>
      client.send(
        new ListComponentsCommand({
          owner: 'Self',
          maxResults: 25,
          ...(name ? { filters: [{ name: 'name', values: [name] }] } : {}),
          ...(nextToken ? { nextToken } : {}),
        }),
      ),
    );
    out.push(...(page.componentVersionList ?? []).filter((c) => !name || c.name === name));
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}

async function buildVersions(client: ImagebuilderClient, versionArn: string, wrap: Wrap): Promise<ComponentSummary[]> {
  const out: ComponentSummary[] = [];
  let nextToken: string | undefined;
  do {
    const page = await call(wrap, 'imagebuilder:ListComponentBuildVersions', () =>
      client.send(new ListComponentBuildVersionsCommand({ componentVersionArn: versionArn, maxResults: 25, ...(nextToken ? { nextToken } : {}) })),
    );
    out.push(...(page.componentSummaryList ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return out.sort((a, b) => buildNumber(b.arn) - buildNumber(a.arn));
}

function buildNumber(arn: string | undefined): number {
  return Number(/\/(\d+)$/.exec(arn ?? '')?.[1] ?? 0);
}

/** The account's components by name, each with its versions (newest first) and their builds. */
export async function componentFamilies(client: ImagebuilderClient, wrap: Wrap): Promise<ComponentFamily[]> {
  const versions = (await listOwnComponentVersions(client, wrap)).filter((v) => v.arn && v.name && v.version);
  const infos = await eachLimited(versions, 4, async (v): Promise<ComponentVersionInfo> => {
    const builds = await buildVersions(client, v.arn!, wrap);
    const newest = builds[0];
    return {
      arn: v.arn!,
      name: v.name!,
      version: v.version!,
      type: typeOf(v.type),
      platform: v.platform ?? 'Linux',
      supportedOsVersions: v.supportedOsVersions ?? [],
      description: v.description ?? null,
      changeDescription: newest?.changeDescription ?? null,
      dateCreated: newest?.dateCreated ?? v.dateCreated ?? null,
      builds: builds.map((b) => b.arn ?? '').filter(Boolean),
    };
  });
  const byName = new Map<string, ComponentVersionInfo[]>();
  for (const info of infos) byName.set(info.name, [...(byName.get(info.name) ?? []), info]);
  return [...byName.entries()]
    .map(([name, list]) => {
      const sorted = list.sort((a, b) => compareVersions(b.version, a.version));
      const newest = sorted[0]!;
      return { name, platform: newest.platform, type: newest.type, description: newest.description, versions: sorted };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function componentDocument(client: ImagebuilderClient, arn: string, wrap: Wrap): Promise<ComponentDocument> {
  const out = await call(wrap, 'imagebuilder:GetComponent', () => client.send(new GetComponentCommand({ componentBuildVersionArn: arn })));
  const c = out.component ?? {};
  return {
    arn: c.arn ?? arn,
    name: c.name ?? arnNameVersion(arn).name,
    version: c.version ?? arnNameVersion(arn).version,
    platform: c.platform ?? 'Linux',
    supportedOsVersions: c.supportedOsVersions ?? [],
    description: c.description ?? null,
    changeDescription: c.changeDescription ?? null,
    type: typeOf(c.type),
    data: c.data ?? null,
  };
}

export interface NewComponentVersion {
  name: string;
  version: string;
  platform: 'Linux' | 'Windows';
  supportedOsVersions: string[];
  description: string;
  changeDescription: string;
  data: string;
}

export async function createComponent(client: ImagebuilderClient, input: NewComponentVersion, wrap: Wrap): Promise<string> {
  const out = await call(wrap, 'imagebuilder:CreateComponent', () =>
    client.send(
      new CreateComponentCommand({
        name: input.name,
        semanticVersion: input.version,
        platform: input.platform,
        data: input.data,
        ...(input.supportedOsVersions.length > 0 ? { supportedOsVersions: input.supportedOsVersions } : {}),
        ...(input.description ? { description: input.description } : {}),
        ...(input.changeDescription ? { changeDescription: input.changeDescription } : {}),
        clientToken: randomUUID(),
      }),
    ),
  );
  if (!out.componentBuildVersionArn) throw new AppError({ code: 'AWS_ERROR', message: 'CreateComponent answered without an ARN.', retryable: false });
  return out.componentBuildVersionArn;
}

async function listOwnRecipes(client: ImagebuilderClient, wrap: Wrap, name?: string): Promise<ImageRecipeSummary[]> {
  const out: ImageRecipeSummary[] = [];
  let nextToken: string | undefined;
  do {
    const page = await call(wrap, 'imagebuilder:ListImageRecipes', () =>
      client.send(
        new ListImageRecipesCommand({
          owner: 'Self',
          maxResults: 25,
          ...(name ? { filters: [{ name: 'name', values: [name] }] } : {}),
          ...(nextToken ? { nextToken } : {}),
        }),
      ),
    );
    out.push(...(page.imageRecipeSummaryList ?? []).filter((r) => !name || r.name === name));
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}

export async function getRecipe(client: ImagebuilderClient, arn: string, wrap: Wrap): Promise<ImageRecipe> {
  const out = await call(wrap, 'imagebuilder:GetImageRecipe', () => client.send(new GetImageRecipeCommand({ imageRecipeArn: arn })));
  if (!out.imageRecipe) throw wrap(new Error(`GetImageRecipe answered without the recipe ${arn}.`), 'imagebuilder:GetImageRecipe');
  return out.imageRecipe;
}

function recipeInfo(r: ImageRecipe): RecipeVersionInfo {
  const arn = r.arn ?? '';
  return {
    arn,
    name: r.name ?? arnNameVersion(arn).name,
    version: r.version ?? arnNameVersion(arn).version,
    platform: r.platform ?? 'Linux',
    parentImage: r.parentImage ?? '',
    description: r.description ?? null,
    dateCreated: r.dateCreated ?? null,
    components: (r.components ?? []).map((c) => ({ arn: c.componentArn ?? '', ...arnNameVersion(c.componentArn ?? '') })),
  };
}

/** The account's recipes by name, each with its versions newest first (each read for its components). */
export async function recipeFamilies(client: ImagebuilderClient, wrap: Wrap): Promise<RecipeFamily[]> {
  const summaries = (await listOwnRecipes(client, wrap)).filter((s) => s.arn);
  const recipes = await eachLimited(summaries, 4, (s) => getRecipe(client, s.arn!, wrap));
  const byName = new Map<string, RecipeVersionInfo[]>();
  for (const info of recipes.map(recipeInfo)) byName.set(info.name, [...(byName.get(info.name) ?? []), info]);
  return [...byName.entries()]
    .map(([name, list]) => {
      const versions = list.sort((a, b) => compareVersions(b.version, a.version));
      return { name, platform: versions[0]!.platform, versions };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The versions a recipe name already has. */
export async function recipeVersionsOf(client: ImagebuilderClient, name: string, wrap: Wrap): Promise<string[]> {
  return (await listOwnRecipes(client, wrap, name)).map((r) => arnNameVersion(r.arn ?? '').version).filter(Boolean);
}

export interface RecipeChanges {
  version: string;
  description: string;
  parentImage: string | null;
  components: string[] | null;
}

/** CreateImageRecipe with the source's settings (its name, block devices, working directory, tags…) and the changes. */
export async function createRecipeVersion(client: ImagebuilderClient, source: ImageRecipe, changes: RecipeChanges, wrap: Wrap): Promise<string> {
  const components =
    changes.components === null
      ? (source.components ?? []).map((c) => ({ componentArn: c.componentArn, ...(c.parameters?.length ? { parameters: c.parameters } : {}) }))
      : changes.components.map((componentArn) => {
          // A component kept from the source keeps its parameters.
          const kept = source.components?.find((c) => c.componentArn === componentArn);
          return { componentArn, ...(kept?.parameters?.length ? { parameters: kept.parameters } : {}) };
        });
  const description = changes.description || source.description;
  const out = await call(wrap, 'imagebuilder:CreateImageRecipe', () =>
    client.send(
      new CreateImageRecipeCommand({
        name: source.name,
        semanticVersion: changes.version,
        parentImage: changes.parentImage ?? source.parentImage,
        components,
        ...(description ? { description } : {}),
        ...(source.blockDeviceMappings?.length ? { blockDeviceMappings: source.blockDeviceMappings } : {}),
        ...(source.workingDirectory ? { workingDirectory: source.workingDirectory } : {}),
        ...(source.tags && Object.keys(source.tags).length > 0 ? { tags: source.tags } : {}),
        ...(source.additionalInstanceConfiguration ? { additionalInstanceConfiguration: source.additionalInstanceConfiguration } : {}),
        ...(source.amiTags && Object.keys(source.amiTags).length > 0 ? { amiTags: source.amiTags } : {}),
        clientToken: randomUUID(),
      }),
    ),
  );
  if (!out.imageRecipeArn) throw new AppError({ code: 'AWS_ERROR', message: 'CreateImageRecipe answered without an ARN.', retryable: false });
  return out.imageRecipeArn;
}
