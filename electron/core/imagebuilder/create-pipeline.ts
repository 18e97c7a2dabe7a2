/**
 * Creating a pipeline the way Image Builder describes it: an image recipe (parent image plus
 * build and test components), an infrastructure configuration, a distribution configuration,
 * then the pipeline that ties them together. If a later step fails, what was already created is
 * deleted again (newest first), so a failed attempt leaves nothing half-made behind.
 */
import { randomUUID } from 'node:crypto';
import {
  CreateDistributionConfigurationCommand,
  CreateImagePipelineCommand,
  CreateImageRecipeCommand,
  CreateInfrastructureConfigurationCommand,
  DeleteDistributionConfigurationCommand,
  DeleteImagePipelineCommand,
  DeleteImageRecipeCommand,
  DeleteInfrastructureConfigurationCommand,
  type Distribution,
  type ImagebuilderClient,
} from '@aws-sdk/client-imagebuilder';
import { AppError, placeLabel } from '../../../shared/errors';
import type { CreatedResource, CreatePipelineResult, PipelineDraft } from '../../../shared/imagebuilder';
import type { Wrap } from '../sharing/image-facts';

/** What Image Builder would refuse only after the recipe exists, refused before anything is created. */
function refusal(draft: PipelineDraft): string | null {
  if ((draft.securityGroupIds ?? []).length > 0 && !draft.subnetId) {
    return 'Security groups need a subnet: choose the subnet the build instance runs in (the groups must be in its VPC), or remove the security groups.';
  }
  const unknown = (draft.regionSettings ?? []).find((r) => !draft.regions.includes(r.region));
  if (unknown) return `Settings were given for ${unknown.region}, which is not one of the regions the AMIs are distributed to.`;
  return null;
}

/** One region's distribution: the name and shares every region gets, plus what was set for it alone. */
function regionDistribution(draft: PipelineDraft, region: string): Distribution {
  const own = draft.regionSettings?.find((r) => r.region === region);
  const userIds = [...new Set([...draft.shareWithAccounts, ...(own?.userIds ?? [])])];
  const organizationArns = own?.organizationArns ?? [];
  const organizationalUnitArns = own?.organizationalUnitArns ?? [];
  const shared = userIds.length + organizationArns.length + organizationalUnitArns.length > 0;
  return {
    region,
    amiDistributionConfiguration: {
      name: draft.amiName,
      ...(shared
        ? {
            launchPermission: {
              ...(userIds.length > 0 ? { userIds } : {}),
              ...(organizationArns.length > 0 ? { organizationArns } : {}),
              ...(organizationalUnitArns.length > 0 ? { organizationalUnitArns } : {}),
            },
          }
        : {}),
      ...(own && own.targetAccountIds.length > 0 ? { targetAccountIds: own.targetAccountIds } : {}),
      ...(own?.kmsKeyId ? { kmsKeyId: own.kmsKeyId } : {}),
      ...(own && Object.keys(own.amiTags).length > 0 ? { amiTags: own.amiTags } : {}),
    },
    ...(own && own.launchTemplates.length > 0
      ? {
          launchTemplateConfigurations: own.launchTemplates.map((t) => ({
            launchTemplateId: t.launchTemplateId,
            ...(t.accountId ? { accountId: t.accountId } : {}),
            setDefaultVersion: t.setDefaultVersion,
          })),
        }
      : {}),
  };
}

export async function createPipeline(client: ImagebuilderClient, draft: PipelineDraft, wrap: Wrap): Promise<CreatePipelineResult> {
  const refused = refusal(draft);
  if (refused) {
    // The place (account by name, region) comes from the same wrapper AWS errors go through.
    const place = wrap(new Error(refused), 'imagebuilder:CreateInfrastructureConfiguration').details ?? {};
    const where = placeLabel(place.accountName ?? null, place.awsAccountId ?? null, place.region ?? null);
    throw new AppError({ code: 'VALIDATION', message: `Cannot create the pipeline in ${where}: ${refused} Nothing was created.`, retryable: false, details: place });
  }
  const created: CreatedResource[] = [];
  const step = async (kind: CreatedResource['kind'], action: string, work: () => Promise<string | undefined>): Promise<string> => {
    let arn: string | undefined;
    try {
      arn = await work();
    } catch (error) {
      throw wrap(error, `imagebuilder:${action}`);
    }
    if (!arn) throw new AppError({ code: 'AWS_ERROR', message: `${action} answered without an ARN.`, retryable: false });
    created.push({ kind, arn });
    return arn;
  };
  try {
    const recipe = await step('recipe', 'CreateImageRecipe', async () =>
      (
        await client.send(
          new CreateImageRecipeCommand({
            name: draft.name,
            semanticVersion: draft.recipeVersion,
            description: draft.description || undefined,
            parentImage: draft.parentImage,
            components: [...draft.components, ...draft.tests].map((componentArn) => ({ componentArn })),
            clientToken: randomUUID(),
          }),
        )
      ).imageRecipeArn,
    );
    const infrastructure = await step('infrastructure', 'CreateInfrastructureConfiguration', async () =>
      (
        await client.send(
          new CreateInfrastructureConfigurationCommand({
            name: draft.name,
            instanceProfileName: draft.instanceProfileName,
            instanceTypes: draft.instanceTypes,
            terminateInstanceOnFailure: draft.terminateInstanceOnFailure,
            ...(draft.subnetId ? { subnetId: draft.subnetId } : {}),
            ...(draft.securityGroupIds && draft.securityGroupIds.length > 0 ? { securityGroupIds: draft.securityGroupIds } : {}),
            ...(draft.keyPair ? { keyPair: draft.keyPair } : {}),
            ...(draft.s3Logs ? { logging: { s3Logs: { s3BucketName: draft.s3Logs.bucket, ...(draft.s3Logs.prefix ? { s3KeyPrefix: draft.s3Logs.prefix } : {}) } } } : {}),
            ...(draft.snsTopicArn ? { snsTopicArn: draft.snsTopicArn } : {}),
            clientToken: randomUUID(),
          }),
        )
      ).infrastructureConfigurationArn,
    );
    const distribution = await step('distribution', 'CreateDistributionConfiguration', async () =>
      (
        await client.send(
          new CreateDistributionConfigurationCommand({
            name: draft.name,
            distributions: draft.regions.map((region) => regionDistribution(draft, region)),
            clientToken: randomUUID(),
          }),
        )
      ).distributionConfigurationArn,
    );
    const pipeline = await step('pipeline', 'CreateImagePipeline', async () =>
      (
        await client.send(
          new CreateImagePipelineCommand({
            name: draft.name,
            description: draft.description || undefined,
            imageRecipeArn: recipe,
            infrastructureConfigurationArn: infrastructure,
            distributionConfigurationArn: distribution,
            imageTestsConfiguration: { imageTestsEnabled: draft.tests.length > 0, timeoutMinutes: 720 },
            ...(draft.schedule ? { schedule: { scheduleExpression: draft.schedule, pipelineExecutionStartCondition: 'EXPRESSION_MATCH_ONLY' } } : {}),
            status: 'ENABLED',
            clientToken: randomUUID(),
          }),
        )
      ).imagePipelineArn,
    );
    return { pipelineArn: pipeline, created };
  } catch (error) {
    const left = await rollBack(client, created);
    const appError = error instanceof AppError ? error : wrap(error, 'imagebuilder:CreateImagePipeline');
    const undone = created.length - left.length;
    const note =
      created.length === 0
        ? 'Nothing was created.'
        : left.length === 0
          ? `What was already created (${created.map((c) => c.kind).join(', ')}) was deleted again.`
          : `${undone} of ${created.length} already-created resources were deleted again; delete these by hand: ${left.map((c) => c.arn).join(', ')}.`;
    throw new AppError({ ...appError.toShape(), message: `${appError.message} ${note}` });
  }
}

/** Deletes newest first (the pipeline depends on the others); returns what could not be deleted. */
async function rollBack(client: ImagebuilderClient, created: readonly CreatedResource[]): Promise<CreatedResource[]> {
  const left: CreatedResource[] = [];
  for (const resource of [...created].reverse()) {
    try {
      switch (resource.kind) {
        case 'pipeline':
          await client.send(new DeleteImagePipelineCommand({ imagePipelineArn: resource.arn }));
          break;
        case 'distribution':
          await client.send(new DeleteDistributionConfigurationCommand({ distributionConfigurationArn: resource.arn }));
          break;
        case 'infrastructure':
          await client.send(new DeleteInfrastructureConfigurationCommand({ infrastructureConfigurationArn: resource.arn }));
          break;
        case 'recipe':
          await client.send(new DeleteImageRecipeCommand({ imageRecipeArn: resource.arn }));
          break;
      }
    } catch {
      left.push(resource);
    }
  }
  return left;
}
