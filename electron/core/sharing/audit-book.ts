/**
 * One audit log per account source (see AuditLog and SourceDatabases): the user's in the app's
 * database, the demo workspace's in memory. Lists merge them newest first.
 */
import type { AccountSource } from '../accounts/account-source';
import type { SourceDatabases } from '../db/source-databases';
import type { AuditEntry } from '../../../shared/sharing';
import { AuditLog } from './audit-log';
import { PerSource } from '../db/prefixed-store';

export class AuditBook {
  private readonly logs: PerSource<AuditLog>;

  constructor(databases: SourceDatabases) {
    this.logs = new PerSource(databases, (db, prefix) => new AuditLog(db, prefix));
  }

  logFor(source: AccountSource): AuditLog {
    return this.logs.for(source);
  }

  find(sources: readonly AccountSource[], id: string): { log: AuditLog; entry: AuditEntry; source: AccountSource } | null {
    const owner = this.logs.owner(sources, id);
    const entry = owner?.store.get(id);
    return owner && entry ? { log: owner.store, entry, source: owner.source } : null;
  }

  list(sources: readonly AccountSource[], limit: number): AuditEntry[] {
    return sources
      .flatMap((s) => this.logFor(s).list(limit))
      .sort((a, b) => (a.at === b.at ? b.id.localeCompare(a.id) : a.at < b.at ? 1 : -1))
      .slice(0, limit);
  }
}
