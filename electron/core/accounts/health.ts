/**
 * What we last learned about each access path's credentials. A credential failure marks the
 * path "needs sign-in" with the one fix that repairs it; other failures (network, a denied
 * action) say nothing about the credentials and leave a working path working.
 */
import type { AppError } from '../../../shared/errors';
import type { AccountFix, AccountHealth } from '../../../shared/model';
import type { PathRecord } from './registry';

export interface HealthEntry {
  state: AccountHealth;
  message: string | null;
  fix: AccountFix | null;
}

export function fixFor(path: Pick<PathRecord, 'kind'>, error: AppError): AccountFix | null {
  if (error.details?.fix) return error.details.fix;
  if (error.code === 'NETWORK' || error.code === 'THROTTLED') return 'retry';
  if (error.code !== 'AUTH_FAILED') return null;
  switch (path.kind) {
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

  get(pathId: string): HealthEntry | undefined {
    return this.entries.get(pathId);
  }

  ok(pathId: string): void {
    this.set(pathId, { state: 'ok', message: null, fix: null });
  }

  /** Records a failure when it tells something about the path's credentials or reachability. */
  failed(path: Pick<PathRecord, 'id' | 'kind'>, error: AppError): void {
    if (error.code === 'AUTH_FAILED') {
      this.set(path.id, { state: 'needs-sign-in', message: error.message, fix: fixFor(path, error) });
    } else if (error.code === 'NETWORK') {
      this.set(path.id, { state: 'error', message: error.message, fix: 'retry' });
    } else if (error.code === 'ACCESS_DENIED' && error.details?.fix) {
      // A denied role assumption is a credential problem (trust policy, ExternalId, MFA).
      this.set(path.id, { state: 'needs-sign-in', message: error.message, fix: error.details.fix });
    }
  }

  forget(pathId: string): void {
    if (this.entries.delete(pathId)) this.onChange();
  }

  private set(pathId: string, entry: HealthEntry): void {
    const before = this.entries.get(pathId);
    if (before && before.state === entry.state && before.message === entry.message && before.fix === entry.fix) return;
    this.entries.set(pathId, entry);
    this.onChange();
  }
}
