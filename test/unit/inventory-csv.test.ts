import { PassThrough, Writable } from 'node:stream';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { writeInventoryCsv } from '../../electron/core/inventory/csv';
import { neutralise, quoteAgainstSplitting } from '../../shared/csv-cells';
import { exportCsvFile } from '../../electron/core/inventory/export-file';
import { mergeListings, namesFrom, type AmiRow } from '../../shared/ami-rows';
import { INVENTORY_COLUMNS, cellText as sharedCellText, type InventoryColumn, type InventoryRow } from '../../shared/inventory';
import { row as listing } from './inventory-fixtures';

const names = namesFrom([{ id: 'acct-1', name: 'acme-prod', awsAccountId: '111122223333' }]);
const row = (overrides: Partial<InventoryRow> = {}): AmiRow => mergeListings([listing(overrides)]);
const cellText = (r: AmiRow, c: InventoryColumn) => sharedCellText(r, c, names);

async function csvOf(rows: AmiRow[], columns: readonly InventoryColumn[], bom = false): Promise<{ text: string; bytes: Buffer; count: number }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const count = await writeInventoryCsv(rows, { columns, bom, names }, out);
  const bytes = Buffer.concat(chunks);
  return { text: bytes.toString('utf8'), bytes, count };
}

describe('inventory CSV', () => {
  it('writes a header and CRLF records, quoting commas, quotes and line breaks (RFC 4180)', async () => {
    const r = row({ name: 'web, "blue"', description: 'line one\nline two\r\nthree' });
    const { text, count } = await csvOf([r], ['imageId', 'name', 'description']);
    expect(count).toBe(1);
    expect(text).toBe('imageId,name,description\r\nami-0123456789abcdef0,"web, ""blue""","line one\nline two\r\nthree"\r\n');
  });

  it('writes only the chosen columns, in the chosen order', async () => {
    const { text } = await csvOf([row({ region: 'eu-west-1' })], ['region', 'imageId']);
    expect(text).toBe('region,imageId\r\neu-west-1,ami-0123456789abcdef0\r\n');
  });

  it('neutralises cells a spreadsheet would run as formulas', async () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) expect(neutralise(`${lead}1+1`)).toBe(`'${lead}1+1`);
    expect(neutralise('a=b')).toBe('a=b');
    const { text } = await csvOf([row({ name: '=HYPERLINK("http://x")', tags: [{ key: '@owner', value: 'x' }] })], ['name', 'tags']);
    const [, record] = parse(text) as string[][];
    expect(record).toEqual([`'=HYPERLINK("http://x")`, `'@owner=x`]);
  });

  describe('formula cells, every class OWASP names (CSV Injection) and every way to hide one', () => {
    const neutralised = (cell: string) => expect(neutralise(cell), JSON.stringify(cell)).toBe(`'${cell}`);
    const kept = (cell: string) => expect(neutralise(cell), JSON.stringify(cell)).toBe(cell);

    it('a line feed or a NUL as the first character, like tab and carriage return', () => {
      for (const lead of ['\n', '\0', '\t', '\r']) {
        neutralised(`${lead}=1+1`);
        neutralised(`${lead}plain`);
      }
    });

    it('= + - @ after spaces of any kind', () => {
      for (const space of [' ', '   ', '\u00a0', '\u2002', '\u2003', '\u2009', '\u202f', '\u205f', '\u3000', '\u1680', '\u2028', '\u2029', '\u000b', '\u000c', '\u0085']) {
        for (const trigger of ['=', '+', '-', '@']) neutralised(`${space}${trigger}1+1`);
      }
    });

    it('= after zero-width characters', () => {
      for (const zw of ['\u200b', '\u200c', '\u200d', '\u2060', '\u180e', '\u00ad', '\u2061', '\u2063']) neutralised(`${zw}=HYPERLINK("http://x")`);
    });

    it('= after a byte-order mark', () => {
      neutralised('\ufeff=1+1');
      neutralised('\ufeff\ufeff@SUM(A1)');
    });

    it('= after bidi marks, embeddings, overrides and isolates', () => {
      for (const bidi of ['\u200e', '\u200f', '\u061c', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']) neutralised(`${bidi}=1+1`);
    });

    it('= after other control characters and blank-looking letters', () => {
      for (const blank of ['\u0001', '\u001f', '\u007f', '\u009f', '\u3164', '\uffa0', '\u115f', '\u2800']) neutralised(`${blank}=1+1`);
    });

    it('full-width and small forms of = + - @', () => {
      for (const trigger of ['\uff1d', '\uff0b', '\uff0d', '\uff20', '\ufe66', '\ufe62', '\ufe63', '\ufe6b']) {
        neutralised(`${trigger}1+1`);
        neutralised(`\u3000${trigger}1+1`);
      }
    });

    it('any mix of the above', () => {
      neutralised('\u200b \ufeff\u202e\u3000\uff1dcmd|\' /C calc\'!A0');
    });

    it('leaves every other cell as it was', () => {
      for (const cell of ['', 'a=b', 'web-1', ' padded ', ' x=1', '1+1', "'=already", 'ami-0123456789abcdef0', '東京=1', 'x\n=1', '\u00e9=1', '~=1', '(=1)', '%=1', '!=1']) kept(cell);
    });

    it('a cell that a semicolon would split into a formula cell is quoted, and reads back the same', async () => {
      for (const cell of ['a;=1+2', 'env=prod; =cmd|x=1', 'a;\u200b@SUM(1)', 'a;\uff0b1', 'a;\tb']) expect(quoteAgainstSplitting(cell), cell).toBe(true);
      for (const cell of ['env=prod; team=core', 'a;b', 'snap-1; snap-2', 'a=b;c']) expect(quoteAgainstSplitting(cell), cell).toBe(false);
      const r = row({ name: 'web;=1+2', tags: [{ key: 'env', value: 'prod' }, { key: '=HYPERLINK("http://x")', value: 'y' }] });
      const { text } = await csvOf([r], ['name', 'tags']);
      expect(text).toBe('name,tags\r\n"web;=1+2","env=prod; =HYPERLINK(""http://x"")=y"\r\n');
      const [, record] = parse(text) as string[][];
      expect(record).toEqual(['web;=1+2', 'env=prod; =HYPERLINK("http://x")=y']);
    });

    it('writes cells no class touches byte for byte as before', async () => {
      // The rule before these classes: a leading = + - @ tab or CR, quoting as RFC 4180 needs.
      const before = (cell: string) => {
        const v = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
        return /[",\r\n\ufeff]|^ | $/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
      };
      const alphabet = ['a', 'Z', '0', ' ', ',', '"', ';', '=', '+', '-', '@', '\n', 'é', '東', '\''];
      let seed = 7;
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      const cells: string[] = ['=x', '-1', '@a', '\t1', '\r1'];
      while (cells.length < 2000) {
        const cell = Array.from({ length: 1 + Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)]!).join('');
        if (/^[\s]+[=+\-@]|^\n|;\s*[=+\-@\n]/.test(cell)) continue; // a new class: tested above
        cells.push(cell);
      }
      const rows = cells.map((name, i) => row({ imageId: `ami-${i}`, name }));
      const { text } = await csvOf(rows, ['name']);
      expect(text).toBe(`name\r\n${cells.map((c) => `${before(c)}\r\n`).join('')}`);
    });
  });

  it('adds a UTF-8 byte-order mark only when asked, and keeps non-ASCII text intact', async () => {
    const plain = await csvOf([row({ name: 'imagen-ñandú-東京' })], ['name']);
    expect(plain.bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    const bom = await csvOf([row({ name: 'imagen-ñandú-東京' })], ['name'], true);
    expect(bom.bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    expect(bom.bytes.subarray(3).toString('utf8')).toBe(plain.text);
    expect(plain.text).toContain('imagen-ñandú-東京');
  });

  it('joins tags as k=v; k2=v2 and lists with "; ", and spells nulls and booleans plainly', () => {
    const r = row({
      tags: [
        { key: 'env', value: 'prod' },
        { key: 'team', value: 'core' },
      ],
      sharedWith: ['111111111111', 'arn:aws:organizations::1:organization/o-abc'],
      snapshotIds: ['snap-1', 'snap-2'],
      encrypted: true,
      deprecationTime: null,
      launchPermission: null,
    });
    expect(cellText(r, 'tags')).toBe('env=prod; team=core');
    expect(cellText(r, 'sharedWith')).toBe('111111111111; arn:aws:organizations::1:organization/o-abc');
    expect(cellText(r, 'snapshotIds')).toBe('snap-1; snap-2');
    expect(cellText(r, 'encrypted')).toBe('true');
    expect(cellText(r, 'deprecationTime')).toBe('');
    // Ours, not read yet: said, not left blank; for an AMI only shared with us nobody can know.
    expect(cellText(r, 'launchPermission')).toBe('pending');
    expect(cellText(r, 'visibility')).toBe('permissions pending');
    expect(cellText({ ...r, view: 'shared' }, 'launchPermission')).toBe('');
  });

  it('names accounts and owners as people read them, with the 12-digit id in its own column', () => {
    const r = row({ account: 'acct-1', ownerId: '111122223333', sharedWith: ['111122223333'], launchPermission: 'shared', snapshotSizeGiB: 30 });
    expect(cellText(r, 'account')).toBe('acme-prod');
    expect(cellText(r, 'awsAccountId')).toBe('111122223333');
    expect(cellText(r, 'owner')).toBe('acme-prod');
    expect(cellText(r, 'visibility')).toBe('shared ×1');
    expect(cellText(r, 'snapshotSizeGiB')).toBe('30');
    expect(cellText(r, 'account')).not.toContain('acct-1');
  });

  it('parses back to the same cells for every column', async () => {
    const rows = [row(), row({ imageId: 'ami-2', name: 'x,"y"\nz', tags: [{ key: 'a', value: 'b;c' }] })];
    const { text } = await csvOf(rows, INVENTORY_COLUMNS);
    const records = parse(text, { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(2);
    for (const [i, r] of rows.entries()) for (const c of INVENTORY_COLUMNS) expect(records[i]![c]).toBe(neutralise(cellText(r, c)));
  });

  it('writes every row of a long export once, in order, across its chunks, with edge spaces kept', async () => {
    const rows = Array.from({ length: 1234 }, (_, i) => row({ imageId: `ami-${i}`, name: i % 100 === 0 ? ` padded ${i} ` : `n${i}` }));
    const { text } = await csvOf(rows, ['imageId', 'name']);
    const records = parse(text, { columns: true }) as Record<string, string>[];
    expect(records.map((r) => r.imageId)).toEqual(rows.map((r) => r.imageId));
    expect(records[100]!.name).toBe(' padded 100 ');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).not.toContain('\r\n\r\n');
  });

  it('streams with backpressure: a slow sink still receives every row', async () => {
    let received = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _enc, done) {
        received += chunk.length;
        setImmediate(done);
      },
    });
    function* many() {
      for (let i = 0; i < 5000; i++) yield row({ imageId: `ami-${i}` });
    }
    const count = await writeInventoryCsv(many(), { columns: ['imageId', 'name'], bom: false, names }, slow);
    expect(count).toBe(5000);
    expect(received).toBeGreaterThan(5000 * 10);
  });
});

describe('export to a file', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('renames into place at the end and leaves nothing behind when it fails', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-csv-'));
    const file = path.join(dir, 'out.csv');
    expect(await exportCsvFile(file, [row()], { columns: ['imageId'], bom: false, names })).toBe(1);
    expect(await readFile(file, 'utf8')).toBe('imageId\r\nami-0123456789abcdef0\r\n');

    function* failing(): Generator<AmiRow> {
      yield row();
      throw new Error('disk went away');
    }
    await expect(exportCsvFile(path.join(dir, 'broken.csv'), failing(), { columns: ['imageId'], bom: false, names })).rejects.toThrow('disk went away');
    expect((await readdir(dir)).sort()).toEqual(['out.csv']);
  });
});
