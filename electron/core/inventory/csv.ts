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
import type { InventoryColumn, InventoryRow } from '../../../shared/inventory';

export interface CsvOptions {
  columns: readonly InventoryColumn[];
  bom: boolean;
}

/** = + - @ start formulas; tab and CR do in some spreadsheets too. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export function cellText(row: InventoryRow, column: InventoryColumn): string {
  switch (column) {
    case 'tags':
      return row.tags.map((t) => `${t.key}=${t.value}`).join('; ');
    case 'sharedWith':
    case 'snapshotIds':
      return row[column].join('; ');
    case 'encrypted':
      return row.encrypted ? 'true' : 'false';
    default: {
      const value = row[column];
      return value === null || value === undefined ? '' : String(value);
    }
  }
}

export function csvRecord(row: InventoryRow, columns: readonly InventoryColumn[]): string[] {
  return columns.map((c) => neutralise(cellText(row, c)));
}

/**
 * Writes a header and one record per row to `out`; resolves with the number of rows written.
 * `out` is ended unless `endOutput` is false (standard output stays open).
 */
export async function writeInventoryCsv(
  rows: Iterable<InventoryRow> | AsyncIterable<InventoryRow>,
  options: CsvOptions,
  out: Writable,
  endOutput = true,
): Promise<number> {
  let count = 0;
  const columns = options.columns;
  async function* records(): AsyncGenerator<string[]> {
    yield [...columns];
    for await (const row of rows) {
      count += 1;
      yield csvRecord(row, columns);
    }
  }
  const stringifier = stringify({ bom: options.bom, record_delimiter: 'windows', quoted_match: /[\r\n]/ });
  await pipeline(Readable.from(records()), stringifier, out, { end: endOutput });
  return count;
}
