/**
 * What a failed database call means to the user. SQLite says "database is locked" or
 * "database or disk is full"; people need to hear that another AMI Atlas (or the CLI) holds the
 * data folder, or that the disk is full, what could not be saved, and what to do.
 */
import { AppError } from '../../../shared/errors';

// SQLite's primary result codes (https://www.sqlite.org/rescode.html).
const BUSY = 5;
const LOCKED = 6;
const READONLY = 8;
const IOERR = 10;
const CORRUPT = 11;
const FULL = 13;
const CANTOPEN = 14;
const NOTADB = 26;

/** The SQLite result code of an error thrown by node:sqlite, or null for anything else. */
export function sqliteCode(error: unknown): number | null {
  if (typeof error !== 'object' || error === null) return null;
  const { code, errcode } = error as { code?: unknown; errcode?: unknown };
  if (code !== 'ERR_SQLITE_ERROR' || typeof errcode !== 'number') return null;
  // Extended codes carry the primary one in their low byte (SQLITE_IOERR_WRITE = 778 → 10).
  return errcode & 0xff;
}

/**
 * The error to show for a database failure while doing `what` ("saving acme-prod/eu-west-1",
 * "recording the copy"), or null when `error` is not one. AppErrors pass through unchanged.
 */
export function storageError(error: unknown, what: string): AppError | null {
  if (error instanceof AppError) return error;
  const code = sqliteCode(error);
  if (code === null) return null;
  if (code === BUSY || code === LOCKED) {
    return new AppError({
      code: 'DATABASE_BUSY',
      message: `Could not finish ${what}: another AMI Atlas, or ami-atlas with --app-accounts, is using the same data folder. Close it and try again.`,
      retryable: true,
    });
  }
  if (code === FULL) {
    return new AppError({
      code: 'DISK_FULL',
      message: `Could not finish ${what}: the disk that holds AMI Atlas's data is full. Free some space and try again; nothing saved before is lost.`,
      retryable: true,
    });
  }
  const why =
    code === READONLY || code === CANTOPEN
      ? 'the data folder cannot be written (check its permissions)'
      : code === CORRUPT || code === NOTADB
        ? 'the database is damaged (restart AMI Atlas to recover it from a backup)'
        : code === IOERR
          ? 'the disk reported an error'
          : `SQLite said "${(error as { errstr?: string }).errstr ?? 'error'}"`;
  return new AppError({ code: 'STORAGE_FAILED', message: `Could not finish ${what}: ${why}.`, retryable: code === IOERR });
}

/** storageError, or the error itself as an AppError-less rethrow: for catch blocks that must not lose it. */
export function asStorageError(error: unknown, what: string): unknown {
  return storageError(error, what) ?? error;
}
