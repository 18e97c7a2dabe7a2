/**
 * The one CSV writer of the inventory (the app's export and the CLI both use it, so the same
 * rows and columns give the same bytes): RFC 4180 (CRLF, quotes doubled, fields with commas,
 * quotes, line breaks or edge spaces quoted), UTF-8 with an optional byte-order mark for Excel,
 * and cells a spreadsheet would run as a formula neutralised as OWASP's CSV Injection page advises
 * (see shared/csv-cells.ts, which also writes the records). Rows stream through in chunks with
 * backpressure, so memory does not grow with the row count.
 */
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AmiRow, InventoryNames } from '../../../shared/ami-rows';
import { csvField, csvRecords, neutralise } from '../../../shared/csv-cells';
import { cellText, type InventoryColumn } from '../../../shared/inventory';

/** Records per chunk written: large enough to amortise the stream, small enough to stay flat. */
const CHUNK_ROWS = 500;

export interface CsvOptions {
  columns: readonly InventoryColumn[];
  bom: boolean;
  /** Accounts and owners are written by name. */
  names: InventoryNames;
}

export function csvRecord(row: AmiRow, columns: readonly InventoryColumn[], names: InventoryNames, now: Date = new Date()): string[] {
  return columns.map((c) => neutralise(cellText(row, c, names, now)));
}

/**
 * Records as the file's bytes (UTF-8, each ended with CRLF), the same as csvRecords' text: each
 * field is written straight into one buffer. Joining 2.9 million cells into text and encoding
 * that took twice as long (0.5 against 0.15–0.3 s for 100,000 rows × 29 columns).
 */
function recordBytes(records: readonly (readonly string[])[]): Buffer {
  const fields: string[] = [];
  // UTF-8 takes at most 3 bytes per UTF-16 unit; a comma after each field, CRLF after each record.
  let bound = 0;
  for (const record of records) {
    bound += 2;
    for (const cell of record) {
      const field = csvField(cell);
      fields.push(field);
      bound += field.length * 3 + 1;
    }
  }
  const out = Buffer.allocUnsafe(bound);
  let at = 0;
  let k = 0;
  for (const record of records) {
    for (let i = 0; i < record.length; i++) {
      if (i > 0) out[at++] = 0x2c; // ,
      at += out.write(fields[k++]!, at);
    }
    out[at++] = 0x0d;
    out[at++] = 0x0a;
  }
  return out.subarray(0, at);
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
  async function* chunks(): AsyncGenerator<string | Buffer> {
    yield (options.bom ? '\ufeff' : '') + csvRecords([[...columns]]);
    let batch: string[][] = [];
    for await (const row of rows) {
      count += 1;
      batch.push(csvRecord(row, columns, options.names, now));
      if (batch.length === CHUNK_ROWS) {
        yield recordBytes(batch);
        batch = [];
      }
    }
    if (batch.length > 0) yield recordBytes(batch);
  }
  await pipeline(Readable.from(chunks(), { objectMode: false }), out, { end: endOutput });
  return count;
}
