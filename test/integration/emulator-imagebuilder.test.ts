/**
 * EC2 Image Builder (rest-json over the same endpoint) with the real Image Builder client:
 * seeded pipelines, creating recipe → infrastructure → distribution → pipeline, runs followed
 * to AVAILABLE on the world clock with their AMIs visible through EC2, cancellation, a failing
 * run, idempotent client tokens, and Image Builder's error vocabulary.
 */
import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import {
  CancelImageCreationCommand,
  CreateComponentCommand,
  CreateDistributionConfigurationCommand,
  CreateImagePipelineCommand,
  CreateImageRecipeCommand,
  CreateInfrastructureConfigurationCommand,
  DeleteDistributionConfigurationCommand,
  DeleteImagePipelineCommand,
  DeleteImageRecipeCommand,
  DeleteInfrastructureConfigurationCommand,
  GetComponentCommand,
  GetDistributionConfigurationCommand,
  GetImageCommand,
  GetImagePipelineCommand,
  GetImageRecipeCommand,
  GetInfrastructureConfigurationCommand,
  ImagebuilderClient,
  ListComponentsCommand,
  ListDistributionConfigurationsCommand,
  ListImagePipelineImagesCommand,
  ListImagePipelinesCommand,
  ListImageRecipesCommand,
  ListInfrastructureConfigurationsCommand,
  ListWorkflowExecutionsCommand,
  ListWorkflowStepExecutionsCommand,
  StartImagePipelineExecutionCommand,
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

function ib(accountName: string, region = REGION): ImagebuilderClient {
  const id = identity(accountName);
  return new ImagebuilderClient({
    endpoint: emulator.url,
    region,
    maxAttempts: 1,
    credentials: { accessKeyId: id.accessKeyId, secretAccessKey: id.secretAccessKey },
  });
}

function ec2(accountName: string, region: string): EC2Client {
  const id = identity(accountName);
  return new EC2Client({
    endpoint: emulator.url,
    region,
    maxAttempts: 1,
    credentials: { accessKeyId: id.accessKeyId, secretAccessKey: id.secretAccessKey },
  });
}

const arn = (accountName: string, type: string, ...parts: string[]): string =>
  `arn:aws:imagebuilder:${REGION}:${identity(accountName).accountId}:${type}/${parts.join('/')}`;

async function errorOf(promise: Promise<unknown>): Promise<{ name: string; status: number | undefined; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode, message: e.message };
  }
  throw new Error('expected the call to fail');
}

describe('seeded pipelines', () => {
  it('lists the working and the failing pipeline of both fixture accounts', async () => {
    for (const f of [HUB, STAGING]) {
      const out = await ib(f.accountName).send(new ListImagePipelinesCommand({}));
      const names = (out.imagePipelineList ?? []).map((p) => p.name).sort();
      expect(names).toEqual([f.pipelineName, f.failingPipelineName].sort());
    }
  });

  it('describes a pipeline with its recipe, infrastructure, distribution and schedule', async () => {
    const client = ib(HUB.accountName);
    const { imagePipeline } = await client.send(new GetImagePipelineCommand({ imagePipelineArn: arn(HUB.accountName, 'image-pipeline', HUB.pipelineArnName) }));
    expect(imagePipeline).toMatchObject({
      name: HUB.pipelineName,
      status: 'ENABLED',
      platform: 'Linux',
      schedule: { scheduleExpression: HUB.scheduleExpression },
      imageRecipeArn: arn(HUB.accountName, 'image-recipe', HUB.recipeName, HUB.recipeVersion),
      infrastructureConfigurationArn: arn(HUB.accountName, 'infrastructure-configuration', HUB.infrastructureName),
      distributionConfigurationArn: arn(HUB.accountName, 'distribution-configuration', HUB.distributionName),
      imageTestsConfiguration: { imageTestsEnabled: true },
    });
    expect(imagePipeline?.dateNextRun).toMatch(/^\d{4}-\d\d-\d\dT06:00:00/);
    expect(imagePipeline?.dateLastRun).toBeUndefined();

    const { imageRecipe } = await client.send(new GetImageRecipeCommand({ imageRecipeArn: imagePipeline?.imageRecipeArn }));
    expect(imageRecipe?.parentImage).toMatch(/^ami-[0-9a-f]{17}$/);
    expect(imageRecipe?.components?.map((c) => c.componentArn)).toContain(`arn:aws:imagebuilder:${REGION}:aws:component/update-linux/x.x.x`);

    const { infrastructureConfiguration } = await client.send(
      new GetInfrastructureConfigurationCommand({ infrastructureConfigurationArn: imagePipeline?.infrastructureConfigurationArn }),
    );
    expect(infrastructureConfiguration).toMatchObject({ instanceProfileName: 'EC2InstanceProfileForImageBuilder', terminateInstanceOnFailure: true });

    const { distributionConfiguration } = await client.send(
      new GetDistributionConfigurationCommand({ distributionConfigurationArn: imagePipeline?.distributionConfigurationArn }),
    );
    expect(distributionConfiguration?.distributions?.map((d) => d.region)).toEqual([...HUB.distributionRegions]);
    expect(distributionConfiguration?.distributions?.[0]?.amiDistributionConfiguration?.launchPermission?.userIds).toEqual([
      identity(HUB.sharedWithAccountName).accountId,
    ]);
  });

  it('lists own, Amazon-managed and shared components, and reads one', async () => {
    const client = ib(HUB.accountName);
    const own = await client.send(new ListComponentsCommand({ owner: 'Self' }));
    expect(own.componentVersionList?.map((c) => c.name).sort()).toEqual([HUB.componentName, HUB.failingComponentName].sort());
    const amazon = await client.send(new ListComponentsCommand({ owner: 'Amazon', filters: [{ name: 'name', values: ['update-linux', 'reboot-test-linux'] }] }));
    expect(amazon.componentVersionList?.map((c) => [c.name, c.type])).toEqual([
      ['reboot-test-linux', 'TEST'],
      ['update-linux', 'BUILD'],
    ]);
    expect(amazon.componentVersionList?.[1]?.arn).toBe(`arn:aws:imagebuilder:${REGION}:aws:component/update-linux/1.0.2`);
    const shared = await ib(HUB.sharedWithAccountName).send(new ListComponentsCommand({ owner: 'Shared' }));
    expect(shared.componentVersionList?.map((c) => c.name)).toEqual([HUB.componentName]);

    const { component } = await client.send(
      new GetComponentCommand({ componentBuildVersionArn: arn(HUB.accountName, 'component', HUB.componentName, HUB.componentVersion, '1') }),
    );
    expect(component).toMatchObject({ name: HUB.componentName, type: 'BUILD', platform: 'Linux' });
    expect(component?.data).toContain('phases:');
  });

  it('pages with maxResults and nextToken', async () => {
    const client = ib(HUB.accountName);
    const first = await client.send(new ListComponentsCommand({ owner: 'Amazon', maxResults: 4 }));
    expect(first.componentVersionList).toHaveLength(4);
    expect(first.nextToken).toBeDefined();
    const second = await client.send(new ListComponentsCommand({ owner: 'Amazon', maxResults: 4, nextToken: first.nextToken }));
    expect(second.componentVersionList?.[0]?.name).not.toBe(first.componentVersionList?.[0]?.name);
    const bad = await errorOf(client.send(new ListComponentsCommand({ owner: 'Self', nextToken: first.nextToken })));
    expect(bad).toMatchObject({ name: 'InvalidPaginationTokenException', status: 400 });
  });
});

describe('a pipeline built from scratch', () => {
  const OWNER = 'globex-dev';
  const TARGET = 'globex-prod';
  const region = 'eu-central-1';
  let pipelineArn = '';
  let recipeArn = '';
  let infraArn = '';
  let distributionArn = '';

  it('creates component → recipe → infrastructure → distribution → pipeline', async () => {
    const client = ib(OWNER, region);
    const owner = identity(OWNER);
    const parent = emulator.world
      .seededImagesIn(region)
      .find((i) => i.ownerId === owner.accountId && i.state === 'available' && i.rootDeviceType === 'ebs' && i.architecture === 'x86_64');
    expect(parent).toBeDefined();

    const component = await client.send(
      new CreateComponentCommand({
        name: 'orders-agent',
        semanticVersion: '1.0.0',
        platform: 'Linux',
        data: 'name: orders-agent\nschemaVersion: 1.0\nphases:\n  - name: build\n    steps:\n      - name: Install\n        action: ExecuteBash\n        inputs:\n          commands:\n            - echo ok\n',
      }),
    );
    expect(component.componentBuildVersionArn).toBe(`arn:aws:imagebuilder:${region}:${owner.accountId}:component/orders-agent/1.0.0/1`);

    const recipe = await client.send(
      new CreateImageRecipeCommand({
        name: 'orders-base',
        semanticVersion: '1.2.0',
        parentImage: parent?.imageId,
        components: [{ componentArn: `arn:aws:imagebuilder:${region}:aws:component/update-linux/x.x.x` }, { componentArn: component.componentBuildVersionArn }],
        blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: 20, volumeType: 'gp3' } }],
      }),
    );
    recipeArn = recipe.imageRecipeArn ?? '';
    expect(recipeArn).toBe(`arn:aws:imagebuilder:${region}:${owner.accountId}:image-recipe/orders-base/1.2.0`);

    const infra = await client.send(
      new CreateInfrastructureConfigurationCommand({
        name: 'orders-infra',
        instanceProfileName: 'EC2InstanceProfileForImageBuilder',
        instanceTypes: ['t3.large'],
        subnetId: 'subnet-0123456789abcdef0',
        securityGroupIds: ['sg-0123456789abcdef0'],
        terminateInstanceOnFailure: false,
      }),
    );
    infraArn = infra.infrastructureConfigurationArn ?? '';

    const dist = await client.send(
      new CreateDistributionConfigurationCommand({
        name: 'orders-distribution',
        distributions: ['eu-central-1', 'eu-west-1'].map((r) => ({
          region: r,
          amiDistributionConfiguration: {
            name: 'orders-base-{{ imagebuilder:buildDate }}',
            amiTags: { Team: 'orders' },
            launchPermission: { userIds: [identity(TARGET).accountId] },
          },
        })),
      }),
    );
    distributionArn = dist.distributionConfigurationArn ?? '';

    const created = await client.send(
      new CreateImagePipelineCommand({
        name: 'orders-base-weekly',
        imageRecipeArn: recipeArn,
        infrastructureConfigurationArn: infraArn,
        distributionConfigurationArn: distributionArn,
        imageTestsConfiguration: { imageTestsEnabled: true, timeoutMinutes: 90 },
        schedule: { scheduleExpression: 'cron(0 0 ? * SUN *)' },
        status: 'ENABLED',
      }),
    );
    pipelineArn = created.imagePipelineArn ?? '';
    expect(pipelineArn).toBe(`arn:aws:imagebuilder:${region}:${owner.accountId}:image-pipeline/orders-base-weekly`);

    const names = async <T>(p: Promise<T>, pick: (t: T) => Array<{ name?: string }> | undefined): Promise<string[]> => (pick(await p) ?? []).map((x) => x.name ?? '');
    expect(await names(client.send(new ListImageRecipesCommand({ filters: [{ name: 'name', values: ['orders-base'] }] })), (o) => o.imageRecipeSummaryList)).toEqual(['orders-base']);
    expect(await names(client.send(new ListInfrastructureConfigurationsCommand({})), (o) => o.infrastructureConfigurationSummaryList)).toEqual(['orders-infra']);
    expect(await names(client.send(new ListDistributionConfigurationsCommand({})), (o) => o.distributionConfigurationSummaryList)).toEqual(['orders-distribution']);
    expect(await names(client.send(new ListImagePipelinesCommand({ filters: [{ name: 'name', values: ['orders-base-weekly'] }] })), (o) => o.imagePipelineList)).toEqual([
      'orders-base-weekly',
    ]);
  });

  it('runs to AVAILABLE on the world clock and registers shared AMIs in both regions', async () => {
    const client = ib(OWNER, region);
    const { imageBuildVersionArn } = await client.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: pipelineArn }));
    expect(imageBuildVersionArn).toBe(`arn:aws:imagebuilder:${region}:${identity(OWNER).accountId}:image/orders-base/1.2.0/1`);

    const status = async (): Promise<string | undefined> =>
      (await client.send(new GetImageCommand({ imageBuildVersionArn }))).image?.state?.status;
    expect(await status()).toBe('PENDING');
    emulator.advanceClock(2);
    expect(await status()).toBe('BUILDING');

    const executions = await client.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn }));
    expect(executions.workflowExecutions?.map((w) => [w.type, w.status])).toEqual([
      ['BUILD', 'RUNNING'],
      ['TEST', 'PENDING'],
      ['DISTRIBUTION', 'PENDING'],
    ]);
    const buildId = executions.workflowExecutions?.[0]?.workflowExecutionId;
    const steps = await client.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: buildId }));
    expect(steps.steps?.[0]).toMatchObject({ name: 'LaunchBuildInstance', status: 'COMPLETED' });
    expect(steps.steps?.some((s) => s.status === 'RUNNING')).toBe(true);

    emulator.advanceClock(3);
    expect(await status()).toBe('TESTING');
    emulator.advanceClock(2.5);
    expect(await status()).toBe('DISTRIBUTING');
    emulator.advanceClock(1.8);
    expect(await status()).toBe('INTEGRATING');
    emulator.advanceClock(1);
    const { image } = await client.send(new GetImageCommand({ imageBuildVersionArn }));
    expect(image?.state?.status).toBe('AVAILABLE');
    expect(image?.sourcePipelineArn).toBe(pipelineArn);
    const amis = image?.outputResources?.amis ?? [];
    expect(amis.map((a) => a.region).sort()).toEqual(['eu-central-1', 'eu-west-1']);
    for (const ami of amis) {
      expect(ami.accountId).toBe(identity(OWNER).accountId);
      expect(ami.name).toMatch(/^orders-base-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z$/);
    }

    const done = await client.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn }));
    expect(done.workflowExecutions?.every((w) => w.status === 'COMPLETED')).toBe(true);

    for (const ami of amis) {
      const owned = await ec2(OWNER, ami.region ?? '').send(new DescribeImagesCommand({ ImageIds: [ami.image ?? ''] }));
      expect(owned.Images?.[0]).toMatchObject({ State: 'available', Name: ami.name, OwnerId: identity(OWNER).accountId });
      expect(owned.Images?.[0]?.Tags).toEqual(expect.arrayContaining([{ Key: 'Ec2ImageBuilderArn', Value: imageBuildVersionArn }]));
      const shared = await ec2(TARGET, ami.region ?? '').send(new DescribeImagesCommand({ ExecutableUsers: ['self'] }));
      expect(shared.Images?.map((i) => i.ImageId)).toContain(ami.image);
    }

    const pipelineOut = await client.send(new GetImagePipelineCommand({ imagePipelineArn: pipelineArn }));
    expect(pipelineOut.imagePipeline?.lastRunStatus).toBe('AVAILABLE');
    expect(pipelineOut.imagePipeline?.dateLastRun).toBeDefined();
  });

  it('cancels a second run, which then registers no AMIs', async () => {
    const client = ib(OWNER, region);
    const { imageBuildVersionArn } = await client.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: pipelineArn }));
    expect(imageBuildVersionArn).toMatch(/\/orders-base\/1\.2\.0\/2$/);
    emulator.advanceClock(2);
    await client.send(new CancelImageCreationCommand({ imageBuildVersionArn }));
    emulator.advanceClock(20);
    const { image } = await client.send(new GetImageCommand({ imageBuildVersionArn }));
    expect(image?.state?.status).toBe('CANCELLED');
    expect(image?.outputResources?.amis).toEqual([]);
    const again = await errorOf(client.send(new CancelImageCreationCommand({ imageBuildVersionArn })));
    expect(again).toMatchObject({ name: 'ResourceInUseException', status: 400 });

    const list = await client.send(new ListImagePipelineImagesCommand({ imagePipelineArn: pipelineArn }));
    expect(list.imageSummaryList?.map((s) => [s.version, s.state?.status])).toEqual([
      ['1.2.0/2', 'CANCELLED'],
      ['1.2.0/1', 'AVAILABLE'],
    ]);
  });

  it('refuses to delete resources a pipeline uses, and deletes them once it is gone', async () => {
    const client = ib(OWNER, region);
    for (const attempt of [
      client.send(new DeleteImageRecipeCommand({ imageRecipeArn: recipeArn })),
      client.send(new DeleteInfrastructureConfigurationCommand({ infrastructureConfigurationArn: infraArn })),
      client.send(new DeleteDistributionConfigurationCommand({ distributionConfigurationArn: distributionArn })),
    ]) {
      expect(await errorOf(attempt)).toMatchObject({ name: 'ResourceDependencyException', status: 400 });
    }
    await client.send(new DeleteImagePipelineCommand({ imagePipelineArn: pipelineArn }));
    await client.send(new DeleteImageRecipeCommand({ imageRecipeArn: recipeArn }));
    await client.send(new DeleteInfrastructureConfigurationCommand({ infrastructureConfigurationArn: infraArn }));
    await client.send(new DeleteDistributionConfigurationCommand({ distributionConfigurationArn: distributionArn }));
    const gone = await errorOf(client.send(new GetImagePipelineCommand({ imagePipelineArn: pipelineArn })));
    expect(gone).toMatchObject({ name: 'ResourceNotFoundException', status: 404 });
  });
});

describe('distribution to target accounts', () => {
  it('copies the AMI into each target account, and follows setImageBuildSeconds', async () => {
    const OWNER = STAGING.accountName;
    const TARGET = 'acme-production';
    const client = ib(OWNER);
    const dist = await client.send(
      new CreateDistributionConfigurationCommand({
        name: 'app-base-to-production',
        distributions: [{ region: 'us-west-2', amiDistributionConfiguration: { name: 'app-base-prod {{ imagebuilder:buildDate }}', targetAccountIds: [identity(TARGET).accountId] } }],
      }),
    );
    const { imagePipelineArn } = await client.send(
      new CreateImagePipelineCommand({
        name: 'app base to production',
        imageRecipeArn: arn(OWNER, 'image-recipe', STAGING.recipeName, STAGING.recipeVersion),
        infrastructureConfigurationArn: arn(OWNER, 'infrastructure-configuration', STAGING.infrastructureName),
        distributionConfigurationArn: dist.distributionConfigurationArn,
        imageTestsConfiguration: { imageTestsEnabled: false },
        status: 'DISABLED',
      }),
    );
    expect(imagePipelineArn).toBe(arn(OWNER, 'image-pipeline', 'app-base-to-production'));
    const { imagePipeline } = await client.send(new GetImagePipelineCommand({ imagePipelineArn }));
    expect(imagePipeline).toMatchObject({ name: 'app base to production', status: 'DISABLED' });
    expect(imagePipeline?.dateNextRun).toBeUndefined();

    emulator.setImageBuildSeconds(1);
    try {
      const { imageBuildVersionArn } = await client.send(new StartImagePipelineExecutionCommand({ imagePipelineArn }));
      emulator.advanceClock(2);
      const { image } = await client.send(new GetImageCommand({ imageBuildVersionArn }));
      expect(image?.state?.status).toBe('AVAILABLE');
      const amis = image?.outputResources?.amis ?? [];
      expect(amis.map((a) => [a.region, a.accountId])).toEqual([
        ['us-west-2', identity(OWNER).accountId],
        ['us-west-2', identity(TARGET).accountId],
      ]);
      const copy = amis[1];
      const owned = await ec2(TARGET, 'us-west-2').send(new DescribeImagesCommand({ Owners: ['self'], ImageIds: [copy?.image ?? ''] }));
      expect(owned.Images?.[0]).toMatchObject({ State: 'available', OwnerId: identity(TARGET).accountId, Name: copy?.name });
      const test = (await client.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn }))).workflowExecutions?.find((w) => w.type === 'TEST');
      expect(test?.status).toBe('SKIPPED');
    } finally {
      emulator.setImageBuildSeconds(10);
    }
  });
});

describe('failing runs', () => {
  it('ends FAILED with the failing step named, and no AMIs', async () => {
    const client = ib(STAGING.accountName);
    const pipelineArn = arn(STAGING.accountName, 'image-pipeline', STAGING.failingPipelineName);
    const { imageBuildVersionArn } = await client.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: pipelineArn }));
    emulator.advanceClock(60);
    const { image } = await client.send(new GetImageCommand({ imageBuildVersionArn }));
    expect(image?.state?.status).toBe('FAILED');
    expect(image?.state?.reason).toMatch(/^Step 'test' failed: component 'failing-hardening-test'/);
    expect(image?.outputResources?.amis).toEqual([]);

    const executions = await client.send(new ListWorkflowExecutionsCommand({ imageBuildVersionArn }));
    expect(executions.workflowExecutions?.map((w) => [w.type, w.status])).toEqual([
      ['BUILD', 'COMPLETED'],
      ['TEST', 'FAILED'],
      ['DISTRIBUTION', 'SKIPPED'],
    ]);
    const test = executions.workflowExecutions?.[1];
    const steps = await client.send(new ListWorkflowStepExecutionsCommand({ workflowExecutionId: test?.workflowExecutionId }));
    expect(steps.steps?.map((s) => [s.name, s.status])).toEqual([
      ['LaunchTestInstance', 'COMPLETED'],
      ['CollectImageMetadata', 'COMPLETED'],
      ['RunTestSuite', 'FAILED'],
      ['TerminateTestInstance', 'SKIPPED'],
    ]);
    const { imagePipeline } = await client.send(new GetImagePipelineCommand({ imagePipelineArn: pipelineArn }));
    expect(imagePipeline?.lastRunStatus).toBe('FAILED');
  });
});

describe('idempotency and errors', () => {
  it('answers a repeated client token with the first run, and refuses it with other parameters', async () => {
    const client = ib(HUB.accountName);
    const imagePipelineArn = arn(HUB.accountName, 'image-pipeline', HUB.pipelineArnName);
    const clientToken = 'b0f3cf0e-run-once';
    const first = await client.send(new StartImagePipelineExecutionCommand({ imagePipelineArn, clientToken }));
    const second = await client.send(new StartImagePipelineExecutionCommand({ imagePipelineArn, clientToken }));
    expect(second.imageBuildVersionArn).toBe(first.imageBuildVersionArn);
    expect(second.clientToken).toBe(clientToken);
    const list = await client.send(new ListImagePipelineImagesCommand({ imagePipelineArn }));
    expect(list.imageSummaryList).toHaveLength(1);
    const mismatch = await errorOf(
      client.send(new StartImagePipelineExecutionCommand({ imagePipelineArn: arn(HUB.accountName, 'image-pipeline', HUB.failingPipelineName), clientToken })),
    );
    expect(mismatch).toMatchObject({ name: 'IdempotentParameterMismatchException', status: 400 });
  });

  it('answers ResourceNotFoundException, ResourceAlreadyExistsException and InvalidParameterValueException', async () => {
    const client = ib(HUB.accountName);
    const missing = await errorOf(client.send(new GetImagePipelineCommand({ imagePipelineArn: arn(HUB.accountName, 'image-pipeline', 'no-such-pipeline') })));
    expect(missing).toMatchObject({ name: 'ResourceNotFoundException', status: 404 });
    // Another account's pipeline is not found either.
    const foreign = await errorOf(ib(STAGING.accountName).send(new GetImagePipelineCommand({ imagePipelineArn: arn(HUB.accountName, 'image-pipeline', HUB.pipelineArnName) })));
    expect(foreign).toMatchObject({ name: 'ResourceNotFoundException', status: 404 });
    const image = await errorOf(client.send(new GetImageCommand({ imageBuildVersionArn: arn(HUB.accountName, 'image', 'nothing', '1.0.0', '1') })));
    expect(image).toMatchObject({ name: 'ResourceNotFoundException', status: 404 });
    const malformed = await errorOf(client.send(new GetImagePipelineCommand({ imagePipelineArn: 'not-an-arn' })));
    expect(malformed).toMatchObject({ name: 'InvalidParameterValueException', status: 400 });

    const exists = await errorOf(
      client.send(
        new CreateInfrastructureConfigurationCommand({ name: HUB.infrastructureName, instanceProfileName: 'EC2InstanceProfileForImageBuilder' }),
      ),
    );
    expect(exists).toMatchObject({ name: 'ResourceAlreadyExistsException', status: 400 });

    const badCron = await errorOf(
      client.send(
        new CreateImagePipelineCommand({
          name: 'bad-schedule',
          imageRecipeArn: arn(HUB.accountName, 'image-recipe', HUB.recipeName, HUB.recipeVersion),
          infrastructureConfigurationArn: arn(HUB.accountName, 'infrastructure-configuration', HUB.infrastructureName),
          schedule: { scheduleExpression: 'every monday' },
        }),
      ),
    );
    expect(badCron).toMatchObject({ name: 'InvalidParameterValueException', status: 400 });

    const badVersion = await errorOf(
      client.send(new CreateImageRecipeCommand({ name: 'x', semanticVersion: '1.0', parentImage: 'ami-00000000000000000', components: [] })),
    );
    expect(badVersion).toMatchObject({ name: 'InvalidVersionNumberException', status: 400 });
  });

  it('answers unsigned calls in Image Builder\'s shape', async () => {
    const res = await fetch(`${emulator.url}/ListImagePipelines`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(403);
    expect(res.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(await res.json()).toEqual({ message: 'Missing Authentication Token' });
  });

  it('respects denyAction with imagebuilder: names, throttling and bad signatures', async () => {
    const id = identity(HUB.accountName);
    emulator.denyAction(id.accountId, 'imagebuilder:ListImagePipelines');
    const denied = await errorOf(ib(HUB.accountName).send(new ListImagePipelinesCommand({})));
    expect(denied).toMatchObject({ name: 'AccessDeniedException', status: 403 });
    emulator.allowAction(id.accountId, 'imagebuilder:ListImagePipelines');

    emulator.setKnobs({ throttleRate: 1 });
    const throttled = await errorOf(ib(HUB.accountName).send(new ListImagePipelinesCommand({})));
    emulator.setKnobs({ throttleRate: 0 });
    expect(throttled).toMatchObject({ name: 'ThrottlingException', status: 429 });

    const forged = new ImagebuilderClient({
      endpoint: emulator.url,
      region: REGION,
      maxAttempts: 1,
      credentials: { accessKeyId: id.accessKeyId, secretAccessKey: 'wrong-secret' },
    });
    const bad = await errorOf(forged.send(new ListImagePipelinesCommand({})));
    expect(bad).toMatchObject({ name: 'InvalidSignatureException', status: 403 });
  });
});
