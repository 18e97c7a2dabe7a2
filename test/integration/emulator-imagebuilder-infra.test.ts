/**
 * Where a build runs and where its AMIs go, with the real SDK clients: EC2 describes each
 * account's VPCs, subnets, security groups and key pairs; Image Builder keeps an infrastructure
 * configuration's subnet, security groups, key pair, S3 logging and SNS topic, and a
 * distribution's organization and OU shares, KMS key, AMI tags and launch-template updates,
 * refusing what its API refuses.
 */
import {
  DescribeImagesCommand,
  DescribeKeyPairsCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import {
  CreateDistributionConfigurationCommand,
  CreateImagePipelineCommand,
  CreateImageRecipeCommand,
  CreateInfrastructureConfigurationCommand,
  GetDistributionConfigurationCommand,
  GetImageCommand,
  GetInfrastructureConfigurationCommand,
  ImagebuilderClient,
  StartImagePipelineExecutionCommand,
} from '@aws-sdk/client-imagebuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorIdentity, type RunningEmulator } from '../../emulator';
import { NETWORK_FIXTURE } from '../../emulator/world/network';
import { USAGE_FIXTURE } from '../../emulator/world/usage-fixtures';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ seed: 1 });
});

afterAll(async () => {
  await emulator?.close();
});

const OWNER = 'acme-staging';
const REGION = 'us-east-1';

function identity(accountName: string): EmulatorIdentity {
  const id = emulator.identities.find((i) => i.accountName === accountName);
  if (!id) throw new Error(`no identity ${accountName}`);
  return id;
}

const clientConfig = (accountName: string, region: string) => {
  const id = identity(accountName);
  return { endpoint: emulator.url, region, maxAttempts: 1, credentials: { accessKeyId: id.accessKeyId, secretAccessKey: id.secretAccessKey } };
};
const ec2 = (accountName = OWNER, region = REGION) => new EC2Client(clientConfig(accountName, region));
const ib = (accountName = OWNER, region = REGION) => new ImagebuilderClient(clientConfig(accountName, region));

async function errorOf(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; message: string };
    return { name: e.name, message: e.message };
  }
  throw new Error('expected the call to fail');
}

const nameOf = (tags: Array<{ Key?: string; Value?: string }> | undefined) => tags?.find((t) => t.Key === 'Name')?.Value;

describe('EC2 network', () => {
  it('has a default VPC with a default subnet per zone, and a named build VPC with two private subnets', async () => {
    const vpcs = (await ec2().send(new DescribeVpcsCommand({}))).Vpcs ?? [];
    expect(vpcs).toHaveLength(2);
    const defaultVpc = vpcs.find((v) => v.IsDefault)!;
    expect(defaultVpc.CidrBlock).toBe('172.31.0.0/16');
    const buildVpc = vpcs.find((v) => !v.IsDefault)!;
    expect(nameOf(buildVpc.Tags)).toBe(NETWORK_FIXTURE.buildVpcName);

    const subnets = (await ec2().send(new DescribeSubnetsCommand({}))).Subnets ?? [];
    const defaults = subnets.filter((s) => s.VpcId === defaultVpc.VpcId);
    expect(defaults.map((s) => s.AvailabilityZone).sort()).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    expect(defaults.every((s) => s.DefaultForAz && s.MapPublicIpOnLaunch)).toBe(true);
    const named = subnets.filter((s) => s.VpcId === buildVpc.VpcId).map((s) => nameOf(s.Tags));
    expect(named.sort()).toEqual([...NETWORK_FIXTURE.buildSubnetNames]);

    const filtered = (await ec2().send(new DescribeSubnetsCommand({ Filters: [{ Name: 'tag:Name', Values: ['build-private-*'] }] }))).Subnets ?? [];
    expect(filtered.every((s) => s.VpcId === buildVpc.VpcId)).toBe(true);
    expect(filtered).toHaveLength(2);
  });

  it('gives each account and region its own ids, the same on every call', async () => {
    const ids = async (account: string, region: string) => ((await ec2(account, region).send(new DescribeSubnetsCommand({}))).Subnets ?? []).map((s) => s.SubnetId).sort();
    const first = await ids(OWNER, REGION);
    expect(await ids(OWNER, REGION)).toEqual(first);
    expect(await ids(OWNER, 'us-west-2')).not.toEqual(first);
    expect(await ids('globex-dev', REGION)).not.toEqual(first);
  });

  it('names a missing subnet, security group or key pair in its error', async () => {
    expect(await errorOf(ec2().send(new DescribeSubnetsCommand({ SubnetIds: ['subnet-0123456789abcdef0'] })))).toEqual({
      name: 'InvalidSubnetID.NotFound',
      message: "The subnet ID 'subnet-0123456789abcdef0' does not exist",
    });
    expect((await errorOf(ec2().send(new DescribeSecurityGroupsCommand({ GroupIds: ['sg-0123456789abcdef0'] })))).name).toBe('InvalidGroup.NotFound');
    expect((await errorOf(ec2().send(new DescribeSecurityGroupsCommand({ GroupIds: ['nope'] })))).name).toBe('InvalidGroupId.Malformed');
    expect(await errorOf(ec2().send(new DescribeKeyPairsCommand({ KeyNames: ['missing-key'] })))).toEqual({
      name: 'InvalidKeyPair.NotFound',
      message: "The key pair 'missing-key' does not exist",
    });
  });

  it('lists security groups per VPC and key pairs by name', async () => {
    const buildVpc = ((await ec2().send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['false'] }] }))).Vpcs ?? [])[0]!;
    const groups = (await ec2().send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [buildVpc.VpcId!] }] }))).SecurityGroups ?? [];
    expect(groups.map((g) => g.GroupName).sort()).toEqual(['default', NETWORK_FIXTURE.buildSecurityGroupName, NETWORK_FIXTURE.sshSecurityGroupName].sort());
    const byName = (await ec2().send(new DescribeSecurityGroupsCommand({ GroupNames: ['default'] }))).SecurityGroups ?? [];
    expect(byName).toHaveLength(1);
    expect(byName[0]!.VpcId).not.toBe(buildVpc.VpcId);

    const keys = (await ec2().send(new DescribeKeyPairsCommand({}))).KeyPairs ?? [];
    expect(keys.map((k) => k.KeyName)).toEqual([...NETWORK_FIXTURE.keyPairNames]);
    expect(keys.every((k) => /^key-0[0-9a-f]{16}$/.test(k.KeyPairId ?? ''))).toBe(true);
  });
});

describe('Image Builder infrastructure', () => {
  it('keeps the subnet, security groups, key pair, S3 logging and SNS topic', async () => {
    const subnet = ((await ec2().send(new DescribeSubnetsCommand({ Filters: [{ Name: 'tag:Name', Values: ['build-private-a'] }] }))).Subnets ?? [])[0]!;
    const group = ((await ec2().send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'group-name', Values: [NETWORK_FIXTURE.buildSecurityGroupName] }] }))).SecurityGroups ?? [])[0]!;
    const topic = `arn:aws:sns:${REGION}:${identity(OWNER).accountId}:image-builds`;
    const created = await ib().send(
      new CreateInfrastructureConfigurationCommand({
        name: 'infra-in-build-vpc',
        instanceProfileName: 'EC2InstanceProfileForImageBuilder',
        instanceTypes: ['m6i.large', 'm5.large'],
        subnetId: subnet.SubnetId,
        securityGroupIds: [group.GroupId!],
        keyPair: 'build-debug',
        logging: { s3Logs: { s3BucketName: 'acme-build-logs', s3KeyPrefix: 'image-builder/' } },
        snsTopicArn: topic,
        terminateInstanceOnFailure: false,
      }),
    );
    const read = (await ib().send(new GetInfrastructureConfigurationCommand({ infrastructureConfigurationArn: created.infrastructureConfigurationArn }))).infrastructureConfiguration!;
    expect(read).toMatchObject({
      subnetId: subnet.SubnetId,
      securityGroupIds: [group.GroupId],
      keyPair: 'build-debug',
      logging: { s3Logs: { s3BucketName: 'acme-build-logs', s3KeyPrefix: 'image-builder/' } },
      snsTopicArn: topic,
      instanceTypes: ['m6i.large', 'm5.large'],
      terminateInstanceOnFailure: false,
    });
  });

  it('refuses security groups without a subnet, and a malformed SNS topic or bucket', async () => {
    const base = { instanceProfileName: 'EC2InstanceProfileForImageBuilder', instanceTypes: ['t3.medium'] };
    const noSubnet = await errorOf(ib().send(new CreateInfrastructureConfigurationCommand({ ...base, name: 'sg-alone', securityGroupIds: ['sg-0123456789abcdef0'] })));
    expect(noSubnet.name).toBe('InvalidParameterCombinationException');
    expect(noSubnet.message).toMatch(/subnetId/);
    const topic = await errorOf(ib().send(new CreateInfrastructureConfigurationCommand({ ...base, name: 'bad-topic', snsTopicArn: 'arn:aws:sqs:us-east-1:123456789012:q' })));
    expect(topic.name).toBe('InvalidParameterValueException');
    const bucket = await errorOf(ib().send(new CreateInfrastructureConfigurationCommand({ ...base, name: 'bad-bucket', logging: { s3Logs: { s3BucketName: 'Not_A_Bucket' } } })));
    expect(bucket.name).toBe('InvalidParameterValueException');
  });
});

describe('Image Builder distribution', () => {
  const org = 'arn:aws:organizations::111122223333:organization/o-abcdefghij';
  const ou = 'arn:aws:organizations::111122223333:ou/o-abcdefghij/ou-ab12-cdefghij';

  it('keeps organization and OU shares, the KMS key, AMI tags and launch-template updates per region', async () => {
    const key = `arn:aws:kms:us-west-2:${identity(OWNER).accountId}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
    const created = await ib().send(
      new CreateDistributionConfigurationCommand({
        name: 'org-wide',
        distributions: [
          { region: REGION, amiDistributionConfiguration: { name: 'org-{{ imagebuilder:buildDate }}', launchPermission: { organizationArns: [org] } } },
          {
            region: 'us-west-2',
            amiDistributionConfiguration: {
              name: 'org-{{ imagebuilder:buildDate }}',
              kmsKeyId: key,
              amiTags: { Team: 'platform' },
              launchPermission: { organizationalUnitArns: [ou] },
            },
            launchTemplateConfigurations: [{ launchTemplateId: 'lt-0123456789abcdef0', accountId: identity(OWNER).accountId, setDefaultVersion: true }],
          },
        ],
      }),
    );
    const read = (await ib().send(new GetDistributionConfigurationCommand({ distributionConfigurationArn: created.distributionConfigurationArn }))).distributionConfiguration!;
    const [east, west] = read.distributions!;
    expect(east!.amiDistributionConfiguration!.launchPermission).toMatchObject({ organizationArns: [org] });
    expect(east!.launchTemplateConfigurations).toBeUndefined();
    expect(west!.amiDistributionConfiguration).toMatchObject({ kmsKeyId: key, amiTags: { Team: 'platform' }, launchPermission: { organizationalUnitArns: [ou] } });
    expect(west!.launchTemplateConfigurations).toEqual([{ launchTemplateId: 'lt-0123456789abcdef0', accountId: identity(OWNER).accountId, setDefaultVersion: true }]);
  });

  it('refuses a malformed OU ARN, launch template id or KMS key', async () => {
    const one = (extra: object, ami: object = {}) =>
      errorOf(
        ib().send(
          new CreateDistributionConfigurationCommand({
            name: `bad-${Date.now()}`,
            distributions: [{ region: REGION, amiDistributionConfiguration: { name: 'x-{{ imagebuilder:buildDate }}', ...ami }, ...extra }],
          }),
        ),
      );
    expect((await one({}, { launchPermission: { organizationalUnitArns: ['ou-ab12-cdefghij'] } })).name).toBe('InvalidParameterValueException');
    expect((await one({ launchTemplateConfigurations: [{ launchTemplateId: 'lt-short' }] })).message).toMatch(/launch template/);
    expect((await one({}, { kmsKeyId: 'my key' })).message).toMatch(/KMS key/);
  });
});

describe('Image Builder launch-template updates', () => {
  it('gives each named launch template a new version with the run’s AMI, made default only when asked', async () => {
    const templateName = USAGE_FIXTURE.sharedAndUsedElsewhere.launchTemplateName;
    const [template] = (await ec2().send(new DescribeLaunchTemplatesCommand({ LaunchTemplateNames: [templateName] }))).LaunchTemplates ?? [];
    const [web] = (await ec2().send(new DescribeLaunchTemplatesCommand({ LaunchTemplateNames: [USAGE_FIXTURE.defaultAndLatestDiffer.launchTemplateName] }))).LaunchTemplates ?? [];
    const before = (await ec2().send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: template!.LaunchTemplateId, Versions: ['$Latest'] }))).LaunchTemplateVersions![0]!;
    const parent = ((await ec2().send(new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'state', Values: ['available'] }] }))).Images ?? []).find(
      (i) => i.Architecture === 'x86_64' && i.RootDeviceType === 'ebs' && !i.PlatformDetails?.includes('Windows'),
    );

    const recipe = await ib().send(new CreateImageRecipeCommand({ name: 'ci-runner-base', semanticVersion: '1.0.0', parentImage: parent!.ImageId, components: [{ componentArn: `arn:aws:imagebuilder:${REGION}:aws:component/update-linux/x.x.x` }] }));
    const infra = await ib().send(new CreateInfrastructureConfigurationCommand({ name: 'ci-runner-infra', instanceProfileName: 'EC2InstanceProfileForImageBuilder' }));
    const distribution = await ib().send(
      new CreateDistributionConfigurationCommand({
        name: 'ci-runner-distribution',
        distributions: [
          {
            region: REGION,
            amiDistributionConfiguration: { name: 'ci-runner-{{ imagebuilder:buildDate }}' },
            launchTemplateConfigurations: [
              { launchTemplateId: template!.LaunchTemplateId, setDefaultVersion: false },
              { launchTemplateId: web!.LaunchTemplateId, setDefaultVersion: true },
            ],
          },
        ],
      }),
    );
    const pipeline = await ib().send(
      new CreateImagePipelineCommand({
        name: 'ci-runner-pipeline',
        imageRecipeArn: recipe.imageRecipeArn,
        infrastructureConfigurationArn: infra.infrastructureConfigurationArn,
        distributionConfigurationArn: distribution.distributionConfigurationArn,
      }),
    );
    const { imageBuildVersionArn } = await ib().send(new StartImagePipelineExecutionCommand({ imagePipelineArn: pipeline.imagePipelineArn }));

    // Not before the run is done: a run that failed would leave the template as it was.
    emulator.advanceClock(5);
    const midway = (await ec2().send(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [template!.LaunchTemplateId!] }))).LaunchTemplates![0]!;
    expect(midway.LatestVersionNumber).toBe(before.VersionNumber);

    emulator.advanceClock(30);
    const { image } = await ib().send(new GetImageCommand({ imageBuildVersionArn }));
    expect(image?.state?.status).toBe('AVAILABLE');
    const ami = image!.outputResources!.amis![0]!.image;
    const after = (await ec2().send(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [template!.LaunchTemplateId!] }))).LaunchTemplates![0]!;
    expect(after.LatestVersionNumber).toBe(before.VersionNumber! + 1);
    expect(after.DefaultVersionNumber).toBe(template!.DefaultVersionNumber);
    const latest = (await ec2().send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: template!.LaunchTemplateId, Versions: ['$Latest'] }))).LaunchTemplateVersions![0]!;
    expect(latest.LaunchTemplateData?.ImageId).toBe(ami);
    // The rest of the template is the previous version's.
    expect(latest.LaunchTemplateData?.InstanceType).toBe(before.LaunchTemplateData?.InstanceType);

    const webAfter = (await ec2().send(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [web!.LaunchTemplateId!] }))).LaunchTemplates![0]!;
    expect(webAfter.LatestVersionNumber).toBe(web!.LatestVersionNumber! + 1);
    expect(webAfter.DefaultVersionNumber).toBe(webAfter.LatestVersionNumber);
    const webDefault = (await ec2().send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: web!.LaunchTemplateId, Versions: ['$Default'] }))).LaunchTemplateVersions![0]!;
    expect(webDefault.LaunchTemplateData?.ImageId).toBe(ami);
  });
});
