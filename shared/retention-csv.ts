/**
 * A retention plan as CSV: one record per candidate, accounts and clients by name. The app's
 * `retention:export` and `ami-atlas cleanup plan --out` both write `planCsv`'s text, so the same
 * plan gives the same bytes. RFC 4180 as the inventory's CSV (CRLF, quotes doubled, fields with
 * commas, quotes, line breaks or edge spaces quoted), and cells a spreadsheet would run as a
 * formula neutralised by the inventory CSV's rules (OWASP's CSV Injection page).
 */
import Papa from 'papaparse';
import type { RetentionPlan } from './retention';

export const PLAN_CSV_COLUMNS = [
  'account name',
  'AWS account id',
  'client name',
  'region',
  'image id',
  'name',
  'family',
  'created',
  'last launched',
  'in use',
  'snapshot ids',
  'size GiB',
  'monthly cost USD',
  'reasons',
] as const;

// The inventory CSV's formula rules (electron/core/inventory/csv.ts), here so shared code can use them.
const LEADING_CONTROL = '[\\t\\r\\n\\0]';
const INVISIBLE = '[\\p{Cc}\\p{Cf}\\p{Z}\\u115f\\u1160\\u2800\\u3164\\uffa0]';
const TRIGGER = '[=+\\-@\\uff1d\\uff0b\\uff0d\\uff20\\ufe66\\ufe62\\ufe63\\ufe6b]';
const FORMULA_START = new RegExp(`^(?:${LEADING_CONTROL}|${INVISIBLE}*${TRIGGER})`, 'u');
const FORMULA_AFTER_SEMICOLON = new RegExp(`;(?:${LEADING_CONTROL}|${INVISIBLE}*${TRIGGER})`, 'u');

/** A cell a spreadsheet could run as a formula gets a leading single quote, which makes it text. */
export function neutraliseCell(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** "a;=1+2" would be two cells where Excel splits on ";": such a cell is quoted. */
function quoteAgainstSplitting(cell: string): boolean {
  return cell.includes(';') && FORMULA_AFTER_SEMICOLON.test(cell);
}

const IN_USE_WORDS = { yes: 'in use', no: 'unused', unknown: 'unknown', 'not-checked': 'not checked' } as const;

/** The plan as CSV text: a header, then one CRLF-ended record per candidate, in the plan's order. */
export function planCsv(plan: RetentionPlan): string {
  const records: string[][] = [[...PLAN_CSV_COLUMNS]];
  for (const c of plan.candidates) {
    records.push(
      [
        c.accountName,
        c.awsAccountId ?? '',
        c.clientName ?? '',
        c.region,
        c.imageId,
        c.name,
        c.family,
        c.creationDate ?? '',
        c.lastLaunchedTime ?? '',
        IN_USE_WORDS[c.inUse],
        c.snapshotIds.join('; '),
        c.snapshotSizeGiB === null ? '' : String(c.snapshotSizeGiB),
        c.monthlyCost === null ? '' : c.monthlyCost.toFixed(2),
        c.reasons.join('; '),
      ].map(neutraliseCell),
    );
  }
  return Papa.unparse(records, { newline: '\r\n', quotes: quoteAgainstSplitting, header: false, escapeFormulae: false }) + '\r\n';
}
