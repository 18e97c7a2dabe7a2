/**
 * Turns whatever the AWS SDK throws into an AppError that names the account, region and
 * action, with a code the UI can act on. Nothing is swallowed: unknown errors keep AWS's own
 * code and message.
 */
import { AppError, accountLabel, placeLabel, type ErrorCode, type ErrorDetails } from '../../../shared/errors';

export interface Place {
  /** Our account's id (for the page, never shown) and name (shown). */
  account: string;
  accountName?: string | null;
  /** The access path the call went through. */
  path?: string | null;
  /** The 12-digit AWS account id, when known. */
  awsAccountId?: string | null;
  region?: string;
  /** e.g. "ec2:DescribeImages" */
  action: string;
}

const AUTH_CODES = new Set([
  'AuthFailure',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired', // EC2's answer to expired temporary credentials
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
  'CredentialsProviderError',
]);
const DENIED_CODES = new Set(['UnauthorizedOperation', 'AccessDenied', 'AccessDeniedException', 'OptInRequired']);
const THROTTLE_CODES = new Set(['RequestLimitExceeded', 'Throttling', 'ThrottlingException', 'TooManyRequestsException']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', 'TimeoutError', 'RequestTimeout']);

interface SdkLikeError {
  name?: string;
  code?: string;
  message?: string;
  $fault?: 'client' | 'server';
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
}

export function toAppError(error: unknown, place: Place): AppError {
  if (error instanceof AppError) return error;
  const e = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as SdkLikeError;
  const awsCode = e.name && e.name !== 'Error' ? e.name : e.code;
  const details: ErrorDetails = {
    account: place.account,
    ...(place.accountName ? { accountName: place.accountName } : {}),
    ...(place.path ? { path: place.path } : {}),
    ...(place.awsAccountId ? { awsAccountId: place.awsAccountId } : {}),
    ...(place.region ? { region: place.region } : {}),
    action: place.action,
    ...(awsCode ? { awsCode } : {}),
  };
  // Names people read: the account's name and 12-digit id, the region's name and code, never our internal id.
  const named = accountLabel(place.accountName ?? null, place.awsAccountId ?? null);
  const where = placeLabel(named || 'this account', null, place.region ?? null);
  const text = e.message ?? 'unknown error';
  const make = (code: ErrorCode, lead: string, retryable: boolean): AppError =>
    new AppError({ code, message: `${lead} in ${where}: ${place.action} — ${text}`, retryable, details });

  const networkCode = e.code ?? e.name;
  if (awsCode && AUTH_CODES.has(awsCode)) return make('AUTH_FAILED', 'Credentials rejected', false);
  if (awsCode && DENIED_CODES.has(awsCode)) return make('ACCESS_DENIED', 'Access denied', false);
  if (awsCode && /NotFound$|\.Malformed$/.test(awsCode)) return make('NOT_FOUND', 'Not found', false);
  if (awsCode && THROTTLE_CODES.has(awsCode)) return make('THROTTLED', 'AWS kept throttling requests', true);
  if (networkCode && NETWORK_CODES.has(networkCode)) return make('NETWORK', 'Cannot reach AWS', true);
  if (e.$metadata) {
    const status = e.$metadata.httpStatusCode ?? 0;
    return make('AWS_ERROR', `AWS error ${awsCode ?? status}`, status >= 500 || Boolean(e.$retryable));
  }
  return make('INTERNAL', 'Unexpected error', false);
}
