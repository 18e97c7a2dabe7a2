/**
 * The Recycle Bin through the emulator with the real SDK clients: retention rules (rbin) and
 * their errors, DeregisterImage and DeleteSnapshot putting what a rule covers in the bin (and
 * nothing where no rule does), restoring snapshots and AMIs, DeleteSnapshot's errors, and the
 * seeded cases (rules in one region, an AMI already in the bin, orphaned snapshots).
 */
import {
  CreateTagsCommand,
  DeleteSnapshotCommand,
  DeregisterImageCommand,
  DescribeImagesCommand,
  DescribeSnapshotsCommand,
  ListImagesInRecycleBinCommand,
  ListSnapshotsInRecycleBinCommand,
  ModifySnapshotAttributeCommand,
  RestoreImageFromRecycleBinCommand,
  RestoreSnapshotFromRecycleBinCommand,
  type EC2Client,
} from '@aws-sdk/client-ec2';
import { CreateRuleCommand, DeleteRuleCommand, GetRuleCommand, ListRulesCommand, RbinClient, UpdateRuleCommand } from '@aws-sdk/client-rbin';
import { describe, expect, it } from 'vitest';
import { CLEANUP_FIXTURE, type ImageRecord } from '../../emulator';
import { errorName, useEmulator } from './emulator-fixture';

const fx = useEmulator({ seed: 1 });
const { ec2, takeImage } = fx;

const STAGING = 'acme-staging';
const EAST = 'us-east-1';
const WEST = 'us-west-2';

const rbin = (accountName: string, region: string): RbinClient =>
  new RbinClient({ endpoint: fx.emulator.url, region, maxAttempts: 1, credentials: fx.credentials(accountName) });

const ebsOwned = (i: ImageRecord): boolean => i.rootDeviceType === 'ebs' && i.launchPermissions.length === 0 && i.deregistrationProtection !== 'enabled';
const snapshotIdsOf = (image: ImageRecord): string[] => image.blockDevices.flatMap((d) => (d.ebs?.snapshotId ? [d.ebs.snapshotId] : []));

async function imageState(client: EC2Client, imageId: string): Promise<string | null> {
  const out = await client.send(new DescribeImagesCommand({ Filters: [{ Name: 'image-id', Values: [imageId] }] }));
  return out.Images?.[0]?.State ?? null;
}

async function snapshotExists(client: EC2Client, snapshotId: string): Promise<boolean> {
  const out = await client.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'], Filters: [{ Name: 'snapshot-id', Values: [snapshotId] }] }));
  return (out.Snapshots ?? []).length > 0;
}

async function imagesInBin(client: EC2Client): Promise<string[]> {
  const out = await client.send(new ListImagesInRecycleBinCommand({}));
  return (out.Images ?? []).map((i) => i.ImageId ?? '');
}

async function snapshotsInBin(client: EC2Client): Promise<string[]> {
  const out = await client.send(new ListSnapshotsInRecycleBinCommand({}));
  return (out.Snapshots ?? []).map((s) => s.SnapshotId ?? '');
}

describe('Recycle Bin rules (rbin)', () => {
  it('creates, reads, lists, updates and deletes a rule in the caller account-region only', async () => {
    const client = rbin('globex-dev', 'eu-west-1');
    const created = await client.send(
      new CreateRuleCommand({
        ResourceType: 'EC2_IMAGE',
        RetentionPeriod: { RetentionPeriodValue: 7, RetentionPeriodUnit: 'DAYS' },
        Description: 'a week of AMIs',
        ResourceTags: [{ ResourceTagKey: 'Team', ResourceTagValue: 'orders' }],
      }),
    );
    expect(created.Identifier).toMatch(/^[0-9a-zA-Z]{11}$/);
    expect(created.Status).toBe('available');
    const id = created.Identifier!;

    const got = await client.send(new GetRuleCommand({ Identifier: id }));
    expect(got).toMatchObject({ Identifier: id, ResourceType: 'EC2_IMAGE', Description: 'a week of AMIs', RetentionPeriod: { RetentionPeriodValue: 7, RetentionPeriodUnit: 'DAYS' }, ResourceTags: [{ ResourceTagKey: 'Team', ResourceTagValue: 'orders' }] });

    const images = await client.send(new ListRulesCommand({ ResourceType: 'EC2_IMAGE' }));
    expect(images.Rules?.map((r) => r.Identifier)).toEqual([id]);
    expect((await client.send(new ListRulesCommand({ ResourceType: 'EBS_SNAPSHOT' }))).Rules).toEqual([]);
    const byTag = await client.send(new ListRulesCommand({ ResourceType: 'EC2_IMAGE', ResourceTags: [{ ResourceTagKey: 'Team', ResourceTagValue: 'web' }] }));
    expect(byTag.Rules).toEqual([]);
    // Another region of the same account, and another account, do not see it.
    expect(await errorName(rbin('globex-dev', 'eu-central-1').send(new GetRuleCommand({ Identifier: id })))).toBe('ResourceNotFoundException');
    expect(await errorName(rbin('acme-staging', 'eu-west-1').send(new GetRuleCommand({ Identifier: id })))).toBe('ResourceNotFoundException');

    const updated = await client.send(new UpdateRuleCommand({ Identifier: id, RetentionPeriod: { RetentionPeriodValue: 30, RetentionPeriodUnit: 'DAYS' }, ResourceTags: [] }));
    expect(updated.RetentionPeriod?.RetentionPeriodValue).toBe(30);
    expect(updated.ResourceTags).toEqual([]);

    await client.send(new DeleteRuleCommand({ Identifier: id }));
    expect(await errorName(client.send(new GetRuleCommand({ Identifier: id })))).toBe('ResourceNotFoundException');
    expect(await errorName(client.send(new DeleteRuleCommand({ Identifier: id })))).toBe('ResourceNotFoundException');
  });

  it('refuses what the service model does not allow with ValidationException', async () => {
    const client = rbin('globex-dev', 'eu-west-1');
    const tooLong = { RetentionPeriodValue: 3651, RetentionPeriodUnit: 'DAYS' as const };
    expect(await errorName(client.send(new CreateRuleCommand({ ResourceType: 'EC2_IMAGE', RetentionPeriod: tooLong })))).toBe('ValidationException');
    expect(await errorName(client.send(new CreateRuleCommand({ ResourceType: 'EC2_IMAGE', RetentionPeriod: { RetentionPeriodValue: 0, RetentionPeriodUnit: 'DAYS' } })))).toBe('ValidationException');
    const wrongType = new CreateRuleCommand({ ResourceType: 'EBS_VOLUME' as 'EC2_IMAGE', RetentionPeriod: { RetentionPeriodValue: 1, RetentionPeriodUnit: 'DAYS' } });
    expect(await errorName(client.send(wrongType))).toBe('ValidationException');
    expect(await errorName(client.send(new GetRuleCommand({ Identifier: 'not-a-rule' })))).toBe('ValidationException');
    expect(await errorName(client.send(new GetRuleCommand({ Identifier: 'abcdefghijk' })))).toBe('ResourceNotFoundException');
    try {
      await client.send(new GetRuleCommand({ Identifier: 'abcdefghijk' }));
    } catch (error) {
      expect((error as { Reason?: string }).Reason).toBe('RULE_NOT_FOUND');
    }
  });

  it('pages ListRules with MaxResults and NextToken, and refuses a token of another question', async () => {
    const client = rbin('initech-sandbox', 'ap-southeast-2');
    const ids: string[] = [];
    for (const days of [1, 2, 3]) {
      const out = await client.send(new CreateRuleCommand({ ResourceType: 'EBS_SNAPSHOT', RetentionPeriod: { RetentionPeriodValue: days, RetentionPeriodUnit: 'DAYS' } }));
      ids.push(out.Identifier!);
    }
    const first = await client.send(new ListRulesCommand({ ResourceType: 'EBS_SNAPSHOT', MaxResults: 2 }));
    expect(first.Rules).toHaveLength(2);
    expect(first.NextToken).toBeDefined();
    const second = await client.send(new ListRulesCommand({ ResourceType: 'EBS_SNAPSHOT', MaxResults: 2, NextToken: first.NextToken }));
    expect(second.Rules).toHaveLength(1);
    expect(second.NextToken).toBeUndefined();
    expect([...first.Rules!, ...second.Rules!].map((r) => r.Identifier).sort()).toEqual([...ids].sort());
    expect(await errorName(client.send(new ListRulesCommand({ ResourceType: 'EC2_IMAGE', NextToken: first.NextToken })))).toBe('ValidationException');
  });

  it('lists the seeded rules of acme-staging in us-east-1 and none in us-west-2', async () => {
    const rules = CLEANUP_FIXTURE.binRules;
    const east = rbin(STAGING, EAST);
    const images = await east.send(new ListRulesCommand({ ResourceType: 'EC2_IMAGE' }));
    expect(images.Rules?.map((r) => r.RetentionPeriod?.RetentionPeriodValue).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([rules.imageRetentionDays, rules.taggedImageRetentionDays]);
    const snapshots = await east.send(new ListRulesCommand({ ResourceType: 'EBS_SNAPSHOT' }));
    expect(snapshots.Rules?.map((r) => r.RetentionPeriod?.RetentionPeriodValue)).toEqual([rules.snapshotRetentionDays]);
    expect((await rbin(STAGING, WEST).send(new ListRulesCommand({ ResourceType: 'EC2_IMAGE' }))).Rules).toEqual([]);
  });
});

describe('the bin in EC2', () => {
  it('holds the seeded AMI in acme-staging us-east-1, and nothing in us-west-2', async () => {
    const client = ec2(STAGING, EAST);
    const out = await client.send(new ListImagesInRecycleBinCommand({}));
    const seeded = out.Images?.find((i) => i.Name === CLEANUP_FIXTURE.inBin.imageName);
    expect(seeded).toBeDefined();
    const days = (seeded!.RecycleBinExitTime!.getTime() - seeded!.RecycleBinEnterTime!.getTime()) / 86_400_000;
    expect(days).toBe(CLEANUP_FIXTURE.binRules.imageRetentionDays);
    expect(await imageState(client, seeded!.ImageId!)).toBeNull();
    // Deregistered without its snapshot: the snapshot is still an ordinary one.
    const record = fx.emulator.world.image(EAST, seeded!.ImageId!)!;
    for (const id of snapshotIdsOf(record)) expect(await snapshotExists(client, id)).toBe(true);
    expect(await snapshotsInBin(client)).toEqual([]);
    expect(await imagesInBin(ec2(STAGING, WEST))).toEqual([]);
  });

  it('keeps a deregistered AMI and its deleted snapshots, and restores them snapshots first', async () => {
    const client = ec2(STAGING, EAST);
    const image = takeImage(STAGING, EAST, ebsOwned);
    const snapshots = snapshotIdsOf(image);
    const out = await client.send(new DeregisterImageCommand({ ImageId: image.imageId, DeleteAssociatedSnapshots: true }));
    expect(out.DeleteSnapshotResults?.every((r) => r.ReturnCode === 'success')).toBe(true);
    expect(await imageState(client, image.imageId)).toBeNull();
    expect(await imagesInBin(client)).toContain(image.imageId);
    for (const id of snapshots) {
      expect(await snapshotExists(client, id)).toBe(false);
      expect(await snapshotsInBin(client)).toContain(id);
    }

    // Its snapshots are still in the bin: the AMI cannot come back before them.
    expect(await errorName(client.send(new RestoreImageFromRecycleBinCommand({ ImageId: image.imageId })))).toBe('IncorrectState');
    for (const id of snapshots) {
      const restored = await client.send(new RestoreSnapshotFromRecycleBinCommand({ SnapshotId: id }));
      expect(restored.SnapshotId).toBe(id);
      expect(await snapshotExists(client, id)).toBe(true);
    }
    expect((await client.send(new RestoreImageFromRecycleBinCommand({ ImageId: image.imageId }))).Return).toBe(true);
    expect(await imageState(client, image.imageId)).toBe('available');
    expect(await imagesInBin(client)).not.toContain(image.imageId);
    expect(await errorName(client.send(new RestoreImageFromRecycleBinCommand({ ImageId: image.imageId })))).toBe('InvalidAMIID.NotFound');
  });

  it('keeps nothing where no rule covers it, and a tag-level rule only what carries its tag', async () => {
    const west = ec2(STAGING, WEST);
    const image = takeImage(STAGING, WEST, ebsOwned);
    await west.send(new DeregisterImageCommand({ ImageId: image.imageId, DeleteAssociatedSnapshots: true }));
    expect(await imagesInBin(west)).not.toContain(image.imageId);
    expect(await errorName(west.send(new RestoreImageFromRecycleBinCommand({ ImageId: image.imageId })))).toBe('InvalidAMIID.NotFound');

    // globex-dev eu-central-1: only AMIs tagged Keep=yes are kept.
    const region = 'eu-central-1';
    await rbin('globex-dev', region).send(
      new CreateRuleCommand({ ResourceType: 'EC2_IMAGE', RetentionPeriod: { RetentionPeriodValue: 5, RetentionPeriodUnit: 'DAYS' }, ResourceTags: [{ ResourceTagKey: 'Keep', ResourceTagValue: 'yes' }] }),
    );
    const client = ec2('globex-dev', region);
    const kept = takeImage('globex-dev', region, ebsOwned);
    const dropped = takeImage('globex-dev', region, ebsOwned);
    await client.send(new CreateTagsCommand({ Resources: [kept.imageId], Tags: [{ Key: 'Keep', Value: 'yes' }] }));
    await client.send(new DeregisterImageCommand({ ImageId: kept.imageId }));
    await client.send(new DeregisterImageCommand({ ImageId: dropped.imageId }));
    const held = await imagesInBin(client);
    expect(held).toContain(kept.imageId);
    expect(held).not.toContain(dropped.imageId);
    // Its snapshots were kept by DeregisterImage, so it comes back at once.
    await client.send(new RestoreImageFromRecycleBinCommand({ ImageId: kept.imageId }));
    expect(await imageState(client, kept.imageId)).toBe('available');
  });

  it('cannot restore an AMI whose snapshot is gone for good', async () => {
    const region = 'eu-west-1';
    await rbin('globex-dev', region).send(new CreateRuleCommand({ ResourceType: 'EC2_IMAGE', RetentionPeriod: { RetentionPeriodValue: 3, RetentionPeriodUnit: 'DAYS' } }));
    const client = ec2('globex-dev', region);
    const image = takeImage('globex-dev', region, ebsOwned);
    // No snapshot rule in this region: the snapshots are deleted outright.
    await client.send(new DeregisterImageCommand({ ImageId: image.imageId, DeleteAssociatedSnapshots: true }));
    expect(await imagesInBin(client)).toContain(image.imageId);
    expect(await errorName(client.send(new RestoreImageFromRecycleBinCommand({ ImageId: image.imageId })))).toBe('IncorrectState');
    expect(await imageState(client, image.imageId)).toBeNull();
  });

  it('drops what the bin holds once its retention has passed', async () => {
    const client = ec2(STAGING, EAST);
    const seeded = (await client.send(new ListImagesInRecycleBinCommand({}))).Images?.find((i) => i.Name === CLEANUP_FIXTURE.inBin.imageName);
    expect(seeded).toBeDefined();
    fx.emulator.advanceClock((CLEANUP_FIXTURE.binRules.imageRetentionDays - CLEANUP_FIXTURE.inBin.daysAgo + 1) * 86_400);
    expect(await imagesInBin(client)).not.toContain(seeded!.ImageId);
    expect(await errorName(client.send(new RestoreImageFromRecycleBinCommand({ ImageId: seeded!.ImageId! })))).toBe('InvalidAMIID.NotFound');
  });
});

describe('DeleteSnapshot', () => {
  it('refuses a malformed id, an unknown one, one a registered AMI uses, and one the caller does not own', async () => {
    const client = ec2(STAGING, WEST);
    expect(await errorName(client.send(new DeleteSnapshotCommand({ SnapshotId: 'snapshot-1' })))).toBe('InvalidSnapshotID.Malformed');
    expect(await errorName(client.send(new DeleteSnapshotCommand({ SnapshotId: 'snap-0123456789abcdef0' })))).toBe('InvalidSnapshot.NotFound');

    const image = takeImage(STAGING, WEST, ebsOwned);
    const snapshotId = snapshotIdsOf(image)[0]!;
    try {
      await client.send(new DeleteSnapshotCommand({ SnapshotId: snapshotId }));
      expect.unreachable('deleting a snapshot a registered AMI uses must fail');
    } catch (error) {
      expect((error as Error).name).toBe('InvalidSnapshot.InUse');
      expect((error as Error).message).toBe(`The snapshot ${snapshotId} is currently in use by ${image.imageId}`);
    }
    // acme-production's snapshot, seen from acme-staging: not there at all; once shared with it, not its to delete.
    const theirs = snapshotIdsOf(takeImage('acme-production', WEST, ebsOwned))[0]!;
    expect(await errorName(client.send(new DeleteSnapshotCommand({ SnapshotId: theirs })))).toBe('InvalidSnapshot.NotFound');
    await ec2('acme-production', WEST).send(
      new ModifySnapshotAttributeCommand({ SnapshotId: theirs, Attribute: 'createVolumePermission', OperationType: 'add', UserIds: [fx.account(STAGING).accountId] }),
    );
    expect(await errorName(client.send(new DeleteSnapshotCommand({ SnapshotId: theirs })))).toBe('AuthFailure');
    expect(await snapshotExists(ec2('acme-production', WEST), theirs)).toBe(true);
  });

  it('deletes an orphaned snapshot for good where no rule keeps snapshots', async () => {
    const client = ec2(STAGING, WEST);
    const staging = fx.account(STAGING);
    const orphan = fx.emulator.world.snapshotsIn(WEST).find((s) => s.ownerId === staging.accountId && s.volumeSize === CLEANUP_FIXTURE.orphans[1].sizeGiB && s.description.startsWith('Created by CreateImage('));
    expect(orphan).toBeDefined();
    const named = /for (ami-[0-9a-f]+) from (vol-[0-9a-f]+)$/.exec(orphan!.description);
    expect(named).not.toBeNull();
    expect(await imageState(client, named![1]!)).toBeNull();
    expect((await client.send(new DeleteSnapshotCommand({ SnapshotId: orphan!.snapshotId }))).$metadata.httpStatusCode).toBe(200);
    expect(await snapshotExists(client, orphan!.snapshotId)).toBe(false);
    expect(await snapshotsInBin(client)).toEqual([]);
    expect(await errorName(client.send(new DeleteSnapshotCommand({ SnapshotId: orphan!.snapshotId })))).toBe('InvalidSnapshot.NotFound');
  });

  it('puts a deleted snapshot in the bin where a snapshot rule keeps it', async () => {
    const client = ec2(STAGING, EAST);
    const image = takeImage(STAGING, EAST, ebsOwned);
    await client.send(new DeregisterImageCommand({ ImageId: image.imageId }));
    const snapshotId = snapshotIdsOf(image)[0]!;
    await client.send(new DeleteSnapshotCommand({ SnapshotId: snapshotId }));
    expect(await snapshotExists(client, snapshotId)).toBe(false);
    expect(await snapshotsInBin(client)).toContain(snapshotId);
  });
});
