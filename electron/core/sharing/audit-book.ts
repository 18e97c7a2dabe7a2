/**
 * One audit log per account source (see AuditLog): the user's in the app's database, the demo
 * workspace's in memory. Lists merge them newest first.
 */
import type { AccountSource } from '../accounts/account-source';
import { openDatabase, type Database } from '../db/database';
import type { AuditEntry } from '../../../shared/sharing';
import { AuditLog } from './audit-log';

export class AuditBook {
  private readonly userLog: AuditLog;
  private readonly others = new WeakMap<AccountSource, AuditLog>();
  private demoCount = 0;

  constructor(
    private readonly user: AccountSource,
    userDb: Database,
  ) {
    this.userLog = new AuditLog(userDb, 'user');
  }

  logFor(source: AccountSource): AuditLog {
    if (source === this.user) return this.userLog;
    let log = this.others.get(source);
    if (!log) {
      // A fresh demo workspace starts a fresh log; its own prefix keeps ids unique in the run.
      log = new AuditLog(openDatabase(':memory:'), `demo${++this.demoCount}`);
      this.others.set(source, log);
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
