/**
 * The deprecate sheet's presets: in 30, 90 or 180 days, or at the end of the quarter. Each gives
 * an instant (to the minute, as AWS keeps deprecation times) that fills the date field, where it
 * stays editable. Pure: the clock is passed in.
 *
 * "In N days" is N × 24 hours from now, to the minute. "End of quarter" is 23:59 UTC on the last
 * day of the current calendar quarter (31 March, 30 June, 30 September, 31 December); when less
 * than END_OF_QUARTER_NOTICE_DAYS remain before it, the next quarter's end is chosen instead, so
 * the people launching the image get at least two weeks' notice.
 */

export type DeprecationPreset = 'in-30' | 'in-90' | 'in-180' | 'end-of-quarter';

const DAY = 86_400_000;
const MINUTE = 60_000;
export const END_OF_QUARTER_NOTICE_DAYS = 14;

export const DEPRECATION_PRESETS: ReadonlyArray<{ id: DeprecationPreset; label: string }> = [
  { id: 'in-30', label: 'In 30 days' },
  { id: 'in-90', label: 'In 90 days' },
  { id: 'in-180', label: 'In 180 days' },
  { id: 'end-of-quarter', label: 'End of quarter' },
];

/** 23:59 UTC on the last day of the quarter `ms` falls in, `ahead` quarters later. */
function quarterEnd(ms: number, ahead: number): number {
  const d = new Date(ms);
  const quarter = Math.floor(d.getUTCMonth() / 3) + ahead;
  // Day 0 of the month after the quarter is the quarter's last day; Date.UTC carries the year.
  return Date.UTC(d.getUTCFullYear(), quarter * 3 + 3, 0, 23, 59);
}

export function endOfQuarter(now: number): number {
  const end = quarterEnd(now, 0);
  return end - now < END_OF_QUARTER_NOTICE_DAYS * DAY ? quarterEnd(now, 1) : end;
}

/** The preset's instant, in epoch milliseconds. */
export function presetTime(preset: DeprecationPreset, now: number): number {
  const minute = Math.floor(now / MINUTE) * MINUTE;
  switch (preset) {
    case 'in-30':
      return minute + 30 * DAY;
    case 'in-90':
      return minute + 90 * DAY;
    case 'in-180':
      return minute + 180 * DAY;
    case 'end-of-quarter':
      return endOfQuarter(now);
  }
}

/** "2027-03-31 23:59 UTC". */
export function utcLabel(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "Thu, 1 Apr 2027, 01:59" in the given (or the system's) time zone. */
export function localLabel(ms: number, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  }).format(new Date(ms));
}
