/**
 * A place accounts come from: a registry of entries plus the secret store holding their keys.
 * The user's own accounts use SQLite + the OS keychain; the demo workspace uses the very same
 * classes over an in-memory database and an in-memory store, so no code path differs.
 */
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { AppError } from '../../../shared/errors';
import { AccountRegistry, secretKeyFor, type AccountRecord } from './registry';
import type { SecretStore } from './secret-store';

export interface AccountSource {
  readonly registry: AccountRegistry;
  readonly secrets: SecretStore;
}

export function staticKeyProvider(source: AccountSource, account: AccountRecord): AwsCredentialIdentityProvider {
  return async () => {
    const secretAccessKey = await source.secrets.get(secretKeyFor(account.id));
    if (!secretAccessKey) {
      throw new AppError({
        code: 'AUTH_FAILED',
        message: `No secret access key is stored for "${account.name}". Remove the account and add it again.`,
        retryable: false,
        details: { account: account.id },
      });
    }
    return { accessKeyId: account.accessKeyId, secretAccessKey };
  };
}
