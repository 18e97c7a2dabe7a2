/**
 * CreateTags and DeleteTags on images and snapshots through the emulator with the real EC2
 * client: many resources in one call, overwriting, the 50-tag limit, key and value lengths,
 * reserved `aws:` keys, missing and malformed ids, resources the caller does not own, and
 * DeleteTags by key, by key and value, and without tags.
 */
import { CreateTagsCommand, DeleteTagsCommand, DescribeImagesCommand, DescribeSnapshotsCommand, type Tag } from '@aws-sdk/client-ec2';
import { describe, expect, it } from 'vitest';
import type { ImageRecord } from '../../emulator';
import { hasUserLaunchPermission } from '../../emulator/world/visibility';
import { errorName, useEmulator } from './emulator-fixture';

const fx = useEmulator({ seed: 1 });
const { account, ec2, takeImage } = fx;

const STAGING = 'acme-staging';
const EAST = 'us-east-1';

const ebs = (i: ImageRecord): boolean => i.rootDeviceType === 'ebs' && i.blockDevices.some((d) => d.ebs?.snapshotId);
const snapshotIds = (image: ImageRecord): string[] => image.blockDevices.flatMap((d) => (d.ebs?.snapshotId ? [d.ebs.snapshotId] : []));
const tagMap = (tags: readonly Tag[] | undefined): Record<string, string> => Object.fromEntries((tags ?? []).map((t) => [t.Key!, t.Value ?? '']));

async function imageTags(imageId: string): Promise<Record<string, string>> {
  const out = await ec2(STAGING, EAST).send(new DescribeImagesCommand({ ImageIds: [imageId] }));
  return tagMap(out.Images?.[0]?.Tags);
}

async function snapshotTags(snapshotId: string): Promise<Record<string, string>> {
  const out = await ec2(STAGING, EAST).send(new DescribeSnapshotsCommand({ SnapshotIds: [snapshotId] }));
  return tagMap(out.Snapshots?.[0]?.Tags);
}

describe('CreateTags', () => {
  it('adds and overwrites tags on many images and their snapshots in one call', async () => {
    const images = [takeImage(STAGING, EAST, ebs), takeImage(STAGING, EAST, ebs), takeImage(STAGING, EAST, ebs)];
    const snapshots = images.flatMap(snapshotIds);
    const before = await imageTags(images[0]!.imageId);
    const out = await ec2(STAGING, EAST).send(
      new CreateTagsCommand({ Resources: [...images.map((i) => i.imageId), ...snapshots], Tags: [{ Key: 'CostCentre', Value: 'cc-42' }, { Key: 'Team', Value: 'hygiene' }, { Key: 'Empty' }] }),
    );
    expect(out.$metadata.httpStatusCode).toBe(200);
    for (const image of images) {
      expect(await imageTags(image.imageId)).toMatchObject({ CostCentre: 'cc-42', Team: 'hygiene', Empty: '' });
    }
    // Keys not named stay as they were.
    expect(await imageTags(images[0]!.imageId)).toMatchObject({ ...before, CostCentre: 'cc-42', Team: 'hygiene' });
    for (const id of snapshots) expect(await snapshotTags(id)).toMatchObject({ CostCentre: 'cc-42', Team: 'hygiene' });
  });

  it('refuses aws: keys, over-long keys and values, and empty keys with InvalidParameterValue', async () => {
    const image = takeImage(STAGING, EAST);
    const client = ec2(STAGING, EAST);
    const tag = async (Key: string, Value = 'v') => errorName(client.send(new CreateTagsCommand({ Resources: [image.imageId], Tags: [{ Key, Value }] })));
    expect(await tag('aws:owner')).toBe('InvalidParameterValue');
    expect(await tag('AWS:Owner')).toBe('InvalidParameterValue');
    expect(await tag('k'.repeat(129))).toBe('InvalidParameterValue');
    expect(await tag('v', 'x'.repeat(257))).toBe('InvalidParameterValue');
    expect(await tag('')).toBe('InvalidParameterValue');
    // The limits count characters: 128 and 256 of them (even outside the BMP) are fine.
    await client.send(new CreateTagsCommand({ Resources: [image.imageId], Tags: [{ Key: '🏷'.repeat(128), Value: 'é'.repeat(256) }] }));
    expect((await imageTags(image.imageId))['🏷'.repeat(128)]).toBe('é'.repeat(256));
  });

  it('allows 50 user tags per resource and answers TagLimitExceeded beyond, changing nothing', async () => {
    const image = takeImage(STAGING, EAST);
    const client = ec2(STAGING, EAST);
    const existing = image.tags.length;
    const fill = Array.from({ length: 50 - existing }, (_, i) => ({ Key: `fill-${i}`, Value: String(i) }));
    await client.send(new CreateTagsCommand({ Resources: [image.imageId], Tags: fill }));
    expect(Object.keys(await imageTags(image.imageId))).toHaveLength(50);
    // Overwriting an existing key does not count as a new tag.
    await client.send(new CreateTagsCommand({ Resources: [image.imageId], Tags: [{ Key: 'fill-0', Value: 'again' }] }));
    const other = takeImage(STAGING, EAST);
    const name = await errorName(client.send(new CreateTagsCommand({ Resources: [other.imageId, image.imageId], Tags: [{ Key: 'one-more', Value: 'x' }] })));
    expect(name).toBe('TagLimitExceeded');
    // All or nothing: the other image did not get the tag either.
    expect(await imageTags(other.imageId)).not.toHaveProperty('one-more');
  });

  it('answers NotFound for ids that do not exist, Malformed and InvalidID for bad ones', async () => {
    const image = takeImage(STAGING, EAST);
    const client = ec2(STAGING, EAST);
    const tags = [{ Key: 'Team', Value: 'x' }];
    expect(await errorName(client.send(new CreateTagsCommand({ Resources: [image.imageId, 'ami-0000000000000dead'], Tags: tags })))).toBe('InvalidAMIID.NotFound');
    expect(await errorName(client.send(new CreateTagsCommand({ Resources: ['snap-0000000000000dead'], Tags: tags })))).toBe('InvalidSnapshot.NotFound');
    expect(await errorName(client.send(new CreateTagsCommand({ Resources: ['ami-xyz'], Tags: tags })))).toBe('InvalidAMIID.Malformed');
    expect(await errorName(client.send(new CreateTagsCommand({ Resources: ['snap-xyz'], Tags: tags })))).toBe('InvalidSnapshotID.Malformed');
    expect(await errorName(client.send(new CreateTagsCommand({ Resources: ['vol-0123456789abcdef0'], Tags: tags })))).toBe('InvalidID');
    // The image in the failed call was not tagged.
    expect((await imageTags(image.imageId)).Team).not.toBe('x');
    // Another region's image is not there for this one.
    const west = takeImage(STAGING, 'us-west-2');
    expect(await errorName(client.send(new CreateTagsCommand({ Resources: [west.imageId], Tags: tags })))).toBe('InvalidAMIID.NotFound');
  });

  it('refuses an image shared with the caller (UnauthorizedOperation) and one it cannot see (NotFound)', async () => {
    const staging = account(STAGING);
    const shared = fx.emulator.world.imagesIn(EAST).find((i) => i.ownerId !== staging.accountId && i.state === 'available' && hasUserLaunchPermission(staging.accountId, i));
    expect(shared).toBeDefined();
    const client = ec2(STAGING, EAST);
    expect(await errorName(client.send(new CreateTagsCommand({ Resources: [shared!.imageId], Tags: [{ Key: 'Team', Value: 'x' }] })))).toBe('UnauthorizedOperation');
    expect(await errorName(client.send(new DeleteTagsCommand({ Resources: [shared!.imageId], Tags: [{ Key: 'Name' }] })))).toBe('UnauthorizedOperation');
    const hidden = fx.emulator.world.imagesIn(EAST).find((i) => i.ownerId !== staging.accountId && i.state === 'available' && i.launchPermissions.length === 0);
    expect(await errorName(client.send(new CreateTagsCommand({ Resources: [hidden!.imageId], Tags: [{ Key: 'Team', Value: 'x' }] })))).toBe('InvalidAMIID.NotFound');
  });
});

describe('DeleteTags', () => {
  it('deletes a key whatever its value, and a key with a value only when it matches', async () => {
    const image = takeImage(STAGING, EAST, ebs);
    const [snapshot] = snapshotIds(image);
    const client = ec2(STAGING, EAST);
    await client.send(new CreateTagsCommand({ Resources: [image.imageId, snapshot!], Tags: [{ Key: 'A', Value: '1' }, { Key: 'B', Value: '2' }, { Key: 'C', Value: '' }] }));
    await client.send(new DeleteTagsCommand({ Resources: [image.imageId, snapshot!], Tags: [{ Key: 'A' }, { Key: 'B', Value: 'not-2' }] }));
    expect(await imageTags(image.imageId)).toMatchObject({ B: '2', C: '' });
    expect(await imageTags(image.imageId)).not.toHaveProperty('A');
    expect(await snapshotTags(snapshot!)).not.toHaveProperty('A');
    // An empty value deletes only a tag whose value is empty.
    await client.send(new DeleteTagsCommand({ Resources: [image.imageId], Tags: [{ Key: 'B', Value: '' }, { Key: 'C', Value: '' }] }));
    expect(await imageTags(image.imageId)).toHaveProperty('B', '2');
    expect(await imageTags(image.imageId)).not.toHaveProperty('C');
    // A key that is not there is no error.
    await client.send(new DeleteTagsCommand({ Resources: [image.imageId], Tags: [{ Key: 'never-there' }] }));
  });

  it('removes every user tag when no tags are named; refuses aws: keys and missing images', async () => {
    const image = takeImage(STAGING, EAST);
    const client = ec2(STAGING, EAST);
    await client.send(new DeleteTagsCommand({ Resources: [image.imageId] }));
    expect(await imageTags(image.imageId)).toEqual({});
    expect(await errorName(client.send(new DeleteTagsCommand({ Resources: [image.imageId], Tags: [{ Key: 'aws:x' }] })))).toBe('InvalidParameterValue');
    expect(await errorName(client.send(new DeleteTagsCommand({ Resources: ['ami-0000000000000beef'], Tags: [{ Key: 'A' }] })))).toBe('InvalidAMIID.NotFound');
  });

  it('is refused by an IAM policy without ec2:CreateTags / DeleteTags (denyAction)', async () => {
    const image = takeImage(STAGING, EAST);
    fx.emulator.denyAction(account(STAGING).accountId, 'CreateTags');
    try {
      expect(await errorName(ec2(STAGING, EAST).send(new CreateTagsCommand({ Resources: [image.imageId], Tags: [{ Key: 'A', Value: '1' }] })))).toBe('UnauthorizedOperation');
    } finally {
      fx.emulator.allowAction(account(STAGING).accountId, 'CreateTags');
    }
  });
});
