/**
 * Reads the permission changes of ModifyImageAttribute and ModifySnapshotAttribute in both
 * spellings the SDK sends: the structure (`LaunchPermission.Add.N.UserId`, `.Group`,
 * `.OrganizationArn`, `.OrganizationalUnitArn`, and `.Remove.N.…`; `CreateVolumePermission.…`
 * for snapshots) and the flat one (`OperationType=add|remove` with `UserId.N`, `UserGroup.N`,
 * `OrganizationArn.N`, `OrganizationalUnitArn.N`). Both may arrive in one call; EC2 applies both.
 */
import { ApiError, invalidParameterCombination, invalidParameterValue } from '../protocol/errors';
import type { QueryParams } from '../protocol/query';
import type { LaunchPermissionRecord } from '../world/model';
import { isAccountId } from './ids';

export interface PermissionChanges {
  add: LaunchPermissionRecord[];
  remove: LaunchPermissionRecord[];
}

const ORGANIZATION_ARN = /^arn:aws:organizations::\d{12}:organization\/o-[a-z0-9]{10,32}$/;
const OU_ARN = /^arn:aws:organizations::\d{12}:ou\/o-[a-z0-9]{10,32}\/ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}$/;

type Field = 'UserId' | 'Group' | 'OrganizationArn' | 'OrganizationalUnitArn';

/** What each kind of target may name: snapshots take only accounts and `all`. */
export type PermissionTarget = 'image' | 'snapshot';

const FLAT_LISTS: Record<Field, string> = {
  UserId: 'UserId',
  Group: 'UserGroup',
  OrganizationArn: 'OrganizationArn',
  OrganizationalUnitArn: 'OrganizationalUnitArn',
};

function itemError(target: PermissionTarget, value: string, itemType: string): ApiError {
  // EC2's code for a bad launch-permission item; snapshots answer a plain bad parameter value.
  return target === 'image'
    ? new ApiError('InvalidAMIAttributeItemValue', `Invalid attribute item value "${value}" for ${itemType} item type.`)
    : invalidParameterValue(`Value (${value}) for parameter ${itemType} is invalid.`);
}

function toPermission(target: PermissionTarget, field: Field, value: string): LaunchPermissionRecord {
  switch (field) {
    case 'UserId':
      if (!isAccountId(value)) throw itemError(target, value, 'userId');
      return { userId: value };
    case 'Group':
      if (value !== 'all') throw itemError(target, value, 'group');
      return { group: 'all' };
    case 'OrganizationArn':
      if (target === 'snapshot') throw invalidParameterValue('Snapshots cannot be shared with an organization.');
      if (!ORGANIZATION_ARN.test(value)) {
        throw invalidParameterValue(`Value (${value}) for parameter organizationArn is invalid. Expected an organization ARN.`);
      }
      return { organizationArn: value };
    case 'OrganizationalUnitArn':
      if (target === 'snapshot') throw invalidParameterValue('Snapshots cannot be shared with an organizational unit.');
      if (!OU_ARN.test(value)) {
        throw invalidParameterValue(
          `Value (${value}) for parameter organizationalUnitArn is invalid. Expected an organizational unit ARN.`,
        );
      }
      return { organizationalUnitArn: value };
  }
}

/** `Prefix.Add.N.Field` entries in index order, one permission per item. */
function structured(params: QueryParams, prefix: string, op: 'Add' | 'Remove', target: PermissionTarget): LaunchPermissionRecord[] {
  const pattern = new RegExp(`^${prefix}\\.${op}\\.(\\d+)\\.(UserId|Group|OrganizationArn|OrganizationalUnitArn)$`);
  const items: Array<[number, LaunchPermissionRecord]> = [];
  for (const [key, value] of params.entries()) {
    const match = pattern.exec(key);
    if (!match?.[1] || !match[2]) continue;
    items.push([Number(match[1]), toPermission(target, match[2] as Field, value)]);
  }
  return items.sort((a, b) => a[0] - b[0]).map(([, p]) => p);
}

function flat(params: QueryParams, target: PermissionTarget): LaunchPermissionRecord[] {
  const fields: Field[] = target === 'image' ? ['UserId', 'Group', 'OrganizationArn', 'OrganizationalUnitArn'] : ['UserId', 'Group'];
  return fields.flatMap((field) => params.list(FLAT_LISTS[field]).map((value) => toPermission(target, field, value)));
}

export function readPermissionChanges(params: QueryParams, target: PermissionTarget): PermissionChanges {
  const prefix = target === 'image' ? 'LaunchPermission' : 'CreateVolumePermission';
  const add = structured(params, prefix, 'Add', target);
  const remove = structured(params, prefix, 'Remove', target);
  const flatItems = flat(params, target);
  const operation = params.string('OperationType');
  if (flatItems.length > 0) {
    if (operation === 'add') add.push(...flatItems);
    else if (operation === 'remove') remove.push(...flatItems);
    else if (operation === undefined) throw invalidParameterCombination('The parameter OperationType is required with the given attribute values.');
    else throw invalidParameterValue(`Value (${operation}) for parameter operationType is invalid. Expected 'add' or 'remove'.`);
  } else if (operation !== undefined && operation !== 'add' && operation !== 'remove') {
    throw invalidParameterValue(`Value (${operation}) for parameter operationType is invalid. Expected 'add' or 'remove'.`);
  }
  return { add, remove };
}

/** One key per distinct permission, so adding twice or removing a missing one changes nothing. */
export function permissionKey(p: LaunchPermissionRecord): string {
  if (p.group) return `group:${p.group}`;
  if (p.userId) return `user:${p.userId}`;
  if (p.organizationArn) return `org:${p.organizationArn}`;
  return `ou:${p.organizationalUnitArn ?? ''}`;
}

/** The permissions after removing then adding, without duplicates, in a stable order. */
export function applyChanges<T extends LaunchPermissionRecord>(current: readonly T[], changes: { add: T[]; remove: T[] }): T[] {
  const removed = new Set(changes.remove.map(permissionKey));
  const out = current.filter((p) => !removed.has(permissionKey(p)));
  const present = new Set(out.map(permissionKey));
  for (const p of changes.add) {
    const key = permissionKey(p);
    if (present.has(key)) continue;
    present.add(key);
    out.push(p);
  }
  return out;
}
