/**
 * One audit log per account source (see AuditLog and SourceDatabases): the user's in the app's
 * database, the demo workspace's in memory. Lists merge them newest first.
 */
import type { AccountSource } from '../accounts/account-source';
import type { SourceDatabases } from '../db/source-databases';
import type { AuditEntry } from '../../../shared/sharing';
import { AuditLog } from './audit-log';

export class AuditBook {
  private readonly logs = new WeakMap<AccountSource, AuditLog>();

  constructor(private readonly databases: SourceDatabases) {}

  logFor(source: AccountSource): AuditLog {
    let log = this.logs.get(source);
    if (!log) {
      const { db, prefix } = this.databases.for(source);
      log = new AuditLog(db, prefix);
      this.logs.set(source, log);
    }
    return log;
  }

  find(sources: readonly AccountSource[], id: string): { log: AuditLog; entry: AuditEntry; source: AccountSource } | null {
    for (const source of sources) {
      const log = this.logFor(source);
      const entry = log.owns(id) ? log.get(id) : null;
      if (entry) return { log, entry, source };
    }
    return null;
  }

  list(sources: readonly AccountSource[], limit: number): AuditEntry[] {
    return sources
      .flatMap((s) => this.logFor(s).list(limit))
      .sort((a, b) => (a.at === b.at ? b.id.localeCompare(a.id) : a.at < b.at ? 1 : -1))
      .slice(0, limit);
  }
}
