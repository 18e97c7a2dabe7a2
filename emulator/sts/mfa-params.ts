/**
 * SerialNumber + TokenCode on AssumeRole and GetSessionToken: both or neither; when given,
 * the code must be valid for the caller's own device (and unused), whatever the role needs.
 */
import type { ServiceCall } from '../service';
import { MFA_FAILURE } from '../identity/mfa';
import { accessDenied } from './validation';

/** True when a valid MFA code came with the call; throws AccessDenied for a bad one. */
export function checkMfaParams(call: ServiceCall, serialNumber: string | undefined, tokenCode: string | undefined): boolean {
  if (serialNumber === undefined && tokenCode === undefined) return false;
  if (serialNumber === undefined || tokenCode === undefined) throw accessDenied(MFA_FAILURE.incomplete);
  const result = call.identity.mfa.verify(call.principal, serialNumber, tokenCode);
  if (!result.ok) throw accessDenied(result.message);
  return true;
}
