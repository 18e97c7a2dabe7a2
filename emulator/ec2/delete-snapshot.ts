/**
 * DeleteSnapshot. The owner only: a snapshot the caller cannot see is InvalidSnapshot.NotFound,
 * one it can see but does not own (shared with it, public) AuthFailure. A snapshot a registered
 * AMI still uses is InvalidSnapshot.InUse, worded as EC2 words it ("The snapshot snap-… is
 * currently in use by ami-…"); AMIs deregistered (in the Recycle Bin or not) no longer hold it.
 * A deleted snapshot goes to the Recycle Bin when a rule of its account-region keeps it.
 */
import { ApiError } from '../protocol/errors';
import { el } from '../protocol/xml';
import type { ServiceCall } from '../service';
import { ownedSnapshot } from './owned-resource';
import { deleteSnapshotRecord } from './recycle-bin';
import { ec2Document } from './response';

export function deleteSnapshot(call: ServiceCall): string {
  const { world, caller, region, params } = call;
  const snapshot = ownedSnapshot(world, caller, region, params.required('SnapshotId'));
  const user = world
    .imagesIn(region)
    .find((image) => image.state !== 'deregistered' && image.blockDevices.some((d) => d.ebs?.snapshotId === snapshot.snapshotId));
  if (user) throw new ApiError('InvalidSnapshot.InUse', `The snapshot ${snapshot.snapshotId} is currently in use by ${user.imageId}`);
  deleteSnapshotRecord(world, snapshot);
  return ec2Document('DeleteSnapshot', call.requestId, [el('return', true)]);
}
