/**
 * A retention plan as CSV: one record per candidate, accounts and clients by name. The app's
 * `retention:export` and `ami-atlas cleanup plan --out` both write `planCsv`'s text, so the same
 * plan gives the same bytes. RFC 4180 as the inventory's CSV (CRLF, quotes doubled, fields with
 * commas, quotes, line breaks or edge spaces quoted), and cells a spreadsheet would run as a
 * formula neutralised by the same rules (shared/csv-cells.ts).
 */
import { csvRecords, neutralise } from './csv-cells';
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
      ].map(neutralise),
    );
  }
  return csvRecords(records);
}
