/**
 * What every handler works with: the account sources, credentials, clients, health and events.
 * Built once by `createAppCore`; handlers stay small and never reach around it.
 */
import type { Workspace } from '../../shared/model';
import { AppError } from '../../shared/errors';
import type { AccountSource } from './accounts/account-source';
import type { GuardedSecretStore } from './accounts/guarded-secret-store';
import type { HealthBook } from './accounts/health';
import type { MfaBroker } from './accounts/mfa-broker';
import type { AccountRecord, AccountRegistry } from './accounts/registry';
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

export interface CoreContext {
  user: AccountSource & { secrets: GuardedSecretStore };
  demo: DemoSource | null;
  pool: ClientPool;
  resolver: CredentialResolver;
  health: HealthBook;
  mfa: MfaBroker;
  emit: EventSink;
  profileFiles: ProfileFiles | undefined;
  openUrl(url: string): Promise<void>;
  sources(): AccountSource[];
  find(accountId: string): Located | null;
  require(accountId: string): Located;
  workspace(): Workspace;
  workspaceChanged(): Workspace;
  /** Runs AWS work for an entry, recording health and naming the place on failure. */
  withAccount<T>(accountId: string, region: string, action: string, work: (account: AccountRecord) => Promise<T>): Promise<T>;
  /** Drops cached credentials and clients of an entry and of every entry assuming a role through it. */
  forgetCredentials(accountId: string): void;
}

export function requireAccountIn(registries: AccountRegistry[], accountId: string): AccountRecord {
  for (const r of registries) {
    const a = r.getAccount(accountId);
    if (a) return a;
  }
  throw new AppError({
    code: 'ACCOUNT_NOT_FOUND',
    message: 'That account is no longer in the workspace. Pick another account in the sidebar.',
    retryable: false,
    details: { account: accountId },
  });
}

export function placeError(error: unknown, account: AccountRecord, region: string, action: string): AppError {
  return toAppError(error, { account: account.id, accountId: account.awsAccountId, region, action });
}
