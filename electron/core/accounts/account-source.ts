/**
 * A place accounts come from: a registry of entries plus the secret store holding their keys.
 * The user's own accounts use SQLite + the OS keychain; the demo workspace uses the very same
 * classes over an in-memory database and an in-memory store, so no code path differs.
 */
import type { AccountRegistry } from './registry';
import type { SecretStore } from './secret-store';

export interface AccountSource {
  readonly registry: AccountRegistry;
  readonly secrets: SecretStore;
}
