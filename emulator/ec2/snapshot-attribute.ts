/**
 * DescribeSnapshotAttribute, ModifySnapshotAttribute and ResetSnapshotAttribute for
 * create-volume permissions. Only the owner sees or changes the permissions (productCodes may
 * be read by anyone who can see the snapshot); EC2 refuses adding and removing in one call.
 */
import { invalidParameterCombination, invalidParameterValue } from '../protocol/errors';
import { el, itemList } from '../protocol/xml';
import type { ServiceCall } from '../service';
import type { CreateVolumePermissionRecord } from '../world/model';
import { applyChanges, readPermissionChanges } from './launch-permission-params';
import { ownedSnapshot, visibleSnapshot } from './owned-resource';
import { ec2Document } from './response';
import { checkSnapshotShare } from './sharing-rules';

const CREATE_VOLUME_PERMISSION = 'createVolumePermission';

function checkAttribute(attribute: string, allowed: readonly string[]): void {
  if (!allowed.includes(attribute)) {
    throw invalidParameterValue(`Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`);
  }
}

export function describeSnapshotAttribute(call: ServiceCall): string {
  const { world, caller, region, params } = call;
  const attribute = params.required('Attribute');
  const snapshotId = params.required('SnapshotId');
  checkAttribute(attribute, [CREATE_VOLUME_PERMISSION, 'productCodes']);
  const snapshot =
    attribute === CREATE_VOLUME_PERMISSION
      ? ownedSnapshot(world, caller, region, snapshotId)
      : visibleSnapshot(world, caller, region, snapshotId);
  const body =
    attribute === CREATE_VOLUME_PERMISSION
      ? itemList(
          CREATE_VOLUME_PERMISSION,
          snapshot.createVolumePermissions.map((p) => [el('group', p.group), el('userId', p.userId)]),
        )
      : itemList('productCodes', []);
  return ec2Document('DescribeSnapshotAttribute', call.requestId, [el('snapshotId', snapshot.snapshotId), body]);
}

export function modifySnapshotAttribute(call: ServiceCall): string {
  const { world, caller, region, params } = call;
  const snapshotId = params.required('SnapshotId');
  const attribute = params.string('Attribute');
  if (attribute !== undefined) checkAttribute(attribute, [CREATE_VOLUME_PERMISSION]);
  const changes = readPermissionChanges(params, 'snapshot');
  if (changes.add.length === 0 && changes.remove.length === 0) {
    throw invalidParameterCombination('No attributes specified.');
  }
  if (changes.add.length > 0 && changes.remove.length > 0) {
    throw invalidParameterCombination('You cannot add and remove create volume permissions in the same request.');
  }
  const snapshot = ownedSnapshot(world, caller, region, snapshotId);
  checkSnapshotShare(world, snapshot, changes.add);
  snapshot.createVolumePermissions = applyChanges(snapshot.createVolumePermissions, {
    add: changes.add.map(toVolumePermission),
    remove: changes.remove.map(toVolumePermission),
  });
  return ec2Document('ModifySnapshotAttribute', call.requestId, []);
}

export function resetSnapshotAttribute(call: ServiceCall): string {
  const { world, caller, region, params } = call;
  const attribute = params.required('Attribute');
  const snapshotId = params.required('SnapshotId');
  checkAttribute(attribute, [CREATE_VOLUME_PERMISSION]);
  const snapshot = ownedSnapshot(world, caller, region, snapshotId);
  snapshot.createVolumePermissions = [];
  return ec2Document('ResetSnapshotAttribute', call.requestId, []);
}

function toVolumePermission(p: { userId?: string; group?: 'all' }): CreateVolumePermissionRecord {
  return p.group ? { group: p.group } : { userId: p.userId };
}
