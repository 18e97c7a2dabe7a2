/**
 * Whether a role's trust policy names the calling principal. An account principal
 * (`arn:aws:iam::ID:root`) admits every principal of that account (the account's own
 * policies decide the rest, and the emulator grants its principals sts:AssumeRole); a user
 * ARN admits that user, including its GetSessionToken sessions; a role ARN admits sessions of
 * that role. Conditions (ExternalId, MFA) are checked by the caller of this function.
 */
import type { RoleRecord } from '../world/model';
import { rootArn } from '../world/iam';
import type { Principal } from './principal';

export function trustNamesPrincipal(role: RoleRecord, principal: Principal): boolean {
  const own = principal.kind === 'user' ? principal.arn : principal.role.arn;
  return role.trust.principals.some((p) => p === rootArn(principal.accountId) || p === own);
}
