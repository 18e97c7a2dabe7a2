/**
 * The app's SQLite database (node:sqlite, built into Node 22 and Electron: no native rebuild).
 * Migrations are numbered, run in order at open, each inside a transaction, so a crash mid-way
 * leaves the previous schema intact.
 */
import { DatabaseSync } from 'node:sqlite';
import { migrations } from './migrations';

export type Database = DatabaseSync;

/** How long a write waits for another process's lock before it fails with "database is locked". */
export const BUSY_TIMEOUT_MS = 2_000;

export function openDatabase(file: string, options: { busyTimeoutMs?: number } = {}): Database {
  const db = new DatabaseSync(file);
  try {
    // Another AMI Atlas or the CLI may hold a write lock for a moment: wait for it rather than fail.
    db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? BUSY_TIMEOUT_MS))}`);
    db.exec('PRAGMA foreign_keys = ON');
    if (file !== ':memory:') db.exec('PRAGMA journal_mode = WAL');
    migrate(db);
  } catch (error) {
    // Not left open behind the caller's back: the file may be renamed aside next (recovery).
    db.close();
    throw error;
  }
  return db;
}

function migrate(db: Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null } | undefined;
  const current = row?.v ?? 0;
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    transaction(db, () => {
      db.exec(migration.sql);
      migration.run?.(db);
      db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(migration.version);
    });
  }
}

export function transaction<T>(db: Database, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}

/**
 * Runs several reads as one: they see the same state of the database, whatever another
 * connection (the CLI beside the app) commits meanwhile. Inside a transaction, that one.
 */
export function readTogether<T>(db: Database, work: () => T): T {
  if (db.isTransaction) return work();
  db.exec('BEGIN');
  try {
    return work();
  } finally {
    db.exec('COMMIT');
  }
}

const keptStatements = new WeakMap<Database, Map<string, ReturnType<Database['prepare']>>>();

/**
 * A statement prepared once per connection, for statements run often (a scan runs some for every
 * call, target or batch; preparing them each time was a tenth of a wide scan's listing). Only for
 * statements run to completion at once (run, get, all), never iterated: a kept statement is reset
 * by its next use.
 */
export function keptStatement(db: Database, sql: string): ReturnType<Database['prepare']> {
  let statements = keptStatements.get(db);
  if (!statements) keptStatements.set(db, (statements = new Map()));
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.prepare(sql)));
  return statement;
}

/**
 * A transaction whose commit does not wait for the disk, for what AWS can give again (the rows a
 * scan writes): waiting cost about 3 ms a commit, and a large scan makes thousands. In WAL mode
 * the database cannot be corrupted this way (synchronous = NORMAL); a power cut, not a crash of
 * the app, may lose the last such commits, and the next commit that waits makes them durable
 * too. Everything else keeps the connection's setting.
 */
export function transactionWithoutWaitingForDisk<T>(db: Database, work: () => T): T {
  const { synchronous } = keptStatement(db, 'PRAGMA synchronous').get() as { synchronous: number };
  if (synchronous <= 1) return transaction(db, work);
  db.exec('PRAGMA synchronous = NORMAL');
  try {
    return transaction(db, work);
  } finally {
    db.exec(`PRAGMA synchronous = ${synchronous}`);
  }
}
