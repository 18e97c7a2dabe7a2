/**
 * Finding the image or snapshot a mutating call names: an id the caller cannot see is
 * NotFound, one it can see but does not own is AuthFailure "Not authorized for …", as EC2
 * answers a ModifyImageAttribute / ModifySnapshotAttribute on someone else's resource.
 */
import { ApiError } from '../protocol/errors';
import type { AccountRecord, ImageRecord, SnapshotRecord, World } from '../world/model';
import { isVisibleImage, isVisibleSnapshot, ownsImage, ownsSnapshot } from '../world/visibility';
import { checkImageId, checkSnapshotId, imagesNotFound, snapshotsNotFound } from './ids';

export function visibleImage(world: World, caller: AccountRecord, region: string, imageId: string): ImageRecord {
  checkImageId(imageId);
  const image = world.image(region, imageId);
  if (!image || !isVisibleImage(caller, image)) throw imagesNotFound([imageId]);
  return image;
}

export function ownedImage(world: World, caller: AccountRecord, region: string, imageId: string): ImageRecord {
  const image = visibleImage(world, caller, region, imageId);
  if (!ownsImage(caller, image)) throw new ApiError('AuthFailure', `Not authorized for image:${imageId}`, 401);
  return image;
}

export function visibleSnapshot(world: World, caller: AccountRecord, region: string, snapshotId: string): SnapshotRecord {
  checkSnapshotId(snapshotId);
  const snapshot = world.snapshot(region, snapshotId);
  if (!snapshot || !isVisibleSnapshot(caller, snapshot)) throw snapshotsNotFound([snapshotId]);
  return snapshot;
}

export function ownedSnapshot(world: World, caller: AccountRecord, region: string, snapshotId: string): SnapshotRecord {
  const snapshot = visibleSnapshot(world, caller, region, snapshotId);
  if (!ownsSnapshot(caller, snapshot)) {
    throw new ApiError('AuthFailure', `Not authorized for snapshot:${snapshotId}`, 401);
  }
  return snapshot;
}
