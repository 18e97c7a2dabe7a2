/**
 * The pipeline wizard's checks through the core, against the emulator over HTTP with the real
 * SDK: the base image as an AMI id, an Image Builder managed image ARN or an SSM parameter (found,
 * missing, of another platform than the chosen components), and the instance profile (complete,
 * missing a managed policy with the command that attaches it, missing, without a role).
 */
import { describe, expect, it } from 'vitest';
import { IMAGE_BUILDER_FIXTURES } from '../../emulator';
import type { BaseImageCheck, InstanceProfileCheck } from '../../shared/imagebuilder-checks';
import type { AccountSummary } from '../../shared/model';
import { useDemoCore } from './core-fixture';
import { regionLabel } from '../../shared/region-names';

/** A literal string as a RegExp source. */
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const demo = useDemoCore();
const { hub } = IMAGE_BUILDER_FIXTURES;
const REGION = hub.region;

const entry = (name: string): AccountSummary => demo.workspace.accounts.find((a) => a.name === name)!;
const hubAccount = () => entry(hub.accountName);

function baseImage(parentImage: string, components?: string[], region: string = REGION): Promise<BaseImageCheck> {
  return demo.core.handlers['builder:checkBaseImage']({ account: hubAccount().id, region, parentImage, ...(components ? { components } : {}) });
}

function profile(instanceProfileName: string, account = hubAccount()): Promise<InstanceProfileCheck> {
  return demo.core.handlers['builder:checkInstanceProfile']({ account: account.id, region: REGION, instanceProfileName });
}

const amazonComponent = (name: string, version: string) => `arn:aws:imagebuilder:${REGION}:aws:component/${name}/${version}/1`;

describe('base image', () => {
  it('an AMI the account owns is named with its architecture, platform and region', async () => {
    const own = demo.emulator.world.imagesIn(REGION).find((i) => i.ownerId === hubAccount().awsAccountId && i.state === 'available' && i.platform === null)!;
    const check = await baseImage(own.imageId);
    expect(check).toMatchObject({ ok: true, kind: 'ami', imageId: own.imageId, platform: 'Linux', architecture: own.architecture, name: own.name });
    expect(check.ok && check.summary).toBe(`${own.name} (${own.architecture}, Linux) in ${REGION}`);
  });

  it('an AMI that does not exist is named with the account and region, not accepted', async () => {
    const check = await baseImage('ami-0123456789abcdead');
    expect(check).toMatchObject({ ok: false, kind: 'ami', reason: 'not-found' });
    expect(!check.ok && check.message).toMatch(new RegExp(`^No AMI ami-0123456789abcdead in ${escape(regionLabel(REGION))} for ${hub.accountName}`));
  });

  it('an AMI typed in a region it is not in says which of the account’s regions has it', async () => {
    expect(hubAccount().defaultRegion).toBe(REGION);
    const own = demo.emulator.world.imagesIn(REGION).find((i) => i.ownerId === hubAccount().awsAccountId && i.state === 'available')!;
    const check = await baseImage(own.imageId, undefined, 'us-west-2');
    expect(check).toMatchObject({ ok: false, reason: 'not-found' });
    expect(!check.ok && check.message).toBe(`No AMI ${own.imageId} in US West (Oregon) us-west-2 for ${hub.accountName}: it is in ${regionLabel(REGION)}. Copy it to US West (Oregon) us-west-2 first, or create the pipeline in ${regionLabel(REGION)}.`);
  });

  it('an AMI of another region is not found in this one', async () => {
    const elsewhere = demo.emulator.world.imagesIn('eu-west-1').find((i) => i.ownerAlias === 'amazon' && i.state === 'available')!;
    const check = await baseImage(elsewhere.imageId);
    expect(check).toMatchObject({ ok: false, reason: 'not-found' });
  });

  it('text that is no image is refused in words', async () => {
    const check = await baseImage('ami-xyz');
    expect(check).toMatchObject({ ok: false, kind: null, reason: 'malformed' });
    expect(!check.ok && check.message).toMatch(/not an AMI id/);
    expect(await baseImage('ubuntu please')).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('a Windows AMI with Linux components chosen is refused, naming the components; with a Windows one it is fine', async () => {
    const windows = demo.emulator.world
      .imagesIn(REGION)
      .filter((i) => i.platform === 'windows' && i.state === 'available' && i.name.startsWith('Windows_Server-2022-English-Full-Base-'))
      .sort((a, b) => b.creationDate.localeCompare(a.creationDate))[0]!;
    expect(await baseImage(windows.imageId)).toMatchObject({ ok: true, platform: 'Windows' });
    const mixed = await baseImage(windows.imageId, [amazonComponent('update-linux', '1.0.2'), amazonComponent('update-windows', '1.0.1')]);
    expect(mixed).toMatchObject({ ok: false, reason: 'mismatch', platform: 'Windows' });
    expect(!mixed.ok && mixed.message).toMatch(/is a Windows image, but this chosen component is not: update-linux \(Linux\)/);
    expect(await baseImage(windows.imageId, [amazonComponent('update-windows', '1.0.1')])).toMatchObject({ ok: true, platform: 'Windows' });
  });

  it('an Amazon-managed image ARN with version wildcards is named with its newest version and the AMI it stands for', async () => {
    const check = await baseImage(`arn:aws:imagebuilder:${REGION}:aws:image/amazon-linux-2023-x86/x.x.x`);
    expect(check).toMatchObject({ ok: true, kind: 'managed', platform: 'Linux', architecture: 'x86_64', osVersion: 'Amazon Linux 2023', name: 'Amazon Linux 2023 x86 2025.4.0' });
    expect(check.ok && check.summary).toBe(`Amazon Linux 2023 x86 2025.4.0 (x86_64, Linux) in ${REGION}`);
    expect(check.ok && check.imageId).toMatch(/^ami-/);
    const windows = await baseImage(`arn:aws:imagebuilder:${REGION}:aws:image/windows-server-2022-english-full-base-x86/x.x.x`, [amazonComponent('update-linux', '1.0.2')]);
    expect(windows).toMatchObject({ ok: false, reason: 'mismatch', platform: 'Windows' });
  });

  it('a managed image of another region, or one Amazon does not publish, is refused', async () => {
    const other = await baseImage('arn:aws:imagebuilder:eu-west-1:aws:image/amazon-linux-2023-x86/x.x.x');
    expect(other).toMatchObject({ ok: false, reason: 'unusable' });
    expect(!other.ok && other.message).toContain(`arn:aws:imagebuilder:${REGION}:aws:image/amazon-linux-2023-x86/x.x.x`);
    const missing = await baseImage(`arn:aws:imagebuilder:${REGION}:aws:image/amazon-linux-2099-x86/x.x.x`);
    expect(missing).toMatchObject({ ok: false, reason: 'not-found' });
    expect(!missing.ok && missing.message).toBe(`No Amazon-managed image amazon-linux-2099-x86 in ${regionLabel(REGION)} for ${hub.accountName}.`);
  });

  it('an SSM parameter holding an AMI id is followed to its AMI; a missing one, or one holding something else, is refused', async () => {
    const parameter = '/golden/al2023/x86_64/latest';
    const value = demo.emulator.world.usage.parameters.in(hubAccount().awsAccountId!, REGION).find((p) => p.name === parameter)!.value;
    const check = await baseImage(`ssm:${parameter}`);
    expect(check).toMatchObject({ ok: true, kind: 'ssm', imageId: value, platform: 'Linux' });
    expect(check.ok && check.summary).toMatch(new RegExp(`in ${REGION}, from SSM parameter ${parameter}$`));

    const missing = await baseImage('ssm:/golden/nothing-here');
    expect(missing).toMatchObject({ ok: false, kind: 'ssm', reason: 'not-found' });
    expect(!missing.ok && missing.message).toBe(`No SSM parameter /golden/nothing-here in ${regionLabel(REGION)} for ${hub.accountName}.`);
    expect(await baseImage('ssm:/golden/release-channel')).toMatchObject({ ok: false, reason: 'unusable' });
  });
});

describe('instance profile', () => {
  it('a profile whose role has both managed policies is complete', async () => {
    const check = await profile('EC2InstanceProfileForImageBuilder');
    expect(check).toMatchObject({ status: 'ok', roleName: 'EC2InstanceProfileForImageBuilder', missing: [], fix: [] });
    expect(check.attached.sort()).toEqual(['AmazonSSMManagedInstanceCore', 'EC2InstanceProfileForImageBuilder']);
  });

  it('a role missing AmazonSSMManagedInstanceCore is reported with the command that attaches it', async () => {
    const check = await profile('ImageBuilderLegacyProfile');
    expect(check).toMatchObject({ status: 'missing-policies', roleName: 'ImageBuilderLegacyRole', attached: ['EC2InstanceProfileForImageBuilder'], missing: ['AmazonSSMManagedInstanceCore'] });
    expect(check.message).toMatch(/^Attach AmazonSSMManagedInstanceCore to role ImageBuilderLegacyRole/);
    expect(check.message).toContain(hub.accountName);
    expect(check.fix).toEqual(['aws iam attach-role-policy --role-name ImageBuilderLegacyRole --policy-arn arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore']);
  });

  it('a profile that does not exist, or holds no role, says so with the commands that make one', async () => {
    const missing = await profile('NoSuchBuildProfile');
    expect(missing.status).toBe('no-profile');
    expect(missing.message).toBe(`No instance profile NoSuchBuildProfile in ${hub.accountName}. Create it with a role that has EC2InstanceProfileForImageBuilder and AmazonSSMManagedInstanceCore:`);
    expect(missing.fix[0]).toBe('aws iam create-instance-profile --instance-profile-name NoSuchBuildProfile');
    expect(missing.fix).toContain('aws iam attach-role-policy --role-name NoSuchBuildProfile --policy-arn arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore');
    expect(missing.fix.at(-1)).toBe('aws iam add-role-to-instance-profile --instance-profile-name NoSuchBuildProfile --role-name NoSuchBuildProfile');

    const empty = await profile('ImageBuilderEmptyProfile');
    expect(empty).toMatchObject({ status: 'no-role', roleName: null });
    expect(empty.message).toMatch(/has no role/);
  });

  it('the seeded pipelines’ instance profiles exist and are complete', async () => {
    for (const f of Object.values(IMAGE_BUILDER_FIXTURES)) {
      const account = entry(f.accountName);
      const pipelines = await demo.core.handlers['builder:pipelines']({ account: account.id, region: f.region });
      const detail = await demo.core.handlers['builder:pipeline']({ account: account.id, region: f.region, arn: pipelines.find((p) => p.name === f.pipelineName)!.arn });
      expect(await profile(detail.infrastructure!.instanceProfileName, account)).toMatchObject({ status: 'ok' });
    }
  });
});
