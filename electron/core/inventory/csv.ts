/**
 * The one CSV writer of the inventory (the app's export and the CLI both use it, so the same
 * rows and columns give the same bytes): RFC 4180 (CRLF, quotes doubled, fields with commas,
 * quotes or line breaks quoted), UTF-8 with an optional byte-order mark for Excel, and cells a
 * spreadsheet would run as a formula neutralised with a leading single quote (OWASP's advice).
 * Rows stream through with backpressure, so memory does not grow with the row count.
 */
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { AmiRow, InventoryNames } from '../../../shared/ami-rows';
import { cellText, type InventoryColumn } from '../../../shared/inventory';

export interface CsvOptions {
  columns: readonly InventoryColumn[];
  bom: boolean;
  /** Accounts and owners are written by name. */
  names: InventoryNames;
}

/** = + - @ start formulas; tab and CR do in some spreadsheets too. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export function csvRecord(row: AmiRow, columns: readonly InventoryColumn[], names: InventoryNames, now: Date = new Date()): string[] {
  return columns.map((c) => neutralise(cellText(row, c, names, now)));
}

/**
 * Writes a header and one record per row to `out`; resolves with the number of rows written.
 * `out` is ended unless `endOutput` is false (standard output stays open).
 */
export async function writeInventoryCsv(
  rows: Iterable<AmiRow> | AsyncIterable<AmiRow>,
  options: CsvOptions,
  out: Writable,
  endOutput = true,
): Promise<number> {
  let count = 0;
  const columns = options.columns;
  const now = new Date();
  async function* records(): AsyncGenerator<string[]> {
    yield [...columns];
    for await (const row of rows) {
      count += 1;
      yield csvRecord(row, columns, options.names, now);
    }
  }
  const stringifier = stringify({ bom: options.bom, record_delimiter: 'windows', quoted_match: /[\r\n]/ });
  await pipeline(Readable.from(records()), stringifier, out, { end: endOutput });
  return count;
}
