/**
 * GetSessionToken: temporary credentials for an IAM user, MFA-authenticated when the call
 * carries a valid code for the user's device. Only long-term user keys may call it.
 */
import type { ServiceCall } from '../service';
import { credentialsNode } from './credentials';
import { checkMfaParams } from './mfa-params';
import { stsDocument } from './response';
import { PATTERNS, Validator, accessDenied } from './validation';

const DEFAULT_DURATION = 43_200;

export function getSessionToken(call: ServiceCall): string {
  const v = new Validator(call.params);
  const duration = v.integer('durationSeconds', 'DurationSeconds', 900, 129_600);
  const serialNumber = v.string({ field: 'serialNumber', param: 'SerialNumber', min: 9, max: 256, pattern: PATTERNS.serialNumber });
  const tokenCode = v.string({ field: 'tokenCode', param: 'TokenCode', min: 6, max: 6, pattern: PATTERNS.tokenCode });
  v.check();
  if (call.session !== null || call.principal.kind !== 'user') {
    throw accessDenied('Cannot call GetSessionToken with session credentials');
  }
  const mfa = checkMfaParams(call, serialNumber, tokenCode);
  const session = call.identity.sessions.issue({
    principal: call.principal,
    source: 'GetSessionToken',
    durationSeconds: duration ?? DEFAULT_DURATION,
    mfaAuthenticated: mfa,
  });
  return stsDocument('GetSessionToken', call.requestId, [credentialsNode(session)]);
}
