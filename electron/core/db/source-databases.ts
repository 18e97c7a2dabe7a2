/**
 * Which database holds a source's own records (audit log, jobs): the user's accounts use the
 * app's file; each demo workspace gets an in-memory database for the run, so the demo never
 * leaves traces behind. Each database has a prefix that keeps record ids unique across them.
 */
import type { AccountSource } from '../accounts/account-source';
import { openDatabase, type Database } from './database';

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
      entry = { db: openDatabase(':memory:'), prefix: `demo${++this.demoCount}` };
      this.others.set(source, entry);
    }
    return entry;
  }
}
