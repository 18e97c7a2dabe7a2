/**
 * Credential failures in words the user can act on: each becomes an AppError whose
 * `details.fix` names the one action that repairs the entry (sign in to SSO, enter an MFA code,
 * replace the keys, fix the source entry, edit the profile, or just retry), and whose message
 * names the profile, role or key involved.
 */
import { AppError, type ErrorCode, type ErrorDetails } from '../../../shared/errors';
import type { AccountFix } from '../../../shared/model';
import type { ProfileListing } from '../accounts/profiles';
import type { PathRecord } from '../accounts/registry';

export interface CredentialErrorClass {
  code: ErrorCode;
  fix: AccountFix | null;
  message: string;
}

/** What we know about where a failure happened; every field is optional. */
export interface FailureContext {
  path?: PathRecord;
  /** The profile of a profile path, as classified from the files. */
  profile?: ProfileListing;
  /** The role being assumed when it failed. */
  roleArn?: string;
  externalId?: string | null;
  mfaSerial?: string | null;
}

interface SdkLikeError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const INVALID_KEY_CODES = new Set([
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'AuthFailure',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
  'IncompleteSignature',
]);
const EXPIRED_CODES = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
const DENIED_CODES = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation']);
const THROTTLE_CODES = new Set(['Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException']);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'ECONNRESET',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'TimeoutError',
  'RequestTimeout',
]);
const PROVIDER_ERRORS = new Set(['CredentialsProviderError', 'TokenProviderError', 'ProviderError']);

function sdkFields(error: unknown): { name: string; text: string } {
  if (typeof error !== 'object' || error === null) return { name: '', text: String(error) };
  const e = error as SdkLikeError;
  const name = e.name && e.name !== 'Error' ? e.name : (e.code ?? '');
  return { name, text: (e.message ?? '').trim() || name || 'unknown error' };
}

function subject(context: FailureContext): string {
  const { path, profile } = context;
  if (profile) return `profile ${profile.name}`;
  if (!path) return 'these credentials';
  switch (path.kind) {
    case 'access-key':
      return `${path.accountName} (access key ${path.accessKeyId ?? 'not set'})`;
    case 'profile':
      return `profile ${path.profileName ?? '(none)'}`;
    case 'assume-role':
      return `${path.accountName} (role ${path.roleArn ?? 'not set'})`;
  }
}

function isSsoFailure(name: string, text: string, context: FailureContext): boolean {
  // The SDK wraps the SSO portal's own errors, so their names survive only in the text.
  if (context.profile?.ssoStartUrl && (name === 'UnauthorizedException' || /UnauthorizedException|ExpiredToken|InvalidGrant|token.{0,40}(expired|invalid)/i.test(text))) return true;
  if (/sso login|sso session|sso token|sso_session.*token|token is expired/i.test(text)) return true;
  return name === 'TokenProviderError';
}

/** The fix for rejected or expired credentials, by how the entry gets them. */
function rejectedFix(context: FailureContext, expired: boolean): AccountFix | null {
  if (context.profile) {
    if (context.profile.ssoStartUrl) return 'sso-sign-in';
    return expired && context.profile.kind !== 'static' ? 'retry' : 'edit-profile';
  }
  switch (context.path?.kind) {
    case 'access-key':
      return expired && context.path.mfaSerial ? 'enter-mfa' : 'update-keys';
    case 'assume-role':
      return expired ? 'retry' : 'fix-source';
    case 'profile':
      return 'edit-profile';
    default:
      return expired ? 'retry' : null;
  }
}

function trustHint(context: FailureContext): string {
  const parts = [
    context.externalId ? `the ExternalId given (${context.externalId}) may not be the one it expects` : 'it may require an ExternalId',
    context.mfaSerial ? `MFA with ${context.mfaSerial}` : 'MFA',
  ];
  return `Check the role's trust policy: it must trust the source identity, ${parts[0]}, or it may require ${parts[1]}.`;
}

/**
 * Classifies any error met while getting or using credentials. Without context the fix is the
 * best guess from the error alone; the resolver passes the entry (and profile) so it is exact.
 */
export function classifyCredentialError(error: unknown, path?: PathRecord): CredentialErrorClass {
  return classify(error, path ? { path } : {});
}

export function classify(error: unknown, context: FailureContext): CredentialErrorClass {
  if (error instanceof AppError) {
    return { code: error.code, fix: error.details?.fix ?? appErrorFix(error.code, context), message: error.message };
  }
  const { name, text } = sdkFields(error);
  const who = subject(context);

  if (NETWORK_CODES.has(name) || /ECONNREFUSED|ENOTFOUND|socket hang up|getaddrinfo|connect ETIMEDOUT/.test(text)) {
    return { code: 'NETWORK', fix: 'retry', message: `Cannot reach AWS to get credentials for ${who}: ${text}` };
  }
  if (THROTTLE_CODES.has(name)) {
    return { code: 'THROTTLED', fix: 'retry', message: `AWS kept throttling credential requests for ${who}: ${text}` };
  }
  if (isSsoFailure(name, text, context)) {
    const where = context.profile?.ssoStartUrl ? ` at ${context.profile.ssoStartUrl}` : '';
    // "not found or is invalid" is the SDK's word for no usable token (expiry has its own message).
    const never = /not found|no such file|ENOENT/i.test(text);
    const lead = never ? 'Not signed in to AWS SSO — sign in' : 'SSO session expired — sign in again';
    return { code: 'AUTH_FAILED', fix: 'sso-sign-in', message: `${lead}${where} (${who}).` };
  }
  // ARNs are left out of the test: a role may well be called "MfaProtectedAdmin".
  if (DENIED_CODES.has(name) && /MultiFactorAuthentication|multi-factor|one time pass ?code/i.test(text.replace(/arn:\S+/g, ''))) {
    const device = context.mfaSerial ?? context.path?.mfaSerial ?? context.profile?.mfaSerial ?? 'the MFA device';
    return { code: 'AUTH_FAILED', fix: 'enter-mfa', message: `The MFA code for ${device} was not accepted (${who}) — enter a new code. AWS said: ${text}` };
  }
  if (/requires multi-factor authentication/i.test(text)) {
    return { code: 'AUTH_FAILED', fix: 'enter-mfa', message: `${capitalize(who)} needs an MFA code: ${text}` };
  }
  if (DENIED_CODES.has(name) && context.roleArn) {
    return {
      code: 'ACCESS_DENIED',
      fix: context.profile || context.path?.kind === 'profile' ? 'edit-profile' : null,
      message: `Not allowed to assume ${context.roleArn} for ${who}. ${trustHint(context)} AWS said: ${text}`,
    };
  }
  if (INVALID_KEY_CODES.has(name)) {
    const fix = rejectedFix(context, false);
    const lead =
      context.path?.kind === 'access-key' && !context.roleArn
        ? `AWS rejected the access key of ${who}: it may have been deactivated, deleted or mistyped — enter a new key pair.`
        : `AWS rejected the credentials of ${who}${context.roleArn ? ` while assuming ${context.roleArn}` : ''}.`;
    return { code: 'AUTH_FAILED', fix, message: `${lead} (${name}: ${text})` };
  }
  if (EXPIRED_CODES.has(name)) {
    return { code: 'AUTH_FAILED', fix: rejectedFix(context, true), message: `The temporary credentials of ${who} have expired. (${name}: ${text})` };
  }
  if (PROVIDER_ERRORS.has(name) || /credential_process|profile/i.test(text)) {
    const fix = context.path?.kind === 'assume-role' ? 'fix-source' : 'edit-profile';
    return { code: 'AUTH_FAILED', fix, message: `Could not get credentials from ${who}: ${text}` };
  }
  if (name === 'ValidationError' || name === 'MalformedPolicyDocument' || name === 'RegionDisabledException') {
    return {
      code: 'AWS_ERROR',
      fix: context.profile || context.path?.kind === 'profile' ? 'edit-profile' : null,
      message: `AWS refused the credential request for ${who}${context.roleArn ? ` (${context.roleArn})` : ''}: ${text}`,
    };
  }
  if (typeof error === 'object' && error !== null && '$metadata' in error) {
    return { code: 'AWS_ERROR', fix: null, message: `AWS error ${name} while getting credentials for ${who}: ${text}` };
  }
  return { code: 'INTERNAL', fix: null, message: `Unexpected error while getting credentials for ${who}: ${text}` };
}

function appErrorFix(code: ErrorCode, context: FailureContext): AccountFix | null {
  if (code === 'NETWORK' || code === 'THROTTLED') return 'retry';
  if (code === 'AUTH_FAILED') return rejectedFix(context, false);
  return null;
}

/** An AppError carrying the classification, the entry and AWS's own error code. */
export function credentialFailure(error: unknown, context: FailureContext): AppError {
  const c = classify(error, context);
  if (error instanceof AppError && error.details?.fix === c.fix && (error.details.path || !context.path)) return error;
  const awsCode = error instanceof AppError ? error.details?.awsCode : sdkFields(error).name || undefined;
  const details: ErrorDetails = {
    ...(error instanceof AppError ? error.details : {}),
    ...(context.path ? placeOfPath(context.path) : {}),
    ...(awsCode ? { awsCode } : {}),
    ...(c.fix ? { fix: c.fix } : {}),
  };
  return new AppError({ code: c.code, message: c.message, retryable: c.code === 'NETWORK' || c.code === 'THROTTLED', details });
}

/** A failure we detect ourselves (missing secret, broken profile, loop), with its fix. */
export function credentialProblem(code: ErrorCode, fix: AccountFix | null, message: string, path?: PathRecord): AppError {
  return new AppError({
    code,
    message,
    retryable: false,
    details: { ...(path ? placeOfPath(path) : {}), ...(fix ? { fix } : {}) },
  });
}

/** Where a path's failure happened, for the page to tie it to the account and path. */
export function placeOfPath(path: PathRecord): ErrorDetails {
  return {
    account: path.accountId,
    accountName: path.accountName,
    path: path.id,
    ...(path.awsAccountId ? { awsAccountId: path.awsAccountId } : {}),
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
