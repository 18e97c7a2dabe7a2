/** One job store per account source, like the audit log (see SourceDatabases). */
import type { AccountSource } from '../accounts/account-source';
import type { SourceDatabases } from '../db/source-databases';
import { PerSource } from '../db/prefixed-store';
import { JobStore, type StoredJob } from './job-store';

export class JobBook {
  readonly stores: PerSource<JobStore>;

  constructor(databases: SourceDatabases) {
    this.stores = new PerSource(databases, (db, prefix) => new JobStore(db, prefix));
  }

  storeFor(source: AccountSource): JobStore {
    return this.stores.for(source);
  }

  find(sources: readonly AccountSource[], id: string): { store: JobStore; job: StoredJob } | null {
    const owner = this.stores.owner(sources, id);
    const job = owner?.store.get(id);
    return owner && job ? { store: owner.store, job } : null;
  }

  list(sources: readonly AccountSource[]): StoredJob[] {
    return sources.flatMap((s) => this.storeFor(s).list()).sort((a, b) => (a.createdAt === b.createdAt ? b.id.localeCompare(a.id) : a.createdAt < b.createdAt ? 1 : -1));
  }
}
