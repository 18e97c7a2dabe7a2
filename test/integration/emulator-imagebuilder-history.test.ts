/**
 * Image Builder's history in the emulator with the real client: the fixture pipelines' past
 * builds (scheduled and started by hand, failed with a reason, cancelled, AMIs in two regions
 * and in another account, all of them images EC2 lists), ListImageBuildVersions for an image
 * version, and every list paging with maxResults / nextToken as Image Builder documents.
 */
import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  CancelImageCreationCommand,
  GetComponentCommand,
  GetDistributionConfigurationCommand,
  GetImageCommand,
  GetImagePipelineCommand,
  GetImageRecipeCommand,
  GetInfrastructureConfigurationCommand,
  ImagebuilderClient,
  ListComponentBuildVersionsCommand,
  ListImageBuildVersionsCommand,
  ListImagePipelineImagesCommand,
  ListWorkflowExecutionsCommand,
  ListWorkflowStepExecutionsCommand,
  StartImagePipelineExecutionCommand,
  type ImageSummary,
} from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_BUILDER_FIXTURES, startEmulator, type EmulatorIdentity, type RunningEmulator } from '../../emulator';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ seed: 1 });
});

afterAll(async () => {
  await emulator?.close();
});

const HUB = IMAGE_BUILDER_FIXTURES.hub;
const STAGING = IMAGE_BUILDER_FIXTURES.staging;
const REGION = 'us-east-1';

function identity(accountName: string): EmulatorIdentity {
  const id = emulator.identities.find((i) => i.accountName === accountName);
  if (!id) throw new Error(`no identity ${accountName}`);
  return id;
}

const credentials = (accountName: string) => {
  const id = identity(accountName);
  return { accessKeyId: id.accessKeyId, secretAccessKey: id.secretAccessKey };
};
const ib = (accountName: string): ImagebuilderClient => new ImagebuilderClient({ endpoint: emulator.url, region: REGION, maxAttempts: 1, credentials: credentials(accountName) });
const ec2 = (accountName: string, region: string): EC2Client => new EC2Client({ endpoint: emulator.url, region, maxAttempts: 1, credentials: credentials(accountName) });
const arn = (accountName: string, type: string, ...parts: string[]): string => `arn:aws:imagebuilder:${REGION}:${identity(accountName).accountId}:${type}/${parts.join('/')}`;

async function errorOf(promise: Promise<unknown>): Promise<{ name: string; status: number | undefined; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message };
  }
  throw new Error('expected the call to fail');
}

async function allPipelineImages(client: ImagebuilderClient, imagePipelineArn: string, maxResults: number): Promise<{ images: ImageSummary[]; pages: number }> {
  const images: ImageSummary[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const page = await client.send(new ListImagePipelineImagesCommand({ imagePipelineArn, maxResults, nextToken }));
    images.push(...(page.imageSummaryList ?? []));
    nextToken = page.nextToken;
    pages++;
  } while (nextToken);
  return { images, pages };
}

describe('seeded history', () => {
  it('lists past builds of a pipeline newest first: scheduled and by hand, failed with a reason, AMIs EC2 knows in two regions and another account', async () => {
    const client = ib(STAGING.accountName);
    const { images, pages } = await allPipelineImages(client, arn(STAGING.accountName, 'image-pipeline', STAGING.pipelineArnName), 3);
    expect(pages).toBeGreaterThan(1);
    expect(images.length).toBeGreaterThanOrEqual(8);
    const created = images.map((i) => i.dateCreated!);
    expect(created).toEqual([...created].sort().reverse());
    expect(new Set(images.map((i) => i.arn)).size).toBe(images.length);
    expect(new Set(images.map((i) => i.buildType))).toEqual(new Set(['SCHEDULED', 'USER_INITIATED']));

    const failed = images.filter((i) => i.state?.status === 'FAILED');
    expect(failed.length).toBeGreaterThan(0);
    for (const f of failed) {
      expect(f.state?.reason).toContain(STAGING.componentName);
      expect(f.outputResources?.amis).toEqual([]);
    }

    const available = images.filter((i) => i.state?.status === 'AVAILABLE');
    const amis = available.flatMap((i) => i.outputResources?.amis ?? []);
    const staging = identity(STAGING.accountName).accountId;
    const production = identity(STAGING.sharedWithAccountName).accountId;
    expect(available.some((i) => new Set(i.outputResources?.amis?.map((a) => a.region)).size === 2)).toBe(true);
    expect(amis.some((a) => a.accountId === production)).toBe(true);
    // Every AMI a past build lists is an image its owner sees through EC2.
    for (const ami of amis.slice(0, 6)) {
      const owner = ami.accountId === staging ? STAGING.accountName : STAGING.sharedWithAccountName;
      const { Images } = await ec2(owner, ami.region!).send(new DescribeImagesCommand({ ImageIds: [ami.image!] }));
      expect(Images?.[0]?.OwnerId).toBe(ami.accountId);
    }
  });

  it('a failing pipeline fails in testing every run since, the last one cancelled by hand; its workflows and steps say where', async () => {
    const client = ib(HUB.accountName);
    const { images } = await allPipelineImages(client, arn(HUB.accountName, 'image-pipeline', HUB.failingPipelineName), 25);
    expect(images[0]).toMatchObject({ state: { status: 'CANCELLED' }, buildType: 'USER_INITIATED' });
    expect(images[1]).toMatchObject({ state: { status: 'FAILED' }, buildType: 'SCHEDULED' });
    expect(images[1]!.state?.reason).toMatch(/^Step 'test' failed: component 'failing-hardening-test'/);
    // It built images before, in two regions.
    const older = images.filter((i) => i.state?.status === 'AVAILABLE');
    expect(older.length).toBeGreaterThan(0);
    expect(older.every((i) => (i.outputResources?.amis?.length ?? 0) >= 1)).toBe(true);

    const executions = await client.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: images[1]!.arn }));
    expect(executions.workflowExecutions?.map((w) => [w.type, w.status])).toEqual([
      ['BUILD', 'COMPLETED'],
      ['TEST', 'FAILED'],
      ['DISTRIBUTION', 'SKIPPED'],
    ]);
    expect(executions.workflowExecutions?.[0]?.startTime?.localeCompare(images[0]!.dateCreated!)).toBe(-1);
    const cancelled = await client.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: images[0]!.arn }));
    expect(cancelled.workflowExecutions?.map((w) => w.status)).toEqual(['CANCELLED', 'SKIPPED', 'SKIPPED']);
  });

  it('a new run is numbered after the history and listed first', async () => {
    const client = ib(STAGING.accountName);
    const imagePipelineArn = arn(STAGING.accountName, 'image-pipeline', STAGING.failingPipelineName);
    const before = (await allPipelineImages(client, imagePipelineArn, 25)).images;
    const { imageBuildVersionArn } = await client.send(new StartImagePipelineExecutionCommand({ imagePipelineArn }));
    const newest = Math.max(...before.map((i) => Number(i.version!.split('/')[1])));
    expect(imageBuildVersionArn).toBe(arn(STAGING.accountName, 'image', STAGING.failingRecipeName, STAGING.recipeVersion, String(newest + 1)));
    const after = (await allPipelineImages(client, imagePipelineArn, 25)).images;
    expect(after[0]?.arn).toBe(imageBuildVersionArn);
    expect(after).toHaveLength(before.length + 1);
  });
});

describe('ListImageBuildVersions', () => {
  it("lists an image version's builds newest first, in pages, with filters", async () => {
    const client = ib(STAGING.accountName);
    const imageVersionArn = arn(STAGING.accountName, 'image', STAGING.recipeName, STAGING.recipeVersion);
    const first = await client.send(new ListImageBuildVersionsCommand({ imageVersionArn, maxResults: 2 }));
    expect(first.imageSummaryList).toHaveLength(2);
    expect(first.nextToken).toBeTruthy();
    const all: ImageSummary[] = [...first.imageSummaryList!];
    let nextToken = first.nextToken;
    while (nextToken) {
      const page = await client.send(new ListImageBuildVersionsCommand({ imageVersionArn, maxResults: 2, nextToken }));
      all.push(...page.imageSummaryList!);
      nextToken = page.nextToken;
    }
    const pipeline = (await allPipelineImages(client, arn(STAGING.accountName, 'image-pipeline', STAGING.pipelineArnName), 25)).images;
    expect(all.map((i) => i.arn)).toEqual(pipeline.map((i) => i.arn));
    expect(all.every((i) => i.arn!.startsWith(`${imageVersionArn}/`))).toBe(true);

    const one = await client.send(new ListImageBuildVersionsCommand({ imageVersionArn, filters: [{ name: 'version', values: [all.at(-1)!.version!] }] }));
    expect(one.imageSummaryList?.map((i) => i.version)).toEqual([`${STAGING.recipeVersion}/1`]);
    const platform = await client.send(new ListImageBuildVersionsCommand({ imageVersionArn, filters: [{ name: 'platform', values: ['Windows'] }] }));
    expect(platform.imageSummaryList).toEqual([]);
  });

  it("answers nothing for a version with no builds or another account's, and InvalidParameterValueException, with the model's pattern, for a build version ARN", async () => {
    const client = ib(STAGING.accountName);
    const none = await client.send(new ListImageBuildVersionsCommand({ imageVersionArn: arn(STAGING.accountName, 'image', STAGING.recipeName, '9.9.9') }));
    expect(none.imageSummaryList).toEqual([]);
    const foreign = await ib(HUB.accountName).send(
      new ListImageBuildVersionsCommand({ imageVersionArn: arn(STAGING.accountName, 'image', STAGING.recipeName, STAGING.recipeVersion) }),
    );
    expect(foreign.imageSummaryList).toEqual([]);
    const build = await errorOf(client.send(new ListImageBuildVersionsCommand({ imageVersionArn: arn(STAGING.accountName, 'image', STAGING.recipeName, STAGING.recipeVersion, '1') })));
    expect(build).toMatchObject({ name: 'InvalidParameterValueException', status: 400 });
    const token = await errorOf(
      client.send(new ListImageBuildVersionsCommand({ imageVersionArn: arn(STAGING.accountName, 'image', STAGING.recipeName, STAGING.recipeVersion), nextToken: 'bm9wZQ' })),
    );
    expect(token).toMatchObject({ name: 'InvalidPaginationTokenException', status: 400 });
    const tooMany = await errorOf(
      client.send(new ListImageBuildVersionsCommand({ imageVersionArn: arn(STAGING.accountName, 'image', STAGING.recipeName, STAGING.recipeVersion), maxResults: 26 })),
    );
    expect(tooMany.status).toBe(400);
  });
});

describe('workflow lists page', () => {
  it('ListWorkflowExecutions and ListWorkflowStepExecutions page with maxResults and nextToken, and refuse a malformed id', async () => {
    const client = ib(HUB.accountName);
    const { images } = await allPipelineImages(client, arn(HUB.accountName, 'image-pipeline', HUB.failingPipelineName), 25);
    const imageBuildVersionArn = images.find((i) => i.state?.status === 'AVAILABLE')!.arn!;
    const first = await client.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn, maxResults: 2 }));
    expect(first.workflowExecutions?.map((w) => w.type)).toEqual(['BUILD', 'TEST']);
    const second = await client.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn, maxResults: 2, nextToken: first.nextToken }));
    expect(second.workflowExecutions?.map((w) => [w.type, w.status])).toEqual([['DISTRIBUTION', 'COMPLETED']]);
    expect(second.nextToken).toBeUndefined();

    const build = first.workflowExecutions![0]!;
    const steps: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: build.workflowExecutionId, maxResults: 4, nextToken }));
      expect(page.steps!.length).toBeLessThanOrEqual(4);
      steps.push(...page.steps!.map((s) => `${s.name}:${s.status}`));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(steps).toHaveLength(build.totalStepCount!);
    expect(steps.every((s) => s.endsWith(':COMPLETED'))).toBe(true);

    const { image } = await client.send(new GetImageCommand({ imageBuildVersionArn }));
    expect(image?.state?.status).toBe('AVAILABLE');
    expect(await errorOf(client.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: 'not-an-id' })))).toMatchObject({ name: 'InvalidParameterValueException', status: 400 });
    expect(await errorOf(client.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: 'not-an-arn' })))).toMatchObject({ name: 'InvalidParameterValueException', status: 400 });
  });
});

describe('malformed ARNs and ids', () => {
  it('are InvalidParameterValueException naming the member and the model’s pattern, in every operation alike', async () => {
    const client = ib(STAGING.accountName);
    const bad = 'arn:aws:imagebuilder:us-east-1:123:nope';
    const calls: Array<[string, Promise<unknown>]> = [
      ['imagePipelineArn', client.send(new GetImagePipelineCommand({ imagePipelineArn: bad }))],
      ['imagePipelineArn', client.send(new ListImagePipelineImagesCommand({ imagePipelineArn: bad }))],
      ['imageRecipeArn', client.send(new GetImageRecipeCommand({ imageRecipeArn: bad }))],
      ['infrastructureConfigurationArn', client.send(new GetInfrastructureConfigurationCommand({ infrastructureConfigurationArn: bad }))],
      ['distributionConfigurationArn', client.send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: bad }))],
      ['imageBuildVersionArn', client.send(new GetImageCommand({ imageBuildVersionArn: bad }))],
      ['imageBuildVersionArn', client.send(new CancelImageCreationCommand({ imageBuildVersionArn: bad, clientToken: 'malformed-arn' }))],
      ['imageBuildVersionArn', client.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn: bad }))],
      ['imageVersionArn', client.send(new ListImageBuildVersionsCommand({ imageVersionArn: bad }))],
      ['componentBuildVersionArn', client.send(new GetComponentCommand({ componentBuildVersionArn: bad }))],
      ['componentVersionArn', client.send(new ListComponentBuildVersionsCommand({ componentVersionArn: bad }))],
      ['workflowExecutionId', client.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: 'wf-123' }))],
    ];
    for (const [member, call] of calls) {
      const error = await errorOf(call);
      expect(error, member).toMatchObject({ name: 'InvalidParameterValueException', status: 400 });
      expect(error.message, member).toContain(`The value supplied for parameter '${member}' is not valid. '${member}' must match pattern ^`);
    }
  });
});
