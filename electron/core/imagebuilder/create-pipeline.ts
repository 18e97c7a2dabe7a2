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
  type ImagebuilderClient,
} from '@aws-sdk/client-imagebuilder';
import { AppError } from '../../../shared/errors';
import type { CreatedResource, CreatePipelineResult, PipelineDraft } from '../../../shared/imagebuilder';
import type { Wrap } from '../sharing/image-facts';

export async function createPipeline(client: ImagebuilderClient, draft: PipelineDraft, wrap: Wrap): Promise<CreatePipelineResult> {
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
            distributions: draft.regions.map((region) => ({
              region,
              amiDistributionConfiguration: {
                name: draft.amiName,
                ...(draft.shareWithAccounts.length > 0 ? { launchPermission: { userIds: draft.shareWithAccounts } } : {}),
              },
            })),
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
