/**
 * The seeded infrastructure's network as EC2 lists it, and UpdateInfrastructureConfiguration and
 * UpdateDistributionConfiguration with the real Image
 * Builder client: the settings replaced as a whole (what is left out back to its default, name
 * and creation date kept), the same checks as Create (security groups need a subnet), an unknown
 * ARN named, and a client token required.
 */
import {
  GetDistributionConfigurationCommand,
  GetImagePipelineCommand,
  GetInfrastructureConfigurationCommand,
  ImagebuilderClient,
  ListImagePipelinesCommand,
  UpdateDistributionConfigurationCommand,
  UpdateInfrastructureConfigurationCommand,
} from '@aws-sdk/client-imagebuilder';
import { DescribeSecurityGroupsCommand, DescribeSubnetsCommand, EC2Client } from '@aws-sdk/client-ec2';
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

function ib(): ImagebuilderClient {
  const id = emulator.identities.find((i) => i.accountName === STAGING.accountName)!;
  return new ImagebuilderClient({ endpoint: emulator.url, region: REGION, maxAttempts: 1, credentials: { accessKeyId: id.accessKeyId, secretAccessKey: id.secretAccessKey } });
}

/** The staging pipeline's infrastructure and distribution ARNs. */
async function configurationArns(client: ImagebuilderClient): Promise<{ infrastructure: string; distribution: string }> {
  const listed = await client.send(new ListImagePipelinesCommand({ filters: [{ name: 'name', values: [STAGING.pipelineName] }] }));
  const pipeline = (await client.send(new GetImagePipelineCommand({ imagePipelineArn: listed.imagePipelineList![0]!.arn! }))).imagePipeline!;
  return { infrastructure: pipeline.infrastructureConfigurationArn!, distribution: pipeline.distributionConfigurationArn! };
}

async function errorOf(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { name: string; message: string };
  }
  throw new Error('expected an error');
}

describe('the seeded infrastructure', () => {
  it('builds in a subnet and security group EC2 lists for the account', async () => {
    const client = ib();
    const { infrastructure: arn } = await configurationArns(client);
    const infra = (await client.send(new GetInfrastructureConfigurationCommand({ infrastructureConfigurationArn: arn }))).infrastructureConfiguration!;
    const id = emulator.identities.find((i) => i.accountName === STAGING.accountName)!;
    const ec2 = new EC2Client({ endpoint: emulator.url, region: REGION, maxAttempts: 1, credentials: { accessKeyId: id.accessKeyId, secretAccessKey: id.secretAccessKey } });
    const subnets = (await ec2.send(new DescribeSubnetsCommand({ SubnetIds: [infra.subnetId!] }))).Subnets ?? [];
    expect(subnets.map((n) => n.SubnetId)).toEqual([infra.subnetId]);
    const groups = (await ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: infra.securityGroupIds }))).SecurityGroups ?? [];
    expect(groups.map((g) => g.VpcId)).toEqual([subnets[0]!.VpcId]);
  });
});

describe('UpdateInfrastructureConfiguration', () => {
  it('replaces the settings: what is sent is set, logging and the subnet left out are gone; name and creation date stay', async () => {
    const client = ib();
    const { infrastructure: arn } = await configurationArns(client);
    const before = (await client.send(new GetInfrastructureConfigurationCommand({ infrastructureConfigurationArn: arn }))).infrastructureConfiguration!;
    expect(before.logging?.s3Logs?.s3BucketName).toBeTruthy();

    await client.send(
      new UpdateInfrastructureConfigurationCommand({
        infrastructureConfigurationArn: arn,
        instanceProfileName: 'ImageBuilderLegacyProfile',
        instanceTypes: ['c7i.large'],
        description: 'bigger builds',
        clientToken: 'update-infra-1',
      }),
    );
    const after = (await client.send(new GetInfrastructureConfigurationCommand({ infrastructureConfigurationArn: arn }))).infrastructureConfiguration!;
    expect(after).toMatchObject({ name: before.name, dateCreated: before.dateCreated, instanceProfileName: 'ImageBuilderLegacyProfile', instanceTypes: ['c7i.large'], description: 'bigger builds' });
    expect(after.logging).toBeUndefined();
    expect(after.subnetId).toBeUndefined();
    expect(after.dateUpdated).toBeTruthy();
  });

  it('checks as Create does, needs a client token, and names an unknown ARN', async () => {
    const client = ib();
    const { infrastructure: arn } = await configurationArns(client);
    const groups = await errorOf(
      client.send(new UpdateInfrastructureConfigurationCommand({ infrastructureConfigurationArn: arn, instanceProfileName: 'p', securityGroupIds: ['sg-0123456789abcdef0'], clientToken: 'update-infra-2' })),
    );
    expect(groups).toMatchObject({ name: 'InvalidParameterCombinationException', message: 'You must specify a subnetId when you specify securityGroupIds.' });
    const unknown = arn.replace(/[^/]+$/, 'no-such-infrastructure');
    const missing = await errorOf(client.send(new UpdateInfrastructureConfigurationCommand({ infrastructureConfigurationArn: unknown, instanceProfileName: 'p', clientToken: 'update-infra-3' })));
    expect(missing.name).toBe('ResourceNotFoundException');
    expect(missing.message).toContain(unknown);
  });
});

describe('UpdateDistributionConfiguration', () => {
  it('replaces the regions and the description; the name and creation date stay', async () => {
    const client = ib();
    const { distribution: arn } = await configurationArns(client);
    const before = (await client.send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: arn }))).distributionConfiguration!;
    await client.send(
      new UpdateDistributionConfigurationCommand({
        distributionConfigurationArn: arn,
        distributions: [{ region: 'eu-west-1', amiDistributionConfiguration: { name: 'moved-{{ imagebuilder:buildDate }}' } }],
        clientToken: 'update-dist-1',
      }),
    );
    const after = (await client.send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: arn }))).distributionConfiguration!;
    expect(after).toMatchObject({ name: before.name, dateCreated: before.dateCreated });
    expect(after.description).toBeUndefined();
    expect(after.distributions?.map((d) => [d.region, d.amiDistributionConfiguration?.name])).toEqual([['eu-west-1', 'moved-{{ imagebuilder:buildDate }}']]);
    expect(after.dateUpdated).toBeTruthy();
  });
});
