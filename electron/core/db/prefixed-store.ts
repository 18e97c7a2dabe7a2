/**
 * Stores kept per account source (the user's database, the demo workspace's memory): their ids
 * carry the source's prefix (`${prefix}-${rowid}`), so an id says which source holds it. Jobs,
 * Image Builder runs and the audit log are such stores.
 */
import type { AccountSource } from '../accounts/account-source';
import type { Database } from './database';
import type { SourceDatabases } from './source-databases';

/** A store whose rows are known outside as `${prefix}-${rowid}` (the prefix names the source). */
export abstract class PrefixedStore {
  constructor(
    readonly db: Database,
    readonly prefix: string,
  ) {}

  owns(id: string): boolean {
    return id.startsWith(`${this.prefix}-`);
  }

  protected rowId(id: string): number {
    return Number(id.slice(this.prefix.length + 1));
  }

  protected publicId(rowId: number | bigint): string {
    return `${this.prefix}-${Number(rowId)}`;
  }
}

type SqlValue = string | number | null;

/** For each field a patch may carry: its column, and how its value is written (as is by default). */
export type PatchColumns<P> = { [K in keyof P]-?: readonly [column: string, encode?: (value: Exclude<P[K], undefined>) => SqlValue] };

/** UPDATE `table` SET only the columns whose fields `patch` names (no statement when none). */
export function updateRow<P extends object>(db: Database, table: string, rowId: number, patch: P, columns: PatchColumns<P>): void {
  const sets: string[] = [];
  const values: SqlValue[] = [];
  for (const field of Object.keys(columns) as Array<keyof P>) {
    const value = patch[field];
    if (value === undefined) continue;
    const [column, encode] = columns[field];
    sets.push(`${column} = ?`);
    values.push(encode ? encode(value as Exclude<P[keyof P], undefined>) : (value as SqlValue));
  }
  if (sets.length > 0) db.prepare(`UPDATE ${table} SET ${sets.join(', ')} WHERE id = ?`).run(...values, rowId);
}

/** Writes booleans as SQLite integers, and JSON-able values (null stays NULL) as text. */
export const asFlag = (value: boolean): number => (value ? 1 : 0);
export const asJson = (value: unknown): string | null => (value === null ? null : JSON.stringify(value));

/**
 * One store per account source (the user's database, the demo workspace's memory), made on first
 * use, forgotten with its source.
 */
export class PerSource<T extends { owns(id: string): boolean }> {
  private readonly made = new WeakMap<AccountSource, T>();

  constructor(
    private readonly databases: SourceDatabases,
    private readonly make: (db: Database, prefix: string) => T,
  ) {}

  for(source: AccountSource): T {
    let store = this.made.get(source);
    if (!store) {
      const { db, prefix } = this.databases.for(source);
      store = this.make(db, prefix);
      this.made.set(source, store);
    }
    return store;
  }

  /** The store among these sources' that owns `id`, with its source. */
  owner(sources: readonly AccountSource[], id: string): { store: T; source: AccountSource } | null {
    for (const source of sources) {
      const store = this.for(source);
      if (store.owns(id)) return { store, source };
    }
    return null;
  }
}
