/**
 * AssumeRole. The role's trust policy must name the caller (its account, its user ARN or, for
 * a role session, its role ARN) and its conditions must hold: `sts:ExternalId` equal to the
 * ExternalId sent, and `aws:MultiFactorAuthPresent` — true when this call carries a valid MFA
 * code for the caller's device, or when the caller's own session was MFA-authenticated
 * (GetSessionToken with MFA, or a role session that was; AWS carries the MFA context along a
 * role chain). Anything else is AccessDenied, without saying which part failed or whether the
 * role exists. A role session assuming another role is role chaining: at most one hour.
 */
import { rolePrincipal } from '../identity/principal';
import { trustNamesPrincipal } from '../identity/trust';
import { el } from '../protocol/xml';
import type { ServiceCall } from '../service';
import { credentialsNode } from './credentials';
import { checkMfaParams } from './mfa-params';
import { stsDocument } from './response';
import { PATTERNS, Validator, accessDenied, validationError } from './validation';

const DEFAULT_DURATION = 3_600;
const CHAINED_MAX_DURATION = 3_600;

export function assumeRole(call: ServiceCall): string {
  const v = new Validator(call.params);
  const roleArn = v.string({ field: 'roleArn', param: 'RoleArn', min: 20, max: 2048, required: true });
  const sessionName = v.string({
    field: 'roleSessionName',
    param: 'RoleSessionName',
    min: 2,
    max: 64,
    pattern: PATTERNS.sessionName,
    required: true,
  });
  const duration = v.integer('durationSeconds', 'DurationSeconds', 900, 43_200);
  const externalId = v.string({ field: 'externalId', param: 'ExternalId', min: 2, max: 1224, pattern: PATTERNS.externalId });
  const serialNumber = v.string({ field: 'serialNumber', param: 'SerialNumber', min: 9, max: 256, pattern: PATTERNS.serialNumber });
  const tokenCode = v.string({ field: 'tokenCode', param: 'TokenCode', min: 6, max: 6, pattern: PATTERNS.tokenCode });
  v.check();
  if (roleArn === undefined || sessionName === undefined) throw validationError('RoleArn and RoleSessionName are required');

  const mfaThisCall = checkMfaParams(call, serialNumber, tokenCode);
  const mfaPresent = mfaThisCall || call.session?.mfaAuthenticated === true;

  const role = call.world.role(roleArn);
  const allowed =
    role !== undefined &&
    trustNamesPrincipal(role, call.principal) &&
    (role.trust.externalId === null || role.trust.externalId === externalId) &&
    (!role.trust.mfaRequired || mfaPresent);
  if (!role || !allowed) {
    throw accessDenied(`User: ${call.principal.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`);
  }

  const chained = call.principal.kind === 'assumed-role';
  const seconds = duration ?? DEFAULT_DURATION;
  if (chained && seconds > CHAINED_MAX_DURATION) {
    throw validationError('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
  }
  if (seconds > role.maxSessionDuration) {
    throw validationError('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  }

  const principal = rolePrincipal(role, sessionName);
  const session = call.identity.sessions.issue({
    principal,
    source: 'AssumeRole',
    durationSeconds: seconds,
    mfaAuthenticated: mfaPresent,
    chained,
  });
  return stsDocument('AssumeRole', call.requestId, [
    credentialsNode(session),
    el('AssumedRoleUser', [el('AssumedRoleId', principal.userId), el('Arn', principal.arn)]),
  ]);
}
