/**
 * The large world for benchmarks: built fast and deterministically, every account reachable
 * with its own key pair, every EBS mapping backed by a real snapshot, launch permissions readable
 * by the owner, and paging that really pages.
 */
import {
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  DescribeRegionsCommand,
  EC2Client,
  paginateDescribeImages,
  type Image,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLargeWorld, LARGE_WORLD_DEFAULT, startEmulator, type EmulatorIdentity, type RunningEmulator } from '../../emulator';

describe('large world', () => {
  it('builds 50 accounts × 16 regions × 200 images quickly, with snapshots behind every EBS mapping', () => {
    const started = performance.now();
    const world = createLargeWorld(1, LARGE_WORLD_DEFAULT);
    const elapsed = performance.now() - started;
    // About 1.5 s on a quiet 2-core machine (npm run bench reports it); the bound only catches
    // an accidental slowdown by a large factor, even on a busy runner.
    expect(elapsed).toBeLessThan(10_000);

    const enabled = world.regions.filter((r) => r.optInStatus !== 'not-opted-in').map((r) => r.name);
    expect(enabled).toHaveLength(16);
    expect(world.accounts).toHaveLength(50);
    expect(new Set(world.accounts.map((a) => a.accessKeyId)).size).toBe(50);
    expect(world.mfaDevices).toHaveLength(50);

    let images = 0;
    let shared = 0;
    for (const region of enabled) {
      for (const image of world.imagesIn(region)) {
        images++;
        if (image.launchPermissions.length > 0) shared++;
        for (const device of image.blockDevices) {
          if (!device.ebs) continue;
          const snapshot = world.snapshot(region, device.ebs.snapshotId ?? '');
          expect(snapshot?.ownerId).toBe(image.ownerId);
          expect(snapshot?.volumeSize).toBe(device.ebs.volumeSize);
        }
        // Shared images are never deprecated, and nothing is disabled (see world/large.ts).
        expect(image.state).not.toBe('disabled');
        if (image.launchPermissions.length > 0) expect(image.deprecationTime).toBeNull();
      }
    }
    expect(images).toBe(160_000);
    expect(shared).toBeGreaterThan(30_000);
  });

  it('is the same world for the same seed and another for another seed', () => {
    const shape = { accounts: 7, regions: 3, imagesPerAccountRegion: 40 };
    const ids = (seed: number) => createLargeWorld(seed, shape).imagesIn('us-east-1').map((i) => `${i.imageId} ${i.name} ${i.ownerId}`);
    expect(ids(3)).toEqual(ids(3));
    expect(ids(4)).not.toEqual(ids(3));
  });

  it('rejects shapes outside its limits', () => {
    expect(() => createLargeWorld(1, { accounts: 0, regions: 1, imagesPerAccountRegion: 1 })).toThrow(RangeError);
    expect(() => createLargeWorld(1, { accounts: 1, regions: 19, imagesPerAccountRegion: 1 })).toThrow(RangeError);
  });
});

describe('large world served', () => {
  let emulator: RunningEmulator;
  const shape = { accounts: 6, regions: 3, imagesPerAccountRegion: 30 };

  beforeAll(async () => {
    emulator = await startEmulator({ world: shape, seed: 2 });
  });
  afterAll(async () => {
    await emulator?.close();
  });

  const client = (id: EmulatorIdentity, region: string) =>
    new EC2Client({ endpoint: emulator.url, region, credentials: { accessKeyId: id.accessKeyId, secretAccessKey: id.secretAccessKey } });

  it('answers each identity in its enabled regions only', async () => {
    expect(emulator.identities).toHaveLength(6);
    const id = emulator.identities[0]!;
    const out = await client(id, 'us-east-1').send(new DescribeRegionsCommand({}));
    expect(out.Regions?.map((r) => r.RegionName)).toEqual(['us-east-1', 'us-east-2', 'us-west-1']);
  });

  it('pages owned images and reads their launch permissions as the world holds them', async () => {
    const id = emulator.identities[2]!;
    const ec2 = client(id, 'us-east-2');
    const listed: Image[] = [];
    let pages = 0;
    for await (const page of paginateDescribeImages({ client: ec2, pageSize: 7 }, { Owners: ['self'], MaxResults: 7 })) {
      pages++;
      listed.push(...(page.Images ?? []));
    }
    const expected = emulator.world.imagesIn('us-east-2').filter((i) => i.ownerId === id.accountId && i.state !== 'deregistered');
    expect(listed.map((i) => i.ImageId).sort()).toEqual(expected.map((i) => i.imageId).sort());
    expect(pages).toBeGreaterThan(3);

    const withShares = expected.find((i) => i.launchPermissions.some((p) => p.userId));
    expect(withShares).toBeDefined();
    const attr = await ec2.send(new DescribeImageAttributeCommand({ ImageId: withShares!.imageId, Attribute: 'launchPermission' }));
    expect(attr.LaunchPermissions?.map((p) => p.UserId).sort()).toEqual(withShares!.launchPermissions.map((p) => p.userId).sort());
  });

  it('shows other accounts the images shared with them', async () => {
    const id = emulator.identities[1]!;
    const out = await client(id, 'us-east-1').send(new DescribeImagesCommand({ ExecutableUsers: ['self'] }));
    const account = emulator.world.accountById(id.accountId)!;
    const expected = emulator.world
      .imagesIn('us-east-1')
      .filter(
        (i) =>
          i.state !== 'deregistered' &&
          i.launchPermissions.some(
            (p) => p.userId === id.accountId || p.organizationArn === account.organizationArn || (p.organizationalUnitArn !== undefined && account.organizationalUnitArns.includes(p.organizationalUnitArn)),
          ),
      );
    expect(out.Images?.map((i) => i.ImageId).sort()).toEqual(expected.map((i) => i.imageId).sort());
  });

  it('counts requests and throttled answers', async () => {
    const before = emulator.stats();
    emulator.setKnobs({ throttleRate: 1 });
    const ec2 = new EC2Client({
      endpoint: emulator.url,
      region: 'us-east-1',
      maxAttempts: 1,
      credentials: { accessKeyId: emulator.identities[0]!.accessKeyId, secretAccessKey: emulator.identities[0]!.secretAccessKey },
    });
    await expect(ec2.send(new DescribeRegionsCommand({}))).rejects.toThrow();
    emulator.setKnobs({ throttleRate: 0 });
    const after = emulator.stats();
    expect(after.requests - before.requests).toBe(1);
    expect(after.throttled - before.throttled).toBe(1);
  });
});
