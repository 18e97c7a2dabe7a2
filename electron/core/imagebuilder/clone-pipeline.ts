/**
 * Cloning a pipeline into another account and/or region: its recipe, infrastructure and
 * distribution are re-created there under the new name, then the pipeline. What the source names
 * is resolved in the target first — Amazon's components by name and version in the target
 * region, the account's own by name (the newest version the target has), the parent image — and
 * the clone is refused, before anything is created, when something is missing. Resources that
 * belong to the source's account-region (subnet, security groups, key pair, KMS key…) are left
 * out and the plan says so. A failed step deletes what the clone had created, newest first.
 */
import { randomUUID } from 'node:crypto';
import { DescribeImagesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import {
  CreateDistributionConfigurationCommand,
  CreateImagePipelineCommand,
  CreateImageRecipeCommand,
  CreateInfrastructureConfigurationCommand,
  GetDistributionConfigurationCommand,
  GetImageRecipeCommand,
  GetInfrastructureConfigurationCommand,
  ListComponentsCommand,
  type ComponentVersion,
  type CreateDistributionConfigurationCommandInput,
  type CreateImagePipelineCommandInput,
  type CreateImageRecipeCommandInput,
  type CreateInfrastructureConfigurationCommandInput,
  type DistributionConfiguration,
  type ImagebuilderClient,
  type ImagePipeline,
  type ImageRecipe,
  type InfrastructureConfiguration,
} from '@aws-sdk/client-imagebuilder';
import { AppError } from '../../../shared/errors';
import type { CreatedResource } from '../../../shared/imagebuilder';
import type { CloneComponent, ClonePlan } from '../../../shared/imagebuilder-manage';
import type { Wrap } from '../sharing/image-facts';
import { allPipelines, call, compareVersions, nameOf, pipelineChoices, readPipeline, versionOf } from './pipeline-parts';
import { deletePart } from './delete-pipeline';

export interface CloneSource {
  pipeline: ImagePipeline;
  recipe: ImageRecipe;
  infrastructure: InfrastructureConfiguration;
  distribution: DistributionConfiguration | null;
  /** The parent AMI's name, when the parent is an AMI the source can see. */
  parentName: string | null;
}

export interface ClonePlace {
  accountName: string;
  awsAccountId: string | null;
  region: string;
}

/** What the target is asked to create, in order. */
export interface CloneSpec {
  recipe: Omit<CreateImageRecipeCommandInput, 'clientToken'>;
  infrastructure: Omit<CreateInfrastructureConfigurationCommandInput, 'clientToken'>;
  distribution: Omit<CreateDistributionConfigurationCommandInput, 'clientToken'> | null;
  pipeline: Omit<CreateImagePipelineCommandInput, 'clientToken' | 'imageRecipeArn' | 'infrastructureConfigurationArn' | 'distributionConfigurationArn'>;
}

export async function readCloneSource(client: ImagebuilderClient, ec2: EC2Client, arn: string, wrap: Wrap): Promise<CloneSource> {
  const pipeline = await readPipeline(client, arn, wrap);
  if (!pipeline.imageRecipeArn || !pipeline.infrastructureConfigurationArn) {
    throw new AppError({ code: 'VALIDATION', message: `${pipeline.name ?? arn} builds from a container recipe or has no infrastructure: only image pipelines can be cloned.`, retryable: false });
  }
  const [recipe, infrastructure, distribution] = await Promise.all([
    call(wrap, 'imagebuilder:GetImageRecipe', () => client.send(new GetImageRecipeCommand({ imageRecipeArn: pipeline.imageRecipeArn }))).then((o) => o.imageRecipe),
    call(wrap, 'imagebuilder:GetInfrastructureConfiguration', () =>
      client.send(new GetInfrastructureConfigurationCommand({ infrastructureConfigurationArn: pipeline.infrastructureConfigurationArn })),
    ).then((o) => o.infrastructureConfiguration),
    pipeline.distributionConfigurationArn
      ? call(wrap, 'imagebuilder:GetDistributionConfiguration', () =>
          client.send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: pipeline.distributionConfigurationArn })),
        ).then((o) => o.distributionConfiguration ?? null)
      : Promise.resolve(null),
  ]);
  if (!recipe || !infrastructure) throw new AppError({ code: 'NOT_FOUND', message: `The recipe or infrastructure of ${pipeline.name ?? arn} no longer exists.`, retryable: false });
  let parentName: string | null = null;
  if (recipe.parentImage?.startsWith('ami-')) {
    // Only to name the image in words; a parent the source cannot describe is still cloned by id.
    parentName = await ec2
      .send(new DescribeImagesCommand({ ImageIds: [recipe.parentImage] }))
      .then((o) => o.Images?.[0]?.Name ?? null)
      .catch(() => null);
  }
  return { pipeline, recipe, infrastructure, distribution, parentName };
}

async function listComponents(client: ImagebuilderClient, owner: 'Self' | 'Shared' | 'Amazon', wrap: Wrap): Promise<ComponentVersion[]> {
  const out: ComponentVersion[] = [];
  let nextToken: string | undefined;
  do {
    const page = await call(wrap, 'imagebuilder:ListComponents', () => client.send(new ListComponentsCommand({ owner, maxResults: 25, ...(nextToken ? { nextToken } : {}) })));
    out.push(...(page.componentVersionList ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return out;
}

/** arn:aws:imagebuilder:REGION:OWNER:component/NAME/VERSION[/BUILD]. */
function componentParts(arn: string): { owner: string; name: string; version: string } {
  const [, , , , owner = '', rest = ''] = arn.split(':');
  const [, name = arn, version = ''] = rest.split('/');
  return { owner, name, version };
}

/** A component version ARN with any build number taken off (…/name/1.0.0/2 → …/name/1.0.0). */
const withoutBuild = (arn: string) => arn.replace(/(\/\d+\.\d+\.\d+)\/\d+$/, '$1');
const sameName = (a: string, b: string) => a.trim().toLowerCase().replace(/\s+/g, '-') === b.trim().toLowerCase().replace(/\s+/g, '-');
const versionFits = (pattern: string, version: string) => pattern.split('.').every((p, i) => p === 'x' || p === version.split('.')[i]);

export async function planClone(
  source: CloneSource,
  from: ClonePlace,
  to: ClonePlace,
  target: { client: ImagebuilderClient; ec2: EC2Client; wrap: Wrap },
  name: string,
  parentOverride: string | undefined,
  chosen: Readonly<Record<string, string>> = {},
): Promise<{ plan: ClonePlan; spec: CloneSpec; refusal: 'NOT_FOUND' | 'CONFLICT' | null }> {
  const samePlace = from.awsAccountId !== null && from.awsAccountId === to.awsAccountId && from.region === to.region;
  const sameAccount = from.awsAccountId !== null && from.awsAccountId === to.awsAccountId;
  const where = `${to.accountName} in ${to.region}`;
  const missing: string[] = [];
  const conflicts: string[] = [];
  const notes: string[] = [];
  const { wrap, client } = target;

  // Components.
  const [own, shared, amazon] = await Promise.all([listComponents(client, 'Self', wrap), listComponents(client, 'Shared', wrap), listComponents(client, 'Amazon', wrap)]);
  const components: CloneComponent[] = (source.recipe.components ?? []).map((c) => {
    const sourceArn = c.componentArn ?? '';
    const parts = componentParts(sourceArn);
    const choice = chosen[sourceArn];
    if (choice) {
      // Chosen by hand: it must be one the target can use (its own, shared with it, or Amazon's there).
      const picked = componentParts(choice);
      const usable = [...own, ...shared, ...amazon].some((x) => x.arn && withoutBuild(x.arn) === withoutBuild(choice));
      if (!usable) missing.push(`the chosen component ${picked.name} ${picked.version} is not one ${where} can use`);
      else notes.push(`The component ${parts.name} is replaced by ${picked.name} ${picked.version}, as chosen.`);
      return { name: parts.name, version: parts.version, owner: parts.owner === 'aws' ? 'Amazon' : 'Self', sourceArn, targetArn: usable ? choice : null, targetVersion: picked.version, chosen: true };
    }
    if (parts.owner === 'aws') {
      const there = amazon.filter((x) => x.arn && sameName(nameOf(x.arn), parts.name));
      const fits = there.some((x) => versionFits(parts.version, x.version ?? ''));
      const targetArn = fits ? `arn:aws:imagebuilder:${to.region}:aws:component/${parts.name}/${parts.version}` : null;
      if (!fits) missing.push(`Amazon's component ${parts.name} ${parts.version} is not offered in ${to.region}`);
      return { name: parts.name, version: parts.version, owner: 'Amazon', sourceArn, targetArn, targetVersion: null, chosen: false };
    }
    const there = [...own, ...shared].filter((x) => x.arn && sameName(nameOf(x.arn), parts.name)).sort((a, b) => compareVersions(b.version ?? '', a.version ?? ''));
    const newest = there[0];
    if (!newest?.arn) missing.push(`the component ${parts.name} (the account's own) does not exist in ${where}`);
    const targetVersion = newest?.version && newest.version !== parts.version ? newest.version : null;
    if (targetVersion) notes.push(`The component ${parts.name} is used at version ${targetVersion}, the newest ${to.accountName} has (the source uses ${parts.version}).`);
    return { name: parts.name, version: parts.version, owner: 'Self', sourceArn, targetArn: newest?.arn ?? null, targetVersion, chosen: false };
  });

  // The parent image.
  let parentImage = parentOverride ?? source.recipe.parentImage ?? '';
  const parentWords = (id: string) => (source.parentName && id === source.recipe.parentImage ? `${source.parentName} (${id})` : id);
  if (parentImage.startsWith('ami-')) {
    if (!samePlace) {
      const seen = await target.ec2
        .send(new DescribeImagesCommand({ ImageIds: [parentImage] }))
        .then((o) => (o.Images ?? []).some((i) => i.ImageId === parentImage && i.State !== 'deregistered'))
        .catch((error: unknown) => {
          const code = (error as { name?: string }).name ?? '';
          if (/^InvalidAMIID\./.test(code)) return false;
          throw wrap(error, 'ec2:DescribeImages');
        });
      if (!seen) missing.push(`the parent image ${parentWords(parentImage)} is not available to ${where}: give another parent image`);
    }
  } else if (parentImage.startsWith('arn:')) {
    const [, , , region = '', owner = '', rest = ''] = parentImage.split(':');
    if (owner === 'aws') parentImage = `arn:aws:imagebuilder:${to.region}:aws:${rest}`;
    else if (!samePlace && (owner !== to.awsAccountId || region !== to.region)) missing.push(`the parent image ${rest} belongs to ${from.accountName} in ${region}: give another parent image`);
  }

  // Names the target already uses.
  const [pipelines, choices] = await Promise.all([allPipelines(client, wrap), pipelineChoices(client, wrap)]);
  const version = source.recipe.version ?? '1.0.0';
  if (pipelines.some((p) => sameName(p.name ?? '', name))) conflicts.push(`a pipeline named ${name} already exists in ${where}`);
  if (choices.recipes.some((r) => sameName(r.name, name) && r.version === version)) conflicts.push(`a recipe ${name} ${version} already exists in ${where}`);
  if (choices.infrastructures.some((i) => sameName(i.name, name))) conflicts.push(`an infrastructure configuration named ${name} already exists in ${where}`);
  if (source.distribution && choices.distributions.some((d) => sameName(d.name, name))) conflicts.push(`a distribution configuration named ${name} already exists in ${where}`);

  // Infrastructure: what belongs to the source's account-region stays behind.
  const infra = source.infrastructure;
  if (!samePlace) {
    const left: string[] = [];
    if (infra.subnetId) left.push(`subnet ${infra.subnetId}`);
    if (infra.securityGroupIds?.length) left.push(`${infra.securityGroupIds.length === 1 ? 'security group' : 'security groups'} ${infra.securityGroupIds.join(', ')}`);
    if (infra.keyPair) left.push(`key pair ${infra.keyPair}`);
    if (infra.snsTopicArn) left.push('the SNS topic');
    if (left.length > 0) notes.push(`Not used in ${where}: ${left.join(', ')} (they belong to ${from.accountName} in ${from.region}); builds run in the default VPC.`);
  }
  if (!sameAccount && infra.logging?.s3Logs?.s3BucketName) {
    notes.push(`The clone writes no build logs to S3 until a bucket of ${to.accountName} is set on its infrastructure configuration (s3://${infra.logging.s3Logs.s3BucketName} belongs to ${from.accountName}).`);
  }
  if (!sameAccount) notes.push(`The instance profile ${infra.instanceProfileName ?? ''} must exist in ${to.accountName}.`);

  // Distribution: the source's own region becomes the target's; the target does not share with itself.
  let distribution: CloneSpec['distribution'] = null;
  if (source.distribution) {
    const seen = new Set<string>();
    const dropped = new Set<string>();
    const self = to.awsAccountId;
    const list = (source.distribution.distributions ?? []).flatMap((d) => {
      const region = d.region === from.region ? to.region : (d.region ?? to.region);
      if (seen.has(region)) return [];
      seen.add(region);
      const ami = d.amiDistributionConfiguration;
      if (!sameAccount && ami?.kmsKeyId) dropped.add('the KMS key');
      if (!sameAccount && d.licenseConfigurationArns?.length) dropped.add('license configurations');
      if (d.launchTemplateConfigurations?.length) dropped.add('launch template settings');
      if (d.containerDistributionConfiguration || d.fastLaunchConfigurations?.length || d.s3ExportConfiguration) dropped.add('container, fast launch and S3 export settings');
      return [
        {
          region,
          ...(ami
            ? {
                amiDistributionConfiguration: {
                  name: ami.name,
                  description: ami.description,
                  amiTags: ami.amiTags,
                  ...(sameAccount && ami.kmsKeyId ? { kmsKeyId: ami.kmsKeyId } : {}),
                  ...(ami.targetAccountIds?.some((id) => id !== self) ? { targetAccountIds: ami.targetAccountIds.filter((id) => id !== self) } : {}),
                  ...(ami.launchPermission
                    ? { launchPermission: { ...ami.launchPermission, ...(ami.launchPermission.userIds ? { userIds: ami.launchPermission.userIds.filter((id) => id !== self) } : {}) } }
                    : {}),
                },
              }
            : {}),
          ...(sameAccount && d.licenseConfigurationArns?.length ? { licenseConfigurationArns: d.licenseConfigurationArns } : {}),
        },
      ];
    });
    if (from.region !== to.region && (source.distribution.distributions ?? []).some((d) => d.region === from.region)) {
      notes.push(`Distributes to ${to.region} where the source distributes to ${from.region}.`);
    }
    if (dropped.size > 0) notes.push(`Left out of the distribution: ${[...dropped].join(', ')}.`);
    distribution = { name, description: source.distribution.description, distributions: list };
  }

  const p = source.pipeline;
  const spec: CloneSpec = {
    recipe: {
      name,
      semanticVersion: version,
      description: source.recipe.description,
      parentImage,
      components: (source.recipe.components ?? []).map((c, i) => ({ componentArn: components[i]!.targetArn ?? c.componentArn, ...(c.parameters ? { parameters: c.parameters } : {}) })),
      blockDeviceMappings: (source.recipe.blockDeviceMappings ?? []).map((b) =>
        b.ebs && !sameAccount ? { ...b, ebs: { ...b.ebs, snapshotId: undefined, kmsKeyId: undefined } } : b,
      ),
      ...(source.recipe.workingDirectory ? { workingDirectory: source.recipe.workingDirectory } : {}),
      ...(source.recipe.additionalInstanceConfiguration ? { additionalInstanceConfiguration: source.recipe.additionalInstanceConfiguration } : {}),
    },
    infrastructure: {
      name,
      description: infra.description,
      instanceProfileName: infra.instanceProfileName,
      instanceTypes: infra.instanceTypes,
      terminateInstanceOnFailure: infra.terminateInstanceOnFailure,
      resourceTags: infra.resourceTags,
      ...(infra.instanceMetadataOptions ? { instanceMetadataOptions: infra.instanceMetadataOptions } : {}),
      ...(sameAccount && infra.logging ? { logging: infra.logging } : {}),
      ...(samePlace ? { subnetId: infra.subnetId, securityGroupIds: infra.securityGroupIds, keyPair: infra.keyPair, snsTopicArn: infra.snsTopicArn } : {}),
    },
    distribution,
    pipeline: {
      name,
      description: p.description,
      imageTestsConfiguration: p.imageTestsConfiguration,
      enhancedImageMetadataEnabled: p.enhancedImageMetadataEnabled,
      ...(p.schedule?.scheduleExpression ? { schedule: p.schedule } : {}),
      status: p.status,
    },
  };
  const plan: ClonePlan = {
    sourceName: p.name ?? '',
    sourceAccountName: from.accountName,
    sourceRegion: from.region,
    targetAccountName: to.accountName,
    targetRegion: to.region,
    name,
    parentImage,
    components,
    missing: [...missing, ...conflicts],
    notes,
  };
  return { plan, spec, refusal: missing.length > 0 ? 'NOT_FOUND' : conflicts.length > 0 ? 'CONFLICT' : null };
}

/** Creates recipe, infrastructure, distribution and pipeline; on failure deletes what it made (newest first). */
export async function createClone(client: ImagebuilderClient, spec: CloneSpec, wrap: Wrap): Promise<{ pipelineArn: string; created: CreatedResource[] }> {
  const created: CreatedResource[] = [];
  const step = async (kind: CreatedResource['kind'], action: string, work: () => Promise<string | undefined>): Promise<string> => {
    const arn = await call(wrap, `imagebuilder:${action}`, work);
    if (!arn) throw new AppError({ code: 'AWS_ERROR', message: `${action} answered without an ARN.`, retryable: false });
    created.push({ kind, arn });
    return arn;
  };
  try {
    const recipe = await step('recipe', 'CreateImageRecipe', async () => (await client.send(new CreateImageRecipeCommand({ ...spec.recipe, clientToken: randomUUID() }))).imageRecipeArn);
    const infrastructure = await step(
      'infrastructure',
      'CreateInfrastructureConfiguration',
      async () => (await client.send(new CreateInfrastructureConfigurationCommand({ ...spec.infrastructure, clientToken: randomUUID() }))).infrastructureConfigurationArn,
    );
    const distribution = spec.distribution
      ? await step(
          'distribution',
          'CreateDistributionConfiguration',
          async () => (await client.send(new CreateDistributionConfigurationCommand({ ...spec.distribution!, clientToken: randomUUID() }))).distributionConfigurationArn,
        )
      : undefined;
    const pipelineArn = await step(
      'pipeline',
      'CreateImagePipeline',
      async () =>
        (
          await client.send(
            new CreateImagePipelineCommand({
              ...spec.pipeline,
              imageRecipeArn: recipe,
              infrastructureConfigurationArn: infrastructure,
              ...(distribution ? { distributionConfigurationArn: distribution } : {}),
              clientToken: randomUUID(),
            }),
          )
        ).imagePipelineArn,
    );
    return { pipelineArn, created };
  } catch (error) {
    const appError = error instanceof AppError ? error : wrap(error, 'imagebuilder:CreateImagePipeline');
    const left: CreatedResource[] = [];
    for (const resource of [...created].reverse()) {
      try {
        await deletePart(client, resource.kind, resource.arn);
      } catch {
        left.push(resource);
      }
    }
    const note =
      created.length === 0
        ? 'Nothing was created.'
        : left.length === 0
          ? `What the clone had created (${created.map((c) => c.kind).join(', ')}) was deleted again.`
          : `Delete these by hand: ${left.map((c) => `${c.kind} ${nameOf(c.arn)}${c.kind === 'recipe' ? ` ${versionOf(c.arn)}` : ''}`).join(', ')}.`;
    throw new AppError({ ...appError.toShape(), message: `${appError.message} ${note}` });
  }
}
