/**
 * Which database holds a workspace's own records (audit log, jobs): its registry's. The user's
 * accounts use the app's file; the demo workspace its in-memory database for the run, so the
 * demo never leaves traces behind. Each database has a prefix that keeps record ids unique
 * across them.
 */
import type { AccountSource } from '../accounts/account-source';
import type { Database } from './database';

export interface SourceDatabase {
  db: Database;
  /** Lower-case letters and digits, starting with a letter. */
  prefix: string;
}

export class SourceDatabases {
  private readonly others = new WeakMap<AccountSource, SourceDatabase>();
  private demoCount = 0;
  private readonly userDb: SourceDatabase;

  constructor(
    private readonly user: AccountSource,
    db: Database,
  ) {
    this.userDb = { db, prefix: 'user' };
  }

  for(source: AccountSource): SourceDatabase {
    if (source === this.user) return this.userDb;
    let entry = this.others.get(source);
    if (!entry) {
      entry = { db: source.registry.db, prefix: `demo${++this.demoCount}` };
      this.others.set(source, entry);
    }
    return entry;
  }
}
