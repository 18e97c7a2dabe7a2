/**
 * CopyImage, called by the destination account in the destination region. The copy starts
 * `pending` with new `pending` snapshots ("0%") owned by the caller and becomes `available`
 * after the copy time on the world clock (settle.ts). Rules, as EC2 answers them:
 * - the source must be visible to the caller in SourceRegion (InvalidAMIID.NotFound) and
 *   `available` (IncorrectState);
 * - another account's image with billing product codes (Marketplace, Windows, RHEL …) cannot
 *   be copied (InvalidRequest);
 * - another account's EBS image needs create-volume permission on each of its snapshots
 *   (InvalidSnapshot.NotFound), unless the image is public;
 * - encryption and KMS keys: copy-encryption.ts;
 * - Name: 3–128 characters of AWS's set (InvalidAMIName.Malformed), unique among the caller's
 *   images in the region (InvalidAMIName.Duplicate);
 * - ClientToken: the same token with the same parameters answers the same ImageId (whatever
 *   the image's state now, and before any other check), with other parameters
 *   IdempotentParameterMismatch; a token is forgotten 24 hours (world clock) after its first use,
 *   and a request refused with an error does not use it up;
 * - copies in progress per account and destination region are limited (ResourceLimitExceeded).
 * CopyImageTags copies the source's user tags (not `aws:` ones); TagSpecification tags the
 * new image and/or snapshots and wins over copied tags with the same key.
 */
import { ApiError, invalidParameterValue } from '../protocol/errors';
import type { QueryParams } from '../protocol/query';
import { el } from '../protocol/xml';
import type { ServiceCall } from '../service';
import { awsTime } from '../world/factory';
import { isPublicImage, type BlockDeviceRecord, type ImageRecord, type SnapshotRecord } from '../world/model';
import { isVisibleImage, isVisibleSnapshot } from '../world/visibility';
import { CopyEncryption } from './copy-encryption';
import { checkImageId, imagesNotFound } from './ids';
import { ec2Document } from './response';
import { mergeTags, readTagSpecifications } from './tag-specifications';

const IMAGE_NAME = /^[A-Za-z0-9()[\] ./\-'@_]{3,128}$/;
const NOT_PART_OF_THE_QUESTION = new Set(['Action', 'Version', 'ClientToken', 'DryRun']);

/** Validates a new image's name for the caller's account and region. */
export function checkNewImageName(call: ServiceCall, name: string): void {
  if (!IMAGE_NAME.test(name)) {
    throw new ApiError(
      'InvalidAMIName.Malformed',
      `AMI names must be between 3 and 128 characters long, and may contain letters, numbers, '(', ')', '.', '-', '/', '_', '[', ']', ' ', ''' and '@'. Invalid name: ${name}`,
    );
  }
  const taken = call.world
    .imagesIn(call.region)
    .find((i) => i.ownerId === call.caller.accountId && i.name === name && i.state !== 'deregistered');
  if (taken) throw new ApiError('InvalidAMIName.Duplicate', `AMI name ${name} is already in use by AMI ${taken.imageId}`);
}

function fingerprintOf(params: QueryParams): string {
  return JSON.stringify(params.entries().filter(([key]) => !NOT_PART_OF_THE_QUESTION.has(key)));
}

/** Billing codes stop a copy across accounts; Amazon's own public images may be copied. */
function hasBillingCodes(image: ImageRecord): boolean {
  if (image.productCodes.length > 0) return true;
  return image.ownerAlias !== 'amazon' && image.usageOperation !== 'RunInstances';
}

function answer(requestId: string, imageId: string): string {
  return ec2Document('CopyImage', requestId, [el('imageId', imageId)]);
}

function groupThousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function copyImage(call: ServiceCall): string {
  const { world, caller, region, params } = call;
  const activity = world.imageActivity;
  const sourceImageId = params.required('SourceImageId');
  const sourceRegion = params.required('SourceRegion');
  const name = params.required('Name');
  const clientToken = params.string('ClientToken');
  const fingerprint = fingerprintOf(params);
  if (clientToken !== undefined && clientToken !== '') {
    const seen = activity.tokenFor(caller.accountId, region, clientToken, world.now().getTime());
    if (seen) {
      if (seen.fingerprint !== fingerprint) {
        throw new ApiError('IdempotentParameterMismatch', `Client token ${clientToken} was already used with different parameters.`);
      }
      return answer(call.requestId, seen.imageId);
    }
  }

  checkImageId(sourceImageId);
  if (!world.isRegionEnabled(sourceRegion)) {
    throw invalidParameterValue(`Invalid value '${sourceRegion}' for SourceRegion: the region does not exist or is not enabled.`);
  }
  const description = params.string('Description');
  if (description !== undefined && description.length > 255) {
    throw invalidParameterValue('The description must be at most 255 characters long.');
  }
  checkNewImageName(call, name);
  const tagSpecs = readTagSpecifications(params, ['image', 'snapshot']);
  const source = world.image(sourceRegion, sourceImageId);
  if (!source || !isVisibleImage(caller, source)) throw imagesNotFound([sourceImageId]);
  if (source.state !== 'available') {
    throw new ApiError('IncorrectState', `Image ${sourceImageId} is in state ${source.state} and cannot be copied.`);
  }
  const foreign = source.ownerId !== caller.accountId;
  if (foreign && hasBillingCodes(source)) {
    throw new ApiError('InvalidRequest', 'Images with EC2 BillingProduct codes cannot be copied to another AWS account.');
  }

  const encryption = new CopyEncryption(call, {
    encrypted: params.bool('Encrypted') ?? false,
    kmsKeyId: params.string('KmsKeyId'),
  });
  const sourceSnapshots = new Map<string, SnapshotRecord>();
  for (const device of source.blockDevices) {
    const id = device.ebs?.snapshotId;
    if (!id) continue;
    const snapshot = world.snapshot(sourceRegion, id);
    if (foreign && !isPublicImage(source) && (!snapshot || !isVisibleSnapshot(caller, snapshot))) {
      throw new ApiError(
        'InvalidSnapshot.NotFound',
        `The snapshot '${id}' of image ${sourceImageId} does not exist or has not been shared with account ${caller.accountId}: its owner must grant create-volume permission on it.`,
      );
    }
    if (snapshot) {
      encryption.checkSourceKey(snapshot);
      sourceSnapshots.set(id, snapshot);
    }
  }

  const limit = activity.copySettings.concurrentCopiesPerRegion;
  if (activity.copiesInProgress(caller.accountId, region) >= limit) {
    throw new ApiError(
      'ResourceLimitExceeded',
      `You have reached the limit of ${limit} concurrent AMI copies in ${region}. Wait for copies in progress to complete, then try again.`,
    );
  }

  const now = world.now();
  const taken = (id: string): boolean => world.hasId(id);
  const imageId = activity.newId('ami', taken);
  const snapshots: SnapshotRecord[] = [];
  const blockDevices: BlockDeviceRecord[] = source.blockDevices.map((device) => {
    if (!device.ebs) return { ...device };
    const kmsKeyId = encryption.keyFor(device.ebs);
    const ebs = { ...device.ebs, encrypted: kmsKeyId !== null, kmsKeyId };
    const sourceSnapshotId = device.ebs.snapshotId;
    if (sourceSnapshotId === null) return { ...device, ebs };
    const snapshotId = activity.newId('snap', taken);
    snapshots.push({
      snapshotId,
      region,
      ownerId: caller.accountId,
      ownerAlias: null,
      // Copied snapshots report the placeholder volume AWS uses for them.
      volumeId: 'vol-ffffffff',
      volumeSize: sourceSnapshots.get(sourceSnapshotId)?.volumeSize ?? device.ebs.volumeSize,
      state: 'pending',
      progress: '0%',
      startTime: now.toISOString(),
      description: `Copied for DestinationAmi ${imageId} from SourceAmi ${sourceImageId} for SourceSnapshot ${sourceSnapshotId}. Task created on ${groupThousands(now.getTime())}.`,
      encrypted: kmsKeyId !== null,
      kmsKeyId,
      storageTier: 'standard',
      tags: [...(tagSpecs.get('snapshot') ?? [])],
      createVolumePermissions: [],
    });
    return { ...device, ebs: { ...ebs, snapshotId } };
  });

  const copiedTags = params.bool('CopyImageTags') === true ? source.tags.filter((t) => !t.key.startsWith('aws:')) : [];
  const image: ImageRecord = {
    ...source,
    imageId,
    region,
    ownerId: caller.accountId,
    ownerAlias: null,
    name,
    description: description ?? source.description,
    state: 'pending',
    stateReason: null,
    imageLocation: `${caller.accountId}/${name}`,
    creationDate: awsTime(now),
    // Deprecation, launch history and protection are the source's own; a copy starts without them.
    deprecationTime: null,
    lastLaunchedTime: null,
    deregistrationProtection: 'disabled',
    freeTierEligible: null,
    productCodes: source.productCodes.map((p) => ({ ...p })),
    blockDevices,
    tags: mergeTags(copiedTags, tagSpecs.get('image') ?? []),
    launchPermissions: [],
    sourceImageId,
    sourceImageRegion: sourceRegion,
    sourceInstanceId: null,
  };
  for (const snapshot of snapshots) world.addSnapshot(snapshot);
  world.addImage(image);
  activity.startCopy({
    imageId,
    region,
    ownerId: caller.accountId,
    snapshotIds: snapshots.map((s) => s.snapshotId),
    startedAtMs: now.getTime(),
    durationMs: Math.max(0, activity.copySettings.durationSeconds * 1000),
  });
  if (clientToken !== undefined && clientToken !== '') {
    activity.rememberToken(caller.accountId, region, clientToken, { fingerprint, imageId, atMs: now.getTime() });
  }
  return answer(call.requestId, imageId);
}
