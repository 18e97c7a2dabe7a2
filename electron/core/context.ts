/**
 * What every handler works with: the open workspace (the user's accounts, or the demo's), its
 * accounts and their access paths, credentials, clients, health and events. Built once by
 * `createAppCore`; handlers stay small and never reach around it.
 *
 * AWS work names an account, never a path: `read` picks a healthy path (the read path first)
 * and falls back to another one when a path's credentials fail or its principal is denied,
 * saying so on the account; `write` goes through the account's acting path, the one every change
 * sheet names, and never silently through another.
 */
import type { Workspace } from '../../shared/model';
import { AppError } from '../../shared/errors';
import type { AccountSource } from './accounts/account-source';
import type { Attached } from './accounts/attach';
import type { GuardedSecretStore } from './accounts/guarded-secret-store';
import type { HealthBook } from './accounts/health';
import type { MfaBroker } from './accounts/mfa-broker';
import type { AccountRecord, PathRecord } from './accounts/registry';
import type { ProfileFiles } from './accounts/profiles';
import type { ClientPool } from './aws/client-pool';
import { toAppError } from './aws/errors';
import type { CredentialResolver } from './credentials/resolver';
import type { DemoWorld } from './demo/demo-world';
import type { EventSink } from './events';

export interface DemoSource extends AccountSource {
  world: DemoWorld;
}

export interface Located {
  source: AccountSource;
  account: AccountRecord;
}

export interface LocatedPath {
  source: AccountSource;
  path: PathRecord;
}

export interface CoreContext {
  user: AccountSource & { secrets: GuardedSecretStore };
  /** The demo workspace while its world runs (open or not). */
  demo: DemoSource | null;
  pool: ClientPool;
  resolver: CredentialResolver;
  health: HealthBook;
  mfa: MfaBroker;
  emit: EventSink;
  profileFiles: ProfileFiles | undefined;
  openUrl(url: string): Promise<void>;
  /** The workspace the user has open: its accounts are the ones listed, scanned and shown. */
  active(): AccountSource;
  /** Every workspace whose work goes on in the background (copies and builds keep running). */
  sources(): AccountSource[];
  /** An account of any open workspace (ids are unique across them). */
  find(accountId: string): Located | null;
  require(accountId: string): Located;
  findPath(pathId: string): LocatedPath | null;
  requirePath(pathId: string): LocatedPath;
  workspace(): Workspace;
  workspaceChanged(): Workspace;
  /** Runs work whose background changes (health, identity) are not announced; the caller announces the outcome. */
  quietly<T>(work: () => Promise<T>): Promise<T>;
  /** Our name for a 12-digit account id, when it is one of the open workspace's accounts. */
  knownAs(awsAccountId: string): string | null;
  /** Runs AWS work that reads: any healthy path of the account, the read path first, with fallback. */
  read<T>(accountId: string, region: string, action: string, work: (path: PathRecord) => Promise<T>): Promise<T>;
  /** Runs AWS work that changes something: through the account's acting path only. */
  write<T>(accountId: string, region: string, action: string, work: (path: PathRecord) => Promise<T>): Promise<T>;
  /** Runs AWS work through one path (verifying it, signing it in), recording its health. */
  withPath<T>(pathId: string, region: string, action: string, work: (path: PathRecord) => Promise<T>): Promise<T>;
  /** Reads the path's caller identity and attaches it to the account it reaches. */
  verifyPath(pathId: string): Promise<Attached>;
  /** The path changes of this account go through now (what change sheets name). */
  actingPath(accountId: string): PathRecord | null;
  /** Drops cached credentials and clients of a path and of every path assuming a role through it. */
  forgetCredentials(pathId: string): void;
}

export function notInWorkspace(accountId: string): AppError {
  return new AppError({
    code: 'ACCOUNT_NOT_FOUND',
    message: 'That account is no longer in the workspace. Pick another account in the sidebar.',
    retryable: false,
    details: { account: accountId },
  });
}

export function placeError(error: unknown, path: PathRecord, region: string, action: string): AppError {
  return toAppError(error, { account: path.accountId, accountName: path.accountName, path: path.id, awsAccountId: path.awsAccountId, region, action });
}

/** A failure tied to an account rather than one path (the place is named all the same). */
export function accountError(error: unknown, account: AccountRecord, region: string, action: string): AppError {
  return toAppError(error, { account: account.id, accountName: account.name, awsAccountId: account.awsAccountId, region, action });
}

/** An account with no path left (its only one was removed, or moved to the account it really reaches). */
export function noPathError(account: AccountRecord): AppError {
  return new AppError({
    code: 'AUTH_FAILED',
    message: `No access path reaches ${account.name} any more: add a profile, key pair or role to it in the account's settings.`,
    retryable: false,
    details: { account: account.id, accountName: account.name, ...(account.awsAccountId ? { awsAccountId: account.awsAccountId } : {}) },
  });
}
