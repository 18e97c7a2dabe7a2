/**
 * Starting up when the app's database cannot be used. Instead of a window that never appears,
 * the page shows what happened and offers a way back: restore one of the automatic backups, or
 * start fresh. Either way the damaged file is kept (renamed, never deleted), and the keychain's
 * secrets are not touched.
 */

/** Why the database could not be used, as a value the page words for people. */
export type DatabaseProblemCode =
  /** The file is not an SQLite database at all (overwritten, truncated to garbage…). */
  | 'NOT_A_DATABASE'
  /** SQLite reads it but finds it damaged (its integrity check fails). */
  | 'DAMAGED'
  /** Updating it to this version's layout failed; the update was rolled back. */
  | 'MIGRATION_FAILED'
  /** Written by a newer version of AMI Atlas than this one. */
  | 'NEWER_VERSION'
  /** It could not be opened at all (permissions, a folder in its place, a full disk…). */
  | 'CANNOT_OPEN';

export interface DatabaseProblem {
  code: DatabaseProblemCode;
  /** The file's name, e.g. "atlas.sqlite". */
  file: string;
  /** The data folder it is in. */
  folder: string;
  /** What SQLite or the file system said, for support. */
  detail: string;
  /** NEWER_VERSION and MIGRATION_FAILED: the file's layout version and the newest this version knows. */
  schema: { found: number; known: number } | null;
}

/** An automatic backup in the data folder's backups folder (made with SQLite's backup API). */
export interface BackupInfo {
  /** Its file name (also how the page asks for it: never a path). */
  name: string;
  /** ISO time it was made. */
  createdAt: string;
  bytes: number;
  /** Made once a day, or just before the database was updated to a new layout. */
  reason: 'daily' | 'before-update';
}

/** A recovery action that could not be done; nothing was changed by it. */
export type RecoveryFailureCode =
  /** The chosen backup is not among the backups (any more). */
  | 'BACKUP_NOT_FOUND'
  /** The chosen backup cannot be used either (damaged, or from a newer version). */
  | 'BACKUP_UNUSABLE'
  /** The damaged file could not be renamed or the new one written (permissions, disk). */
  | 'FILE_ERROR';

export interface RecoveryFailure {
  code: RecoveryFailureCode;
  message: string;
}

/** What was done to get the app going again, said once the app is open. */
export interface RecoveryDone {
  action: 'restored' | 'fresh';
  /** The backup restored. */
  backup: BackupInfo | null;
  /** The name the unusable file was kept under, in `folder`. */
  keptAs: string | null;
  folder: string;
}

export type StartupStatus =
  | { state: 'ready'; recovered: RecoveryDone | null }
  | {
      state: 'recovery';
      problem: DatabaseProblem;
      /** Newest first. */
      backups: BackupInfo[];
      /** Where the backups are. */
      backupFolder: string;
      /** The last action tried, when it could not be done. */
      failure: RecoveryFailure | null;
    };
