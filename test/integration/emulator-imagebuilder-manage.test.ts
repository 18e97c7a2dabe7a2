/**
 * UpdateImagePipeline with the real Image Builder client: the pipeline replaced as a whole
 * (left-out settings back to their defaults), its errors as Image Builder names them (unknown
 * ARNs, a cron expression it cannot read, a reused client token with other parameters, a missing
 * infrastructure), and deleting a recipe or configuration a pipeline still uses refused with
 * ResourceDependencyException.
 */
import {
  DeleteDistributionConfigurationCommand,
  DeleteImageRecipeCommand,
  DeleteInfrastructureConfigurationCommand,
  GetImagePipelineCommand,
  ImagebuilderClient,
  ListImagePipelinesCommand,
  UpdateImagePipelineCommand,
  type ImagePipeline,
} from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_BUILDER_FIXTURES, startEmulator, type RunningEmulator } from '../../emulator';

let emulator: RunningEmulator;
const STAGING = IMAGE_BUILDER_FIXTURES.staging;
const REGION = STAGING.region;

beforeAll(async () => {
  emulator = await startEmulator({ seed: 1 });
});

afterAll(async () => {
  await emulator?.close();
});

function ib(accountName: string): ImagebuilderClient {
  const id = emulator.identities.find((i) => i.accountName === accountName)!;
  return new ImagebuilderClient({ endpoint: emulator.url, region: REGION, maxAttempts: 1, credentials: { accessKeyId: id.accessKeyId, secretAccessKey: id.secretAccessKey } });
}

async function pipelineNamed(client: ImagebuilderClient, name: string): Promise<ImagePipeline> {
  const listed = await client.send(new ListImagePipelinesCommand({ filters: [{ name: 'name', values: [name] }] }));
  const arn = listed.imagePipelineList?.[0]?.arn;
  if (!arn) throw new Error(`no pipeline ${name}`);
  return (await client.send(new GetImagePipelineCommand({ imagePipelineArn: arn }))).imagePipeline!;
}

async function errorOf(promise: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected an error');
}

describe('UpdateImagePipeline', () => {
  it('replaces the pipeline as a whole: what is sent is set, what is left out goes back to its default', async () => {
    const client = ib(STAGING.accountName);
    const before = await pipelineNamed(client, STAGING.pipelineName);
    const answer = await client.send(
      new UpdateImagePipelineCommand({
        imagePipelineArn: before.arn,
        imageRecipeArn: before.imageRecipeArn,
        infrastructureConfigurationArn: before.infrastructureConfigurationArn,
        description: 'Weekdays only',
        schedule: { scheduleExpression: 'cron(0 5 ? * MON-FRI *)' },
        status: 'DISABLED',
        imageTestsConfiguration: { imageTestsEnabled: false, timeoutMinutes: 60 },
      }),
    );
    expect(answer.imagePipelineArn).toBe(before.arn);
    expect(answer.clientToken).toBeTruthy();
    const after = await pipelineNamed(client, STAGING.pipelineName);
    expect(after).toMatchObject({
      name: STAGING.pipelineName,
      description: 'Weekdays only',
      status: 'DISABLED',
      imageTestsConfiguration: { imageTestsEnabled: false, timeoutMinutes: 60 },
      imageRecipeArn: before.imageRecipeArn,
      dateCreated: before.dateCreated,
    });
    expect(after.schedule?.scheduleExpression).toBe('cron(0 5 ? * MON-FRI *)');
    // Left out of the request: no distribution any more.
    expect(after.distributionConfigurationArn).toBeUndefined();
    expect(after.dateUpdated).toBeTruthy();

    // Left out again: no schedule, ENABLED, tests back on.
    await client.send(new UpdateImagePipelineCommand({ imagePipelineArn: before.arn, imageRecipeArn: before.imageRecipeArn, infrastructureConfigurationArn: before.infrastructureConfigurationArn, distributionConfigurationArn: before.distributionConfigurationArn }));
    const reset = await pipelineNamed(client, STAGING.pipelineName);
    expect(reset).toMatchObject({ status: 'ENABLED', imageTestsConfiguration: { imageTestsEnabled: true, timeoutMinutes: 720 }, distributionConfigurationArn: before.distributionConfigurationArn });
    expect(reset.schedule).toBeUndefined();
    expect(reset.description).toBeUndefined();
  });

  it("answers Image Builder's errors and leaves the pipeline as it was", async () => {
    const client = ib(STAGING.accountName);
    const p = await pipelineNamed(client, STAGING.failingPipelineName);
    const base = { imagePipelineArn: p.arn, imageRecipeArn: p.imageRecipeArn, infrastructureConfigurationArn: p.infrastructureConfigurationArn, distributionConfigurationArn: p.distributionConfigurationArn };

    const cron = await errorOf(client.send(new UpdateImagePipelineCommand({ ...base, schedule: { scheduleExpression: 'cron(0 3 * *)' } })));
    expect(cron).toMatchObject({ name: 'InvalidParameterValueException', status: 400 });
    expect(cron.message).toContain('schedule.scheduleExpression');

    const gone = await errorOf(client.send(new UpdateImagePipelineCommand({ ...base, imagePipelineArn: p.arn!.replace(STAGING.failingPipelineName, 'no-such-pipeline') })));
    expect(gone).toMatchObject({ name: 'ResourceNotFoundException', status: 404 });

    const noRecipe = await errorOf(client.send(new UpdateImagePipelineCommand({ ...base, imageRecipeArn: p.imageRecipeArn!.replace(/\/[^/]+\/([^/]+)$/, '/missing-recipe/$1') })));
    expect(noRecipe).toMatchObject({ name: 'ResourceNotFoundException' });

    const status = await errorOf(client.send(new UpdateImagePipelineCommand({ ...base, status: 'PAUSED' as 'ENABLED' })));
    expect(status).toMatchObject({ name: 'InvalidParameterValueException' });

    // Another account cannot update it: for that account the pipeline does not exist.
    const foreign = await errorOf(ib('acme-production').send(new UpdateImagePipelineCommand({ ...base })));
    expect(foreign).toMatchObject({ name: 'ResourceNotFoundException' });

    const token = 'edit-once';
    await client.send(new UpdateImagePipelineCommand({ ...base, schedule: p.schedule, description: 'first', clientToken: token }));
    const again = await client.send(new UpdateImagePipelineCommand({ ...base, schedule: p.schedule, description: 'first', clientToken: token }));
    expect(again.imagePipelineArn).toBe(p.arn);
    const mismatch = await errorOf(client.send(new UpdateImagePipelineCommand({ ...base, description: 'second', clientToken: token })));
    expect(mismatch).toMatchObject({ name: 'IdempotentParameterMismatchException', status: 400 });

    const after = await pipelineNamed(client, STAGING.failingPipelineName);
    expect(after).toMatchObject({ description: 'first', status: p.status, imageRecipeArn: p.imageRecipeArn });
    expect(after.schedule?.scheduleExpression).toBe(STAGING.failingScheduleExpression);
  });
});

describe('deleting what a pipeline still uses', () => {
  it('refuses the recipe, infrastructure and distribution with ResourceDependencyException naming the pipeline', async () => {
    const client = ib(STAGING.accountName);
    const p = await pipelineNamed(client, STAGING.failingPipelineName);
    for (const call of [
      client.send(new DeleteImageRecipeCommand({ imageRecipeArn: p.imageRecipeArn })),
      client.send(new DeleteInfrastructureConfigurationCommand({ infrastructureConfigurationArn: p.infrastructureConfigurationArn })),
      client.send(new DeleteDistributionConfigurationCommand({ distributionConfigurationArn: p.distributionConfigurationArn })),
    ]) {
      const error = await errorOf(call);
      expect(error).toMatchObject({ name: 'ResourceDependencyException', status: 400 });
      expect(error.message).toContain(p.arn);
    }
  });
});
