/**
 * The emulator against the real AWS SDK v3 clients: signing, paging, filters, sharing rules,
 * error codes and the fault knobs. Expected answers are computed here from the world's raw
 * records with the rules written out again, not with the emulator's own visibility code.
 */
import {
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  DescribeRegionsCommand,
  DescribeSnapshotsCommand,
  DescribeVolumesCommand,
  EC2Client,
  EC2ServiceException,
  paginateDescribeImages,
  type DescribeImagesCommandInput,
  type Image,
} from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorld,
  startEmulator,
  type AccountRecord,
  type EmulatorIdentity,
  type ImageRecord,
  type RunningEmulator,
} from '../../emulator';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ seed: 1 });
});

afterAll(async () => {
  await emulator?.close();
});

function identity(accountName: string): EmulatorIdentity {
  const found = emulator.identities.find((i) => i.accountName === accountName);
  if (!found) throw new Error(`no identity ${accountName}`);
  return found;
}

function account(accountName: string): AccountRecord {
  const found = emulator.world.accounts.find((a) => a.name === accountName);
  if (!found) throw new Error(`no account ${accountName}`);
  return found;
}

function ec2(accountName: string, region: string, extra: { maxAttempts?: number; secret?: string } = {}): EC2Client {
  const id = identity(accountName);
  return new EC2Client({
    endpoint: emulator.url,
    region,
    maxAttempts: extra.maxAttempts ?? 3,
    credentials: { accessKeyId: id.accessKeyId, secretAccessKey: extra.secret ?? id.secretAccessKey },
  });
}

function sts(accountName: string, extra: { maxAttempts?: number; secret?: string; keyId?: string } = {}): STSClient {
  const id = identity(accountName);
  return new STSClient({
    endpoint: emulator.url,
    region: 'us-east-1',
    maxAttempts: extra.maxAttempts ?? 3,
    credentials: { accessKeyId: extra.keyId ?? id.accessKeyId, secretAccessKey: extra.secret ?? id.secretAccessKey },
  });
}

async function allImages(client: EC2Client, input: DescribeImagesCommandInput, pageSize: number): Promise<{ images: Image[]; pages: number }> {
  const images: Image[] = [];
  let pages = 0;
  for await (const page of paginateDescribeImages({ client, pageSize }, input)) {
    pages++;
    images.push(...(page.Images ?? []));
  }
  return { images, pages };
}

const ids = (images: Array<{ ImageId?: string } | ImageRecord>): string[] =>
  images.map((i) => ('imageId' in i ? i.imageId : (i.ImageId ?? ''))).sort();

// ---- the rules, written out independently of emulator/world/visibility.ts
const now = (): number => emulator.world.now().getTime();
const deprecated = (i: ImageRecord): boolean => i.deprecationTime !== null && Date.parse(i.deprecationTime) <= now();
const sharedWith = (i: ImageRecord, a: AccountRecord): boolean =>
  i.launchPermissions.some(
    (p) =>
      p.userId === a.accountId ||
      p.organizationArn === a.organizationArn ||
      (p.organizationalUnitArn !== undefined && a.organizationalUnitArns.includes(p.organizationalUnitArn)),
  );
/** Owned images as DescribeImages Owners=self lists them: everything but deregistered/disabled. */
const ownedTruth = (a: AccountRecord, region: string): ImageRecord[] =>
  emulator.world
    .imagesIn(region)
    .filter((i) => i.ownerId === a.accountId && i.state !== 'deregistered' && i.state !== 'disabled');

describe('STS', () => {
  it('GetCallerIdentity names the account and IAM user of every issued key', async () => {
    for (const id of emulator.identities) {
      const out = await sts(id.accountName).send(new GetCallerIdentityCommand({}));
      expect(out.Account).toBe(id.accountId);
      expect(out.Arn).toMatch(new RegExp(`^arn:aws:iam::${id.accountId}:user/[\\w+=,.@-]+$`));
      expect(out.UserId).toMatch(/^AIDA[A-Z2-7]{17}$/);
    }
  });

  it('rejects a wrong secret and an unknown key with the STS codes', async () => {
    await expect(
      sts('acme-production', { maxAttempts: 1, secret: 'x'.repeat(40) }).send(new GetCallerIdentityCommand({})),
    ).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
    await expect(
      sts('acme-production', { maxAttempts: 1, keyId: 'AKIAAAAAAAAAAAAAAAAA' }).send(new GetCallerIdentityCommand({})),
    ).rejects.toMatchObject({ name: 'InvalidClientTokenId' });
  });
});

describe('EC2 authentication and regions', () => {
  it('answers AuthFailure for a wrong secret', async () => {
    await expect(
      ec2('globex-prod', 'eu-central-1', { maxAttempts: 1, secret: 'y'.repeat(40) }).send(new DescribeRegionsCommand({})),
    ).rejects.toMatchObject({ name: 'AuthFailure' });
  });

  it('lists enabled regions, adds opt-in ones with AllRegions, refuses calls into a disabled one', async () => {
    const client = ec2('acme-production', 'us-east-1');
    const enabled = await client.send(new DescribeRegionsCommand({}));
    const names = (enabled.Regions ?? []).map((r) => r.RegionName);
    expect(names).toEqual(expect.arrayContaining(['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-southeast-2']));
    expect(names).not.toContain('af-south-1');

    const all = await client.send(new DescribeRegionsCommand({ AllRegions: true }));
    const africa = (all.Regions ?? []).find((r) => r.RegionName === 'af-south-1');
    expect(africa?.OptInStatus).toBe('not-opted-in');
    expect(africa?.Endpoint).toBe('ec2.af-south-1.amazonaws.com');

    await expect(
      ec2('acme-production', 'af-south-1', { maxAttempts: 1 }).send(new DescribeImagesCommand({ Owners: ['self'] })),
    ).rejects.toMatchObject({ name: 'AuthFailure' });
  });
});

describe('DescribeImages', () => {
  it('pages owned images five at a time and returns exactly the owned images', async () => {
    const a = account('initech-shared-services');
    const truth = ownedTruth(a, 'us-east-1');
    expect(truth.length).toBeGreaterThan(40);
    const { images, pages } = await allImages(ec2(a.name, 'us-east-1'), { Owners: ['self'] }, 5);
    expect(pages).toBe(Math.ceil(truth.length / 5));
    expect(ids(images)).toEqual(ids(truth));
    // Owners see their deprecated images without asking.
    expect(truth.some(deprecated)).toBe(true);
  });

  it('returns the full wire shape of an image', async () => {
    const a = account('acme-production');
    const record = ownedTruth(a, 'us-east-1').find(
      (i) => i.sourceImageId !== null && i.blockDevices.length > 1 && i.tags.length > 0 && i.lastLaunchedTime,
    );
    expect(record).toBeDefined();
    if (!record) return;
    const out = await ec2(a.name, 'us-east-1').send(new DescribeImagesCommand({ ImageIds: [record.imageId] }));
    const image = out.Images?.[0];
    expect(image).toMatchObject({
      ImageId: record.imageId,
      Name: record.name,
      OwnerId: a.accountId,
      State: record.state,
      Architecture: record.architecture,
      PlatformDetails: record.platformDetails,
      UsageOperation: record.usageOperation,
      RootDeviceType: 'ebs',
      RootDeviceName: record.rootDeviceName,
      CreationDate: record.creationDate,
      Public: false,
      SourceImageId: record.sourceImageId,
      SourceImageRegion: record.sourceImageRegion,
      LastLaunchedTime: record.lastLaunchedTime,
      BootMode: record.bootMode,
      ImdsSupport: record.imdsSupport,
    });
    expect(image?.Tags).toEqual(record.tags.map((t) => ({ Key: t.key, Value: t.value })));
    expect(image?.BlockDeviceMappings?.map((b) => b.Ebs?.SnapshotId)).toEqual(
      record.blockDevices.map((b) => b.ebs?.snapshotId),
    );
    expect(image?.BlockDeviceMappings?.[0]?.Ebs?.KmsKeyId).toMatch(/^arn:aws:kms:us-east-1:\d{12}:key\//);
  });

  it('filters by name wildcard, architecture, platform, state and tag', async () => {
    const a = account('acme-staging');
    const client = ec2(a.name, 'us-east-1');
    const owned = ownedTruth(a, 'us-east-1');
    const query = async (filters: Array<{ Name: string; Values: string[] }>): Promise<string[]> =>
      ids((await allImages(client, { Owners: ['self'], Filters: filters }, 100)).images);

    const nameMatch = /^app-payments-api-2026-1.-..T/;
    expect(await query([{ Name: 'name', Values: ['app-payments-api-2026-1?-??T*'] }])).toEqual(
      ids(owned.filter((i) => nameMatch.test(i.name))),
    );
    expect(await query([{ Name: 'architecture', Values: ['arm64'] }])).toEqual(
      ids(owned.filter((i) => i.architecture === 'arm64')),
    );
    expect(await query([{ Name: 'state', Values: ['failed', 'pending'] }])).toEqual(
      ids(owned.filter((i) => i.state === 'failed' || i.state === 'pending')),
    );
    expect((await query([{ Name: 'state', Values: ['failed'] }])).length).toBeGreaterThan(0);
    expect(await query([{ Name: 'tag:Team', Values: ['payments'] }, { Name: 'architecture', Values: ['x86_64'] }])).toEqual(
      ids(owned.filter((i) => i.tags.some((t) => t.key === 'Team' && t.value === 'payments') && i.architecture === 'x86_64')),
    );
    expect(await query([{ Name: 'tag-key', Values: ['GitSha'] }])).toEqual(
      ids(owned.filter((i) => i.tags.some((t) => t.key === 'GitSha'))),
    );

    const windowsOwner = account('initech-shared-services');
    const windows = await allImages(
      ec2(windowsOwner.name, 'us-east-1'),
      { Owners: ['self'], Filters: [{ Name: 'platform', Values: ['windows'] }] },
      50,
    );
    const windowsTruth = ownedTruth(windowsOwner, 'us-east-1').filter((i) => i.platform === 'windows');
    expect(windowsTruth.length).toBeGreaterThan(0);
    expect(ids(windows.images)).toEqual(ids(windowsTruth));
    // AWS sends lower-case "windows" although the SDK's enum spells it "Windows".
    expect(windows.images.every((i) => String(i.Platform) === 'windows' && i.PlatformDetails === 'Windows')).toBe(true);
  });

  it('refuses an unknown filter and an out-of-range MaxResults', async () => {
    const client = ec2('acme-staging', 'us-east-1', { maxAttempts: 1 });
    await expect(
      client.send(new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'colour', Values: ['red'] }] })),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    await expect(client.send(new DescribeImagesCommand({ Owners: ['self'], MaxResults: 3 }))).rejects.toMatchObject({
      name: 'InvalidParameterValue',
    });
    await expect(
      client.send(new DescribeImagesCommand({ ImageIds: ['ami-0123456789abcdef0'], MaxResults: 10 })),
    ).rejects.toMatchObject({ name: 'InvalidParameterCombination' });
  });

  it('ExecutableUsers=self returns exactly the images shared with the caller', async () => {
    for (const [name, region] of [
      ['initech-sandbox', 'us-east-1'],
      ['acme-production', 'us-east-1'],
      ['globex-prod', 'eu-central-1'],
    ] as const) {
      const a = account(name);
      const truth = emulator.world
        .imagesIn(region)
        .filter(
          (i) =>
            i.ownerId !== a.accountId &&
            i.state !== 'deregistered' &&
            i.state !== 'disabled' &&
            !deprecated(i) &&
            sharedWith(i, a),
        );
      expect(truth.length, `${name} has images shared with it`).toBeGreaterThan(0);
      const { images } = await allImages(ec2(name, region), { ExecutableUsers: ['self'] }, 1000);
      expect(ids(images)).toEqual(ids(truth));
    }
    // Organization- and OU-wide shares count as shared with the caller.
    const sandbox = account('initech-sandbox');
    expect(
      emulator.world.imagesIn('us-east-1').some((i) => i.launchPermissions.some((p) => p.organizationArn === sandbox.organizationArn)),
    ).toBe(true);
    const globexProd = account('globex-prod');
    expect(
      emulator.world
        .imagesIn('eu-central-1')
        .some((i) => i.launchPermissions.some((p) => p.organizationalUnitArn === globexProd.organizationalUnitArns[0])),
    ).toBe(true);
  });

  it('does not show another account’s private image, even by id', async () => {
    const other = ownedTruth(account('acme-production'), 'us-east-1').find((i) => i.launchPermissions.length === 0);
    expect(other).toBeDefined();
    await expect(
      ec2('globex-dev', 'us-east-1', { maxAttempts: 1 }).send(new DescribeImagesCommand({ ImageIds: [other?.imageId ?? ''] })),
    ).rejects.toMatchObject({ name: 'InvalidAMIID.NotFound' });
  });

  it('pages through an Amazon catalogue of at least 2,000 images', async () => {
    const region = 'eu-west-1';
    const truth = emulator.world.imagesIn(region).filter((i) => i.ownerAlias === 'amazon' && !deprecated(i));
    expect(truth.length).toBeGreaterThanOrEqual(2000);
    const { images, pages } = await allImages(ec2('globex-dev', region), { Owners: ['amazon'] }, 1000);
    expect(pages).toBe(Math.ceil(truth.length / 1000));
    expect(images.length).toBe(truth.length);
    expect(new Set(ids(images)).size).toBe(images.length);
    expect(images.every((i) => i.ImageOwnerAlias === 'amazon' && i.Public === true)).toBe(true);
    const names = images.map((i) => i.Name ?? '');
    expect(names.some((n) => /^al2023-ami-2023\.\d+\.\d{8}\.\d-kernel-6\.1-x86_64$/.test(n))).toBe(true);
    expect(names.some((n) => /^Windows_Server-2022-English-Full-Base-\d{4}\.\d{2}\.\d{2}$/.test(n))).toBe(true);

    // Deprecated public images only appear on request.
    const withDeprecated = await allImages(
      ec2('globex-dev', region),
      { Owners: ['amazon'], IncludeDeprecated: true, Filters: [{ Name: 'name', Values: ['amzn2-ami-hvm-*'] }] },
      1000,
    );
    expect(withDeprecated.images.some((i) => i.DeprecationTime && Date.parse(i.DeprecationTime) <= now())).toBe(true);
  });

  it('reports malformed and unknown image ids with the EC2 codes', async () => {
    const client = ec2('acme-production', 'us-east-1', { maxAttempts: 1 });
    await expect(client.send(new DescribeImagesCommand({ ImageIds: ['ami-nope'] }))).rejects.toMatchObject({
      name: 'InvalidAMIID.Malformed',
    });
    await expect(client.send(new DescribeImagesCommand({ ImageIds: ['ami-0123456789abcdef0'] }))).rejects.toMatchObject({
      name: 'InvalidAMIID.NotFound',
      message: expect.stringContaining('ami-0123456789abcdef0'),
    });
  });
});

describe('DescribeImageAttribute', () => {
  it('gives the owner the launch permissions and denies everybody else', async () => {
    const owner = account('initech-shared-services');
    const shared = ownedTruth(owner, 'us-east-1').find(
      (i) => i.launchPermissions.some((p) => p.userId === account('initech-sandbox').accountId) && i.launchPermissions.length > 1,
    );
    expect(shared).toBeDefined();
    if (!shared) return;
    const mine = await ec2(owner.name, 'us-east-1').send(
      new DescribeImageAttributeCommand({ ImageId: shared.imageId, Attribute: 'launchPermission' }),
    );
    expect(mine.LaunchPermissions).toEqual(
      shared.launchPermissions.map((p) => ({
        ...(p.userId ? { UserId: p.userId } : {}),
        ...(p.group ? { Group: p.group } : {}),
        ...(p.organizationArn ? { OrganizationArn: p.organizationArn } : {}),
        ...(p.organizationalUnitArn ? { OrganizationalUnitArn: p.organizationalUnitArn } : {}),
      })),
    );

    const sandbox = ec2('initech-sandbox', 'us-east-1', { maxAttempts: 1 });
    await expect(
      sandbox.send(new DescribeImageAttributeCommand({ ImageId: shared.imageId, Attribute: 'launchPermission' })),
    ).rejects.toMatchObject({ name: 'AuthFailure' });
    const description = await sandbox.send(
      new DescribeImageAttributeCommand({ ImageId: shared.imageId, Attribute: 'description' }),
    );
    expect(description.Description?.Value).toBe(shared.description);
  });
});

describe('DescribeSnapshots', () => {
  it('describes the snapshots behind an image', async () => {
    const a = account('acme-production');
    const image = ownedTruth(a, 'us-east-1').find((i) => i.blockDevices.filter((b) => b.ebs).length >= 2);
    expect(image).toBeDefined();
    if (!image) return;
    const devices = image.blockDevices.flatMap((b) => (b.ebs ? [b.ebs] : []));
    const out = await ec2(a.name, 'us-east-1').send(
      new DescribeSnapshotsCommand({ SnapshotIds: devices.map((d) => d.snapshotId ?? '') }),
    );
    const byId = new Map((out.Snapshots ?? []).map((s) => [s.SnapshotId, s]));
    expect(byId.size).toBe(devices.length);
    for (const device of devices) {
      const snapshot = byId.get(device.snapshotId ?? '');
      expect(snapshot).toMatchObject({
        OwnerId: a.accountId,
        VolumeSize: device.volumeSize,
        Encrypted: device.encrypted,
        State: 'completed',
      });
      if (device.kmsKeyId) expect(snapshot?.KmsKeyId).toBe(device.kmsKeyId);
      expect(snapshot?.StartTime).toBeInstanceOf(Date);
    }

    // Another account that was not given create-volume permission cannot see them.
    await expect(
      ec2('globex-dev', 'us-east-1', { maxAttempts: 1 }).send(
        new DescribeSnapshotsCommand({ SnapshotIds: [devices[0]?.snapshotId ?? ''] }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidSnapshot.NotFound' });
  });

  it('lists own snapshots with Owner=self and a filter', async () => {
    const a = account('globex-prod');
    const truth = emulator.world
      .snapshotsIn('eu-central-1')
      .filter((s) => s.ownerId === a.accountId && s.encrypted)
      .map((s) => s.snapshotId)
      .sort();
    const out = await ec2(a.name, 'eu-central-1').send(
      new DescribeSnapshotsCommand({ OwnerIds: ['self'], Filters: [{ Name: 'encrypted', Values: ['true'] }] }),
    );
    expect((out.Snapshots ?? []).map((s) => s.SnapshotId ?? '').sort()).toEqual(truth);
    expect(truth.length).toBeGreaterThan(0);
  });
});

describe('knobs', () => {
  it('throttles: fails with maxAttempts=1, succeeds when the SDK retries', async () => {
    emulator.setKnobs({ throttleRate: 1 });
    try {
      await expect(
        ec2('acme-production', 'us-east-1', { maxAttempts: 1 }).send(new DescribeRegionsCommand({})),
      ).rejects.toMatchObject({ name: 'RequestLimitExceeded' });
      await expect(sts('acme-production', { maxAttempts: 1 }).send(new GetCallerIdentityCommand({}))).rejects.toMatchObject({
        name: 'Throttling',
      });

      emulator.setKnobs({ throttleRate: 0.4 });
      const client = ec2('acme-production', 'us-east-1', { maxAttempts: 8 });
      let attempts = 0;
      for (let i = 0; i < 4; i++) {
        const out = await client.send(new DescribeRegionsCommand({}));
        expect(out.Regions?.length).toBeGreaterThan(0);
        attempts += out.$metadata.attempts ?? 1;
      }
      expect(attempts).toBeGreaterThan(4);
    } finally {
      emulator.setKnobs({ throttleRate: 0 });
    }
  });

  it('adds latency before answering', async () => {
    emulator.setKnobs({ latencyMs: 120 });
    try {
      const started = performance.now();
      await sts('globex-dev').send(new GetCallerIdentityCommand({}));
      expect(performance.now() - started).toBeGreaterThanOrEqual(110);
    } finally {
      emulator.setKnobs({ latencyMs: 0 });
    }
  });
});

describe('robustness', () => {
  it('answers malformed requests with AWS-shaped errors and keeps serving', async () => {
    const cases: Array<{ init: RequestInit; code: string; status: number }> = [
      { init: { method: 'POST', body: 'Action=DescribeImages&Version=2016-11-15' }, code: 'MissingAuthenticationToken', status: 401 },
      {
        init: { method: 'POST', headers: { authorization: 'AWS4-HMAC-SHA256 garbage' }, body: 'Action=DescribeImages' },
        code: 'IncompleteSignature',
        status: 400,
      },
      {
        init: { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '%%%&&&==' },
        code: 'MissingAuthenticationToken',
        status: 401,
      },
      { init: { method: 'GET' }, code: 'MissingAuthenticationToken', status: 401 },
    ];
    for (const c of cases) {
      const res = await fetch(`${emulator.url}/some/path?x=%zz`, c.init);
      expect(res.status).toBe(c.status);
      const text = await res.text();
      expect(text).toContain(`<Code>${c.code}</Code>`);
    }
    const stsRes = await fetch(emulator.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(await stsRes.text()).toMatch(/^<\?xml[^>]*>\s*<ErrorResponse/);
    // Still alive.
    const out = await sts('initech-sandbox').send(new GetCallerIdentityCommand({}));
    expect(out.Account).toBe(identity('initech-sandbox').accountId);
  });

  it('refuses an unknown action', async () => {
    const client = ec2('acme-production', 'us-east-1', { maxAttempts: 1 });
    // A real signed request for an action the emulator does not implement.
    const error = await client.send(new DescribeVolumesCommand({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EC2ServiceException);
    expect(error).toMatchObject({ name: 'InvalidAction' });
  });
});

describe('the seeded world', () => {
  it('is deterministic for a seed and different for another', () => {
    const a = createWorld(7);
    const b = createWorld(7);
    const c = createWorld(8);
    const summary = (w: ReturnType<typeof createWorld>): string[] =>
      w.accounts.flatMap((acc) => [acc.accountId, acc.accessKeyId, ...w.imagesIn(acc.defaultRegion).slice(0, 50).map((i) => `${i.imageId}:${i.name}`)]);
    expect(summary(a)).toEqual(summary(b));
    expect(summary(a)).not.toEqual(summary(c));
  });

  it('builds the private world quickly', () => {
    const started = performance.now();
    createWorld(3);
    expect(performance.now() - started).toBeLessThan(300);
  });

  it('is consistent: every EBS mapping has a matching snapshot, no date lies in the future', () => {
    const world = emulator.world;
    expect(world.accounts).toHaveLength(6);
    expect(new Set(world.accounts.map((a) => a.clientName)).size).toBe(3);
    for (const a of world.accounts) {
      expect(a.accountId).toMatch(/^\d{12}$/);
      expect(a.accessKeyId).toMatch(/^AKIA[A-Z0-9]{16}$/);
      expect(a.secretAccessKey).toHaveLength(40);
    }
    const regions = [...new Set(world.accounts.flatMap((a) => a.regions))];
    const privateImages = regions.flatMap((r) => world.imagesIn(r)).filter((i) => world.accountById(i.ownerId));
    expect(privateImages.length).toBeGreaterThanOrEqual(200);
    expect(privateImages.some((i) => i.architecture === 'i386')).toBe(true);
    expect(privateImages.some((i) => i.rootDeviceType === 'instance-store')).toBe(true);
    expect(privateImages.some((i) => i.launchPermissions.some((p) => p.group === 'all'))).toBe(true);
    expect(privateImages.some((i) => i.state === 'deregistered')).toBe(true);
    const anchor = world.anchor.getTime();
    for (const image of privateImages) {
      expect(Date.parse(image.creationDate)).toBeLessThan(anchor);
      if (image.lastLaunchedTime) expect(Date.parse(image.lastLaunchedTime)).toBeLessThanOrEqual(anchor);
      for (const device of image.blockDevices) {
        if (!device.ebs) continue;
        const snapshot = world.snapshot(image.region, device.ebs.snapshotId ?? '');
        expect(snapshot, `${image.imageId} ${device.deviceName}`).toBeDefined();
        expect(snapshot?.ownerId).toBe(image.ownerId);
        expect(snapshot?.volumeSize).toBe(device.ebs.volumeSize);
        expect(snapshot?.encrypted).toBe(device.ebs.encrypted);
        expect(snapshot?.kmsKeyId).toBe(device.ebs.kmsKeyId);
      }
      if (image.sourceImageId) expect(world.image(image.sourceImageRegion ?? '', image.sourceImageId)).toBeDefined();
    }
  });
});
