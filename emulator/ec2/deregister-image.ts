/**
 * DeregisterImage. Owner only (AuthFailure for an account that can see the image, otherwise
 * InvalidAMIID.NotFound). Deregistration protection refuses it while enabled, and for 24 hours
 * after it was disabled when it was enabled with a cooldown. A pending copy can be
 * deregistered: that cancels the copy. DeleteAssociatedSnapshots answers a result per
 * snapshot (`success`; `skipped` when another image still uses it; `missing-permissions` when
 * the caller does not own it); a cancelled copy's snapshots are deleted when asked, otherwise
 * they are left in the `error` state. The image, and each snapshot deleted with it, goes to the
 * Recycle Bin when a rule of its type in the account-region keeps it (see recycle-bin.ts).
 */
import { ApiError } from '../protocol/errors';
import { el, itemList } from '../protocol/xml';
import type { ServiceCall } from '../service';
import type { ImageRecord, World } from '../world/model';
import { ownedImage } from './owned-resource';
import { binDeregisteredImage, deleteSnapshotRecord } from './recycle-bin';
import { ec2Document } from './response';

type ReturnCode = 'success' | 'skipped' | 'missing-permissions';

function checkProtection(image: ImageRecord): void {
  const protection = image.deregistrationProtection;
  if (protection === 'enabled' || protection === 'enabled-with-cooldown') {
    throw new ApiError(
      'OperationNotPermitted',
      `Image ${image.imageId} has deregistration protection enabled. Disable deregistration protection before you deregister the image.`,
    );
  }
  if (protection?.startsWith('disabled-until-')) {
    throw new ApiError(
      'OperationNotPermitted',
      `Image ${image.imageId} cannot be deregistered until ${protection.slice('disabled-until-'.length)}: deregistration protection was enabled with a 24-hour cooldown.`,
    );
  }
}

function usedElsewhere(world: World, image: ImageRecord, snapshotId: string): boolean {
  return world
    .imagesIn(image.region)
    .some(
      (other) =>
        other !== image &&
        other.state !== 'deregistered' &&
        other.blockDevices.some((d) => d.ebs?.snapshotId === snapshotId),
    );
}

export function deregisterImage(call: ServiceCall): string {
  const { world, caller, region, params } = call;
  const image = ownedImage(world, caller, region, params.required('ImageId'));
  const deleteSnapshots = params.bool('DeleteAssociatedSnapshots') ?? false;
  checkProtection(image);

  const copy = world.imageActivity.copy(image.imageId);
  if (copy) world.imageActivity.endCopy(image.imageId);
  world.imageActivity.cancelCooldown(image.imageId);
  image.state = 'deregistered';
  binDeregisteredImage(world, image);

  const snapshotIds = [...new Set(image.blockDevices.flatMap((d) => (d.ebs?.snapshotId ? [d.ebs.snapshotId] : [])))];
  const results: Array<{ snapshotId: string; code: ReturnCode }> = [];
  for (const snapshotId of snapshotIds) {
    const snapshot = world.snapshot(region, snapshotId);
    if (!deleteSnapshots) {
      if (copy && snapshot?.state === 'pending') snapshot.state = 'error';
      continue;
    }
    if (!snapshot || snapshot.ownerId !== caller.accountId) {
      results.push({ snapshotId, code: 'missing-permissions' });
    } else if (usedElsewhere(world, image, snapshotId)) {
      results.push({ snapshotId, code: 'skipped' });
    } else {
      deleteSnapshotRecord(world, snapshot);
      results.push({ snapshotId, code: 'success' });
    }
  }

  return ec2Document('DeregisterImage', call.requestId, [
    el('return', true),
    ...(deleteSnapshots
      ? [
          itemList(
            'deleteSnapshotResultSet',
            results.map((r) => [el('snapshotId', r.snapshotId), el('returnCode', r.code)]),
          ),
        ]
      : []),
  ]);
}
