/**
 * Where AMIs are used, through the emulator with the real SDK clients (EC2, Auto Scaling, SSM)
 * over HTTP: DescribeInstances, DescribeLaunchTemplates/Versions, DescribeImageReferences (and
 * its absence from a region), DescribeAutoScalingGroups, DescribeLaunchConfigurations,
 * GetParametersByPath, DescribeParameters, GetParameters — paging, filters, errors, access —
 * and the seeded cases (used, unused, shared and used elsewhere) read the way the app reads them.
 */
import {
  AutoScalingClient,
  DescribeAutoScalingGroupsCommand,
  DescribeLaunchConfigurationsCommand,
  type AutoScalingGroup,
} from '@aws-sdk/client-auto-scaling';
import {
  DescribeImageReferencesCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  type DescribeInstancesCommandInput,
  type DescribeLaunchTemplateVersionsCommandInput,
  type ImageReference,
  type Instance,
  type LaunchTemplateVersion,
} from '@aws-sdk/client-ec2';
import {
  DescribeParametersCommand,
  GetParametersByPathCommand,
  GetParametersCommand,
  SSMClient,
  type DescribeParametersCommandInput,
  type GetParametersByPathCommandInput,
  type Parameter,
  type ParameterMetadata,
} from '@aws-sdk/client-ssm';
import { describe, expect, it } from 'vitest';
import {
  INSTANCE_STATE_CODES,
  USAGE_FIXTURE,
  createLargeWorld,
  startEmulator,
  type ImageRecord,
  type InstanceRecord,
  type LaunchTemplateRecord,
} from '../../emulator';
import { useEmulator } from './emulator-fixture';

const fx = useEmulator({ seed: 1 });
const { account, ec2 } = fx;

const EAST = 'us-east-1';
const STAGING = 'acme-staging';
const HUB = 'initech-shared-services';

const autoscaling = (accountName: string, region: string): AutoScalingClient =>
  new AutoScalingClient({ endpoint: fx.emulator.url, region, maxAttempts: 1, credentials: fx.credentials(accountName) });
const ssm = (accountName: string, region: string): SSMClient =>
  new SSMClient({ endpoint: fx.emulator.url, region, maxAttempts: 1, credentials: fx.credentials(accountName) });

interface Failure {
  name: string;
  status: number | undefined;
  message: string;
}

async function failure(promise: Promise<unknown>): Promise<Failure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      return { name: error.name, status, message: error.message };
    }
    throw error;
  }
  throw new Error('expected the call to fail');
}

const world = () => fx.emulator.world;
const instancesOf = (accountName: string, region: string): readonly InstanceRecord[] => world().usage.instances.in(account(accountName).accountId, region);
const templateNamed = (accountName: string, region: string, name: string): LaunchTemplateRecord => {
  const found = world().usage.launchTemplates.in(account(accountName).accountId, region).find((t) => t.name === name);
  if (!found) throw new Error(`no launch template ${name}`);
  return found;
};
const imageOf = (region: string, imageId: string): ImageRecord => {
  const found = world().image(region, imageId);
  if (!found) throw new Error(`no image ${imageId}`);
  return found;
};

async function allInstances(accountName: string, region: string, input: DescribeInstancesCommandInput = {}): Promise<Instance[]> {
  const client = ec2(accountName, region);
  const out: Instance[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(new DescribeInstancesCommand({ ...input, NextToken }));
    for (const r of page.Reservations ?? []) out.push(...(r.Instances ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}

async function allVersions(accountName: string, region: string, input: DescribeLaunchTemplateVersionsCommandInput): Promise<LaunchTemplateVersion[]> {
  const client = ec2(accountName, region);
  const out: LaunchTemplateVersion[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(new DescribeLaunchTemplateVersionsCommand({ ...input, NextToken }));
    out.push(...(page.LaunchTemplateVersions ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}

async function allReferences(accountName: string, region: string, imageIds: string[]): Promise<ImageReference[]> {
  const client = ec2(accountName, region);
  const out: ImageReference[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(new DescribeImageReferencesCommand({ ImageIds: imageIds, IncludeAllResourceTypes: true, NextToken }));
    out.push(...(page.ImageReferences ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}

async function allGroups(accountName: string, region: string): Promise<AutoScalingGroup[]> {
  const client = autoscaling(accountName, region);
  const out: AutoScalingGroup[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(new DescribeAutoScalingGroupsCommand({ NextToken }));
    out.push(...(page.AutoScalingGroups ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}

async function parametersByPath(accountName: string, region: string, input: GetParametersByPathCommandInput): Promise<{ parameters: Parameter[]; pages: number }> {
  const client = ssm(accountName, region);
  const parameters: Parameter[] = [];
  let NextToken: string | undefined;
  let pages = 0;
  do {
    const page = await client.send(new GetParametersByPathCommand({ ...input, NextToken }));
    parameters.push(...(page.Parameters ?? []));
    NextToken = page.NextToken;
    pages++;
  } while (NextToken);
  return { parameters, pages };
}

async function describedParameters(accountName: string, region: string, input: DescribeParametersCommandInput): Promise<ParameterMetadata[]> {
  const client = ssm(accountName, region);
  const out: ParameterMetadata[] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(new DescribeParametersCommand({ ...input, NextToken }));
    out.push(...(page.Parameters ?? []));
    NextToken = page.NextToken;
  } while (NextToken);
  return out;
}

describe('DescribeInstances', () => {
  it('answers the caller’s instances as reservations, with image, state, launch time and tags', async () => {
    const expected = instancesOf(STAGING, EAST);
    expect(expected.length).toBeGreaterThan(5);
    const page = await ec2(STAGING, EAST).send(new DescribeInstancesCommand({}));
    const instances = (page.Reservations ?? []).flatMap((r) => {
      expect(r.OwnerId).toBe(account(STAGING).accountId);
      expect(r.ReservationId).toMatch(/^r-0[0-9a-f]{16}$/);
      return r.Instances ?? [];
    });
    expect(instances.map((i) => i.InstanceId).sort()).toEqual(expected.map((i) => i.instanceId).sort());
    for (const record of expected) {
      const seen = instances.find((i) => i.InstanceId === record.instanceId);
      expect(seen).toMatchObject({
        ImageId: record.imageId,
        State: { Code: INSTANCE_STATE_CODES[record.state], Name: record.state },
        LaunchTime: new Date(record.launchTime),
        InstanceType: record.instanceType,
        Placement: { AvailabilityZone: record.availabilityZone },
      });
      expect(seen?.Tags).toEqual(record.tags.map((t) => ({ Key: t.key, Value: t.value })));
    }
    // Another account's instances are never listed.
    const other = await allInstances('acme-production', EAST);
    expect(other.some((i) => expected.some((e) => e.instanceId === i.InstanceId))).toBe(false);
  });

  it('filters by image-id, instance-state-name, instance-id and tags', async () => {
    const records = instancesOf(STAGING, EAST);
    const ci = records.filter((i) => i.tags.some((t) => t.key === 'aws:autoscaling:groupName' && t.value === USAGE_FIXTURE.sharedAndUsedElsewhere.autoScalingGroupName));
    const imageId = ci.find((i) => i.state === 'running')?.imageId ?? '';
    const byImage = await allInstances(STAGING, EAST, { Filters: [{ Name: 'image-id', Values: [imageId] }] });
    expect(byImage.map((i) => i.InstanceId).sort()).toEqual(records.filter((i) => i.imageId === imageId).map((i) => i.instanceId).sort());

    const running = await allInstances(STAGING, EAST, { Filters: [{ Name: 'instance-state-name', Values: ['running'] }] });
    expect(running.length).toBe(records.filter((i) => i.state === 'running').length);
    const notRunning = await allInstances(STAGING, EAST, { Filters: [{ Name: 'instance-state-name', Values: ['stopped', 'terminated'] }] });
    expect(notRunning.length + running.length).toBe(records.length);
    expect(notRunning.every((i) => i.State?.Name === 'terminated' || i.State?.Name === 'stopped')).toBe(true);

    const two = records.slice(0, 2).map((i) => i.instanceId);
    const byId = await allInstances(STAGING, EAST, { Filters: [{ Name: 'instance-id', Values: two }] });
    expect(byId.map((i) => i.InstanceId).sort()).toEqual([...two].sort());

    const tagged = await allInstances(STAGING, EAST, { Filters: [{ Name: 'tag:aws:autoscaling:groupName', Values: ['ci-*'] }] });
    expect(tagged.map((i) => i.InstanceId).sort()).toEqual(ci.map((i) => i.instanceId).sort());

    const both = await allInstances(STAGING, EAST, { Filters: [{ Name: 'image-id', Values: [imageId] }, { Name: 'instance-state-name', Values: ['terminated'] }] });
    expect(both).toEqual([]);
    expect((await failure(ec2(STAGING, EAST).send(new DescribeInstancesCommand({ Filters: [{ Name: 'colour', Values: ['blue'] }] })))).name).toBe('InvalidParameterValue');
  });

  it('pages with MaxResults / NextToken, each instance once', async () => {
    const client = ec2(STAGING, EAST);
    const seen: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const page = await client.send(new DescribeInstancesCommand({ MaxResults: 5, NextToken }));
      const ids = (page.Reservations ?? []).flatMap((r) => (r.Instances ?? []).map((i) => i.InstanceId ?? ''));
      expect(ids.length).toBeLessThanOrEqual(5);
      seen.push(...ids);
      NextToken = page.NextToken;
      pages++;
    } while (NextToken);
    expect(pages).toBe(Math.ceil(instancesOf(STAGING, EAST).length / 5));
    expect(new Set(seen).size).toBe(instancesOf(STAGING, EAST).length);

    const first = await client.send(new DescribeInstancesCommand({ MaxResults: 5 }));
    const other = await failure(client.send(new DescribeInstancesCommand({ MaxResults: 5, NextToken: first.NextToken, Filters: [{ Name: 'instance-state-name', Values: ['running'] }] })));
    expect(other.name).toBe('InvalidParameterValue');
    expect((await failure(client.send(new DescribeInstancesCommand({ MaxResults: 4 })))).name).toBe('InvalidParameterValue');
  });

  it('answers AWS’s errors for instance ids', async () => {
    const client = ec2(STAGING, EAST);
    const [own] = instancesOf(STAGING, EAST);
    const foreign = instancesOf('acme-production', EAST)[0]?.instanceId ?? '';
    const byId = await client.send(new DescribeInstancesCommand({ InstanceIds: [own?.instanceId ?? ''] }));
    expect(byId.Reservations?.[0]?.Instances?.[0]?.InstanceId).toBe(own?.instanceId);

    const missing = await failure(client.send(new DescribeInstancesCommand({ InstanceIds: [own?.instanceId ?? '', 'i-0123456789abcdef0', foreign] })));
    expect(missing).toMatchObject({ name: 'InvalidInstanceID.NotFound', status: 400 });
    expect(missing.message).toContain('i-0123456789abcdef0');
    expect(missing.message).toContain(foreign);
    expect(missing.message).not.toContain(own?.instanceId ?? '-');
    expect((await failure(client.send(new DescribeInstancesCommand({ InstanceIds: ['instance-1'] })))).name).toBe('InvalidInstanceID.Malformed');
    expect((await failure(client.send(new DescribeInstancesCommand({ InstanceIds: [own?.instanceId ?? ''], MaxResults: 5 })))).name).toBe('InvalidParameterCombination');
  });

  it('is refused as UnauthorizedOperation without permission, and in a region the account has not enabled', async () => {
    const id = account(STAGING).accountId;
    fx.emulator.denyAction(id, 'DescribeInstances', [EAST]);
    try {
      expect(await failure(ec2(STAGING, EAST).send(new DescribeInstancesCommand({})))).toMatchObject({ name: 'UnauthorizedOperation', status: 403 });
      await ec2(STAGING, 'us-west-2').send(new DescribeInstancesCommand({}));
    } finally {
      fx.emulator.allowAction(id, 'DescribeInstances');
    }
    expect((await failure(ec2(STAGING, 'af-south-1').send(new DescribeInstancesCommand({})))).name).toBe('AuthFailure');
  });
});

describe('DescribeLaunchTemplates', () => {
  const { launchTemplateName, defaultVersion } = USAGE_FIXTURE.defaultAndLatestDiffer;

  it('lists the caller’s templates with their default and latest version numbers, paged', async () => {
    const client = ec2(STAGING, EAST);
    const expected = world().usage.launchTemplates.in(account(STAGING).accountId, EAST);
    expect(expected.length).toBeGreaterThan(2);
    const names: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await client.send(new DescribeLaunchTemplatesCommand({ MaxResults: 1, NextToken }));
      expect(page.LaunchTemplates?.length).toBe(1);
      names.push(...(page.LaunchTemplates ?? []).map((t) => t.LaunchTemplateName ?? ''));
      NextToken = page.NextToken;
    } while (NextToken);
    expect(names.sort()).toEqual(expected.map((t) => t.name).sort());

    const template = templateNamed(STAGING, EAST, launchTemplateName);
    const out = await client.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateNames: [launchTemplateName] }));
    expect(out.LaunchTemplates).toEqual([
      expect.objectContaining({
        LaunchTemplateId: template.launchTemplateId,
        LaunchTemplateName: launchTemplateName,
        DefaultVersionNumber: defaultVersion,
        LatestVersionNumber: 3,
        CreatedBy: `arn:aws:iam::${account(STAGING).accountId}:user/${account(STAGING).userName}`,
        Tags: [{ Key: 'Team', Value: 'web' }],
      }),
    ]);
    const byId = await client.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [template.launchTemplateId] }));
    expect(byId.LaunchTemplates?.map((t) => t.LaunchTemplateName)).toEqual([launchTemplateName]);
    const filtered = await client.send(new DescribeLaunchTemplatesCommand({ Filters: [{ Name: 'launch-template-name', Values: ['checkout-*', 'ci-runner'] }] }));
    expect(filtered.LaunchTemplates?.map((t) => t.LaunchTemplateName).sort()).toEqual(['checkout-web', 'ci-runner']);
    const tagged = await client.send(new DescribeLaunchTemplatesCommand({ Filters: [{ Name: 'tag:Team', Values: ['platform'] }] }));
    expect(tagged.LaunchTemplates?.map((t) => t.LaunchTemplateName)).toEqual(['ci-runner']);
  });

  it('answers AWS’s errors for names and ids', async () => {
    const client = ec2(STAGING, EAST);
    const foreign = templateNamed('acme-production', EAST, 'acme-production-app').launchTemplateId;
    expect((await failure(client.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateNames: ['checkout-web', 'no-such-template'] })))).name).toBe(
      'InvalidLaunchTemplateName.NotFoundException',
    );
    expect((await failure(client.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: [foreign] })))).name).toBe('InvalidLaunchTemplateId.NotFound');
    expect((await failure(client.send(new DescribeLaunchTemplatesCommand({ LaunchTemplateIds: ['template-1'] })))).name).toBe('InvalidLaunchTemplateId.Malformed');
    expect((await failure(client.send(new DescribeLaunchTemplatesCommand({ MaxResults: 201 })))).name).toBe('InvalidParameterValue');
  });
});

describe('DescribeLaunchTemplateVersions', () => {
  const { launchTemplateName, defaultVersion } = USAGE_FIXTURE.defaultAndLatestDiffer;

  it('answers $Default and $Latest, every version newest first, and a range', async () => {
    const template = templateNamed(STAGING, EAST, launchTemplateName);
    const pair = await allVersions(STAGING, EAST, { LaunchTemplateName: launchTemplateName, Versions: ['$Default', '$Latest'] });
    expect(pair.map((v) => [v.VersionNumber, v.DefaultVersion, v.LaunchTemplateData?.ImageId])).toEqual([
      [3, false, template.versions[2]?.data.imageId],
      [2, true, template.versions[1]?.data.imageId],
    ]);
    const all = await allVersions(STAGING, EAST, { LaunchTemplateId: template.launchTemplateId });
    expect(all.map((v) => v.VersionNumber)).toEqual([3, 2, 1]);
    expect(all[2]).toMatchObject({
      LaunchTemplateId: template.launchTemplateId,
      LaunchTemplateName: launchTemplateName,
      VersionDescription: template.versions[0]?.description,
      CreateTime: new Date(template.versions[0]?.createTime ?? ''),
      LaunchTemplateData: { ImageId: template.versions[0]?.data.imageId, InstanceType: 'c6i.large', MetadataOptions: { HttpTokens: 'required' } },
    });
    expect(all[2]?.LaunchTemplateData?.SecurityGroupIds).toHaveLength(1);
    expect(all[2]?.LaunchTemplateData?.TagSpecifications).toEqual([{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: launchTemplateName }] }]);
    const range = await allVersions(STAGING, EAST, { LaunchTemplateName: launchTemplateName, MinVersion: '2', MaxVersion: '2' });
    expect(range.map((v) => v.VersionNumber)).toEqual([defaultVersion]);
    const onImage = await allVersions(STAGING, EAST, { LaunchTemplateName: launchTemplateName, Filters: [{ Name: 'image-id', Values: [template.versions[0]?.data.imageId ?? ''] }] });
    expect(onImage.map((v) => v.VersionNumber)).toEqual([1]);
    const isDefault = await allVersions(STAGING, EAST, { LaunchTemplateName: launchTemplateName, Filters: [{ Name: 'is-default-version', Values: ['true'] }] });
    expect(isDefault.map((v) => v.VersionNumber)).toEqual([defaultVersion]);
  });

  it('answers every template’s $Latest and $Default without naming one, and pages', async () => {
    const templates = world().usage.launchTemplates.in(account(STAGING).accountId, EAST);
    const latest = await allVersions(STAGING, EAST, { Versions: ['$Latest'] });
    expect(latest.map((v) => `${v.LaunchTemplateName}:${v.VersionNumber}`).sort()).toEqual(templates.map((t) => `${t.name}:${t.versions.length}`).sort());
    const both = await allVersions(STAGING, EAST, { Versions: ['$Latest', '$Default'] });
    const expected = templates.flatMap((t) => [...new Set([t.versions.length, t.defaultVersion])].map((n) => `${t.name}:${n}`));
    expect(both.map((v) => `${v.LaunchTemplateName}:${v.VersionNumber}`).sort()).toEqual(expected.sort());

    const batch = templateNamed('acme-production', EAST, 'acme-production-batch');
    const client = ec2('acme-production', EAST);
    const first = await client.send(new DescribeLaunchTemplateVersionsCommand({ LaunchTemplateId: batch.launchTemplateId, MaxResults: 5 }));
    expect(first.LaunchTemplateVersions?.map((v) => v.VersionNumber)).toEqual([12, 11, 10, 9, 8]);
    const paged = await allVersions('acme-production', EAST, { LaunchTemplateId: batch.launchTemplateId, MaxResults: 5 });
    expect(paged.map((v) => v.VersionNumber)).toEqual([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it('shows a `resolve:ssm:` ImageId as written, or the AMI it resolves to with ResolveAlias', async () => {
    const { launchTemplateName: canary, parameterName } = USAGE_FIXTURE.resolveSsm;
    const [asWritten] = await allVersions(STAGING, EAST, { LaunchTemplateName: canary, Versions: ['$Default'] });
    expect(asWritten?.LaunchTemplateData?.ImageId).toBe(`resolve:ssm:${parameterName}`);
    const [resolved] = await allVersions(STAGING, EAST, { LaunchTemplateName: canary, Versions: ['$Default'], ResolveAlias: true });
    const parameter = world().usage.parameters.in(account(STAGING).accountId, EAST).find((p) => p.name === parameterName);
    expect(resolved?.LaunchTemplateData?.ImageId).toBe(parameter?.value);
    expect(resolved?.LaunchTemplateData?.ImageId).toMatch(/^ami-/);
    // The instance launched from it runs the AMI the parameter named.
    const [instance] = await allInstances(STAGING, EAST, { Filters: [{ Name: 'tag:Name', Values: [USAGE_FIXTURE.resolveSsm.instanceName] }] });
    expect(instance?.ImageId).toBe(parameter?.value);
  });

  it('answers AWS’s errors', async () => {
    const client = ec2(STAGING, EAST);
    const template = templateNamed(STAGING, EAST, launchTemplateName);
    const send = (input: DescribeLaunchTemplateVersionsCommandInput) => failure(client.send(new DescribeLaunchTemplateVersionsCommand(input)));
    expect((await send({ LaunchTemplateName: 'no-such-template' })).name).toBe('InvalidLaunchTemplateName.NotFoundException');
    expect((await send({ LaunchTemplateId: 'lt-0123456789abcdef0' })).name).toBe('InvalidLaunchTemplateId.NotFound');
    expect((await send({ LaunchTemplateId: 'lt-x' })).name).toBe('InvalidLaunchTemplateId.Malformed');
    expect((await send({ LaunchTemplateId: template.launchTemplateId, Versions: ['9'] })).name).toBe('InvalidLaunchTemplateId.VersionNotFound');
    expect((await send({ LaunchTemplateId: template.launchTemplateId, LaunchTemplateName: launchTemplateName })).name).toBe('InvalidParameterCombination');
    expect((await send({ Versions: ['1'] })).name).toBe('InvalidParameterValue');
    expect((await send({})).name).toBe('MissingParameter');
    // Another account's template is not found, by name or by id.
    const foreign = templateNamed('acme-production', EAST, 'acme-production-app');
    expect((await send({ LaunchTemplateId: foreign.launchTemplateId })).name).toBe('InvalidLaunchTemplateId.NotFound');
  });
});

describe('DescribeImageReferences', () => {
  it('reports the caller’s own resources only: nothing for the owner of an AMI used in another account', async () => {
    const { ownerName, accountName, region, launchTemplateName } = USAGE_FIXTURE.sharedAndUsedElsewhere;
    const template = templateNamed(accountName, region, launchTemplateName);
    const imageId = template.versions[template.defaultVersion - 1]?.data.imageId ?? '';
    const refs = await allReferences(accountName, region, [imageId]);
    const instances = instancesOf(accountName, region).filter((i) => i.imageId === imageId);
    expect(refs.filter((r) => r.ResourceType === 'ec2:Instance').map((r) => r.Arn).sort()).toEqual(
      instances.map((i) => `arn:aws:ec2:${region}:${account(accountName).accountId}:instance/${i.instanceId}`).sort(),
    );
    expect(refs.filter((r) => r.ResourceType === 'ec2:LaunchTemplate').map((r) => r.Arn)).toEqual([
      `arn:aws:ec2:${region}:${account(accountName).accountId}:launch-template/${template.launchTemplateId}`,
    ]);
    expect(await allReferences(ownerName, region, [imageId])).toEqual([]);
  });

  it('reports parameters of data type aws:ec2:image and Image Builder recipes, not text parameters', async () => {
    const hub = account(HUB);
    const parameter = world().usage.parameters.in(hub.accountId, EAST).find((p) => p.name === '/golden/ubuntu-24.04/latest');
    const refs = await allReferences(HUB, EAST, [parameter?.value ?? '']);
    expect(refs.map((r) => r.ResourceType).sort()).toEqual(['imagebuilder:ImageRecipe', 'imagebuilder:ImageRecipe', 'ssm:Parameter']);
    expect(refs.find((r) => r.ResourceType === 'ssm:Parameter')?.Arn).toBe(`arn:aws:ssm:${EAST}:${hub.accountId}:parameter/golden/ubuntu-24.04/latest`);

    const { accountName, parameterName } = USAGE_FIXTURE.textParameter;
    const text = world().usage.parameters.in(account(accountName).accountId, EAST).find((p) => p.name === parameterName);
    expect(text?.dataType).toBe('text');
    const textRefs = await allReferences(accountName, EAST, [text?.value ?? '']);
    expect(textRefs.some((r) => r.ResourceType === 'ssm:Parameter')).toBe(false);
  });

  it('is an unknown action in a region that does not offer it, and comes back', async () => {
    const { accountName, region, launchTemplateName } = USAGE_FIXTURE.sharedAndUsedElsewhere;
    const template = templateNamed(accountName, region, launchTemplateName);
    const imageId = template.versions[0]?.data.imageId ?? '';
    fx.emulator.setActionUnavailable('DescribeImageReferences', [region]);
    try {
      const refused = await failure(ec2(accountName, region).send(new DescribeImageReferencesCommand({ ImageIds: [imageId], IncludeAllResourceTypes: true })));
      expect(refused).toMatchObject({ name: 'InvalidAction', status: 400 });
      expect(refused.message).toBe('The action DescribeImageReferences is not valid for this web service.');
      // The per-service calls the app falls back on still answer there.
      expect((await allInstances(accountName, region, { Filters: [{ Name: 'image-id', Values: [imageId] }] })).length).toBeGreaterThan(0);
      // Other regions still offer it.
      await ec2(accountName, 'us-west-2').send(new DescribeImageReferencesCommand({ ImageIds: [imageId], IncludeAllResourceTypes: true })).catch((e: unknown) => {
        expect((e as Error).name).toBe('InvalidAMIID.NotFound');
      });
    } finally {
      fx.emulator.setActionUnavailable('DescribeImageReferences', []);
    }
    expect((await allReferences(accountName, region, [imageId])).length).toBeGreaterThan(0);
  });

  it('can be unavailable from the start (startEmulator option)', async () => {
    const emulator = await startEmulator({ seed: 1, unavailableActions: { DescribeImageReferences: ['eu-central-1'] } });
    try {
      const id = emulator.identities.find((i) => i.accountName === 'globex-prod');
      const client = new DescribeImageReferencesCommand({ ImageIds: ['ami-0123456789abcdef0'], IncludeAllResourceTypes: true });
      const { EC2Client } = await import('@aws-sdk/client-ec2');
      const ec2Client = new EC2Client({ endpoint: emulator.url, region: 'eu-central-1', maxAttempts: 1, credentials: { accessKeyId: id?.accessKeyId ?? '', secretAccessKey: id?.secretAccessKey ?? '' } });
      expect((await failure(ec2Client.send(client))).name).toBe('InvalidAction');
    } finally {
      await emulator.close();
    }
  });
});

describe('DescribeAutoScalingGroups', () => {
  it('answers groups through a launch template, a mixed instances policy and a launch configuration', async () => {
    const shared = USAGE_FIXTURE.sharedAndUsedElsewhere;
    const template = templateNamed(shared.accountName, shared.region, shared.launchTemplateName);
    const out = await autoscaling(shared.accountName, shared.region).send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [shared.autoScalingGroupName] }));
    const [group] = out.AutoScalingGroups ?? [];
    const members = instancesOf(shared.accountName, shared.region).filter((i) => i.state === 'running' && i.tags.some((t) => t.value === shared.autoScalingGroupName));
    expect(group).toMatchObject({
      AutoScalingGroupName: shared.autoScalingGroupName,
      LaunchTemplate: { LaunchTemplateId: template.launchTemplateId, LaunchTemplateName: template.name, Version: '$Default' },
      MinSize: 1,
      MaxSize: 6,
      DesiredCapacity: members.length,
      HealthCheckType: 'EC2',
      LoadBalancerNames: [],
      TerminationPolicies: ['Default'],
    });
    expect(group?.AutoScalingGroupARN).toMatch(new RegExp(`^arn:aws:autoscaling:${shared.region}:${account(shared.accountName).accountId}:autoScalingGroup:[0-9a-f-]{36}:autoScalingGroupName/${shared.autoScalingGroupName}$`));
    expect(group?.Instances?.map((i) => i.InstanceId).sort()).toEqual(members.map((i) => i.instanceId).sort());
    expect(group?.Instances?.[0]).toMatchObject({ LifecycleState: 'InService', HealthStatus: 'Healthy', LaunchTemplate: { LaunchTemplateId: template.launchTemplateId, Version: String(template.defaultVersion) } });
    expect(group?.Tags).toContainEqual({ ResourceId: shared.autoScalingGroupName, ResourceType: 'auto-scaling-group', Key: 'Team', Value: 'platform', PropagateAtLaunch: true });

    const mixed = USAGE_FIXTURE.mixedInstances;
    const [workers] = (await autoscaling(mixed.accountName, mixed.region).send(new DescribeAutoScalingGroupsCommand({}))).AutoScalingGroups ?? [];
    expect(workers?.LaunchTemplate).toBeUndefined();
    expect(workers?.MixedInstancesPolicy).toMatchObject({
      LaunchTemplate: {
        LaunchTemplateSpecification: { LaunchTemplateName: mixed.launchTemplateName, Version: '$Default' },
        Overrides: [{ InstanceType: 'm6i.large' }, { InstanceType: 'm5.large' }],
      },
      InstancesDistribution: { OnDemandBaseCapacity: 1, OnDemandPercentageAboveBaseCapacity: 0, SpotAllocationStrategy: 'price-capacity-optimized' },
    });

    const lc = USAGE_FIXTURE.launchConfiguration;
    const [standby] = (await autoscaling(lc.accountName, lc.region).send(new DescribeAutoScalingGroupsCommand({}))).AutoScalingGroups ?? [];
    expect(standby).toMatchObject({ AutoScalingGroupName: lc.autoScalingGroupName, LaunchConfigurationName: lc.launchConfigurationName, DesiredCapacity: 0, Instances: [] });
  });

  it('leaves unknown names out, filters by tag and pages', async () => {
    const client = autoscaling(STAGING, EAST);
    const names = world().usage.autoScalingGroups.in(account(STAGING).accountId, EAST).map((g) => g.name).sort();
    expect(names.length).toBeGreaterThan(1);
    const some = await client.send(new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [names[0] ?? '', 'no-such-group'] }));
    expect(some.AutoScalingGroups?.map((g) => g.AutoScalingGroupName)).toEqual([names[0]]);
    const tagged = await client.send(new DescribeAutoScalingGroupsCommand({ Filters: [{ Name: 'tag:Team', Values: ['web', 'nobody'] }] }));
    expect(tagged.AutoScalingGroups?.map((g) => g.AutoScalingGroupName)).toEqual(['checkout-web']);
    const byKey = await client.send(new DescribeAutoScalingGroupsCommand({ Filters: [{ Name: 'tag-key', Values: ['Team'] }, { Name: 'tag-value', Values: ['platform'] }] }));
    expect(byKey.AutoScalingGroups?.map((g) => g.AutoScalingGroupName)).toEqual(['ci-runners']);

    const seen: string[] = [];
    let NextToken: string | undefined;
    do {
      const page = await client.send(new DescribeAutoScalingGroupsCommand({ MaxRecords: 1, NextToken }));
      expect(page.AutoScalingGroups?.length).toBe(1);
      seen.push(...(page.AutoScalingGroups ?? []).map((g) => g.AutoScalingGroupName ?? ''));
      NextToken = page.NextToken;
    } while (NextToken);
    expect(seen).toEqual(names);
    expect(await allGroups(STAGING, EAST)).toHaveLength(names.length);
  });

  it('answers Auto Scaling’s errors: ValidationError, InvalidNextToken, AccessDenied, InvalidAction', async () => {
    const client = autoscaling(STAGING, EAST);
    expect(await failure(client.send(new DescribeAutoScalingGroupsCommand({ MaxRecords: 101 })))).toMatchObject({ name: 'ValidationError', status: 400 });
    expect((await failure(client.send(new DescribeAutoScalingGroupsCommand({ NextToken: 'bogus' })))).name).toBe('InvalidNextToken');
    expect((await failure(client.send(new DescribeAutoScalingGroupsCommand({ Filters: [{ Name: 'colour', Values: ['blue'] }] })))).name).toBe('ValidationError');
    const id = account(STAGING).accountId;
    fx.emulator.denyAction(id, 'autoscaling:DescribeAutoScalingGroups');
    try {
      const denied = await failure(client.send(new DescribeAutoScalingGroupsCommand({})));
      expect(denied).toMatchObject({ name: 'AccessDenied', status: 403 });
      expect(denied.message).toContain(`User: arn:aws:iam::${id}:user/${account(STAGING).userName} is not authorized to perform: autoscaling:DescribeAutoScalingGroups`);
      // Only that action: launch configurations still answer.
      await client.send(new DescribeLaunchConfigurationsCommand({}));
    } finally {
      fx.emulator.allowAction(id, 'autoscaling:DescribeAutoScalingGroups');
    }
    fx.emulator.setActionUnavailable('autoscaling:DescribeLaunchConfigurations', [EAST]);
    try {
      expect((await failure(client.send(new DescribeLaunchConfigurationsCommand({})))).name).toBe('InvalidAction');
    } finally {
      fx.emulator.setActionUnavailable('autoscaling:DescribeLaunchConfigurations', []);
    }
    expect(await failure(autoscaling(STAGING, 'af-south-1').send(new DescribeAutoScalingGroupsCommand({})))).toMatchObject({ name: 'InvalidClientTokenId', status: 403 });
  });
});

describe('DescribeLaunchConfigurations', () => {
  it('answers the configuration’s ImageId, by name, paged', async () => {
    const lc = USAGE_FIXTURE.launchConfiguration;
    const record = world().usage.launchConfigurations.in(account(lc.accountName).accountId, lc.region)[0];
    const client = autoscaling(lc.accountName, lc.region);
    const out = await client.send(new DescribeLaunchConfigurationsCommand({ LaunchConfigurationNames: [lc.launchConfigurationName, 'gone-lc'], MaxRecords: 1 }));
    expect(out.LaunchConfigurations).toEqual([
      expect.objectContaining({
        LaunchConfigurationName: lc.launchConfigurationName,
        ImageId: record?.imageId,
        InstanceType: 'm5.large',
        CreatedTime: new Date(record?.createdTime ?? ''),
      }),
    ]);
    expect(out.NextToken).toBeUndefined();
    expect(imageOf(lc.region, record?.imageId ?? '').ownerId).toBe(account(lc.accountName).accountId);
    expect((await client.send(new DescribeLaunchConfigurationsCommand({}))).LaunchConfigurations).toHaveLength(1);
    expect((await autoscaling(STAGING, EAST).send(new DescribeLaunchConfigurationsCommand({}))).LaunchConfigurations).toEqual([]);
  });
});

describe('SSM parameters', () => {
  const { parameterPath, parameterNames } = USAGE_FIXTURE.hub;

  it('GetParametersByPath: one level, or every level with Recursive; AMI ids with data type aws:ec2:image; paged', async () => {
    const oneLevel = await parametersByPath(HUB, EAST, { Path: parameterPath });
    expect(oneLevel.parameters.map((p) => p.Name)).toEqual(['/golden/release-channel']);
    const recursive = await parametersByPath(HUB, EAST, { Path: parameterPath, Recursive: true, MaxResults: 2 });
    expect(recursive.parameters.map((p) => p.Name)).toEqual([...parameterNames].sort());
    expect(recursive.pages).toBe(2);
    const hub = account(HUB);
    const x86 = recursive.parameters.find((p) => p.Name === '/golden/al2023/x86_64/latest');
    const record = world().usage.parameters.in(hub.accountId, EAST).find((p) => p.name === x86?.Name);
    expect(x86).toMatchObject({
      Type: 'String',
      DataType: 'aws:ec2:image',
      Value: record?.value,
      Version: record?.version,
      ARN: `arn:aws:ssm:${EAST}:${hub.accountId}:parameter/golden/al2023/x86_64/latest`,
      LastModifiedDate: new Date(record?.lastModifiedDate ?? ''),
    });
    expect(imageOf(EAST, x86?.Value ?? '').name).toMatch(/^golden-al2023-\d/);
    const trailing = await parametersByPath(HUB, EAST, { Path: '/golden/al2023/', Recursive: false });
    expect(trailing.parameters.map((p) => p.Name).sort()).toEqual([]);
    const arm = await parametersByPath(HUB, EAST, { Path: '/golden/al2023/arm64' });
    expect(arm.parameters.map((p) => p.Name)).toEqual(['/golden/al2023/arm64/latest']);
    const root = await parametersByPath(HUB, EAST, { Path: '/', Recursive: true });
    expect(root.parameters).toHaveLength(parameterNames.length);
    const labelled = await parametersByPath(HUB, EAST, { Path: '/', Recursive: true, ParameterFilters: [{ Key: 'Label', Values: ['weekly'] }] });
    expect(labelled.parameters.map((p) => p.Name)).toEqual(['/golden/al2023/x86_64/latest']);
    // Another account's parameters are its own.
    expect((await parametersByPath(STAGING, EAST, { Path: parameterPath, Recursive: true })).parameters.map((p) => p.Name)).toEqual(['/golden/web/latest']);
  });

  it('SecureString values are decrypted only when asked', async () => {
    const path = { Path: '/platform/ci' };
    const [sealed] = (await parametersByPath(STAGING, EAST, path)).parameters;
    const [open] = (await parametersByPath(STAGING, EAST, { ...path, WithDecryption: true })).parameters;
    const record = world().usage.parameters.in(account(STAGING).accountId, EAST).find((p) => p.type === 'SecureString');
    expect(sealed).toMatchObject({ Type: 'SecureString', Name: record?.name });
    expect(sealed?.Value).not.toBe(record?.value);
    expect(open?.Value).toBe(record?.value);
  });

  it('GetParametersByPath refuses bad input as Systems Manager does', async () => {
    const client = ssm(HUB, EAST);
    expect(await failure(client.send(new GetParametersByPathCommand({ Path: '/golden', MaxResults: 11 })))).toMatchObject({ name: 'ValidationException', status: 400 });
    expect((await failure(client.send(new GetParametersByPathCommand({ Path: 'golden' })))).name).toBe('ValidationException');
    expect((await failure(client.send(new GetParametersByPathCommand({ Path: '/golden', ParameterFilters: [{ Key: 'Name', Values: ['x'] }] })))).name).toBe('InvalidFilterKey');
    expect((await failure(client.send(new GetParametersByPathCommand({ Path: '/golden', ParameterFilters: [{ Key: 'Type', Option: 'Contains', Values: ['String'] }] })))).name).toBe('InvalidFilterOption');
    expect((await failure(client.send(new GetParametersByPathCommand({ Path: '/golden', ParameterFilters: [{ Key: 'Type', Values: ['Number'] }] })))).name).toBe('InvalidFilterValue');
    const first = await client.send(new GetParametersByPathCommand({ Path: '/golden', Recursive: true, MaxResults: 1 }));
    expect((await failure(client.send(new GetParametersByPathCommand({ Path: '/', Recursive: true, NextToken: first.NextToken })))).name).toBe('InvalidNextToken');
  });

  it('DescribeParameters: ParameterFilters by data type, name, path and tier; the older Filters; paged', async () => {
    const images = await describedParameters(HUB, EAST, { ParameterFilters: [{ Key: 'DataType', Values: ['aws:ec2:image'] }], MaxResults: 1 });
    expect(images.map((p) => p.Name)).toEqual(parameterNames.filter((n) => n.endsWith('/latest')).sort());
    expect(images[0]).toMatchObject({ Type: 'String', Tier: 'Standard', DataType: 'aws:ec2:image', LastModifiedUser: `arn:aws:iam::${account(HUB).accountId}:user/${account(HUB).userName}` });
    const begins = await describedParameters(HUB, EAST, { ParameterFilters: [{ Key: 'Name', Option: 'BeginsWith', Values: ['/golden/al2023'] }] });
    expect(begins.map((p) => p.Name)).toEqual(['/golden/al2023/arm64/latest', '/golden/al2023/x86_64/latest']);
    const contains = await describedParameters(HUB, EAST, { ParameterFilters: [{ Key: 'Name', Option: 'Contains', Values: ['ubuntu'] }] });
    expect(contains.map((p) => p.Name)).toEqual(['/golden/ubuntu-24.04/latest']);
    const oneLevel = await describedParameters(HUB, EAST, { ParameterFilters: [{ Key: 'Path', Values: ['/golden'] }] });
    expect(oneLevel.map((p) => p.Name)).toEqual(['/golden/release-channel']);
    const recursive = await describedParameters(HUB, EAST, { ParameterFilters: [{ Key: 'Path', Option: 'Recursive', Values: ['/golden'] }, { Key: 'Tier', Values: ['Standard'] }] });
    expect(recursive).toHaveLength(parameterNames.length);
    const legacy = await describedParameters(STAGING, EAST, { Filters: [{ Key: 'Type', Values: ['SecureString'] }] });
    expect(legacy.map((p) => [p.Name, p.KeyId])).toEqual([['/platform/ci/registry-token', 'alias/aws/ssm']]);
    expect(await describedParameters(HUB, EAST, { Shared: true })).toEqual([]);
  });

  it('DescribeParameters refuses bad filters', async () => {
    const client = ssm(HUB, EAST);
    expect((await failure(client.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Label', Values: ['weekly'] }] })))).name).toBe('InvalidFilterKey');
    expect((await failure(client.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Path', Option: 'Equals', Values: ['/golden'] }] })))).name).toBe('InvalidFilterOption');
    expect((await failure(client.send(new DescribeParametersCommand({ ParameterFilters: [{ Key: 'Path', Values: ['golden'] }] })))).name).toBe('InvalidFilterValue');
    expect((await failure(client.send(new DescribeParametersCommand({ MaxResults: 51 })))).name).toBe('ValidationException');
    expect(
      (await failure(client.send(new DescribeParametersCommand({ Filters: [{ Key: 'Name', Values: ['/golden'] }], ParameterFilters: [{ Key: 'Type', Values: ['String'] }] })))).name,
    ).toBe('ValidationException');
  });

  it('GetParameters: by name, version and label; unknown ones in InvalidParameters', async () => {
    const hub = account(HUB);
    const x86 = world().usage.parameters.in(hub.accountId, EAST).find((p) => p.name === '/golden/al2023/x86_64/latest');
    const out = await ssm(HUB, EAST).send(
      new GetParametersCommand({
        Names: [
          '/golden/release-channel',
          `/golden/al2023/x86_64/latest:${x86?.version}`,
          '/golden/al2023/x86_64/latest:weekly',
          '/golden/al2023/x86_64/latest:1',
          '/golden/none',
          `arn:aws:ssm:${EAST}:${hub.accountId}:parameter/golden/ubuntu-24.04/latest`,
        ],
      }),
    );
    expect(out.Parameters?.map((p) => [p.Name, p.Selector])).toEqual([
      ['/golden/release-channel', undefined],
      ['/golden/al2023/x86_64/latest', `:${x86?.version}`],
      ['/golden/al2023/x86_64/latest', ':weekly'],
      ['/golden/ubuntu-24.04/latest', undefined],
    ]);
    expect(out.InvalidParameters).toEqual(['/golden/al2023/x86_64/latest:1', '/golden/none']);
    expect((await failure(ssm(HUB, EAST).send(new GetParametersCommand({ Names: Array.from({ length: 11 }, (_, i) => `/p${i}`) })))).name).toBe('ValidationException');
  });

  it('answers AccessDeniedException without permission, UnknownOperationException where an action is unavailable', async () => {
    const id = account(HUB).accountId;
    fx.emulator.denyAction(id, 'ssm:GetParametersByPath');
    try {
      const denied = await failure(ssm(HUB, EAST).send(new GetParametersByPathCommand({ Path: '/golden' })));
      expect(denied).toMatchObject({ name: 'AccessDeniedException', status: 400 });
      expect(denied.message).toContain('is not authorized to perform: ssm:GetParametersByPath');
      await ssm(HUB, EAST).send(new DescribeParametersCommand({}));
    } finally {
      fx.emulator.allowAction(id, 'ssm:GetParametersByPath');
    }
    fx.emulator.setActionUnavailable('ssm:DescribeParameters', [EAST]);
    try {
      expect((await failure(ssm(HUB, EAST).send(new DescribeParametersCommand({})))).name).toBe('UnknownOperationException');
    } finally {
      fx.emulator.setActionUnavailable('ssm:DescribeParameters', []);
    }
    expect((await failure(ssm(HUB, 'af-south-1').send(new DescribeParametersCommand({})))).name).toBe('UnrecognizedClientException');
  });
});

/**
 * The app's question for one AMI, answered with the per-service calls: in the owner account and
 * every account it is shared with, which instances run it, which launch template versions name
 * it, which groups launch it (through a template's version or a configuration), which
 * parameters hold it.
 */
interface Usage {
  account: string;
  kind: 'instance' | 'launch-template' | 'auto-scaling-group' | 'launch-configuration' | 'parameter';
  name: string;
  detail: string;
}

async function usageOf(imageId: string, region: string): Promise<Usage[]> {
  const image = imageOf(region, imageId);
  const out: Usage[] = [];
  const accounts = world().accounts.filter(
    (a) => a.accountId === image.ownerId || image.launchPermissions.some((p) => p.userId === a.accountId || p.organizationArn === a.organizationArn),
  );
  for (const a of accounts) {
    const instances = await allInstances(a.name, region, { Filters: [{ Name: 'image-id', Values: [imageId] }] });
    for (const i of instances) out.push({ account: a.name, kind: 'instance', name: i.Tags?.find((t) => t.Key === 'Name')?.Value ?? '', detail: i.State?.Name ?? '' });

    const templates = (await ec2(a.name, region).send(new DescribeLaunchTemplatesCommand({}))).LaunchTemplates ?? [];
    const namingVersions = new Map<string, LaunchTemplateVersion[]>();
    for (const t of templates) {
      const versions = await allVersions(a.name, region, { LaunchTemplateId: t.LaunchTemplateId, ResolveAlias: true });
      const naming = versions.filter((v) => v.LaunchTemplateData?.ImageId === imageId);
      if (naming.length === 0) continue;
      namingVersions.set(t.LaunchTemplateId ?? '', versions);
      const which = naming.map((v) => `${v.VersionNumber}${v.DefaultVersion ? ' default' : ''}${v.VersionNumber === t.LatestVersionNumber ? ' latest' : ''}`);
      out.push({ account: a.name, kind: 'launch-template', name: t.LaunchTemplateName ?? '', detail: which.join(', ') });
    }

    const configs = (await autoscaling(a.name, region).send(new DescribeLaunchConfigurationsCommand({}))).LaunchConfigurations ?? [];
    const namingConfigs = new Set(configs.filter((c) => c.ImageId === imageId).map((c) => c.LaunchConfigurationName));
    for (const name of namingConfigs) out.push({ account: a.name, kind: 'launch-configuration', name: name ?? '', detail: '' });
    for (const g of await allGroups(a.name, region)) {
      const spec = g.LaunchTemplate ?? g.MixedInstancesPolicy?.LaunchTemplate?.LaunchTemplateSpecification;
      const versions = spec ? namingVersions.get(spec.LaunchTemplateId ?? '') : undefined;
      const template = templates.find((t) => t.LaunchTemplateId === spec?.LaunchTemplateId);
      const number = spec?.Version === '$Latest' ? template?.LatestVersionNumber : spec?.Version === '$Default' ? template?.DefaultVersionNumber : Number(spec?.Version);
      const throughTemplate = versions?.some((v) => v.VersionNumber === number && v.LaunchTemplateData?.ImageId === imageId) ?? false;
      if (throughTemplate || namingConfigs.has(g.LaunchConfigurationName)) out.push({ account: a.name, kind: 'auto-scaling-group', name: g.AutoScalingGroupName ?? '', detail: spec?.Version ?? 'launch configuration' });
    }

    const parameters = await parametersByPath(a.name, region, { Path: '/', Recursive: true });
    for (const p of parameters.parameters.filter((x) => x.Value === imageId)) out.push({ account: a.name, kind: 'parameter', name: p.Name ?? '', detail: p.DataType ?? '' });
  }
  return out;
}

describe('the seeded where-used cases, read the way the app reads them', () => {
  it('an AMI shared with another account and used there by a group through a launch template, unused by its owner', async () => {
    const { ownerName, accountName, region, launchTemplateName, autoScalingGroupName } = USAGE_FIXTURE.sharedAndUsedElsewhere;
    const template = templateNamed(accountName, region, launchTemplateName);
    const imageId = template.versions[template.defaultVersion - 1]?.data.imageId ?? '';
    expect(imageOf(region, imageId).ownerId).toBe(account(ownerName).accountId);
    const usage = await usageOf(imageId, region);
    expect(usage.filter((u) => u.account === ownerName)).toEqual([]);
    expect(usage.filter((u) => u.kind !== 'instance')).toEqual(
      expect.arrayContaining([
        { account: accountName, kind: 'launch-template', name: launchTemplateName, detail: '2 default latest' },
        { account: accountName, kind: 'auto-scaling-group', name: autoScalingGroupName, detail: '$Default' },
      ]),
    );
    expect(usage.filter((u) => u.kind === 'instance' && u.detail === 'running')).toHaveLength(4);
  });

  it('an AMI used by a running instance in its owner account, and one used only by a stopped instance', async () => {
    const running = instancesOf('acme-production', EAST).find((i) => i.state === 'running');
    const runningUsage = await usageOf(running?.imageId ?? '', EAST);
    expect(runningUsage).toContainEqual({ account: 'acme-production', kind: 'instance', name: 'acme-production-app-1', detail: 'running' });

    const { accountName, region, imageNamePrefix, instanceName } = USAGE_FIXTURE.stoppedOnly;
    const lab = instancesOf(accountName, region).find((i) => i.tags.some((t) => t.key === 'Name' && t.value === instanceName));
    expect(imageOf(region, lab?.imageId ?? '').name.startsWith(imageNamePrefix)).toBe(true);
    expect(await usageOf(lab?.imageId ?? '', region)).toEqual([{ account: accountName, kind: 'instance', name: instanceName, detail: 'stopped' }]);
  });

  it('an AMI named only by a launch template version that is neither the default nor the latest', async () => {
    const { accountName, region, launchTemplateName } = USAGE_FIXTURE.defaultAndLatestDiffer;
    const template = templateNamed(accountName, region, launchTemplateName);
    const oldest = template.versions[0]?.data.imageId ?? '';
    expect(await usageOf(oldest, region)).toEqual([{ account: accountName, kind: 'launch-template', name: launchTemplateName, detail: '1' }]);
    // The default version's AMI runs in the group of the same name; the latest version's runs nowhere.
    const byDefault = await usageOf(template.versions[1]?.data.imageId ?? '', region);
    expect(byDefault).toContainEqual({ account: accountName, kind: 'auto-scaling-group', name: 'checkout-web', detail: '$Default' });
    expect(byDefault).toContainEqual({ account: accountName, kind: 'launch-template', name: 'web-canary', detail: '1 default latest' });
    expect(byDefault).toContainEqual({ account: accountName, kind: 'parameter', name: '/golden/web/latest', detail: 'aws:ec2:image' });
    expect(await usageOf(template.versions[2]?.data.imageId ?? '', region)).toEqual([{ account: accountName, kind: 'launch-template', name: launchTemplateName, detail: '3 latest' }]);
  });

  it('an AMI referenced by an SSM parameter, one launched by a group through a launch configuration, and unused ones', async () => {
    const hub = account(HUB);
    const x86 = world().usage.parameters.in(hub.accountId, EAST).find((p) => p.name === '/golden/al2023/x86_64/latest');
    expect(await usageOf(x86?.value ?? '', EAST)).toEqual([{ account: HUB, kind: 'parameter', name: '/golden/al2023/x86_64/latest', detail: 'aws:ec2:image' }]);

    const lc = USAGE_FIXTURE.launchConfiguration;
    const config = world().usage.launchConfigurations.in(account(lc.accountName).accountId, lc.region)[0];
    expect(await usageOf(config?.imageId ?? '', lc.region)).toEqual([
      { account: lc.accountName, kind: 'launch-configuration', name: lc.launchConfigurationName, detail: '' },
      { account: lc.accountName, kind: 'auto-scaling-group', name: lc.autoScalingGroupName, detail: 'launch configuration' },
    ]);

    // The hub's arm64 golden images other than the newest (and the one a member of its organization runs): shared widely, used nowhere.
    const member = USAGE_FIXTURE.organizationMember;
    const running = new Set(world().usage.instances.in(account(member.accountName).accountId, member.region).map((i) => i.imageId));
    const arm = world()
      .imagesIn(EAST)
      .filter((i) => i.ownerId === hub.accountId && i.state === 'available' && i.name.startsWith('golden-al2023-arm64-'))
      .sort((a, b) => (a.creationDate < b.creationDate ? 1 : -1));
    const unused = arm.slice(1).find((i) => !running.has(i.imageId));
    expect(unused?.launchPermissions.length).toBeGreaterThan(0);
    expect(await usageOf(unused?.imageId ?? '', EAST)).toEqual([]);
    expect(await allReferences(HUB, EAST, [unused?.imageId ?? ''])).toEqual([]);
  });

  it('agrees with DescribeImageReferences in every account and region that has usage', async () => {
    const scopes = new Set(world().imageReferences.map((r) => `${r.accountId} ${r.region}`));
    for (const scope of scopes) {
      const [accountId, region] = scope.split(' ') as [string, string];
      const name = world().accountById(accountId)?.name ?? '';
      const expected = world().imageReferences.filter((r) => r.accountId === accountId && r.region === region && (r.launchTemplateVersionDepth ?? 1) <= 10);
      const imageIds = [...new Set(expected.map((r) => r.imageId))];
      const refs = await allReferences(name, region, imageIds);
      expect(refs.map((r) => `${r.ImageId} ${r.ResourceType} ${r.Arn}`).sort()).toEqual(expected.map((r) => `${r.imageId} ${r.resourceType} ${r.arn}`).sort());
    }
  });
});

describe('the large world', () => {
  it('carries a little usage in every account and region, made on first use', async () => {
    const shape = { accounts: 5, regions: 2, imagesPerAccountRegion: 40 };
    const built = createLargeWorld(3, shape);
    const usage = built.usage;
    expect(usage.launchTemplates.all).toHaveLength(5 * 2);
    expect(usage.parameters.all).toHaveLength(5 * 2);
    expect(usage.autoScalingGroups.all).toHaveLength(2);
    for (const i of usage.instances.all) {
      const image = built.image(i.region, i.imageId);
      expect(image?.state).toBe('available');
      expect(image?.ownerId === i.accountId || image?.launchPermissions.some((p) => p.userId === i.accountId)).toBe(true);
    }
    expect(usage.instances.all.some((i) => built.image(i.region, i.imageId)?.ownerId !== i.accountId)).toBe(true);

    const emulator = await startEmulator({ seed: 3, world: shape });
    try {
      const expected = emulator.world.usage.instances.all;
      const [first] = expected;
      const id = emulator.identities.find((x) => x.accountId === first?.accountId);
      const { EC2Client } = await import('@aws-sdk/client-ec2');
      const client = new EC2Client({ endpoint: emulator.url, region: first?.region ?? '', maxAttempts: 1, credentials: { accessKeyId: id?.accessKeyId ?? '', secretAccessKey: id?.secretAccessKey ?? '' } });
      const out = await client.send(new DescribeInstancesCommand({}));
      const ids = (out.Reservations ?? []).flatMap((r) => (r.Instances ?? []).map((i) => i.InstanceId));
      expect(ids.sort()).toEqual(expected.filter((i) => i.accountId === first?.accountId && i.region === first.region).map((i) => i.instanceId).sort());
      // The same seed and shape give the same usage.
      expect(expected.map((i) => i.instanceId)).toEqual(usage.instances.all.map((i) => i.instanceId));
    } finally {
      await emulator.close();
    }
  });
});
