/**
 * Errors cross the IPC boundary as plain values with a code the UI can act on.
 * `details` names where it happened (account, region, AWS action) so a message can say
 * "Access denied in 123456789012/eu-west-1: ec2:DescribeImages".
 */
export const ERROR_CODES = [
  'VALIDATION', // input failed the channel's schema
  'UNKNOWN_CHANNEL',
  'FORBIDDEN_SENDER', // IPC from a frame that is not our own page
  'ACCOUNT_NOT_FOUND',
  'NOT_FOUND', // an AWS resource (AMI, snapshot) does not exist or is not visible
  'ACCESS_DENIED', // authenticated, but not allowed (UnauthorizedOperation)
  'AUTH_FAILED', // credentials rejected (AuthFailure, bad signature, expired)
  'THROTTLED', // retries exhausted while AWS kept throttling
  'NETWORK', // endpoint unreachable
  'KEYCHAIN_UNAVAILABLE',
  'CONFLICT', // the change would break something else (e.g. removing a role's source account)
  'CONFIRMATION_REQUIRED', // a guarded change (production account, making public) was not confirmed
  'AWS_ERROR', // any other error AWS returned
  'DATABASE_BUSY', // another AMI Atlas (or the CLI) holds the data folder: close it, retry
  'DISK_FULL', // the app's data could not be saved: the disk is full
  'STORAGE_FAILED', // the app's data could not be saved or read for another reason (permissions, disk error)
  'DATABASE_UNAVAILABLE', // the app's database could not be opened: recover it first (startup:*)
  'INTERNAL', // a bug: shown, never swallowed
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

import type { AccountFix } from './model';
import { regionLabel } from './region-names';

export interface ErrorDetails {
  /** Our account (an AccountSummary id): for the page to find it, never to show. */
  account?: string;
  /** The account's name, as people read it. */
  accountName?: string;
  /** The access path that failed (an AccessPathSummary id), never shown. */
  path?: string;
  /** The 12-digit AWS account id, when known. */
  awsAccountId?: string;
  region?: string;
  /** The AWS action, e.g. "ec2:DescribeImages". */
  action?: string;
  /** The code AWS answered with, e.g. "InvalidAMIID.NotFound". */
  awsCode?: string;
  /** Which input fields were wrong (VALIDATION). */
  issues?: string[];
  /** For credential failures: the one action that repairs the account. */
  fix?: AccountFix;
}

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
  retryable: boolean;
  details?: ErrorDetails;
}

export class AppError extends Error implements AppErrorShape {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly details?: ErrorDetails;

  constructor(shape: AppErrorShape) {
    super(shape.message);
    this.name = 'AppError';
    this.code = shape.code;
    this.retryable = shape.retryable;
    if (shape.details) this.details = shape.details;
  }

  toShape(): AppErrorShape {
    return {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

export function isAppErrorShape(value: unknown): value is AppErrorShape {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.code === 'string' &&
    (ERROR_CODES as readonly string[]).includes(v.code) &&
    typeof v.message === 'string' &&
    typeof v.retryable === 'boolean'
  );
}

/**
 * "acme-prod (123456789012) · Europe (Ireland) eu-west-1: ec2:DescribeImages" — the place an error
 * happened, by the names people read (an internal id is never part of it).
 */
export function describePlace(details: ErrorDetails | undefined): string {
  if (!details) return '';
  const where = placeLabel(details.accountName ?? null, details.awsAccountId ?? null, details.region ?? null);
  return [where, details.action].filter(Boolean).join(': ');
}

/**
 * "Acme Prod (123456789012) · Europe (Ireland) eu-west-1" — an account in a region as messages
 * name it: the account by its name (and 12-digit id when known), the region by name and code.
 */
export function placeLabel(name: string | null, awsAccountId: string | null, region: string | null): string {
  return [accountLabel(name, awsAccountId), region ? regionLabel(region) : ''].filter(Boolean).join(' · ');
}

/** "acme-prod (123456789012)", "acme-prod", "123456789012" or '' — an account as messages name it. */
export function accountLabel(name: string | null, awsAccountId: string | null): string {
  if (name && awsAccountId) return `${name} (${awsAccountId})`;
  return name ?? awsAccountId ?? '';
}
