/**
 * Keeping the app's database recoverable: checking it before the app uses it, automatic backups
 * (SQLite's backup API, before every layout update and once a day, the newest few kept in the
 * data folder's `backups` folder), and the ways back when it cannot be used — restore a backup or
 * start fresh. The unusable file is always kept, renamed with the time; nothing here deletes a
 * database of the user's (only older automatic backups beyond the few kept). Secrets live in the
 * OS keychain and are never touched here.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';
import type { BackupInfo, DatabaseProblem, DatabaseProblemCode, RecoveryFailure } from '../../../shared/startup';
import { openDatabase } from './database';
import { migrations } from './migrations';

/** The newest layout (schema version) this build knows. */
export const KNOWN_SCHEMA = Math.max(...migrations.map((m) => m.version));
/** How many automatic backups are kept. */
export const KEEP_BACKUPS = 5;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface RecoveryOptions {
  now?: () => Date;
  keepBackups?: number;
}

export function backupFolderOf(file: string): string {
  return path.join(path.dirname(file), 'backups');
}

/** "atlas" for "…/atlas.sqlite". */
function stemOf(file: string): string {
  const base = path.basename(file);
  const ext = path.extname(base);
  return ext ? base.slice(0, -ext.length) : base;
}

/** 2025-01-03T10-04-05Z: a time that sorts, in a file name every OS accepts. */
function stampOf(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replaceAll(':', '-');
}

function problem(file: string, code: DatabaseProblemCode, detail: string, schema: DatabaseProblem['schema'] = null): DatabaseProblem {
  return { code, file: path.basename(file), folder: path.dirname(path.resolve(file)), detail, schema };
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** SQLite's primary result code of an error from node:sqlite (extended codes folded). */
function sqliteCode(error: unknown): number | null {
  const code = (error as { errcode?: unknown } | null)?.errcode;
  return typeof code === 'number' ? code & 0xff : null;
}

const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;
const SQLITE_CORRUPT = 11;
const SQLITE_NOTADB = 26;

/** Says nothing about the file itself: it is in use, or the disk or folder is the trouble. */
const isAboutTheFile = (error: unknown) => [SQLITE_CORRUPT, SQLITE_NOTADB].includes(sqliteCode(error) ?? -1);
const isInUse = (error: unknown) => [SQLITE_BUSY, SQLITE_LOCKED].includes(sqliteCode(error) ?? -1);

function classify(file: string, error: unknown): DatabaseProblem {
  const code = sqliteCode(error);
  if (code === SQLITE_NOTADB) return problem(file, 'NOT_A_DATABASE', messageOf(error));
  if (code === SQLITE_CORRUPT) return problem(file, 'DAMAGED', messageOf(error));
  if (isInUse(error)) return problem(file, 'CANNOT_OPEN', `${messageOf(error)} (another AMI Atlas or the ami-atlas command may be using it)`);
  return problem(file, 'CANNOT_OPEN', messageOf(error));
}

export type Inspection = { ok: true; exists: boolean; version: number } | { ok: false; problem: DatabaseProblem };

/**
 * Whether `file` can be used by this version: it is SQLite, its integrity check passes, and its
 * layout is not newer than this build knows. Read only, so nothing in the file or its -wal is
 * changed (a read-write connection to a damaged file may drop its -wal on close); only when
 * SQLite needs to write to read at all (a hot journal to roll back) is it opened for writing.
 */
export function inspectDatabase(file: string): Inspection {
  if (!existsSync(file)) return { ok: true, exists: false, version: 0 };
  try {
    if (!statSync(file).isFile()) return { ok: false, problem: problem(file, 'CANNOT_OPEN', 'It is not a file.') };
  } catch (error) {
    return { ok: false, problem: classify(file, error) };
  }
  const readOnly = inspectWith(file, true);
  if (readOnly.ok || !readOnly.needsWrite) return readOnly.result;
  return inspectWith(file, false).result;
}

const SQLITE_READONLY = 8;
const SQLITE_CANTOPEN = 14;

function inspectWith(file: string, readOnly: boolean): { ok: boolean; needsWrite: boolean; result: Inspection } {
  const failed = (error: unknown) => {
    const code = sqliteCode(error);
    return { ok: false, needsWrite: readOnly && (code === SQLITE_READONLY || code === SQLITE_CANTOPEN), result: { ok: false as const, problem: classify(file, error) } };
  };
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(file, { readOnly });
  } catch (error) {
    return failed(error);
  }
  try {
    const check = db.prepare('PRAGMA quick_check').all() as Array<{ quick_check: string }>;
    const findings = check.map((r) => r.quick_check).filter((r) => r !== 'ok');
    if (findings.length > 0) return { ok: false, needsWrite: false, result: { ok: false, problem: problem(file, 'DAMAGED', findings.slice(0, 3).join('; ')) } };
    const hasVersions = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get() !== undefined;
    const version = hasVersions ? ((db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null }).v ?? 0) : 0;
    if (version > KNOWN_SCHEMA) {
      const detail = `Its layout is version ${version}; this version of AMI Atlas knows up to ${KNOWN_SCHEMA}.`;
      return { ok: false, needsWrite: false, result: { ok: false, problem: problem(file, 'NEWER_VERSION', detail, { found: version, known: KNOWN_SCHEMA }) } };
    }
    return { ok: true, needsWrite: false, result: { ok: true, exists: true, version } };
  } catch (error) {
    return failed(error);
  } finally {
    db.close();
  }
}

// ---- backups ----

const BACKUP_NAME = /^(.+)-(\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ)(?:-(\d+))?(-before-update)?\.sqlite$/;

/** The automatic backups of `file`, newest first. */
export function listBackups(file: string): BackupInfo[] {
  const folder = backupFolderOf(file);
  const stem = stemOf(file);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [];
  }
  const found: Array<BackupInfo & { order: number }> = [];
  for (const name of names) {
    const m = BACKUP_NAME.exec(name);
    if (!m || m[1] !== stem) continue;
    const iso = m[2]!.replace(/T(\d\d)-(\d\d)-(\d\d)Z$/, 'T$1:$2:$3Z');
    const time = Date.parse(iso);
    if (Number.isNaN(time)) continue;
    let bytes: number;
    try {
      const st = statSync(path.join(folder, name));
      if (!st.isFile()) continue;
      bytes = st.size;
    } catch {
      continue;
    }
    found.push({ name, createdAt: new Date(time).toISOString(), bytes, reason: m[4] ? 'before-update' : 'daily', order: time * 1000 + Number(m[3] ?? 1) });
  }
  return found.sort((a, b) => b.order - a.order).map(({ order: _order, ...info }) => info);
}

/** A name in `folder` that is not taken yet: `name`, or name-2, name-3… before `suffix`. */
function freeName(folder: string, base: string, suffix: string): string {
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${base}${suffix}` : `${base}-${n}${suffix}`;
    if (!existsSync(path.join(folder, name)) && !existsSync(path.join(folder, `${name}-wal`))) return name;
  }
}

/**
 * Copies `file` into the backups folder with SQLite's backup API (a consistent copy even while
 * the app writes), as a self-contained file (rollback journal, no -wal beside it), under a name
 * that says when and why. Older backups beyond `keep` are removed.
 */
export async function makeBackup(file: string, reason: BackupInfo['reason'], options: RecoveryOptions = {}): Promise<BackupInfo> {
  const now = options.now?.() ?? new Date();
  const folder = backupFolderOf(file);
  mkdirSync(folder, { recursive: true });
  const name = freeName(folder, `${stemOf(file)}-${stampOf(now)}`, `${reason === 'before-update' ? '-before-update' : ''}.sqlite`);
  const target = path.join(folder, name);
  const partial = `${target}.partial`;
  rmSync(partial, { force: true });
  const source = new DatabaseSync(file);
  try {
    await backup(source, partial);
  } finally {
    source.close();
  }
  const copy = new DatabaseSync(partial);
  try {
    copy.exec('PRAGMA journal_mode = DELETE');
  } finally {
    copy.close();
  }
  renameSync(partial, target);
  prune(file, options.keepBackups ?? KEEP_BACKUPS);
  const made = listBackups(file).find((b) => b.name === name);
  if (!made) throw new Error(`The backup ${name} was not written.`);
  return made;
}

function prune(file: string, keep: number): void {
  const folder = backupFolderOf(file);
  for (const old of listBackups(file).slice(Math.max(1, keep))) rmSync(path.join(folder, old.name), { force: true });
}

/** No backup yet, or the newest is a day old. */
export function dailyBackupDue(file: string, now: Date): boolean {
  const newest = listBackups(file)[0];
  return !newest || now.getTime() - Date.parse(newest.createdAt) >= DAY_MS;
}

// ---- opening ----

export type Prepared = { ok: true; backup: BackupInfo | null } | { ok: false; problem: DatabaseProblem };

/**
 * Gets `file` ready for the app: checks it, backs it up before a layout update, and updates its
 * layout. A problem is returned, never thrown; a failed update is rolled back by its transaction,
 * so the file is as it was. (The daily backup is the caller's, once the app is running.)
 */
export async function prepareDatabase(file: string, options: RecoveryOptions = {}): Promise<Prepared> {
  const inspection = inspectDatabase(file);
  if (!inspection.ok) return inspection;
  let made: BackupInfo | null = null;
  const pending = inspection.version < KNOWN_SCHEMA;
  // A backup that cannot be written (a full disk) does not keep the app from starting.
  if (inspection.exists && inspection.version > 0 && pending) made = await makeBackup(file, 'before-update', options).catch(() => null);
  try {
    openDatabase(file).close();
  } catch (error) {
    if (inspection.exists && pending && !isAboutTheFile(error) && !isInUse(error)) {
      return {
        ok: false,
        problem: problem(file, 'MIGRATION_FAILED', messageOf(error), { found: inspection.version, known: KNOWN_SCHEMA }),
      };
    }
    return { ok: false, problem: classify(file, error) };
  }
  return { ok: true, backup: made };
}

/** The daily backup, if it is due (the app calls this when it has started, and now and then while it runs). */
export async function backupIfDue(file: string, options: RecoveryOptions = {}): Promise<BackupInfo | null> {
  if (!existsSync(file) || !dailyBackupDue(file, options.now?.() ?? new Date())) return null;
  return makeBackup(file, 'daily', options);
}

// ---- the ways back ----

const COMPANIONS = ['-wal', '-shm', '-journal'];

/**
 * Renames `file` (and its -wal/-shm/-journal) to "atlas.damaged-<time>.sqlite" beside it, so the
 * app can start without it and nothing in it is lost. Returns the new name, or null when there
 * was no file.
 */
export function setAside(file: string, label: 'damaged' | 'newer-version', now: Date): string | null {
  if (!existsSync(file)) return null;
  const folder = path.dirname(file);
  const ext = path.extname(file);
  const name = freeName(folder, `${stemOf(file)}.${label}-${stampOf(now)}`, ext);
  renameSync(file, path.join(folder, name));
  for (const suffix of COMPANIONS) {
    if (existsSync(file + suffix)) renameSync(file + suffix, path.join(folder, name + suffix));
  }
  return name;
}

function labelFor(code: DatabaseProblemCode): 'damaged' | 'newer-version' {
  return code === 'NEWER_VERSION' ? 'newer-version' : 'damaged';
}

export type RecoveryStep = { ok: true; keptAs: string | null; backup: BackupInfo | null } | { ok: false; failure: RecoveryFailure };

const fileError = (error: unknown): RecoveryStep => ({
  ok: false,
  failure: { code: 'FILE_ERROR', message: `The data folder could not be changed: ${messageOf(error)}` },
});

/**
 * Puts the backup called `name` in place of `file`, after checking that it can be used, and keeps
 * the unusable file aside. When the backup cannot be used, nothing is changed.
 */
export function restoreBackup(file: string, name: string, problemCode: DatabaseProblemCode, now: Date): RecoveryStep {
  const chosen = listBackups(file).find((b) => b.name === name);
  if (!chosen) return { ok: false, failure: { code: 'BACKUP_NOT_FOUND', message: `There is no backup called ${name} in ${backupFolderOf(file)} any more.` } };
  const source = path.join(backupFolderOf(file), chosen.name);
  const check = inspectDatabase(source);
  if (!check.ok) {
    return {
      ok: false,
      failure: { code: 'BACKUP_UNUSABLE', message: `The backup ${chosen.name} cannot be used either (${check.problem.detail}). Nothing was changed.` },
    };
  }
  try {
    const keptAs = setAside(file, labelFor(problemCode), now);
    const incoming = `${file}.restoring`;
    copyFileSync(source, incoming);
    renameSync(incoming, file);
    return { ok: true, keptAs, backup: chosen };
  } catch (error) {
    return fileError(error);
  }
}

/** Keeps the unusable file aside; the app then starts with an empty database. */
export function startFresh(file: string, problemCode: DatabaseProblemCode, now: Date): RecoveryStep {
  try {
    return { ok: true, keptAs: setAside(file, labelFor(problemCode), now), backup: null };
  } catch (error) {
    return fileError(error);
  }
}
