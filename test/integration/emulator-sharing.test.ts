/**
 * Sharing images and snapshots through the emulator with the real EC2 client: both request
 * forms of ModifyImageAttribute / ModifySnapshotAttribute, what recipients then see, resets and
 * cancellations, block public access, and every rule AWS enforces, each reached through the
 * SDK's own error path.
 */
import {
  CancelImageLaunchPermissionCommand,
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  DescribeSnapshotAttributeCommand,
  DescribeSnapshotsCommand,
  DisableImageBlockPublicAccessCommand,
  EC2Client,
  EnableImageBlockPublicAccessCommand,
  GetImageBlockPublicAccessStateCommand,
  ModifyImageAttributeCommand,
  ModifySnapshotAttributeCommand,
  ResetImageAttributeCommand,
  ResetSnapshotAttributeCommand,
  type ImageBlockPublicAccessEnabledState,
  type LaunchPermission,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import {
  BLOCK_PUBLIC_ACCESS_FIXTURE,
  DEFAULT_SHARING_QUOTAS,
  PRODUCT_CODE_FIXTURE,
  type ImageRecord,
} from '../../emulator';
import { useEmulator } from './emulator-fixture';

const fx = useEmulator();
const { account, ec2, takeImage } = fx;

const plain = (i: ImageRecord): boolean =>
  i.launchPermissions.length === 0 &&
  i.productCodes.length === 0 &&
  i.rootDeviceType === 'ebs' &&
  i.blockDevices.every((d) => d.ebs === undefined || !d.ebs.encrypted);

async function launchPermissions(client: EC2Client, imageId: string): Promise<LaunchPermission[]> {
  const out = await client.send(new DescribeImageAttributeCommand({ ImageId: imageId, Attribute: 'launchPermission' }));
  return out.LaunchPermissions ?? [];
}

async function sees(client: EC2Client, imageId: string): Promise<boolean> {
  const shared = await client.send(new DescribeImagesCommand({ ExecutableUsers: ['self'], Filters: [{ Name: 'image-id', Values: [imageId] }] }));
  const byId = await client
    .send(new DescribeImagesCommand({ ImageIds: [imageId] }))
    .then((o) => (o.Images ?? []).length > 0)
    .catch((e: unknown) => {
      if (e instanceof Error && e.name === 'InvalidAMIID.NotFound') return false;
      throw e;
    });
  expect((shared.Images ?? []).length > 0).toBe(byId);
  return byId;
}

const STAGING = 'acme-staging';
const HOME = 'us-east-1';

describe('ModifyImageAttribute: sharing with accounts', () => {
  it('shares with an account (structure form); the recipient sees it by ExecutableUsers=self and by id', async () => {
    const image = takeImage(STAGING, HOME, plain);
    const owner = ec2(STAGING, HOME);
    const recipient = ec2('globex-prod', HOME);
    const recipientId = account('globex-prod').accountId;
    expect(await sees(recipient, image.imageId)).toBe(false);

    await owner.send(new ModifyImageAttributeCommand({ ImageId: image.imageId, LaunchPermission: { Add: [{ UserId: recipientId }] } }));
    expect(await launchPermissions(owner, image.imageId)).toEqual([{ UserId: recipientId }]);
    expect(await sees(recipient, image.imageId)).toBe(true);
    const executableBy = await owner.send(new DescribeImagesCommand({ ExecutableUsers: [recipientId], Owners: ['self'] }));
    expect((executableBy.Images ?? []).map((i) => i.ImageId)).toContain(image.imageId);

    // Adding it again and removing an account that was never there change nothing.
    await owner.send(new ModifyImageAttributeCommand({ ImageId: image.imageId, LaunchPermission: { Add: [{ UserId: recipientId }] } }));
    await owner.send(
      new ModifyImageAttributeCommand({ ImageId: image.imageId, LaunchPermission: { Remove: [{ UserId: '999999999999' }] } }),
    );
    expect(await launchPermissions(owner, image.imageId)).toEqual([{ UserId: recipientId }]);

    // The flat form removes it again.
    await owner.send(
      new ModifyImageAttributeCommand({ ImageId: image.imageId, Attribute: 'launchPermission', OperationType: 'remove', UserIds: [recipientId] }),
    );
    expect(await launchPermissions(owner, image.imageId)).toEqual([]);
    expect(await sees(recipient, image.imageId)).toBe(false);
  });

  it('shares with several accounts in the flat form (OperationType + UserId.N)', async () => {
    const image = takeImage(STAGING, HOME, plain);
    const owner = ec2(STAGING, HOME);
    const ids = [account('globex-dev').accountId, account('initech-sandbox').accountId];
    await owner.send(new ModifyImageAttributeCommand({ ImageId: image.imageId, Attribute: 'launchPermission', OperationType: 'add', UserIds: ids }));
    expect((await launchPermissions(owner, image.imageId)).map((p) => p.UserId).sort()).toEqual([...ids].sort());
    expect(await sees(ec2('initech-sandbox', HOME), image.imageId)).toBe(true);
  });

  it('shares with the organization: every member sees the image, outsiders do not', async () => {
    const image = takeImage(STAGING, HOME, plain);
    const owner = ec2(STAGING, HOME);
    const org = account(STAGING).organizationArn;
    await owner.send(
      new ModifyImageAttributeCommand({ ImageId: image.imageId, Attribute: 'launchPermission', OperationType: 'add', OrganizationArns: [org] }),
    );
    expect(await launchPermissions(owner, image.imageId)).toEqual([{ OrganizationArn: org }]);
    expect(await sees(ec2('acme-production', HOME), image.imageId)).toBe(true);
    expect(await sees(ec2('globex-prod', HOME), image.imageId)).toBe(false);

    await owner.send(new ModifyImageAttributeCommand({ ImageId: image.imageId, LaunchPermission: { Remove: [{ OrganizationArn: org }] } }));
    expect(await sees(ec2('acme-production', HOME), image.imageId)).toBe(false);
  });

  it('shares with an organizational unit: an account in that OU sees the image', async () => {
    const image = takeImage(STAGING, HOME, plain);
    const owner = ec2(STAGING, HOME);
    const prod = account('acme-production');
    const ou = prod.organizationalUnitArns[0];
    if (!ou) throw new Error('acme-production has no OU');
    await owner.send(new ModifyImageAttributeCommand({ ImageId: image.imageId, LaunchPermission: { Add: [{ OrganizationalUnitArn: ou }] } }));
    expect(await launchPermissions(owner, image.imageId)).toEqual([{ OrganizationalUnitArn: ou }]);
    expect(await sees(ec2('acme-production', HOME), image.imageId)).toBe(true);
    expect(await sees(ec2('initech-sandbox', HOME), image.imageId)).toBe(false);

    await owner.send(
      new ModifyImageAttributeCommand({ ImageId: image.imageId, Attribute: 'launchPermission', OperationType: 'remove', OrganizationalUnitArns: [ou] }),
    );
    expect(await launchPermissions(owner, image.imageId)).toEqual([]);
  });

  it('changes the description in both forms', async () => {
    const image = takeImage(STAGING, HOME, plain);
    const owner = ec2(STAGING, HOME);
    await owner.send(new ModifyImageAttributeCommand({ ImageId: image.imageId, Description: { Value: 'first' } }));
    let out = await owner.send(new DescribeImageAttributeCommand({ ImageId: image.imageId, Attribute: 'description' }));
    expect(out.Description?.Value).toBe('first');
    await owner.send(new ModifyImageAttributeCommand({ ImageId: image.imageId, Attribute: 'description', Value: 'second' }));
    out = await owner.send(new DescribeImageAttributeCommand({ ImageId: image.imageId, Attribute: 'description' }));
    expect(out.Description?.Value).toBe('second');
  });
});

describe('ModifyImageAttribute: validation and ownership', () => {
  it('refuses malformed account ids, groups and organization ARNs', async () => {
    const image = takeImage(STAGING, HOME, plain);
    const owner = ec2(STAGING, HOME);
    const send = (input: Omit<ConstructorParameters<typeof ModifyImageAttributeCommand>[0], 'ImageId'>) =>
      owner.send(new ModifyImageAttributeCommand({ ImageId: image.imageId, ...input }));

    await expect(send({ LaunchPermission: { Add: [{ UserId: '1234-5678-9012' }] } })).rejects.toMatchObject({
      name: 'InvalidAMIAttributeItemValue',
    });
    await expect(send({ Attribute: 'launchPermission', OperationType: 'add', UserIds: ['12345'] })).rejects.toMatchObject({
      name: 'InvalidAMIAttributeItemValue',
    });
    await expect(send({ Attribute: 'launchPermission', OperationType: 'add', UserGroups: ['everyone' as 'all'] })).rejects.toMatchObject({
      name: 'InvalidAMIAttributeItemValue',
    });
    await expect(send({ LaunchPermission: { Add: [{ OrganizationArn: 'arn:aws:organizations::123456789012:organization/bad' }] } })).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
    await expect(
      send({ Attribute: 'launchPermission', OperationType: 'add', OrganizationalUnitArns: ['arn:aws:organizations::123456789012:ou/o-abcdefghij/bad'] }),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    await expect(send({ UserIds: ['123456789012'] })).rejects.toMatchObject({ name: 'InvalidParameterCombination' });
    await expect(send({})).rejects.toMatchObject({ name: 'InvalidParameterCombination' });
    await expect(
      send({ Description: { Value: 'x' }, LaunchPermission: { Add: [{ UserId: '123456789012' }] } }),
    ).rejects.toMatchObject({ name: 'InvalidParameterCombination' });
    await expect(send({ Attribute: 'kernel', Value: 'aki-12345678' })).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    expect(await launchPermissions(owner, image.imageId)).toEqual([]);
  });

  it('lets only the owner modify: a recipient gets AuthFailure, a stranger InvalidAMIID.NotFound', async () => {
    const image = takeImage(STAGING, HOME, plain);
    const owner = ec2(STAGING, HOME);
    const recipientId = account('acme-production').accountId;
    await owner.send(new ModifyImageAttributeCommand({ ImageId: image.imageId, LaunchPermission: { Add: [{ UserId: recipientId }] } }));

    const change = new ModifyImageAttributeCommand({ ImageId: image.imageId, LaunchPermission: { Add: [{ Group: 'all' }] } });
    await expect(ec2('acme-production', HOME).send(change)).rejects.toMatchObject({ name: 'AuthFailure' });
    await expect(ec2('globex-dev', HOME).send(change)).rejects.toMatchObject({ name: 'InvalidAMIID.NotFound' });
    await expect(
      ec2('acme-production', HOME).send(new ResetImageAttributeCommand({ ImageId: image.imageId, Attribute: 'launchPermission' })),
    ).rejects.toMatchObject({ name: 'AuthFailure' });
    await expect(
      owner.send(new ModifyImageAttributeCommand({ ImageId: 'ami-nope', Description: { Value: 'x' } })),
    ).rejects.toMatchObject({ name: 'InvalidAMIID.Malformed' });
    expect(await launchPermissions(owner, image.imageId)).toEqual([{ UserId: recipientId }]);
  });
});

describe('making images public', () => {
  it('makes an image public and ResetImageAttribute makes it private again', async () => {
    const image = takeImage(STAGING, HOME, plain);
    const owner = ec2(STAGING, HOME);
    const stranger = ec2('globex-prod', HOME);
    await owner.send(new ModifyImageAttributeCommand({ ImageId: image.imageId, LaunchPermission: { Add: [{ Group: 'all' }] } }));
    const publicOnes = await stranger.send(new DescribeImagesCommand({ ExecutableUsers: ['all'], Owners: [image.ownerId] }));
    expect((publicOnes.Images ?? []).map((i) => i.ImageId)).toContain(image.imageId);
    expect((await stranger.send(new DescribeImagesCommand({ ImageIds: [image.imageId] }))).Images?.[0]?.Public).toBe(true);

    await owner.send(new ResetImageAttributeCommand({ ImageId: image.imageId, Attribute: 'launchPermission' }));
    expect(await launchPermissions(owner, image.imageId)).toEqual([]);
    await expect(stranger.send(new DescribeImagesCommand({ ImageIds: [image.imageId] }))).rejects.toMatchObject({
      name: 'InvalidAMIID.NotFound',
    });
  });

  it('refuses to make an image with encrypted snapshots public (UnsupportedOperation)', async () => {
    const image = takeImage(STAGING, HOME, (i) => i.blockDevices.some((d) => d.ebs?.encrypted === true));
    await expect(
      ec2(STAGING, HOME).send(
        new ModifyImageAttributeCommand({ ImageId: image.imageId, Attribute: 'launchPermission', OperationType: 'add', UserGroups: ['all'] }),
      ),
    ).rejects.toMatchObject({ name: 'UnsupportedOperation' });
    expect(fx.emulator.world.image(HOME, image.imageId)?.launchPermissions.some((p) => p.group === 'all')).toBe(false);
  });

  it('refuses to make an image with product codes public, but shares it with an account', async () => {
    const { accountName, region, imageName } = PRODUCT_CODE_FIXTURE;
    const image = takeImage(accountName, region, (i) => i.name === imageName);
    expect(image.productCodes.length).toBeGreaterThan(0);
    const owner = ec2(accountName, region);
    await expect(
      owner.send(new ModifyImageAttributeCommand({ ImageId: image.imageId, LaunchPermission: { Add: [{ Group: 'all' }] } })),
    ).rejects.toMatchObject({ name: 'UnsupportedOperation' });
    const prod = account('globex-prod').accountId;
    await owner.send(new ModifyImageAttributeCommand({ ImageId: image.imageId, LaunchPermission: { Add: [{ UserId: prod }] } }));
    expect(await sees(ec2('globex-prod', region), image.imageId)).toBe(true);
  });

  it('block public access: seeded on, refuses public sharing (OperationNotPermitted), can be turned off and on', async () => {
    const { accountName, region } = BLOCK_PUBLIC_ACCESS_FIXTURE;
    const client = ec2(accountName, region);
    expect((await client.send(new GetImageBlockPublicAccessStateCommand({}))).ImageBlockPublicAccessState).toBe('block-new-sharing');
    // Per account and region: the same account elsewhere, and another account here, are unblocked.
    expect((await ec2(accountName, 'us-west-2').send(new GetImageBlockPublicAccessStateCommand({}))).ImageBlockPublicAccessState).toBe(
      'unblocked',
    );
    expect((await ec2(STAGING, region).send(new GetImageBlockPublicAccessStateCommand({}))).ImageBlockPublicAccessState).toBe('unblocked');

    // The block stops new public sharing only: the account's community image stays public.
    const community = fx.emulator.world
      .imagesIn(region)
      .find((i) => i.ownerId === account(accountName).accountId && i.launchPermissions.some((p) => p.group === 'all'));
    expect(community).toBeDefined();
    const seen = await ec2('globex-prod', region).send(new DescribeImagesCommand({ ImageIds: [community?.imageId ?? ''] }));
    expect(seen.Images?.[0]?.Public).toBe(true);

    const image = takeImage(accountName, region, plain);
    const makePublic = new ModifyImageAttributeCommand({ ImageId: image.imageId, LaunchPermission: { Add: [{ Group: 'all' }] } });
    await expect(client.send(makePublic)).rejects.toMatchObject({ name: 'OperationNotPermitted' });
    // Sharing with an account is still allowed.
    await client.send(new ModifyImageAttributeCommand({ ImageId: image.imageId, LaunchPermission: { Add: [{ UserId: account(STAGING).accountId }] } }));

    expect((await client.send(new DisableImageBlockPublicAccessCommand({}))).ImageBlockPublicAccessState).toBe('unblocked');
    await client.send(makePublic);
    expect(await launchPermissions(client, image.imageId)).toContainEqual({ Group: 'all' });

    const enabled = await client.send(new EnableImageBlockPublicAccessCommand({ ImageBlockPublicAccessState: 'block-new-sharing' }));
    expect(enabled.ImageBlockPublicAccessState).toBe('block-new-sharing');
    expect((await client.send(new GetImageBlockPublicAccessStateCommand({}))).ImageBlockPublicAccessState).toBe('block-new-sharing');
    await expect(
      client.send(new EnableImageBlockPublicAccessCommand({ ImageBlockPublicAccessState: 'unblocked' as ImageBlockPublicAccessEnabledState })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    // Images already public stay public.
    expect(await launchPermissions(client, image.imageId)).toContainEqual({ Group: 'all' });
  });
});

describe('AWS-managed key snapshots', () => {
  it('refuses to share an image whose snapshots use the AWS-managed key (InvalidParameter)', async () => {
    const region = 'eu-central-1';
    const awsManaged = (i: ImageRecord): boolean =>
      i.blockDevices.some((d) => d.ebs?.kmsKeyId && fx.emulator.world.kmsKey(d.ebs.kmsKeyId)?.managedBy === 'aws');
    const image = takeImage('globex-prod', region, awsManaged);
    const owner = ec2('globex-prod', region);
    const dev = account('globex-dev');
    await expect(
      owner.send(new ModifyImageAttributeCommand({ ImageId: image.imageId, LaunchPermission: { Add: [{ UserId: dev.accountId }] } })),
    ).rejects.toMatchObject({ name: 'InvalidParameter' });
    await expect(
      owner.send(
        new ModifyImageAttributeCommand({ ImageId: image.imageId, Attribute: 'launchPermission', OperationType: 'add', OrganizationArns: [dev.organizationArn] }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameter' });
    expect(await launchPermissions(owner, image.imageId)).toEqual([]);
  });

  it('shares an image encrypted with a customer-managed key with another account', async () => {
    const region = 'eu-central-1';
    const customer = (i: ImageRecord): boolean =>
      i.launchPermissions.length === 0 &&
      i.blockDevices.some((d) => d.ebs?.kmsKeyId && fx.emulator.world.kmsKey(d.ebs.kmsKeyId)?.managedBy === 'customer');
    const image = takeImage('globex-prod', region, customer);
    const owner = ec2('globex-prod', region);
    const dev = account('globex-dev').accountId;
    await owner.send(new ModifyImageAttributeCommand({ ImageId: image.imageId, LaunchPermission: { Add: [{ UserId: dev }] } }));
    expect(await sees(ec2('globex-dev', region), image.imageId)).toBe(true);
  });
});

describe('quotas', () => {
  it('public images per region: ResourceLimitExceeded once the quota is reached', async () => {
    const owner = account(STAGING);
    const client = ec2(STAGING, HOME);
    const publicNow = fx.emulator.world
      .imagesIn(HOME)
      .filter((i) => i.ownerId === owner.accountId && i.state !== 'deregistered' && i.launchPermissions.some((p) => p.group === 'all')).length;
    fx.emulator.setSharingQuotas({ publicImagesPerRegion: publicNow + 1 });
    try {
      const first = takeImage(STAGING, HOME, plain);
      const second = takeImage(STAGING, HOME, plain);
      await client.send(new ModifyImageAttributeCommand({ ImageId: first.imageId, LaunchPermission: { Add: [{ Group: 'all' }] } }));
      // Making an image public again that already is public is not a new public image.
      await client.send(new ModifyImageAttributeCommand({ ImageId: first.imageId, LaunchPermission: { Add: [{ Group: 'all' }] } }));
      await expect(
        client.send(new ModifyImageAttributeCommand({ ImageId: second.imageId, LaunchPermission: { Add: [{ Group: 'all' }] } })),
      ).rejects.toMatchObject({ name: 'ResourceLimitExceeded', message: expect.stringContaining(`quota of ${publicNow + 1}`) });
      await client.send(new ModifyImageAttributeCommand({ ImageId: first.imageId, LaunchPermission: { Remove: [{ Group: 'all' }] } }));
      await client.send(new ModifyImageAttributeCommand({ ImageId: second.imageId, LaunchPermission: { Add: [{ Group: 'all' }] } }));
    } finally {
      fx.emulator.setSharingQuotas({ publicImagesPerRegion: DEFAULT_SHARING_QUOTAS.publicImagesPerRegion });
    }
  });

  it('entities per image: ResourceLimitExceeded beyond the quota; re-adding an entity does not count', async () => {
    fx.emulator.setSharingQuotas({ launchPermissionEntitiesPerImage: 2 });
    try {
      const image = takeImage(STAGING, HOME, plain);
      const client = ec2(STAGING, HOME);
      const [a, b] = ['111111111111', '222222222222'];
      await client.send(new ModifyImageAttributeCommand({ ImageId: image.imageId, Attribute: 'launchPermission', OperationType: 'add', UserIds: [a, b] }));
      await client.send(new ModifyImageAttributeCommand({ ImageId: image.imageId, LaunchPermission: { Add: [{ UserId: a }] } }));
      await expect(
        client.send(new ModifyImageAttributeCommand({ ImageId: image.imageId, LaunchPermission: { Add: [{ UserId: '333333333333' }] } })),
      ).rejects.toMatchObject({ name: 'ResourceLimitExceeded' });
      await expect(
        client.send(new ModifyImageAttributeCommand({ ImageId: image.imageId, LaunchPermission: { Add: [{ OrganizationArn: account(STAGING).organizationArn }] } })),
      ).rejects.toMatchObject({ name: 'ResourceLimitExceeded' });
      // Public sharing is not an entity.
      await client.send(new ModifyImageAttributeCommand({ ImageId: image.imageId, LaunchPermission: { Add: [{ Group: 'all' }] } }));
      await client.send(new ResetImageAttributeCommand({ ImageId: image.imageId, Attribute: 'launchPermission' }));
    } finally {
      fx.emulator.setSharingQuotas({ launchPermissionEntitiesPerImage: DEFAULT_SHARING_QUOTAS.launchPermissionEntitiesPerImage });
    }
  });
});

describe('CancelImageLaunchPermission', () => {
  it('the recipient removes its own account; the image disappears for it', async () => {
    const image = takeImage(STAGING, HOME, plain);
    const owner = ec2(STAGING, HOME);
    const recipient = ec2('initech-sandbox', HOME);
    const recipientId = account('initech-sandbox').accountId;
    const otherId = account('globex-dev').accountId;
    await owner.send(new ModifyImageAttributeCommand({ ImageId: image.imageId, LaunchPermission: { Add: [{ UserId: recipientId }, { UserId: otherId }] } }));
    expect(await sees(recipient, image.imageId)).toBe(true);

    const out = await recipient.send(new CancelImageLaunchPermissionCommand({ ImageId: image.imageId }));
    expect(out.Return).toBe(true);
    expect(await sees(recipient, image.imageId)).toBe(false);
    expect(await launchPermissions(owner, image.imageId)).toEqual([{ UserId: otherId }]);

    await expect(recipient.send(new CancelImageLaunchPermissionCommand({ ImageId: image.imageId }))).rejects.toMatchObject({
      name: 'InvalidAMIID.NotFound',
    });
    await expect(owner.send(new CancelImageLaunchPermissionCommand({ ImageId: image.imageId }))).rejects.toMatchObject({
      name: 'InvalidParameter',
    });
  });

  it('ResetImageAttribute accepts only launchPermission', async () => {
    const image = takeImage(STAGING, HOME, plain);
    await expect(
      ec2(STAGING, HOME).send(new ResetImageAttributeCommand({ ImageId: image.imageId, Attribute: 'kernel' as 'launchPermission' })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });
});

describe('snapshot create-volume permissions', () => {
  const snapshotOf = (image: ImageRecord): string => {
    const id = image.blockDevices[0]?.ebs?.snapshotId;
    if (!id) throw new Error(`no snapshot behind ${image.imageId}`);
    return id;
  };

  it('shares a snapshot in both forms; the recipient can restore it; reset makes it private', async () => {
    const snapshotId = snapshotOf(takeImage(STAGING, HOME, plain));
    const owner = ec2(STAGING, HOME);
    const recipient = ec2('globex-prod', HOME);
    const recipientId = account('globex-prod').accountId;
    const restorable = async (): Promise<boolean> =>
      ((await recipient.send(new DescribeSnapshotsCommand({ RestorableByUserIds: ['self'], Filters: [{ Name: 'snapshot-id', Values: [snapshotId] }] })))
        .Snapshots ?? []).length > 0;
    const permissions = async () =>
      (await owner.send(new DescribeSnapshotAttributeCommand({ SnapshotId: snapshotId, Attribute: 'createVolumePermission' })))
        .CreateVolumePermissions ?? [];

    expect(await permissions()).toEqual([]);
    await owner.send(new ModifySnapshotAttributeCommand({ SnapshotId: snapshotId, CreateVolumePermission: { Add: [{ UserId: recipientId }] } }));
    await owner.send(new ModifySnapshotAttributeCommand({ SnapshotId: snapshotId, CreateVolumePermission: { Add: [{ UserId: recipientId }] } }));
    expect(await permissions()).toEqual([{ UserId: recipientId }]);
    expect(await restorable()).toBe(true);

    await owner.send(
      new ModifySnapshotAttributeCommand({ SnapshotId: snapshotId, Attribute: 'createVolumePermission', OperationType: 'remove', UserIds: [recipientId] }),
    );
    expect(await restorable()).toBe(false);

    await owner.send(
      new ModifySnapshotAttributeCommand({ SnapshotId: snapshotId, Attribute: 'createVolumePermission', OperationType: 'add', GroupNames: ['all'] }),
    );
    expect(await permissions()).toEqual([{ Group: 'all' }]);
    await owner.send(new ResetSnapshotAttributeCommand({ SnapshotId: snapshotId, Attribute: 'createVolumePermission' }));
    expect(await permissions()).toEqual([]);
  });

  it('enforces the rules: owner only, no add+remove at once, encrypted never public, AWS-managed key never shared', async () => {
    const snapshotId = snapshotOf(takeImage(STAGING, HOME, plain));
    const owner = ec2(STAGING, HOME);
    const prodId = account('acme-production').accountId;
    await owner.send(new ModifySnapshotAttributeCommand({ SnapshotId: snapshotId, CreateVolumePermission: { Add: [{ UserId: prodId }] } }));
    const change = new ModifySnapshotAttributeCommand({ SnapshotId: snapshotId, CreateVolumePermission: { Add: [{ Group: 'all' }] } });
    await expect(ec2('acme-production', HOME).send(change)).rejects.toMatchObject({ name: 'AuthFailure' });
    await expect(ec2('globex-dev', HOME).send(change)).rejects.toMatchObject({ name: 'InvalidSnapshot.NotFound' });
    await expect(
      ec2('acme-production', HOME).send(new DescribeSnapshotAttributeCommand({ SnapshotId: snapshotId, Attribute: 'createVolumePermission' })),
    ).rejects.toMatchObject({ name: 'AuthFailure' });
    await expect(
      owner.send(
        new ModifySnapshotAttributeCommand({ SnapshotId: snapshotId, CreateVolumePermission: { Add: [{ UserId: '111111111111' }], Remove: [{ UserId: prodId }] } }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterCombination' });
    await expect(
      owner.send(new ModifySnapshotAttributeCommand({ SnapshotId: snapshotId, CreateVolumePermission: { Add: [{ UserId: 'abc' }] } })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });

    const encrypted = snapshotOf(takeImage(STAGING, HOME, (i) => i.blockDevices.some((d) => d.ebs?.encrypted === true)));
    await expect(
      owner.send(new ModifySnapshotAttributeCommand({ SnapshotId: encrypted, Attribute: 'createVolumePermission', OperationType: 'add', GroupNames: ['all'] })),
    ).rejects.toMatchObject({ name: 'UnsupportedOperation' });
    // A customer-managed key snapshot can be shared with an account.
    await owner.send(new ModifySnapshotAttributeCommand({ SnapshotId: encrypted, CreateVolumePermission: { Add: [{ UserId: prodId }] } }));

    const region = 'eu-central-1';
    const awsManaged = takeImage('globex-prod', region, (i) =>
      i.blockDevices.some((d) => d.ebs?.kmsKeyId && fx.emulator.world.kmsKey(d.ebs.kmsKeyId)?.managedBy === 'aws'),
    );
    await expect(
      ec2('globex-prod', region).send(
        new ModifySnapshotAttributeCommand({ SnapshotId: snapshotOf(awsManaged), CreateVolumePermission: { Add: [{ UserId: account('globex-dev').accountId }] } }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameter' });
  });
});

describe('Organizations: DescribeOrganization', () => {
  it('tells a member account which organization it is in (what a share with the organization reaches)', async () => {
    const { OrganizationsClient, DescribeOrganizationCommand } = await import('@aws-sdk/client-organizations');
    const client = new OrganizationsClient({ endpoint: fx.emulator.url, region: 'us-east-1', maxAttempts: 1, credentials: fx.credentials(STAGING) });
    const out = await client.send(new DescribeOrganizationCommand({}));
    expect(out.Organization?.Arn).toBe(account(STAGING).organizationArn);
    expect(out.Organization?.Id).toBe(account(STAGING).organizationArn.split('/').pop());
    expect(out.Organization?.MasterAccountId).toMatch(/^\d{12}$/);
  });
});
