/**
 * An image's life after creation, through the emulator with the real EC2 client:
 * DeregisterImage (with and without its snapshots, pending copies, protection, non-owners),
 * deprecation, disabling, deregistration protection with and without cooldown, and
 * DescribeImageReferences on the seeded references.
 */
import {
  CopyImageCommand,
  DeregisterImageCommand,
  DescribeImageAttributeCommand,
  DescribeImageReferencesCommand,
  DescribeImagesCommand,
  DescribeSnapshotsCommand,
  DisableImageCommand,
  DisableImageDeprecationCommand,
  DisableImageDeregistrationProtectionCommand,
  EC2Client,
  EnableImageCommand,
  EnableImageDeprecationCommand,
  EnableImageDeregistrationProtectionCommand,
  ModifyImageAttributeCommand,
  type Image,
  type ImageReference,
  type ResourceTypeRequest,
} from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import {
  IMAGE_REFERENCE_FIXTURE,
  type AccountRecord,
  type ImageRecord,
} from '../../emulator';
import { errorName, useEmulator } from './emulator-fixture';

const fx = useEmulator({ seed: 1, copyDurationSeconds: 600 });
const { account, ec2, takeImage } = fx;

const ebs = (i: ImageRecord): boolean => i.rootDeviceType === 'ebs' && i.launchPermissions.length === 0;

async function describe1(client: EC2Client, imageId: string): Promise<Image | undefined> {
  try {
    const out = await client.send(new DescribeImagesCommand({ ImageIds: [imageId] }));
    return out.Images?.[0];
  } catch (error) {
    if (error instanceof Error && error.name === 'InvalidAMIID.NotFound') return undefined;
    throw error;
  }
}

const snapshotIds = (image: ImageRecord): string[] =>
  image.blockDevices.flatMap((d) => (d.ebs?.snapshotId ? [d.ebs.snapshotId] : []));

async function snapshotExists(client: EC2Client, snapshotId: string): Promise<boolean> {
  try {
    await client.send(new DescribeSnapshotsCommand({ SnapshotIds: [snapshotId] }));
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'InvalidSnapshot.NotFound') return false;
    throw error;
  }
}

const STAGING = 'acme-staging';
const EAST = 'us-east-1';

describe('DeregisterImage', () => {
  it('deregisters and keeps the snapshots by default', async () => {
    const image = takeImage(STAGING, EAST, ebs);
    const client = ec2(STAGING, EAST);
    const out = await client.send(new DeregisterImageCommand({ ImageId: image.imageId }));
    expect(out.Return).toBe(true);
    expect(out.DeleteSnapshotResults ?? []).toEqual([]);
    expect(await describe1(client, image.imageId)).toBeUndefined();
    for (const id of snapshotIds(image)) expect(await snapshotExists(client, id)).toBe(true);
  });

  it('deletes the associated snapshots when asked, answering a result per snapshot', async () => {
    const image = takeImage(STAGING, EAST, ebs);
    const client = ec2(STAGING, EAST);
    const out = await client.send(new DeregisterImageCommand({ ImageId: image.imageId, DeleteAssociatedSnapshots: true }));
    expect(out.DeleteSnapshotResults).toEqual(snapshotIds(image).map((SnapshotId) => ({ SnapshotId, ReturnCode: 'success' })));
    for (const id of snapshotIds(image)) expect(await snapshotExists(client, id)).toBe(false);
  });

  it('skips a snapshot another image still uses', async () => {
    const source = takeImage(STAGING, EAST, ebs);
    const client = ec2(STAGING, EAST);
    // A second image over the same snapshot, as RegisterImage from a snapshot makes.
    const twin: ImageRecord = { ...source, imageId: 'ami-0aaaaaaaaaaaaaaa1', name: `${source.name}-twin`, blockDevices: source.blockDevices.map((d) => ({ ...d })) };
    fx.emulator.world.addImage(twin);
    const out = await client.send(new DeregisterImageCommand({ ImageId: source.imageId, DeleteAssociatedSnapshots: true }));
    expect(out.DeleteSnapshotResults?.map((r) => r.ReturnCode)).toEqual(snapshotIds(source).map(() => 'skipped'));
    for (const id of snapshotIds(source)) expect(await snapshotExists(client, id)).toBe(true);
  });

  it('cancels a pending copy; its snapshots go away when asked to delete them', async () => {
    const source = takeImage(STAGING, EAST, ebs);
    const client = ec2(STAGING, 'us-west-2');
    const { ImageId } = await client.send(new CopyImageCommand({ SourceImageId: source.imageId, SourceRegion: EAST, Name: 'atlas-cancelled-copy' }));
    const copy = fx.emulator.world.image('us-west-2', ImageId ?? '');
    if (!copy) throw new Error('copy missing');
    expect(copy.state).toBe('pending');
    const out = await client.send(new DeregisterImageCommand({ ImageId: copy.imageId, DeleteAssociatedSnapshots: true }));
    expect(out.DeleteSnapshotResults?.every((r) => r.ReturnCode === 'success')).toBe(true);
    expect(await describe1(client, copy.imageId)).toBeUndefined();
    for (const id of snapshotIds(copy)) expect(await snapshotExists(client, id)).toBe(false);
    // The name is free again.
    await client.send(new CopyImageCommand({ SourceImageId: source.imageId, SourceRegion: EAST, Name: 'atlas-cancelled-copy' }));
  });

  it('refuses non-owners: AuthFailure when the image is shared with them, InvalidAMIID.NotFound otherwise', async () => {
    const image = takeImage(STAGING, EAST, ebs);
    const other = ec2('globex-prod', EAST);
    expect(await errorName(other.send(new DeregisterImageCommand({ ImageId: image.imageId })))).toBe('InvalidAMIID.NotFound');
    await ec2(STAGING, EAST).send(
      new ModifyImageAttributeCommand({ ImageId: image.imageId, LaunchPermission: { Add: [{ UserId: account('globex-prod').accountId }] } }),
    );
    expect(await errorName(other.send(new DeregisterImageCommand({ ImageId: image.imageId })))).toBe('AuthFailure');
    expect(await errorName(other.send(new DeregisterImageCommand({ ImageId: 'ami-xyz' })))).toBe('InvalidAMIID.Malformed');
  });
});

describe('deregistration protection', () => {
  async function protection(client: EC2Client, imageId: string): Promise<{ attribute?: string; listed?: string }> {
    const attr = await client.send(new DescribeImageAttributeCommand({ ImageId: imageId, Attribute: 'deregistrationProtection' }));
    const image = await describe1(client, imageId);
    return { attribute: attr.DeregistrationProtection?.Value, listed: image?.DeregistrationProtection };
  }

  it('refuses to deregister while enabled; disabling lets it go', async () => {
    const image = takeImage(STAGING, EAST, ebs);
    const client = ec2(STAGING, EAST);
    await client.send(new EnableImageDeregistrationProtectionCommand({ ImageId: image.imageId }));
    expect(await protection(client, image.imageId)).toEqual({ attribute: 'enabled', listed: 'enabled' });
    expect(await errorName(client.send(new DeregisterImageCommand({ ImageId: image.imageId })))).toBe('OperationNotPermitted');
    await client.send(new DisableImageDeregistrationProtectionCommand({ ImageId: image.imageId }));
    expect(await protection(client, image.imageId)).toEqual({ attribute: 'disabled', listed: 'disabled' });
    await client.send(new DeregisterImageCommand({ ImageId: image.imageId }));
  });

  it('with a cooldown keeps protecting for 24 hours after it is disabled', async () => {
    const image = takeImage(STAGING, EAST, ebs);
    const client = ec2(STAGING, EAST);
    await client.send(new EnableImageDeregistrationProtectionCommand({ ImageId: image.imageId, WithCooldown: true }));
    expect((await protection(client, image.imageId)).listed).toBe('enabled-with-cooldown');
    await client.send(new DisableImageDeregistrationProtectionCommand({ ImageId: image.imageId }));
    const during = await protection(client, image.imageId);
    expect(during.listed).toMatch(/^disabled-until-\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    expect(during.attribute).toBe(during.listed);
    expect(await errorName(client.send(new DeregisterImageCommand({ ImageId: image.imageId })))).toBe('OperationNotPermitted');
    fx.emulator.advanceClock(24 * 3600 + 1);
    expect(await protection(client, image.imageId)).toEqual({ attribute: 'disabled', listed: 'disabled' });
    await client.send(new DeregisterImageCommand({ ImageId: image.imageId }));
  });

  it('is the owner’s to change', async () => {
    const image = takeImage(STAGING, EAST, ebs);
    expect(
      await errorName(ec2('globex-prod', EAST).send(new EnableImageDeregistrationProtectionCommand({ ImageId: image.imageId }))),
    ).toBe('InvalidAMIID.NotFound');
  });
});

describe('deprecation', () => {
  it('sets DeprecateAt rounded to the nearest minute, and clears it', async () => {
    const image = takeImage(STAGING, EAST, (i) => ebs(i) && i.deprecationTime === null);
    const client = ec2(STAGING, EAST);
    const at = new Date(fx.emulator.world.now().getTime() + 30 * 86_400_000);
    at.setUTCSeconds(40, 0);
    await client.send(new EnableImageDeprecationCommand({ ImageId: image.imageId, DeprecateAt: at }));
    const expected = new Date(Math.round(at.getTime() / 60_000) * 60_000).toISOString();
    expect((await describe1(client, image.imageId))?.DeprecationTime).toBe(expected);
    await client.send(new DisableImageDeprecationCommand({ ImageId: image.imageId }));
    expect((await describe1(client, image.imageId))?.DeprecationTime).toBeUndefined();
  });

  it('refuses a time in the past or more than 10 years ahead (InvalidParameterValue); non-owners get AuthFailure', async () => {
    const image = takeImage(STAGING, EAST, ebs);
    const client = ec2(STAGING, EAST);
    const now = fx.emulator.world.now().getTime();
    const enable = (ms: number): Promise<unknown> => client.send(new EnableImageDeprecationCommand({ ImageId: image.imageId, DeprecateAt: new Date(ms) }));
    expect(await errorName(enable(now - 3_600_000))).toBe('InvalidParameterValue');
    expect(await errorName(enable(now + 11 * 365 * 86_400_000))).toBe('InvalidParameterValue');
    await ec2(STAGING, EAST).send(
      new ModifyImageAttributeCommand({ ImageId: image.imageId, LaunchPermission: { Add: [{ UserId: account('globex-dev').accountId }] } }),
    );
    expect(
      await errorName(
        ec2('globex-dev', EAST).send(new EnableImageDeprecationCommand({ ImageId: image.imageId, DeprecateAt: new Date(now + 86_400_000) })),
      ),
    ).toBe('AuthFailure');
  });

  it('hides the image from recipients once deprecated, unless IncludeDeprecated or asked by id', async () => {
    const image = takeImage(STAGING, EAST, ebs);
    const owner = ec2(STAGING, EAST);
    const recipient = ec2('globex-dev', EAST);
    await owner.send(new ModifyImageAttributeCommand({ ImageId: image.imageId, LaunchPermission: { Add: [{ UserId: account('globex-dev').accountId }] } }));
    await owner.send(new EnableImageDeprecationCommand({ ImageId: image.imageId, DeprecateAt: new Date(fx.emulator.world.now().getTime() + 120_000) }));
    const listed = async (includeDeprecated: boolean): Promise<boolean> => {
      const out = await recipient.send(
        new DescribeImagesCommand({ ExecutableUsers: ['self'], IncludeDeprecated: includeDeprecated, Filters: [{ Name: 'image-id', Values: [image.imageId] }] }),
      );
      return (out.Images ?? []).length > 0;
    };
    expect(await listed(false)).toBe(true);
    fx.emulator.advanceClock(181);
    expect(await listed(false)).toBe(false);
    expect(await listed(true)).toBe(true);
    expect(await describe1(recipient, image.imageId)).toBeDefined();
  });
});

describe('DisableImage / EnableImage', () => {
  it('disabling makes the image private and hides it; enabling does not give the shares back', async () => {
    const image = takeImage(STAGING, EAST, ebs);
    const owner = ec2(STAGING, EAST);
    const recipient = ec2('globex-prod', EAST);
    const recipientId = account('globex-prod').accountId;
    await owner.send(new ModifyImageAttributeCommand({ ImageId: image.imageId, LaunchPermission: { Add: [{ UserId: recipientId }] } }));
    expect(await describe1(recipient, image.imageId)).toBeDefined();

    await owner.send(new DisableImageCommand({ ImageId: image.imageId }));
    expect(await describe1(recipient, image.imageId)).toBeUndefined();
    expect((await describe1(owner, image.imageId))?.State).toBe('disabled');
    const perms = await owner.send(new DescribeImageAttributeCommand({ ImageId: image.imageId, Attribute: 'launchPermission' }));
    expect(perms.LaunchPermissions ?? []).toEqual([]);
    const listing = async (includeDisabled: boolean): Promise<string[]> => {
      const out = await owner.send(
        new DescribeImagesCommand({ Owners: ['self'], IncludeDisabled: includeDisabled, Filters: [{ Name: 'image-id', Values: [image.imageId] }] }),
      );
      return (out.Images ?? []).map((i) => i.ImageId ?? '');
    };
    expect(await listing(false)).toEqual([]);
    expect(await listing(true)).toEqual([image.imageId]);
    expect(await errorName(owner.send(new DisableImageCommand({ ImageId: image.imageId })))).toBe('IncorrectState');
    // A disabled image can't be shared.
    expect(
      await errorName(owner.send(new ModifyImageAttributeCommand({ ImageId: image.imageId, LaunchPermission: { Add: [{ UserId: recipientId }] } }))),
    ).toBe('IncorrectState');

    await owner.send(new EnableImageCommand({ ImageId: image.imageId }));
    expect((await describe1(owner, image.imageId))?.State).toBe('available');
    expect(await describe1(recipient, image.imageId)).toBeUndefined();
    expect(await errorName(owner.send(new EnableImageCommand({ ImageId: image.imageId })))).toBe('IncorrectState');
  });

  it('only the owner disables an image', async () => {
    const image = takeImage(STAGING, EAST, ebs);
    await ec2(STAGING, EAST).send(
      new ModifyImageAttributeCommand({ ImageId: image.imageId, LaunchPermission: { Add: [{ UserId: account('globex-prod').accountId }] } }),
    );
    expect(await errorName(ec2('globex-prod', EAST).send(new DisableImageCommand({ ImageId: image.imageId })))).toBe('AuthFailure');
  });
});

describe('DescribeImageReferences', () => {
  const [fixture] = IMAGE_REFERENCE_FIXTURE;
  const owner = (): AccountRecord => account(fixture.accountName);
  const seeded = (): typeof fx.emulator.world.imageReferences =>
    fx.emulator.world.imageReferences.filter((r) => r.accountId === owner().accountId && r.region === fixture.region);

  async function references(input: ConstructorParameters<typeof DescribeImageReferencesCommand>[0]): Promise<ImageReference[]> {
    const client = ec2(fixture.accountName, fixture.region);
    const out: ImageReference[] = [];
    let NextToken: string | undefined;
    do {
      const page = await client.send(new DescribeImageReferencesCommand({ ...input, NextToken }));
      out.push(...(page.ImageReferences ?? []));
      NextToken = page.NextToken;
    } while (NextToken);
    return out;
  }

  it('seeds references to three images of each fixture account', () => {
    for (const { accountName, region } of IMAGE_REFERENCE_FIXTURE) {
      // Its own images: the where-used fixtures also make it use images others share with it.
      const own = (imageId: string) => fx.emulator.world.imagesIn(region).find((i) => i.imageId === imageId)?.ownerId === account(accountName).accountId;
      const refs = fx.emulator.world.imageReferences.filter((r) => r.accountId === account(accountName).accountId && r.region === region && own(r.imageId));
      expect(new Set(refs.map((r) => r.imageId)).size).toBe(3);
      expect(refs.length).toBe(7);
    }
  });

  it('finds every resource type with IncludeAllResourceTypes, launch templates to the default depth of 10', async () => {
    const imageIds = [...new Set(seeded().map((r) => r.imageId))];
    const refs = await references({ ImageIds: imageIds, IncludeAllResourceTypes: true });
    const expected = seeded().filter((r) => (r.launchTemplateVersionDepth ?? 1) <= 10);
    expect(refs.map((r) => r.Arn).sort()).toEqual(expected.map((r) => r.arn).sort());
    for (const r of refs) expect(r.ResourceType).toBe(seeded().find((s) => s.arn === r.Arn)?.resourceType);
  });

  it('narrows by resource type and options, and pages', async () => {
    const imageIds = [...new Set(seeded().map((r) => r.imageId))];
    const running = await references({
      ImageIds: imageIds,
      ResourceTypes: [{ ResourceType: 'ec2:Instance', ResourceTypeOptions: [{ OptionName: 'state-name', OptionValues: ['running', 'stopped'] }] }],
    });
    expect(running.length).toBe(2);
    const deep = await references({
      ImageIds: imageIds,
      ResourceTypes: [{ ResourceType: 'ec2:LaunchTemplate', ResourceTypeOptions: [{ OptionName: 'version-depth', OptionValues: ['12'] }] }],
    });
    expect(deep.length).toBe(2);
    const paged = await references({ ImageIds: imageIds, IncludeAllResourceTypes: true, MaxResults: 1 });
    expect(paged.length).toBe(seeded().length - 1);
  });

  it('validates its input', async () => {
    const client = ec2(fixture.accountName, fixture.region);
    const imageId = seeded()[0]?.imageId ?? '';
    expect(await errorName(client.send(new DescribeImageReferencesCommand({ ImageIds: [imageId] })))).toBe('InvalidParameterCombination');
    expect(
      await errorName(client.send(new DescribeImageReferencesCommand({ ImageIds: [imageId], ResourceTypes: [{ ResourceType: 'ec2:Volume' as ResourceTypeRequest['ResourceType'] }] }))),
    ).toBe('InvalidParameterValue');
    expect(
      await errorName(
        client.send(
          new DescribeImageReferencesCommand({
            ImageIds: [imageId],
            ResourceTypes: [{ ResourceType: 'ssm:Parameter', ResourceTypeOptions: [{ OptionName: 'state-name', OptionValues: ['running'] }] }],
          }),
        ),
      ),
    ).toBe('InvalidParameterValue');
    const hidden = fx.emulator.world
      .imagesIn(fixture.region)
      .find((i) => i.ownerId !== owner().accountId && i.ownerAlias === null && i.state === 'available' && i.launchPermissions.length === 0);
    expect(
      await errorName(client.send(new DescribeImageReferencesCommand({ ImageIds: [hidden?.imageId ?? ''], IncludeAllResourceTypes: true }))),
    ).toBe('InvalidAMIID.NotFound');
  });

  it('answers only the caller’s own resources', async () => {
    const imageId = seeded()[0]?.imageId ?? '';
    const image = fx.emulator.world.image(fixture.region, imageId);
    if (!image) throw new Error('fixture image missing');
    await ec2(fixture.accountName, fixture.region).send(
      new ModifyImageAttributeCommand({ ImageId: imageId, LaunchPermission: { Add: [{ UserId: account(STAGING).accountId }] } }),
    );
    const out = await ec2(STAGING, fixture.region).send(new DescribeImageReferencesCommand({ ImageIds: [imageId], IncludeAllResourceTypes: true }));
    expect(out.ImageReferences ?? []).toEqual([]);
  });
});
