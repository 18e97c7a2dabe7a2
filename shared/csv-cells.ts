/**
 * The rules every CSV the app writes follows for its cells: a cell a spreadsheet could run as a
 * formula is neutralised, as OWASP's CSV Injection page advises; records are written as RFC 4180
 * says (`csvRecords`). One copy for the inventory's CSV and the retention plan's.
 */
/**
 * What a spreadsheet may read as the start of a formula (OWASP's CSV Injection list, with the
 * null character of ASVS 1.2.10):
 *  - tab, carriage return, line feed or NUL as the first character;
 *  - = + - @, or their full-width (＝＋－＠) and small (﹦﹢﹣﹫) forms, which East Asian input and
 *    spreadsheets' own normalisation turn into the ASCII ones,
 *  - after any run of characters a reader does not see or a spreadsheet may skip: whitespace of
 *    every kind, control characters, zero-width and bidi marks, the byte-order mark (all of
 *    Unicode's Cc, Cf and Z categories) and the blank-looking Hangul fillers and braille blank.
 */
const LEADING_CONTROL = '[\\t\\r\\n\\0]';
const INVISIBLE = '[\\p{Cc}\\p{Cf}\\p{Z}\\u115f\\u1160\\u2800\\u3164\\uffa0]';
const TRIGGER = '[=+\\-@\\uff1d\\uff0b\\uff0d\\uff20\\ufe66\\ufe62\\ufe63\\ufe6b]';
const FORMULA_START = new RegExp(`^(?:${LEADING_CONTROL}|${INVISIBLE}*${TRIGGER})`, 'u');
/** A semicolon followed by a formula start: a new cell where Excel splits on ";" (many locales). */
const FORMULA_AFTER_SEMICOLON = new RegExp(`;(?:${LEADING_CONTROL}|${INVISIBLE}*${TRIGGER})`, 'u');

/** A cell a spreadsheet could run as a formula gets a leading single quote, which makes it text. */
export function neutralise(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/**
 * OWASP also warns of separators inside a cell: where the list separator is ";" (Excel in many
 * locales) "a;=1+2" would be two cells, the second a formula. Such a cell is quoted, which keeps
 * it one cell everywhere and changes nothing for an RFC 4180 reader; commas are quoted anyway.
 */
export function quoteAgainstSplitting(cell: string): boolean {
  return cell.includes(';') && FORMULA_AFTER_SEMICOLON.test(cell);
}

/** What RFC 4180 quotes (a comma, a quote, a line break), the byte-order mark, and a space at either edge. */
const NEEDS_QUOTES = /[,"\r\n\ufeff]|^ | $/;

/** One cell as written: quoted where it must be, its quotes doubled. */
export function csvField(cell: string): string {
  if (!NEEDS_QUOTES.test(cell) && !quoteAgainstSplitting(cell)) return cell;
  return `"${cell.includes('"') ? cell.replaceAll('"', '""') : cell}"`;
}

/**
 * Records as CSV text, each ended with CRLF. Written here rather than by a CSV library: Papa
 * Parse, which wrote them before, appends its text cell by cell, which V8 keeps as a chain of
 * thousands of pieces; making that one string to write it took as long as building it (0.45 s
 * of a 100,000-row export). Joined arrays are one string from the start.
 */
export function csvRecords(records: readonly (readonly string[])[]): string {
  const lines = new Array<string>(records.length + 1);
  for (let i = 0; i < records.length; i++) lines[i] = records[i]!.map(csvField).join(',');
  lines[records.length] = '';
  return lines.join('\r\n');
}
