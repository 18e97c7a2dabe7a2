/**
 * What we last learned about each entry's credentials. A credential failure marks the entry
 * "needs sign-in" with the one fix that repairs it; other failures (network, a denied action)
 * say nothing about the credentials and leave a working entry working.
 */
import type { AppError } from '../../../shared/errors';
import type { AccountFix, AccountHealth } from '../../../shared/model';
import type { AccountRecord } from './registry';

export interface HealthEntry {
  state: AccountHealth;
  message: string | null;
  fix: AccountFix | null;
}

export function fixFor(account: AccountRecord, error: AppError): AccountFix | null {
  if (error.details?.fix) return error.details.fix;
  if (error.code === 'NETWORK' || error.code === 'THROTTLED') return 'retry';
  if (error.code !== 'AUTH_FAILED') return null;
  switch (account.kind) {
    case 'access-key':
      return 'update-keys';
    case 'assume-role':
      return 'fix-source';
    case 'profile':
      return 'edit-profile';
  }
}

export class HealthBook {
  private readonly entries = new Map<string, HealthEntry>();

  constructor(private readonly onChange: () => void) {}

  get(accountId: string): HealthEntry | undefined {
    return this.entries.get(accountId);
  }

  ok(accountId: string): void {
    this.set(accountId, { state: 'ok', message: null, fix: null });
  }

  /** Records a failure when it tells something about the account's credentials or reachability. */
  failed(account: AccountRecord, error: AppError): void {
    if (error.code === 'AUTH_FAILED') {
      this.set(account.id, { state: 'needs-sign-in', message: error.message, fix: fixFor(account, error) });
    } else if (error.code === 'NETWORK') {
      this.set(account.id, { state: 'error', message: error.message, fix: 'retry' });
    } else if (error.code === 'ACCESS_DENIED' && error.details?.fix) {
      // A denied role assumption is a credential problem (trust policy, ExternalId, MFA).
      this.set(account.id, { state: 'needs-sign-in', message: error.message, fix: error.details.fix });
    }
  }

  forget(accountId: string): void {
    if (this.entries.delete(accountId)) this.onChange();
  }

  private set(accountId: string, entry: HealthEntry): void {
    const before = this.entries.get(accountId);
    if (before && before.state === entry.state && before.message === entry.message && before.fix === entry.fix) return;
    this.entries.set(accountId, entry);
    this.onChange();
  }
}
