/**
 * GetInstanceProfile, GetRole and ListAttachedRolePolicies over the caller's account, with IAM's
 * errors: NoSuchEntity (HTTP 404) for a profile or role that does not exist, ValidationError for
 * a missing or malformed name or MaxItems out of 1–1000. ListAttachedRolePolicies pages with
 * MaxItems (default 100) and an opaque Marker, and filters on PathPrefix (AWS managed policies'
 * path is `/`).
 */
import { ApiError } from '../protocol/errors';
import { el, type XmlNode } from '../protocol/xml';
import type { ServiceCall } from '../service';
import { accountRole, instanceProfile, type ProfileRoleRecord } from '../world/iam-instance-profiles';
import { iamDocument } from './response';

const NAME = /^[\w+=,.@-]+$/;

function validation(member: string, value: string | undefined, constraint: string): ApiError {
  return new ApiError('ValidationError', `1 validation error detected: Value ${value === undefined ? 'null' : `'${value}'`} at '${member}' failed to satisfy constraint: ${constraint}`, 400);
}

function requiredName(call: ServiceCall, param: string, member: string, max: number): string {
  const value = call.params.string(param);
  if (value === undefined) throw validation(member, value, 'Member must not be null');
  if (value.length < 1 || value.length > max) throw validation(member, value, `Member must have length less than or equal to ${max}`);
  if (!NAME.test(value)) throw validation(member, value, 'Member must satisfy regular expression pattern: [\\w+=,.@-]+');
  return value;
}

const noSuchRole = (name: string) => new ApiError('NoSuchEntity', `The role with name ${name} cannot be found.`, 404);

function roleNodes(role: ProfileRoleRecord, withDocument: boolean): XmlNode[] {
  return [
    el('Path', role.path),
    el('RoleName', role.roleName),
    el('RoleId', role.roleId),
    el('Arn', role.arn),
    el('CreateDate', role.createDate),
    el('AssumeRolePolicyDocument', role.assumeRolePolicyDocument),
    el('Description', withDocument ? role.description : undefined),
    el('MaxSessionDuration', withDocument ? role.maxSessionDuration : undefined),
    el('RoleLastUsed', withDocument ? [] : undefined),
  ];
}

export function getInstanceProfile(call: ServiceCall): string {
  const name = requiredName(call, 'InstanceProfileName', 'instanceProfileName', 128);
  const accountId = call.caller.accountId;
  const profile = instanceProfile(call.world, accountId, name);
  if (!profile) throw new ApiError('NoSuchEntity', `Instance Profile ${name} cannot be found.`, 404);
  const roles = profile.roles.map((r) => accountRole(call.world, accountId, r)).filter((r): r is ProfileRoleRecord => r !== undefined);
  return iamDocument('GetInstanceProfile', call.requestId, [
    el('InstanceProfile', [
      el('Path', profile.path),
      el('InstanceProfileName', profile.name),
      el('InstanceProfileId', profile.instanceProfileId),
      el('Arn', profile.arn),
      el('CreateDate', profile.createDate),
      el('Roles', roles.map((r) => el('member', roleNodes(r, false)))),
      el('Tags', []),
    ]),
  ]);
}

export function getRole(call: ServiceCall): string {
  const name = requiredName(call, 'RoleName', 'roleName', 64);
  const role = accountRole(call.world, call.caller.accountId, name);
  if (!role) throw noSuchRole(name);
  return iamDocument('GetRole', call.requestId, [el('Role', roleNodes(role, true))]);
}

export function listAttachedRolePolicies(call: ServiceCall): string {
  const name = requiredName(call, 'RoleName', 'roleName', 64);
  const maxItems = call.params.int('MaxItems') ?? 100;
  if (maxItems < 1 || maxItems > 1000) throw validation('maxItems', String(maxItems), maxItems < 1 ? 'Member must have value greater than or equal to 1' : 'Member must have value less than or equal to 1000');
  const prefix = call.params.string('PathPrefix') ?? '/';
  if (!prefix.startsWith('/')) throw validation('pathPrefix', prefix, 'Member must satisfy regular expression pattern: \\u002F[\\u0021-\\u007F]*');
  const role = accountRole(call.world, call.caller.accountId, name);
  if (!role) throw noSuchRole(name);
  // AWS managed policies live at path `/`.
  const matching = role.attached.filter(() => '/'.startsWith(prefix));
  const marker = call.params.string('Marker');
  let start = 0;
  if (marker !== undefined) {
    const decoded = /^[0-9]+$/.test(Buffer.from(marker, 'base64').toString('utf8')) ? Number(Buffer.from(marker, 'base64').toString('utf8')) : NaN;
    if (!Number.isInteger(decoded) || decoded > matching.length) throw new ApiError('InvalidInput', 'Invalid Marker.', 400);
    start = decoded;
  }
  const page = matching.slice(start, start + maxItems);
  const next = start + page.length;
  const truncated = next < matching.length;
  return iamDocument('ListAttachedRolePolicies', call.requestId, [
    el('IsTruncated', truncated),
    el('Marker', truncated ? Buffer.from(String(next)).toString('base64') : undefined),
    el('AttachedPolicies', page.map((p) => el('member', [el('PolicyName', p.name), el('PolicyArn', p.arn)]))),
  ]);
}
