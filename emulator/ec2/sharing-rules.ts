/**
 * EC2's rules for sharing images and snapshots, with the codes and wording AWS answers:
 * - block public access for AMIs refuses making an image public (OperationNotPermitted);
 * - encrypted snapshots, and images backed by them, cannot be made public (UnsupportedOperation);
 * - images with product codes cannot be made public (UnsupportedOperation);
 * - snapshots encrypted with the AWS-managed key cannot be shared at all (InvalidParameter);
 * - the public-images-per-region and entities-per-image quotas (ResourceLimitExceeded).
 */
import { ApiError } from '../protocol/errors';
import {
  isPublicImage,
  type ImageRecord,
  type LaunchPermissionRecord,
  type SnapshotRecord,
  type World,
} from '../world/model';

const isPublicGrant = (p: LaunchPermissionRecord): boolean => p.group === 'all';

function imageSnapshots(world: World, image: ImageRecord): SnapshotRecord[] {
  return image.blockDevices.flatMap((d) => {
    const id = d.ebs?.snapshotId;
    const snapshot = id ? world.snapshot(image.region, id) : undefined;
    return snapshot ? [snapshot] : [];
  });
}

function usesAwsManagedKey(world: World, snapshot: SnapshotRecord): boolean {
  return snapshot.kmsKeyId !== null && world.kmsKey(snapshot.kmsKeyId)?.managedBy === 'aws';
}

const encryptedPublicly = (): ApiError =>
  new ApiError('UnsupportedOperation', 'Encrypted snapshots can’t be shared publicly. Specify another snapshot.');

const awsManagedKeyShared = (): ApiError =>
  new ApiError('InvalidParameter', 'Snapshots encrypted with the AWS Managed CMK can’t be shared. Specify another snapshot.');

/** Refuses additions to an image's launch permissions that AWS would refuse. */
export function checkImageShare(world: World, image: ImageRecord, add: readonly LaunchPermissionRecord[], after: readonly LaunchPermissionRecord[]): void {
  if (add.length === 0) return;
  const snapshots = imageSnapshots(world, image);
  if (add.some(isPublicGrant) && !isPublicImage(image)) {
    if (world.isImagePublicSharingBlocked(image.ownerId, image.region)) {
      throw new ApiError(
        'OperationNotPermitted',
        'You can’t publicly share this image because block public access for AMIs is enabled for this account. To publicly share the image, you must call the DisableImageBlockPublicAccess API.',
      );
    }
    if (snapshots.some((s) => s.encrypted) || image.blockDevices.some((d) => d.ebs?.encrypted === true)) {
      throw encryptedPublicly();
    }
    if (image.productCodes.length > 0) {
      throw new ApiError('UnsupportedOperation', `Images with product codes can’t be made public. Image ${image.imageId} has product codes.`);
    }
    const limit = world.sharingQuotas.publicImagesPerRegion;
    const publicNow = world
      .imagesIn(image.region)
      .filter((i) => i.ownerId === image.ownerId && i.state !== 'deregistered' && isPublicImage(i)).length;
    if (publicNow >= limit) {
      throw new ApiError(
        'ResourceLimitExceeded',
        `You have reached your quota of ${limit} for the number of public images allowed in this Region. Deregister unused public images or make them private, or request an increase in your public AMIs quota.`,
      );
    }
  }
  if (add.some((p) => !isPublicGrant(p)) && snapshots.some((s) => usesAwsManagedKey(world, s))) {
    throw awsManagedKeyShared();
  }
  const limit = world.sharingQuotas.launchPermissionEntitiesPerImage;
  const entities = after.filter((p) => !isPublicGrant(p)).length;
  if (entities > limit) {
    throw new ApiError(
      'ResourceLimitExceeded',
      `You have reached your quota of ${limit} for the number of entities an image can be shared with. Remove launch permissions or request an increase in your quota.`,
    );
  }
}

/** Refuses additions to a snapshot's create-volume permissions that AWS would refuse. */
export function checkSnapshotShare(world: World, snapshot: SnapshotRecord, add: readonly LaunchPermissionRecord[]): void {
  if (add.some(isPublicGrant) && snapshot.encrypted) throw encryptedPublicly();
  if (add.some((p) => !isPublicGrant(p)) && usesAwsManagedKey(world, snapshot)) throw awsManagedKeyShared();
}
