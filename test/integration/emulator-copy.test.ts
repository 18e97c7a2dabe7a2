/**
 * CopyImage through the emulator with the real EC2 client: the pending → available
 * progression on the world clock, snapshot progress, tags, names, idempotency, the copy limit,
 * cross-account copies (snapshot permissions, KMS key policies, billing codes) and encryption.
 */
import {
  CopyImageCommand,
  DescribeImagesCommand,
  DescribeSnapshotsCommand,
  EC2Client,
  ModifyImageAttributeCommand,
  ModifySnapshotAttributeCommand,
  type Image,
} from '@aws-sdk/client-ec2';
import { PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  COPY_TOKEN_LIFETIME_SECONDS,
  DEFAULT_IMAGE_COPY_SETTINGS,
  PRODUCT_CODE_FIXTURE,
  type ImageRecord,
} from '../../emulator';
import { errorName, useEmulator } from './emulator-fixture';

const fx = useEmulator();
const { account, ec2, kms, takeImage } = fx;

beforeEach(() => {
  fx.emulator.setCopyDuration(DEFAULT_IMAGE_COPY_SETTINGS.durationSeconds);
  fx.emulator.setCopyConcurrency(DEFAULT_IMAGE_COPY_SETTINGS.concurrentCopiesPerRegion);
});

const plain = (i: ImageRecord): boolean =>
  i.launchPermissions.length === 0 &&
  i.productCodes.length === 0 &&
  i.usageOperation === 'RunInstances' &&
  i.rootDeviceType === 'ebs' &&
  i.blockDevices.every((d) => d.ebs === undefined || !d.ebs.encrypted);

const encryptedWithCustomerKey = (i: ImageRecord): boolean =>
  i.launchPermissions.length === 0 &&
  i.productCodes.length === 0 &&
  i.usageOperation === 'RunInstances' &&
  i.blockDevices.some((d) => d.ebs?.encrypted === true) &&
  i.blockDevices.every((d) => {
    const key = d.ebs?.kmsKeyId ? fx.emulator.world.kmsKey(d.ebs.kmsKeyId) : undefined;
    return d.ebs === undefined || (d.ebs.encrypted && key?.managedBy === 'customer');
  });

async function describe1(client: EC2Client, imageId: string): Promise<Image> {
  const out = await client.send(new DescribeImagesCommand({ ImageIds: [imageId] }));
  const image = out.Images?.[0];
  if (!image) throw new Error(`no image ${imageId}`);
  return image;
}

function snapshotIdsOf(image: Image): string[] {
  return (image.BlockDeviceMappings ?? []).flatMap((m) => (m.Ebs?.SnapshotId ? [m.Ebs.SnapshotId] : []));
}

let names = 0;
const newName = (prefix = 'atlas-copy'): string => `${prefix}-${++names}`;

const STAGING = 'acme-staging';
const EAST = 'us-east-1';
const WEST = 'us-west-2';

describe('CopyImage: the copy and its progress', () => {
  it('creates a pending copy with pending snapshots that becomes available after the copy time', async () => {
    fx.emulator.setCopyDuration(1000);
    const source = takeImage(STAGING, EAST, plain);
    const west = ec2(STAGING, WEST);
    const name = newName();
    const { ImageId } = await west.send(new CopyImageCommand({ SourceImageId: source.imageId, SourceRegion: EAST, Name: name }));
    expect(ImageId).toMatch(/^ami-[0-9a-f]{17}$/);
    const imageId = ImageId ?? '';

    const pending = await describe1(west, imageId);
    expect(pending).toMatchObject({
      State: 'pending',
      Name: name,
      OwnerId: account(STAGING).accountId,
      SourceImageId: source.imageId,
      SourceImageRegion: EAST,
      Public: false,
      Architecture: source.architecture,
    });
    const snapshotIds = snapshotIdsOf(pending);
    expect(snapshotIds.length).toBe(source.blockDevices.filter((d) => d.ebs?.snapshotId).length);
    expect(snapshotIds.some((id) => source.blockDevices.some((d) => d.ebs?.snapshotId === id))).toBe(false);

    // The owner sees its pending copy in a listing too.
    const own = await west.send(new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'state', Values: ['pending'] }] }));
    expect((own.Images ?? []).map((i) => i.ImageId)).toContain(imageId);

    const snaps = await west.send(new DescribeSnapshotsCommand({ SnapshotIds: snapshotIds }));
    for (const s of snaps.Snapshots ?? []) {
      expect(s).toMatchObject({ State: 'pending', Progress: '0%', OwnerId: account(STAGING).accountId, VolumeId: 'vol-ffffffff' });
      expect(s.Description).toContain(`from SourceAmi ${source.imageId}`);
    }

    fx.emulator.advanceClock(500);
    const half = await west.send(new DescribeSnapshotsCommand({ SnapshotIds: snapshotIds }));
    for (const s of half.Snapshots ?? []) {
      expect(s.State).toBe('pending');
      expect(s.Progress).toBe('50%');
    }
    expect((await describe1(west, imageId)).State).toBe('pending');

    fx.emulator.advanceClock(501);
    expect((await describe1(west, imageId)).State).toBe('available');
    const done = await west.send(new DescribeSnapshotsCommand({ SnapshotIds: snapshotIds }));
    for (const s of done.Snapshots ?? []) expect(s).toMatchObject({ State: 'completed', Progress: '100%' });
  });

  it('copies within the same region too, and the copy of an own image keeps no launch permissions', async () => {
    fx.emulator.setCopyDuration(0);
    const source = takeImage(STAGING, EAST, plain);
    const east = ec2(STAGING, EAST);
    const { ImageId } = await east.send(
      new CopyImageCommand({ SourceImageId: source.imageId, SourceRegion: EAST, Name: newName(), Description: 'promoted copy' }),
    );
    const copy = await describe1(east, ImageId ?? '');
    expect(copy).toMatchObject({ State: 'available', Description: 'promoted copy', SourceImageRegion: EAST });
  });

  it('copies the source tags with CopyImageTags and applies TagSpecifications to image and snapshots', async () => {
    fx.emulator.setCopyDuration(0);
    const source = takeImage(STAGING, EAST, (i) => plain(i) && i.tags.length > 0);
    const west = ec2(STAGING, WEST);
    const { ImageId } = await west.send(
      new CopyImageCommand({
        SourceImageId: source.imageId,
        SourceRegion: EAST,
        Name: newName(),
        CopyImageTags: true,
        TagSpecifications: [
          { ResourceType: 'image', Tags: [{ Key: 'CopiedBy', Value: 'atlas' }] },
          { ResourceType: 'snapshot', Tags: [{ Key: 'Purpose', Value: 'dr' }] },
        ],
      }),
    );
    const copy = await describe1(west, ImageId ?? '');
    const tags = Object.fromEntries((copy.Tags ?? []).map((t) => [t.Key, t.Value]));
    for (const t of source.tags.filter((t) => !t.key.startsWith('aws:'))) expect(tags[t.key]).toBe(t.value);
    expect(tags.CopiedBy).toBe('atlas');
    const snaps = await west.send(new DescribeSnapshotsCommand({ SnapshotIds: snapshotIdsOf(copy) }));
    for (const s of snaps.Snapshots ?? []) expect(s.Tags).toEqual([{ Key: 'Purpose', Value: 'dr' }]);

    const untagged = await west.send(new CopyImageCommand({ SourceImageId: source.imageId, SourceRegion: EAST, Name: newName() }));
    expect((await describe1(west, untagged.ImageId ?? '')).Tags ?? []).toEqual([]);
  });

  it('refuses bad tag resource types', async () => {
    const source = takeImage(STAGING, EAST, plain);
    const name = await errorName(
      ec2(STAGING, WEST).send(
        new CopyImageCommand({
          SourceImageId: source.imageId,
          SourceRegion: EAST,
          Name: newName(),
          TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'a', Value: 'b' }] }],
        }),
      ),
    );
    expect(name).toBe('InvalidParameterValue');
  });
});

describe('CopyImage: names, sources and idempotency', () => {
  it('validates the name: length and character set (InvalidAMIName.Malformed), uniqueness (InvalidAMIName.Duplicate)', async () => {
    const source = takeImage(STAGING, EAST, plain);
    const west = ec2(STAGING, WEST);
    const copy = (Name: string): Promise<unknown> => west.send(new CopyImageCommand({ SourceImageId: source.imageId, SourceRegion: EAST, Name }));
    expect(await errorName(copy('ab'))).toBe('InvalidAMIName.Malformed');
    expect(await errorName(copy('x'.repeat(129)))).toBe('InvalidAMIName.Malformed');
    expect(await errorName(copy('bad!name'))).toBe('InvalidAMIName.Malformed');
    await copy("ok (name) [1] with/slash - 'quote' @ under_score.v2");

    const existing = fx.emulator.world
      .imagesIn(WEST)
      .find((i) => i.ownerId === account(STAGING).accountId && i.state !== 'deregistered');
    if (!existing) throw new Error('acme-staging has no image in us-west-2');
    expect(await errorName(copy(existing.name))).toBe('InvalidAMIName.Duplicate');
    // Another account may use the same name.
    const other = ec2('globex-prod', WEST);
    const publicImage = fx.emulator.world.imagesIn(EAST).find((i) => i.ownerAlias === 'amazon' && i.state === 'available' && i.usageOperation === 'RunInstances');
    if (!publicImage) throw new Error('no public Amazon image');
    await other.send(new CopyImageCommand({ SourceImageId: publicImage.imageId, SourceRegion: EAST, Name: existing.name }));
  });

  it('answers InvalidAMIID.NotFound for an image the caller cannot see, Malformed for a bad id', async () => {
    const hidden = takeImage('globex-dev', 'eu-central-1', plain);
    const client = ec2(STAGING, WEST);
    expect(await errorName(client.send(new CopyImageCommand({ SourceImageId: hidden.imageId, SourceRegion: 'eu-central-1', Name: newName() })))).toBe(
      'InvalidAMIID.NotFound',
    );
    // The right id in the wrong region is not found either.
    const own = takeImage(STAGING, EAST, plain);
    expect(await errorName(client.send(new CopyImageCommand({ SourceImageId: own.imageId, SourceRegion: WEST, Name: newName() })))).toBe(
      'InvalidAMIID.NotFound',
    );
    expect(await errorName(client.send(new CopyImageCommand({ SourceImageId: 'ami-nope', SourceRegion: EAST, Name: newName() })))).toBe(
      'InvalidAMIID.Malformed',
    );
  });

  it('refuses to copy an image that is not available', async () => {
    const failed = fx.emulator.world.imagesIn(EAST).find((i) => i.ownerId === account(STAGING).accountId && i.state === 'failed');
    if (!failed) return;
    expect(
      await errorName(ec2(STAGING, WEST).send(new CopyImageCommand({ SourceImageId: failed.imageId, SourceRegion: EAST, Name: newName() }))),
    ).toBe('IncorrectState');
  });

  it('is idempotent with a ClientToken: same parameters → same ImageId, other parameters → IdempotentParameterMismatch', async () => {
    const source = takeImage(STAGING, EAST, plain);
    const west = ec2(STAGING, WEST);
    const name = newName();
    const first = await west.send(new CopyImageCommand({ SourceImageId: source.imageId, SourceRegion: EAST, Name: name, ClientToken: 'tok-1' }));
    const again = await west.send(new CopyImageCommand({ SourceImageId: source.imageId, SourceRegion: EAST, Name: name, ClientToken: 'tok-1' }));
    expect(again.ImageId).toBe(first.ImageId);
    expect(
      await errorName(
        west.send(new CopyImageCommand({ SourceImageId: source.imageId, SourceRegion: EAST, Name: `${name}-other`, ClientToken: 'tok-1' })),
      ),
    ).toBe('IdempotentParameterMismatch');
    // Tokens are per region: the same token elsewhere starts a new copy.
    const east = await ec2(STAGING, EAST).send(
      new CopyImageCommand({ SourceImageId: source.imageId, SourceRegion: EAST, Name: name, ClientToken: 'tok-1' }),
    );
    expect(east.ImageId).not.toBe(first.ImageId);
  });

  it('limits copies in progress per account and destination region (ResourceLimitExceeded)', async () => {
    fx.emulator.setCopyDuration(30);
    fx.emulator.setCopyConcurrency(2);
    const source = takeImage(STAGING, EAST, plain);
    const copy = (region: string): Promise<unknown> =>
      ec2(STAGING, region).send(new CopyImageCommand({ SourceImageId: source.imageId, SourceRegion: EAST, Name: newName('limit') }));
    await copy('eu-west-1');
    await copy('eu-west-1');
    expect(await errorName(copy('eu-west-1'))).toBe('ResourceLimitExceeded');
    // Another region has its own allowance; finished copies no longer count.
    await copy('ap-southeast-2');
    fx.emulator.advanceClock(31);
    await copy('eu-west-1');
  });
});

describe('CopyImage: lost answers and how long a client token holds', () => {
  const copiesNamed = (region: string, name: string) => fx.emulator.world.imagesIn(region).filter((i) => i.name === name && i.state !== 'deregistered');
  /** What the SDK says when the connection closes without an answer (a socket error code). */
  const connectionError = (promise: Promise<unknown>): Promise<string> =>
    promise.then(
      () => 'answered',
      (error: { code?: string; name?: string }) => error.code ?? error.name ?? 'unknown',
    );

  it('a lost answer: the copy is made, the caller sees a reset connection, and the same token answers that image', async () => {
    const source = takeImage(STAGING, EAST, plain);
    const west = ec2(STAGING, WEST);
    const name = newName('lost');
    const request = { SourceImageId: source.imageId, SourceRegion: EAST, Name: name, ClientToken: `lost-${name}` };
    fx.emulator.loseCalls('CopyImage', 1, { accountId: account(STAGING).accountId });
    expect(await connectionError(west.send(new CopyImageCommand(request)))).toBe('ECONNRESET');
    const made = copiesNamed(WEST, name);
    expect(made).toHaveLength(1);
    const again = await west.send(new CopyImageCommand(request));
    expect(again.ImageId).toBe(made[0]!.imageId);
    expect(copiesNamed(WEST, name)).toHaveLength(1);
  });

  it('a request lost before it arrives makes nothing; other accounts and actions are answered', async () => {
    const source = takeImage(STAGING, EAST, plain);
    const name = newName('unsent');
    fx.emulator.loseCalls('CopyImage', 5, { accountId: account(STAGING).accountId, at: 'before' });
    try {
      expect(await connectionError(ec2(STAGING, WEST).send(new CopyImageCommand({ SourceImageId: source.imageId, SourceRegion: EAST, Name: name, ClientToken: name })))).toBe('ECONNRESET');
      expect(copiesNamed(WEST, name)).toHaveLength(0);
      await ec2(STAGING, WEST).send(new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'name', Values: [name] }] }));
      const other = fx.emulator.world.imagesIn(EAST).find((i) => i.ownerId === account('globex-dev').accountId && plain(i));
      if (other) await ec2('globex-dev', WEST).send(new CopyImageCommand({ SourceImageId: other.imageId, SourceRegion: EAST, Name: newName('other') }));
    } finally {
      fx.emulator.loseCalls('CopyImage', 0);
    }
    const made = await ec2(STAGING, WEST).send(new CopyImageCommand({ SourceImageId: source.imageId, SourceRegion: EAST, Name: name, ClientToken: name }));
    expect(copiesNamed(WEST, name).map((i) => i.imageId)).toEqual([made.ImageId]);
  });

  it('honours a token for 24 hours, whatever the copy does meanwhile; then the same request is a new one', async () => {
    const source = takeImage(STAGING, EAST, plain);
    const west = ec2(STAGING, WEST);
    const name = newName('token-life');
    const request = { SourceImageId: source.imageId, SourceRegion: EAST, Name: name, ClientToken: `life-${name}` };
    const first = await west.send(new CopyImageCommand(request));
    fx.emulator.advanceClock(COPY_TOKEN_LIFETIME_SECONDS - 60);
    expect((await west.send(new CopyImageCommand(request))).ImageId).toBe(first.ImageId);
    expect(fx.emulator.world.image(WEST, first.ImageId!)!.state).toBe('available');
    fx.emulator.advanceClock(120);
    // Forgotten: the request is checked like a new one, and the name is taken by the first copy.
    expect(await errorName(west.send(new CopyImageCommand(request)))).toBe('InvalidAMIName.Duplicate');
    expect(copiesNamed(WEST, name)).toHaveLength(1);
  });

  it('a refused request does not use its token up', async () => {
    const source = takeImage(STAGING, EAST, plain);
    const west = ec2(STAGING, WEST);
    fx.emulator.setCopyConcurrency(0);
    const request = { SourceImageId: source.imageId, SourceRegion: EAST, Name: newName('refused'), ClientToken: 'refused-once' };
    expect(await errorName(west.send(new CopyImageCommand(request)))).toBe('ResourceLimitExceeded');
    fx.emulator.setCopyConcurrency(DEFAULT_IMAGE_COPY_SETTINGS.concurrentCopiesPerRegion);
    const made = await west.send(new CopyImageCommand(request));
    expect(fx.emulator.world.image(WEST, made.ImageId!)).toMatchObject({ name: request.Name, state: 'pending' });
  });
});

describe('CopyImage across accounts', () => {
  const RECIPIENT = 'globex-prod';
  const DEST = 'eu-central-1';

  it('needs create-volume permission on the source snapshots: refused without, allowed after sharing them', async () => {
    fx.emulator.setCopyDuration(0);
    const source = takeImage(STAGING, EAST, plain);
    const owner = ec2(STAGING, EAST);
    const recipient = ec2(RECIPIENT, DEST);
    const recipientId = account(RECIPIENT).accountId;
    const copy = (): Promise<{ ImageId?: string }> =>
      recipient.send(new CopyImageCommand({ SourceImageId: source.imageId, SourceRegion: EAST, Name: newName('xacct') }));

    expect(await errorName(copy())).toBe('InvalidAMIID.NotFound');
    await owner.send(new ModifyImageAttributeCommand({ ImageId: source.imageId, LaunchPermission: { Add: [{ UserId: recipientId }] } }));
    expect(await errorName(copy())).toBe('InvalidSnapshot.NotFound');

    for (const d of source.blockDevices) {
      if (!d.ebs?.snapshotId) continue;
      await owner.send(
        new ModifySnapshotAttributeCommand({ SnapshotId: d.ebs.snapshotId, Attribute: 'createVolumePermission', OperationType: 'add', UserIds: [recipientId] }),
      );
    }
    const { ImageId } = await copy();
    const made = await describe1(recipient, ImageId ?? '');
    expect(made).toMatchObject({ OwnerId: recipientId, SourceImageId: source.imageId, State: 'available' });
    const snaps = await recipient.send(new DescribeSnapshotsCommand({ SnapshotIds: snapshotIdsOf(made) }));
    for (const s of snaps.Snapshots ?? []) expect(s.OwnerId).toBe(recipientId);
  });

  it('needs the source key policy to allow the caller for an encrypted image; the copy is encrypted with its own key', async () => {
    fx.emulator.setCopyDuration(0);
    const source = takeImage(STAGING, EAST, encryptedWithCustomerKey);
    const owner = ec2(STAGING, EAST);
    const recipient = ec2(RECIPIENT, DEST);
    const recipientId = account(RECIPIENT).accountId;
    await owner.send(new ModifyImageAttributeCommand({ ImageId: source.imageId, LaunchPermission: { Add: [{ UserId: recipientId }] } }));
    for (const d of source.blockDevices) {
      if (!d.ebs?.snapshotId) continue;
      await owner.send(
        new ModifySnapshotAttributeCommand({ SnapshotId: d.ebs.snapshotId, Attribute: 'createVolumePermission', OperationType: 'add', UserIds: [recipientId] }),
      );
    }
    const copy = (): Promise<{ ImageId?: string }> =>
      recipient.send(new CopyImageCommand({ SourceImageId: source.imageId, SourceRegion: EAST, Name: newName('enc') }));
    expect(await errorName(copy())).toBe('InvalidParameterValue');

    const keyArn = source.blockDevices.find((d) => d.ebs?.kmsKeyId)?.ebs?.kmsKeyId ?? '';
    const ownerId = account(STAGING).accountId;
    await kms(STAGING, EAST).send(
      new PutKeyPolicyCommand({
        KeyId: keyArn,
        PolicyName: 'default',
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ownerId}:root` }, Action: 'kms:*', Resource: '*' },
            {
              Effect: 'Allow',
              Principal: { AWS: `arn:aws:iam::${recipientId}:root` },
              Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:CreateGrant', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'],
              Resource: '*',
            },
          ],
        }),
      }),
    );
    const { ImageId } = await copy();
    const made = await describe1(recipient, ImageId ?? '');
    const ebsKey = fx.emulator.world.kmsKeys.find((k) => k.accountId === recipientId && k.region === DEST && k.alias === 'alias/aws/ebs');
    for (const m of made.BlockDeviceMappings ?? []) {
      if (!m.Ebs) continue;
      expect(m.Ebs.Encrypted).toBe(true);
      expect(m.Ebs.KmsKeyId).toBe(ebsKey?.arn);
    }
  });

  it('refuses to copy another account’s image with billing product codes (InvalidRequest)', async () => {
    const owner = account(PRODUCT_CODE_FIXTURE.accountName);
    const image = fx.emulator.world.imagesIn(PRODUCT_CODE_FIXTURE.region).find((i) => i.name === PRODUCT_CODE_FIXTURE.imageName && i.ownerId === owner.accountId);
    if (!image) throw new Error('no product-code fixture');
    const recipientId = account(RECIPIENT).accountId;
    const client = ec2(PRODUCT_CODE_FIXTURE.accountName, PRODUCT_CODE_FIXTURE.region);
    await client.send(new ModifyImageAttributeCommand({ ImageId: image.imageId, LaunchPermission: { Add: [{ UserId: recipientId }] } }));
    for (const d of image.blockDevices) {
      if (!d.ebs?.snapshotId) continue;
      await client.send(
        new ModifySnapshotAttributeCommand({ SnapshotId: d.ebs.snapshotId, Attribute: 'createVolumePermission', OperationType: 'add', UserIds: [recipientId] }),
      );
    }
    expect(
      await errorName(
        ec2(RECIPIENT, DEST).send(new CopyImageCommand({ SourceImageId: image.imageId, SourceRegion: PRODUCT_CODE_FIXTURE.region, Name: newName() })),
      ),
    ).toBe('InvalidRequest');
    // The owner itself may copy it, and the copy keeps the product code.
    const own = await client.send(
      new CopyImageCommand({ SourceImageId: image.imageId, SourceRegion: PRODUCT_CODE_FIXTURE.region, Name: newName() }),
    );
    expect((await describe1(client, own.ImageId ?? '')).ProductCodes?.length).toBe(1);
  });
});

describe('CopyImage encryption', () => {
  it('Encrypted without KmsKeyId uses the caller’s aws/ebs key of the destination region, made when missing', async () => {
    fx.emulator.setCopyDuration(0);
    const source = takeImage(STAGING, EAST, plain);
    const region = 'us-west-2';
    const { ImageId } = await ec2(STAGING, region).send(
      new CopyImageCommand({ SourceImageId: source.imageId, SourceRegion: EAST, Name: newName(), Encrypted: true }),
    );
    const key = fx.emulator.world.kmsKeys.find((k) => k.accountId === account(STAGING).accountId && k.region === region && k.alias === 'alias/aws/ebs');
    expect(key?.managedBy).toBe('aws');
    const made = await describe1(ec2(STAGING, region), ImageId ?? '');
    for (const m of made.BlockDeviceMappings ?? []) if (m.Ebs) expect(m.Ebs).toMatchObject({ Encrypted: true, KmsKeyId: key?.arn });
    const snaps = await ec2(STAGING, region).send(new DescribeSnapshotsCommand({ SnapshotIds: snapshotIdsOf(made) }));
    for (const s of snaps.Snapshots ?? []) expect(s).toMatchObject({ Encrypted: true, KmsKeyId: key?.arn });
  });

  it('KmsKeyId by id, ARN, alias name and alias ARN must exist in the destination region; it needs Encrypted', async () => {
    fx.emulator.setCopyDuration(0);
    const me = account(STAGING);
    const key = fx.emulator.world.kmsKeys.find((k) => k.accountId === me.accountId && k.managedBy === 'customer');
    if (!key) throw new Error('acme-staging has no customer key');
    const client = ec2(STAGING, key.region);
    const sourceRegion = key.region;
    const keyId = key.arn.slice(key.arn.lastIndexOf('/') + 1);
    const aliasArn = `arn:aws:kms:${key.region}:${me.accountId}:${key.alias}`;
    for (const KmsKeyId of [keyId, key.arn, key.alias, aliasArn]) {
      const source = takeImage(STAGING, sourceRegion, plain);
      const { ImageId } = await client.send(
        new CopyImageCommand({ SourceImageId: source.imageId, SourceRegion: sourceRegion, Name: newName(), Encrypted: true, KmsKeyId }),
      );
      const made = await describe1(client, ImageId ?? '');
      for (const m of made.BlockDeviceMappings ?? []) if (m.Ebs) expect(m.Ebs.KmsKeyId).toBe(key.arn);
    }
    const source = takeImage(STAGING, sourceRegion, plain);
    const copy = (input: { Encrypted?: boolean; KmsKeyId?: string }): Promise<unknown> =>
      client.send(new CopyImageCommand({ SourceImageId: source.imageId, SourceRegion: sourceRegion, Name: newName(), ...input }));
    expect(await errorName(copy({ KmsKeyId: key.arn }))).toBe('InvalidParameterCombination');
    expect(await errorName(copy({ Encrypted: true, KmsKeyId: 'alias/no-such-key' }))).toBe('InvalidParameterValue');
    const otherRegion = key.region === EAST ? WEST : EAST;
    expect(await errorName(copy({ Encrypted: true, KmsKeyId: key.arn.replace(key.region, otherRegion) }))).toBe('InvalidParameterValue');
    // Another account's key is usable only when its policy allows the caller.
    const foreign = fx.emulator.world.kmsKeys.find((k) => k.accountId !== me.accountId && k.region === key.region && k.managedBy === 'customer');
    if (foreign) expect(await errorName(copy({ Encrypted: true, KmsKeyId: foreign.arn }))).toBe('InvalidParameterValue');
  });

  it('keeps an encrypted own image encrypted with the same key when copied within its region', async () => {
    fx.emulator.setCopyDuration(0);
    const source = takeImage(STAGING, EAST, encryptedWithCustomerKey);
    const client = ec2(STAGING, EAST);
    const { ImageId } = await client.send(new CopyImageCommand({ SourceImageId: source.imageId, SourceRegion: EAST, Name: newName() }));
    const made = await describe1(client, ImageId ?? '');
    const sourceKey = source.blockDevices.find((d) => d.ebs?.kmsKeyId)?.ebs?.kmsKeyId;
    for (const m of made.BlockDeviceMappings ?? []) if (m.Ebs) expect(m.Ebs).toMatchObject({ Encrypted: true, KmsKeyId: sourceKey });
    // Copied to another region, it stays encrypted, with that region's default key.
    const west = await ec2(STAGING, WEST).send(new CopyImageCommand({ SourceImageId: source.imageId, SourceRegion: EAST, Name: newName() }));
    const westCopy = await describe1(ec2(STAGING, WEST), west.ImageId ?? '');
    for (const m of westCopy.BlockDeviceMappings ?? []) if (m.Ebs) expect(m.Ebs.Encrypted).toBe(true);
  });
});
