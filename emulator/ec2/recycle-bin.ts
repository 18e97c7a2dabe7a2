/**
 * EC2's side of the Recycle Bin: what happens to a deregistered AMI or a deleted snapshot (kept
 * for the longest retention of the rules of its type that cover it in its account-region, or
 * gone), and ListImagesInRecycleBin, RestoreImageFromRecycleBin, ListSnapshotsInRecycleBin,
 * RestoreSnapshotFromRecycleBin. Only the owner's bin is read or restored from.
 *
 * An AMI cannot come back without its snapshots: while one of them is still in the bin it must
 * be restored first, and once one is gone for good the AMI cannot be restored at all (AWS's
 * guide: an AMI whose snapshots left the bin first is unrecoverable).
 */
import { ApiError } from '../protocol/errors';
import { el, itemList } from '../protocol/xml';
import type { ServiceCall } from '../service';
import type { ImageRecord, SnapshotRecord, World } from '../world/model';
import { checkImageId, checkSnapshotId, imagesNotFound, snapshotsNotFound } from './ids';
import { byId, questionFingerprint, readMaxResults, takePage } from './paging';
import { ec2Document } from './response';

/** After DeregisterImage: into the bin when a rule keeps it. */
export function binDeregisteredImage(world: World, image: ImageRecord): void {
  const days = world.recycleBin.retentionFor(image.ownerId, image.region, 'EC2_IMAGE', image.tags);
  if (days !== null) world.recycleBin.holdImage(image, world.now(), days);
}

/** Deletes a snapshot: into the bin when a rule keeps it, otherwise gone. */
export function deleteSnapshotRecord(world: World, snapshot: SnapshotRecord): void {
  const days = world.recycleBin.retentionFor(snapshot.ownerId, snapshot.region, 'EBS_SNAPSHOT', snapshot.tags);
  world.removeSnapshot(snapshot.snapshotId);
  if (days !== null) world.recycleBin.holdSnapshot(snapshot, world.now(), days);
}

/** MillisecondDateTime, as the recycle-bin actions print their times. */
const millis = (date: Date): string => date.toISOString();

export function listImagesInRecycleBin(call: ServiceCall): string {
  const { world, caller, region, params } = call;
  const ids = params.list('ImageId');
  ids.forEach(checkImageId);
  const maxResults = readMaxResults(params, 1, 1000);
  const wanted = ids.length > 0 ? new Set(ids) : null;
  const held = world.recycleBin
    .imagesIn(caller.accountId, region, world.now())
    .filter((b) => wanted === null || wanted.has(b.image.imageId))
    .sort(byId((b) => b.image.imageId));
  const page = takePage(held, (b) => b.image.imageId, {
    maxResults,
    nextToken: params.string('NextToken'),
    fingerprint: questionFingerprint(caller.accountId, region, params, ['NextToken', 'MaxResults']),
  });
  return ec2Document('ListImagesInRecycleBin', call.requestId, [
    itemList(
      'imageSet',
      page.items.map((b) => [
        el('imageId', b.image.imageId),
        el('name', b.image.name),
        el('description', b.image.description),
        el('recycleBinEnterTime', millis(b.enterTime)),
        el('recycleBinExitTime', millis(b.exitTime)),
      ]),
    ),
    ...(page.nextToken ? [el('nextToken', page.nextToken)] : []),
  ]);
}

export function listSnapshotsInRecycleBin(call: ServiceCall): string {
  const { world, caller, region, params } = call;
  const ids = params.list('SnapshotId');
  ids.forEach(checkSnapshotId);
  const maxResults = readMaxResults(params, 5, 1000);
  const wanted = ids.length > 0 ? new Set(ids) : null;
  const held = world.recycleBin
    .snapshotsIn(caller.accountId, region, world.now())
    .filter((b) => wanted === null || wanted.has(b.snapshot.snapshotId))
    .sort(byId((b) => b.snapshot.snapshotId));
  const page = takePage(held, (b) => b.snapshot.snapshotId, {
    maxResults,
    nextToken: params.string('NextToken'),
    fingerprint: questionFingerprint(caller.accountId, region, params, ['NextToken', 'MaxResults']),
  });
  return ec2Document('ListSnapshotsInRecycleBin', call.requestId, [
    itemList(
      'snapshotSet',
      page.items.map((b) => [
        el('snapshotId', b.snapshot.snapshotId),
        el('recycleBinEnterTime', millis(b.enterTime)),
        el('recycleBinExitTime', millis(b.exitTime)),
        el('description', b.snapshot.description),
        el('volumeId', b.snapshot.volumeId),
      ]),
    ),
    ...(page.nextToken ? [el('nextToken', page.nextToken)] : []),
  ]);
}

export function restoreSnapshotFromRecycleBin(call: ServiceCall): string {
  const { world, caller, region, params } = call;
  const snapshotId = params.required('SnapshotId');
  checkSnapshotId(snapshotId);
  const held = world.recycleBin.snapshot(snapshotId, world.now());
  if (!held || held.snapshot.ownerId !== caller.accountId || held.snapshot.region !== region) throw snapshotsNotFound([snapshotId]);
  world.recycleBin.releaseSnapshot(snapshotId);
  const s = held.snapshot;
  world.addSnapshot(s);
  return ec2Document('RestoreSnapshotFromRecycleBin', call.requestId, [
    el('snapshotId', s.snapshotId),
    el('description', s.description),
    el('encrypted', s.encrypted),
    el('ownerId', s.ownerId),
    el('progress', s.progress),
    el('startTime', s.startTime),
    el('status', s.state),
    el('volumeId', s.volumeId),
    el('volumeSize', s.volumeSize),
  ]);
}

export function restoreImageFromRecycleBin(call: ServiceCall): string {
  const { world, caller, region, params } = call;
  const imageId = params.required('ImageId');
  checkImageId(imageId);
  const now = world.now();
  const held = world.recycleBin.image(imageId, now);
  if (!held || held.image.ownerId !== caller.accountId || held.image.region !== region) throw imagesNotFound([imageId]);
  const image = held.image;
  for (const device of image.blockDevices) {
    const snapshotId = device.ebs?.snapshotId;
    if (!snapshotId || world.snapshot(region, snapshotId)) continue;
    if (world.recycleBin.snapshot(snapshotId, now)) {
      throw new ApiError(
        'IncorrectState',
        `The image ${imageId} cannot be restored while its snapshot ${snapshotId} is in the Recycle Bin. Restore the snapshot first.`,
      );
    }
    throw new ApiError('IncorrectState', `The image ${imageId} cannot be restored: its snapshot ${snapshotId} no longer exists.`);
  }
  world.recycleBin.releaseImage(imageId);
  image.state = 'available';
  return ec2Document('RestoreImageFromRecycleBin', call.requestId, [el('return', true)]);
}
