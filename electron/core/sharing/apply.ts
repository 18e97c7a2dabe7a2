/**
 * Carrying out a planned change on one image: the launch permission in one ModifyImageAttribute
 * call, then each snapshot's create-volume permission as planned (accounts only: AWS has no
 * organization form for snapshots, and public AMIs launch without it).
 */
import { ModifyImageAttributeCommand, ModifySnapshotAttributeCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { AppError } from '../../../shared/errors';
import type { SharePlanItem } from '../../../shared/sharing';
import type { Wrap } from './image-facts';
import { toLaunchPermission } from './entities';

export interface Applied {
  /** Snapshots whose create-volume permission was changed. */
  snapshotIds: string[];
  /** The launch permission changed but a snapshot did not: what went wrong. */
  snapshotError: AppError | null;
}

export async function applyItem(ec2: EC2Client, item: SharePlanItem, wrap: Wrap): Promise<Applied> {
  const { willAdd, willRemove } = item;
  if (willAdd.length > 0 || willRemove.length > 0) {
    try {
      await ec2.send(
        new ModifyImageAttributeCommand({
          ImageId: item.ref.imageId,
          LaunchPermission: {
            ...(willAdd.length > 0 ? { Add: willAdd.map(toLaunchPermission) } : {}),
            ...(willRemove.length > 0 ? { Remove: willRemove.map(toLaunchPermission) } : {}),
          },
        }),
      );
    } catch (error) {
      throw wrap(error, 'ec2:ModifyImageAttribute');
    }
  }
  const snapshotIds: string[] = [];
  for (const change of item.snapshotChanges) {
    try {
      await ec2.send(
        new ModifySnapshotAttributeCommand({
          SnapshotId: change.snapshotId,
          Attribute: 'createVolumePermission',
          CreateVolumePermission: {
            ...(change.add.length > 0 ? { Add: change.add.map((UserId) => ({ UserId })) } : {}),
            ...(change.remove.length > 0 ? { Remove: change.remove.map((UserId) => ({ UserId })) } : {}),
          },
        }),
      );
      snapshotIds.push(change.snapshotId);
    } catch (error) {
      return { snapshotIds, snapshotError: wrap(error, 'ec2:ModifySnapshotAttribute') };
    }
  }
  return { snapshotIds, snapshotError: null };
}
