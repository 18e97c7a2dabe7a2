/** One job store per account source, like the audit log (see SourceDatabases). */
import type { AccountSource } from '../accounts/account-source';
import type { SourceDatabases } from '../db/source-databases';
import { JobStore, type StoredJob } from './job-store';

export class JobBook {
  private readonly stores = new WeakMap<AccountSource, JobStore>();

  constructor(private readonly databases: SourceDatabases) {}

  storeFor(source: AccountSource): JobStore {
    let store = this.stores.get(source);
    if (!store) {
      const { db, prefix } = this.databases.for(source);
      store = new JobStore(db, prefix);
      this.stores.set(source, store);
    }
    return store;
  }

  find(sources: readonly AccountSource[], id: string): { store: JobStore; job: StoredJob } | null {
    for (const source of sources) {
      const store = this.storeFor(source);
      const job = store.owns(id) ? store.get(id) : null;
      if (job) return { store, job };
    }
    return null;
  }

  list(sources: readonly AccountSource[]): StoredJob[] {
    return sources.flatMap((s) => this.storeFor(s).list()).sort((a, b) => (a.createdAt === b.createdAt ? b.id.localeCompare(a.id) : a.createdAt < b.createdAt ? 1 : -1));
  }
}
