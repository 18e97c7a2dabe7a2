/**
 * The AWS access portal API (rest-json, bearer token in x-amz-sso_bearer_token): the accounts
 * and permission sets assigned to the signed-in user, and role credentials for one of them.
 * Role credentials are ordinary sessions of the AWSReservedSSO_… role in that account, named
 * after the user, lasting the permission set's session duration.
 */
import { rolePrincipal } from '../identity/principal';
import type { IdentityService } from '../identity/service';
import type { World } from '../world/model';
import { portalError } from './errors';
import type { JsonObject } from './json';
import type { SsoState, SsoToken } from './state';

export interface PortalContext {
  world: World;
  identity: IdentityService;
  state: SsoState;
}

const DEFAULT_PAGE = 100;

function bearer(ctx: PortalContext, headers: Record<string, string>): SsoToken {
  const token = ctx.state.accessToken(headers['x-amz-sso_bearer_token']);
  if (!token) throw portalError('UnauthorizedException', 'Session token not found or invalid');
  return token;
}

function requiredQuery(query: URLSearchParams, name: string): string {
  const value = query.get(name);
  if (value === null || value === '') throw portalError('InvalidRequestException', `${name} is required`);
  return value;
}

/** One page of a list; next_token is the offset of the next page, opaque to clients. */
function page<T>(items: readonly T[], query: URLSearchParams): { items: T[]; nextToken?: string } {
  const rawMax = query.get('max_result');
  const max = rawMax === null ? DEFAULT_PAGE : Number(rawMax);
  if (!Number.isInteger(max) || max < 1) throw portalError('InvalidRequestException', 'max_result must be a positive integer');
  const rawToken = query.get('next_token');
  let start = 0;
  if (rawToken !== null) {
    const decoded = /^p(\d{1,6})$/.exec(Buffer.from(rawToken, 'base64url').toString('utf8'));
    if (!decoded?.[1]) throw portalError('InvalidRequestException', 'Invalid next_token');
    start = Number(decoded[1]);
  }
  const end = start + max;
  return {
    items: items.slice(start, end),
    ...(end < items.length ? { nextToken: Buffer.from(`p${end}`).toString('base64url') } : {}),
  };
}

function assignedAccounts(world: World): string[] {
  const assigned = new Set(world.sso.assignments.map((a) => a.accountId));
  return world.accounts.filter((a) => assigned.has(a.accountId)).map((a) => a.accountId);
}

export function listAccounts(ctx: PortalContext, headers: Record<string, string>, query: URLSearchParams): JsonObject {
  bearer(ctx, headers);
  const accounts = assignedAccounts(ctx.world).flatMap((id) => {
    const account = ctx.world.accountById(id);
    return account ? [{ accountId: account.accountId, accountName: account.name, emailAddress: account.email }] : [];
  });
  const { items, nextToken } = page(accounts, query);
  return { accountList: items, ...(nextToken ? { nextToken } : {}) };
}

export function listAccountRoles(ctx: PortalContext, headers: Record<string, string>, query: URLSearchParams): JsonObject {
  bearer(ctx, headers);
  const accountId = requiredQuery(query, 'account_id');
  const roles = ctx.world.sso.assignments
    .filter((a) => a.accountId === accountId)
    .map((a) => ({ roleName: a.permissionSet, accountId }));
  const { items, nextToken } = page(roles, query);
  return { roleList: items, ...(nextToken ? { nextToken } : {}) };
}

export function getRoleCredentials(ctx: PortalContext, headers: Record<string, string>, query: URLSearchParams): JsonObject {
  bearer(ctx, headers);
  const roleName = requiredQuery(query, 'role_name');
  const accountId = requiredQuery(query, 'account_id');
  const { sso } = ctx.world;
  const assigned = sso.assignments.some((a) => a.accountId === accountId && a.permissionSet === roleName);
  const permissionSet = sso.permissionSets.find((p) => p.name === roleName);
  const role = ctx.world.roles.find((r) => r.accountId === accountId && r.ssoPermissionSet === roleName);
  if (!assigned || !permissionSet || !role) throw portalError('ForbiddenException', 'No access');
  const session = ctx.identity.sessions.issue({
    principal: rolePrincipal(role, sso.user.userName),
    source: 'SSO',
    durationSeconds: permissionSet.sessionDurationSeconds,
    mfaAuthenticated: false,
  });
  return {
    roleCredentials: {
      accessKeyId: session.accessKeyId,
      secretAccessKey: session.secretAccessKey,
      sessionToken: session.sessionToken,
      // Epoch milliseconds, as the portal answers.
      expiration: session.expiresAtMs,
    },
  };
}

export function logout(ctx: PortalContext, headers: Record<string, string>): void {
  ctx.state.endGrant(bearer(ctx, headers).grantId);
}
