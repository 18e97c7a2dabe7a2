/**
 * Streams an export into a temporary file next to the target and renames it into place at the
 * end, so a failed or interrupted export never leaves half a file under the chosen name.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import type { AmiRow } from '../../../shared/ami-rows';
import { writeInventoryCsv, type CsvOptions } from './csv';

export function exportCsvFile(file: string, rows: Iterable<AmiRow> | AsyncIterable<AmiRow>, options: CsvOptions): Promise<number> {
  return writeAtomically(file, (out) => writeInventoryCsv(rows, options, out));
}

/** Runs `write` into a temporary sibling of `file` (which it must end) and renames it into place. */
export async function writeAtomically<T>(file: string, write: (out: Writable) => Promise<T>): Promise<T> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.partial`);
  try {
    const result = await write(createWriteStream(temp, { flags: 'wx' }));
    await rename(temp, file);
    return result;
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** A default file name for an export made now, e.g. ami-inventory-2026-11-28T01-30-00.csv. */
export function defaultExportName(now = new Date()): string {
  return `ami-inventory-${now.toISOString().slice(0, 19).replace(/:/g, '-')}.csv`;
}
