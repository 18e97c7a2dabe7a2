/**
 * The last resort: failures nobody is waiting for (a background loop's, an unhandled rejection)
 * are written to faults.log in the data folder and told to the user, and the app keeps running.
 * The log stays small: past 1 MiB it starts again, keeping the previous one as faults.log.1.
 */
import { appendFileSync, renameSync, statSync } from 'node:fs';
import { AppError } from '../../shared/errors';

const MAX_BYTES = 1024 * 1024;

export interface Fault {
  /** What was going on, as people say it: "the inventory scan", "a background task". */
  what: string;
  message: string;
  at: string;
  /** The log's file name (never a path: the page shows it), or null when there is no log. */
  logName: string | null;
}

export class FaultLog {
  constructor(private readonly file: string | null) {}

  /** Writes the fault down and returns what to tell the user. Never throws. */
  record(what: string, error: unknown, at = new Date()): Fault {
    const message = error instanceof Error ? error.message : String(error);
    const fault: Fault = { what, message, at: at.toISOString(), logName: this.file ? this.file.split(/[\\/]/).pop()! : null };
    if (!this.file) return fault;
    try {
      if (sizeOf(this.file) > MAX_BYTES) renameSync(this.file, `${this.file}.1`);
      const stack = error instanceof Error && !(error instanceof AppError) ? error.stack : undefined;
      appendFileSync(this.file, `${JSON.stringify({ at: fault.at, what, message, ...(stack ? { stack } : {}) })}\n`);
    } catch {
      // The disk that failed the app may fail the log too: the user is still told (the event).
      return { ...fault, logName: null };
    }
    return fault;
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * Routes what would crash the process (an unhandled rejection, an uncaught exception) to
 * `report`. Returns the function that removes the handlers.
 */
export function installLastResort(report: (what: string, error: unknown) => void): () => void {
  const onRejection = (reason: unknown) => report('a background task', reason);
  const onException = (error: Error) => report('the app', error);
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return () => {
    process.off('unhandledRejection', onRejection);
    process.off('uncaughtException', onException);
  };
}
