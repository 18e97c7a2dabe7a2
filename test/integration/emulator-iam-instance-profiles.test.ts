/**
 * IAM's instance profile and role reads with the real IAM client, and GetImage of Amazon-managed
 * Image Builder images with the real Image Builder client: what the answers hold, AWS's errors
 * (NoSuchEntity, ValidationError, ResourceNotFoundException) and ListAttachedRolePolicies' paging.
 */
import { GetInstanceProfileCommand, GetRoleCommand, IAMClient, ListAttachedRolePoliciesCommand } from '@aws-sdk/client-iam';
import { GetImageCommand, ImagebuilderClient } from '@aws-sdk/client-imagebuilder';
import { describe, expect, it } from 'vitest';
import { errorName, useEmulator } from './emulator-fixture';

const fx = useEmulator();
const ACCOUNT = 'acme-staging';
const iam = () => new IAMClient({ endpoint: fx.emulator.url, region: 'us-east-1', maxAttempts: 1, credentials: fx.credentials(ACCOUNT) });
const imagebuilder = (region: string) => new ImagebuilderClient({ endpoint: fx.emulator.url, region, maxAttempts: 1, credentials: fx.credentials(ACCOUNT) });

describe('IAM instance profiles and roles', () => {
  it('GetInstanceProfile answers the profile with its role; GetRole the role', async () => {
    const accountId = fx.account(ACCOUNT).accountId;
    const out = await iam().send(new GetInstanceProfileCommand({ InstanceProfileName: 'ImageBuilderLegacyProfile' }));
    expect(out.InstanceProfile).toMatchObject({
      InstanceProfileName: 'ImageBuilderLegacyProfile',
      Path: '/',
      Arn: `arn:aws:iam::${accountId}:instance-profile/ImageBuilderLegacyProfile`,
    });
    expect(out.InstanceProfile!.InstanceProfileId).toMatch(/^AIPA[A-Z2-7]{17}$/);
    expect(out.InstanceProfile!.Roles!.map((r) => r.RoleName)).toEqual(['ImageBuilderLegacyRole']);
    expect(decodeURIComponent(out.InstanceProfile!.Roles![0]!.AssumeRolePolicyDocument!)).toContain('ec2.amazonaws.com');

    const empty = await iam().send(new GetInstanceProfileCommand({ InstanceProfileName: 'ImageBuilderEmptyProfile' }));
    expect(empty.InstanceProfile!.Roles).toEqual([]);

    const role = await iam().send(new GetRoleCommand({ RoleName: 'ImageBuilderLegacyRole' }));
    expect(role.Role).toMatchObject({ RoleName: 'ImageBuilderLegacyRole', Arn: `arn:aws:iam::${accountId}:role/ImageBuilderLegacyRole` });
    // The roles the access paths assume are there too.
    expect((await iam().send(new GetRoleCommand({ RoleName: 'OrganizationAccountAccessRole' }))).Role!.RoleName).toBe('OrganizationAccountAccessRole');
  });

  it('names that do not exist are NoSuchEntity; malformed ones ValidationError', async () => {
    expect(await errorName(iam().send(new GetInstanceProfileCommand({ InstanceProfileName: 'NotThere' })))).toBe('NoSuchEntityException');
    expect(await errorName(iam().send(new GetRoleCommand({ RoleName: 'NotThere' })))).toBe('NoSuchEntityException');
    expect(await errorName(iam().send(new ListAttachedRolePoliciesCommand({ RoleName: 'NotThere' })))).toBe('NoSuchEntityException');
    expect(await errorName(iam().send(new GetInstanceProfileCommand({ InstanceProfileName: 'has spaces' })))).toBe('ValidationError');
  });

  it('ListAttachedRolePolicies lists the managed policies, a page at a time', async () => {
    const all = await iam().send(new ListAttachedRolePoliciesCommand({ RoleName: 'EC2InstanceProfileForImageBuilder' }));
    expect(all.IsTruncated).toBe(false);
    expect(all.AttachedPolicies!.map((p) => p.PolicyArn).sort()).toEqual([
      'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
      'arn:aws:iam::aws:policy/EC2InstanceProfileForImageBuilder',
    ]);
    const first = await iam().send(new ListAttachedRolePoliciesCommand({ RoleName: 'EC2InstanceProfileForImageBuilder', MaxItems: 1 }));
    expect(first.IsTruncated).toBe(true);
    const second = await iam().send(new ListAttachedRolePoliciesCommand({ RoleName: 'EC2InstanceProfileForImageBuilder', MaxItems: 1, Marker: first.Marker }));
    expect(second.IsTruncated).toBe(false);
    expect([...first.AttachedPolicies!, ...second.AttachedPolicies!]).toEqual(all.AttachedPolicies);
    const legacy = await iam().send(new ListAttachedRolePoliciesCommand({ RoleName: 'ImageBuilderLegacyRole' }));
    expect(legacy.AttachedPolicies!.map((p) => p.PolicyName)).toEqual(['EC2InstanceProfileForImageBuilder']);
    expect(await errorName(iam().send(new ListAttachedRolePoliciesCommand({ RoleName: 'ImageBuilderLegacyRole', Marker: 'bm90LWEtbWFya2Vy' })))).toBe('InvalidInputException');
  });
});

describe('Amazon-managed Image Builder images', () => {
  it('a version ARN with wildcards answers the newest version, with its AMI in the region', async () => {
    const out = await imagebuilder('eu-west-1').send(new GetImageCommand({ imageBuildVersionArn: 'arn:aws:imagebuilder:eu-west-1:aws:image/amazon-linux-2023-x86/x.x.x' }));
    expect(out.image).toMatchObject({
      arn: 'arn:aws:imagebuilder:eu-west-1:aws:image/amazon-linux-2023-x86/2025.4.0/1',
      name: 'Amazon Linux 2023 x86',
      version: '2025.4.0/1',
      platform: 'Linux',
      osVersion: 'Amazon Linux 2023',
      imageSource: 'AMAZON_MANAGED',
    });
    const ami = out.image!.outputResources!.amis![0]!;
    expect(ami.region).toBe('eu-west-1');
    expect(fx.emulator.world.image('eu-west-1', ami.image!)).toMatchObject({ architecture: 'x86_64', state: 'available' });
    const older = await imagebuilder('eu-west-1').send(new GetImageCommand({ imageBuildVersionArn: 'arn:aws:imagebuilder:eu-west-1:aws:image/amazon-linux-2023-x86/2025.3.1/1' }));
    expect(older.image!.version).toBe('2025.3.1/1');
  });

  it('an image Amazon does not publish, or one of another region, is ResourceNotFoundException', async () => {
    expect(await errorName(imagebuilder('eu-west-1').send(new GetImageCommand({ imageBuildVersionArn: 'arn:aws:imagebuilder:eu-west-1:aws:image/amazon-linux-2099-x86/x.x.x' })))).toBe('ResourceNotFoundException');
    expect(await errorName(imagebuilder('eu-west-1').send(new GetImageCommand({ imageBuildVersionArn: 'arn:aws:imagebuilder:us-east-1:aws:image/amazon-linux-2023-x86/x.x.x' })))).toBe('ResourceNotFoundException');
  });
});
