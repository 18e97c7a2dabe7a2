/**
 * Creating a pipeline with everything about where it builds and where its AMIs go, through the
 * core against the emulator: the wizard's choices (subnets by name with VPC and zone, security
 * groups, key pairs, launch templates), a pipeline created with them that reads back the same,
 * and a security group without a subnet refused in words before anything is created.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { imageBuilderState } from '../../emulator/world/imagebuilder-state';
import { NETWORK_FIXTURE } from '../../emulator/world/network';
import type { AppCore } from '../../electron/core/app-core';
import type { PipelineDraft } from '../../shared/imagebuilder';
import type { AccountSummary, Workspace } from '../../shared/model';
import { coreOver } from './core-fixture';

let emulator: RunningEmulator;
let core: AppCore;
let ws: Workspace;

const ACCOUNT = 'acme-staging';
const REGION = 'us-east-1';
const entry = (name: string): AccountSummary => ws.accounts.find((a) => a.name === name)!;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, imageBuildSeconds: 2 });
  core = coreOver(emulator, { maxAttempts: 2, jobPollMs: 100 });
  ws = await core.handlers['demo:open']({});
});

afterAll(async () => {
  await core?.close();
  await emulator?.close();
});

/** A minimal valid pipeline in the account and region, to add to. */
async function baseDraft(name: string): Promise<PipelineDraft> {
  const account = entry(ACCOUNT);
  const components = await core.handlers['builder:components']({ account: account.id, region: REGION });
  const build = components.find((c) => c.owner === 'Amazon' && c.type === 'BUILD')!;
  const parent = emulator.world.imagesIn(REGION).find((i) => i.ownerId === account.awsAccountId && i.state === 'available')!;
  return {
    account: account.id,
    region: REGION,
    name,
    description: '',
    parentImage: parent.imageId,
    recipeVersion: '1.0.0',
    components: [build.arn],
    tests: [],
    instanceProfileName: 'EC2InstanceProfileForImageBuilder',
    instanceTypes: ['m6i.large'],
    terminateInstanceOnFailure: true,
    regions: [REGION],
    amiName: `${name}-{{ imagebuilder:buildDate }}`,
    shareWithAccounts: [],
    schedule: null,
  };
}

describe('the wizard’s network choices', () => {
  it('lists subnets by name with their VPC and zone, security groups, key pairs and launch templates', async () => {
    const choices = await core.handlers['builder:networkChoices']({ account: entry(ACCOUNT).id, region: REGION });
    // Named subnets first, with the VPC's name.
    expect(choices.subnets.slice(0, 2).map((s) => [s.name, s.vpcName, s.availabilityZone])).toEqual([
      ['build-private-a', NETWORK_FIXTURE.buildVpcName, 'us-east-1a'],
      ['build-private-b', NETWORK_FIXTURE.buildVpcName, 'us-east-1b'],
    ]);
    expect(choices.subnets.filter((s) => s.defaultForAz).map((s) => s.vpcName)).toEqual(['default VPC', 'default VPC', 'default VPC']);
    expect(choices.securityGroups.map((g) => g.name)).toContain(NETWORK_FIXTURE.buildSecurityGroupName);
    expect(choices.keyPairs.map((k) => k.name)).toEqual([...NETWORK_FIXTURE.keyPairNames]);
    const templates = emulator.world.usage.launchTemplates.in(entry(ACCOUNT).awsAccountId!, REGION);
    expect(templates.length).toBeGreaterThan(0);
    expect(choices.launchTemplates.map((t) => t.id).sort()).toEqual(templates.map((t) => t.launchTemplateId).sort());
  });
});

describe('creating a pipeline', () => {
  it('with subnet, security group, key pair, S3 logging, SNS, organization and OU shares, a KMS key and a launch-template update reads back the same', async () => {
    const account = entry(ACCOUNT);
    const choices = await core.handlers['builder:networkChoices']({ account: account.id, region: REGION });
    const subnet = choices.subnets.find((s) => s.name === 'build-private-a')!;
    const group = choices.securityGroups.find((g) => g.name === NETWORK_FIXTURE.buildSecurityGroupName && g.vpcId === subnet.vpcId)!;
    const template = choices.launchTemplates[0]!;
    const westKey = (await core.handlers['kms:keys']({ account: account.id, region: 'us-west-2' })).find((k) => k.keyManager === 'CUSTOMER')!;
    expect(westKey).toBeDefined();
    const topic = `arn:aws:sns:${REGION}:${account.awsAccountId}:image-builds`;
    const org = 'arn:aws:organizations::111122223333:organization/o-abcdefghij';
    const ou = 'arn:aws:organizations::111122223333:ou/o-abcdefghij/ou-ab12-cdefghij';
    const target = entry('globex-dev').awsAccountId!;

    const draft: PipelineDraft = {
      ...(await baseDraft('fully-placed')),
      regions: [REGION, 'us-west-2'],
      shareWithAccounts: [target],
      subnetId: subnet.id,
      securityGroupIds: [group.id],
      keyPair: 'build-debug',
      s3Logs: { bucket: 'acme-build-logs', prefix: 'pipelines/' },
      snsTopicArn: topic,
      regionSettings: [
        { region: REGION, targetAccountIds: [], userIds: [], organizationArns: [org], organizationalUnitArns: [], kmsKeyId: null, launchTemplates: [{ launchTemplateId: template.id, accountId: null, setDefaultVersion: true }], amiTags: {} },
        { region: 'us-west-2', targetAccountIds: [target], userIds: [], organizationArns: [], organizationalUnitArns: [ou], kmsKeyId: westKey.arn, launchTemplates: [{ launchTemplateId: 'lt-0123456789abcdef0', accountId: target, setDefaultVersion: false }], amiTags: { Team: 'platform' } },
      ],
    };
    const created = await core.handlers['builder:create']({ ...draft, confirmations: {} });
    const detail = await core.handlers['builder:pipeline']({ account: account.id, region: REGION, arn: created.pipelineArn });

    expect(detail.infrastructure).toMatchObject({
      subnetId: subnet.id,
      securityGroupIds: [group.id],
      keyPair: 'build-debug',
      s3Logs: { bucket: 'acme-build-logs', prefix: 'pipelines/' },
      snsTopicArn: topic,
    });
    const [east, west] = detail.distribution!.regions;
    expect(east).toMatchObject({
      region: REGION,
      launchPermission: { userIds: [target], organizationArns: [org], organizationalUnitArns: [] },
      kmsKeyId: null,
      launchTemplates: [{ launchTemplateId: template.id, accountId: null, setDefaultVersion: true }],
    });
    expect(west).toMatchObject({
      region: 'us-west-2',
      targetAccountIds: [target],
      launchPermission: { userIds: [target], organizationalUnitArns: [ou] },
      kmsKeyId: westKey.arn,
      amiTags: { Team: 'platform' },
      // A template of the account the AMI is copied to: its copy goes into it.
      launchTemplates: [{ launchTemplateId: 'lt-0123456789abcdef0', accountId: target, setDefaultVersion: false }],
    });
  });

  it('builds from an ssm: parameter holding an AMI id; one that does not exist is refused by Image Builder in words', async () => {
    const account = entry(ACCOUNT);
    const parameter = emulator.world.usage.parameters.in(account.awsAccountId!, REGION).find((p) => /^ami-/.test(p.value));
    expect(parameter, 'a Parameter Store parameter holding an AMI id in the account').toBeDefined();
    const created = await core.handlers['builder:create']({ ...(await baseDraft('from-ssm')), parentImage: `ssm:${parameter!.name}`, confirmations: {} });
    const detail = await core.handlers['builder:pipeline']({ account: account.id, region: REGION, arn: created.pipelineArn });
    expect(detail.recipe?.parentImage).toBe(`ssm:${parameter!.name}`);

    const error = await core.handlers['builder:create']({ ...(await baseDraft('from-nothing')), parentImage: 'ssm:/golden/nothing-here', confirmations: {} }).then(
      () => null,
      (e: unknown) => e as { message: string },
    );
    expect(error?.message).toContain("The parameter '/golden/nothing-here' does not exist in us-east-1");
    expect(error?.message).toContain(ACCOUNT);
  });

  it('refuses security groups without a subnet in words, naming the account and region, and creates nothing', async () => {
    const account = entry(ACCOUNT);
    const before = (await core.handlers['builder:pipelines']({ account: account.id, region: REGION })).length;
    const recipesBefore = imageBuilderState(emulator.world).recipes.length;
    const error = await core.handlers['builder:create']({ ...(await baseDraft('groups-alone')), securityGroupIds: ['sg-0123456789abcdef0'], confirmations: {} }).then(
      () => null,
      (e: unknown) => e as { code: string; message: string },
    );
    expect(error?.code).toBe('VALIDATION');
    expect(error?.message).toContain(ACCOUNT);
    expect(error?.message).toContain(REGION);
    expect(error?.message).toMatch(/Security groups need a subnet/);
    expect(error?.message).not.toMatch(/securityGroupIds|subnetId/);
    expect((await core.handlers['builder:pipelines']({ account: account.id, region: REGION })).length).toBe(before);
    expect(imageBuilderState(emulator.world).recipes.length).toBe(recipesBefore);
  });
});
