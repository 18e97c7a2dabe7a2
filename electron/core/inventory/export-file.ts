/**
 * Streams an export into a temporary file next to the target and renames it into place at the
 * end, so a failed or interrupted export never leaves half a file under the chosen name — nor
 * the temporary file: it is removed when the export fails, when the process exits during it, and
 * (after a crash) at the next start, by `removeStalePartials` in the folders exports went to.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, unlinkSync, type WriteStream } from 'node:fs';
import { lstat, opendir, rename, rm, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { AmiRow } from '../../../shared/ami-rows';
import { writeInventoryCsv, type CsvOptions } from './csv';

/** The temporary file of an export of NAME: `.NAME.<12 hex digits>.partial`, beside it. */
export const PARTIAL_FILE = /^\..+\.[0-9a-f]{12}\.partial$/s;

export function partialFileFor(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.partial`);
}

export function exportCsvFile(file: string, rows: Iterable<AmiRow> | AsyncIterable<AmiRow>, options: CsvOptions): Promise<number> {
  return writeAtomically(file, (out) => writeInventoryCsv(rows, options, out));
}

/** Temporary files being written now: removed if the process exits before they are renamed. */
const inFlight = new Set<string>();
let exitHook = false;

/** Removes the temporary files of exports still running (the process is exiting). */
export function removePartialsNow(): void {
  for (const temp of inFlight) {
    try {
      unlinkSync(temp);
    } catch {
      // Not created yet, or gone: nothing to remove. Anything left is swept at the next start.
    }
  }
  inFlight.clear();
}

function closed(stream: WriteStream): Promise<void> {
  return stream.closed ? Promise.resolve() : new Promise((resolve) => stream.once('close', () => resolve()));
}

/** Runs `write` into a temporary sibling of `file` (which it must end) and renames it into place. */
export async function writeAtomically<T>(file: string, write: (out: Writable) => Promise<T>): Promise<T> {
  if (!exitHook) {
    // Ctrl+C in the CLI or quitting the app mid-export: the 'exit' event still runs.
    process.on('exit', removePartialsNow);
    exitHook = true;
  }
  const temp = partialFileFor(file);
  inFlight.add(temp);
  const out = createWriteStream(temp, { flags: 'wx' });
  // A folder that cannot be written fails the stream before `write` may be listening: keep the
  // error for the caller instead of an unhandled 'error' event.
  let failure: unknown = null;
  out.on('error', (error) => {
    failure ??= error;
  });
  try {
    const result = await write(out);
    if (failure) throw failure;
    if (!out.writableEnded) out.end();
    // The file is closed before it is renamed (Windows renames no open file).
    await closed(out);
    if (failure) throw failure;
    await rename(temp, file);
    return result;
  } catch (error) {
    // Closed before it is removed: Windows does not remove an open file, and a stream still
    // opening would create it again after the removal.
    out.destroy();
    await closed(out);
    // What cannot be removed now is swept at the next start; the export's own error is the news.
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  } finally {
    inFlight.delete(temp);
  }
}

export interface SweepLimits {
  /** Directory entries looked at per folder. */
  entries: number;
  /** Files removed in all. */
  removals: number;
}

/**
 * Removes temporary export files a crash left behind in these folders: only regular files named
 * like ours (`PARTIAL_FILE`), only those last written before `startedAt` (this process's start,
 * so an export running now in another process is left alone), never following links, and within
 * `limits`. Never throws; resolves with the files removed.
 */
export async function removeStalePartials(folders: readonly string[], startedAt: number, limits: SweepLimits = { entries: 10_000, removals: 200 }): Promise<string[]> {
  const removed: string[] = [];
  for (const folder of folders) {
    if (!path.isAbsolute(folder) || removed.length >= limits.removals) continue;
    let seen = 0;
    try {
      const dir = await opendir(folder);
      // Leaving the loop (break or throw) closes the directory.
      for await (const entry of dir) {
        if (++seen > limits.entries || removed.length >= limits.removals) break;
        if (!PARTIAL_FILE.test(entry.name) || entry.isDirectory() || entry.isSymbolicLink()) continue;
        const file = path.join(folder, entry.name);
        try {
          const stat = await lstat(file);
          if (!stat.isFile() || stat.mtimeMs >= startedAt) continue;
          await unlink(file);
          removed.push(file);
        } catch {
          // Gone already, or not ours to remove.
        }
      }
    } catch {
      // The folder is gone or unreadable: nothing to sweep there.
    }
  }
  return removed;
}

/** A default file name for an export made now, e.g. ami-inventory-2026-11-28T01-30-00.csv. */
export function defaultExportName(now = new Date()): string {
  return `ami-inventory-${now.toISOString().slice(0, 19).replace(/:/g, '-')}.csv`;
}
