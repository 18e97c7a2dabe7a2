/** Relative and exact times. `now` is always passed in so the functions stay pure and testable. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

export function toMillis(value: string | number | Date | null | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const ms = value instanceof Date ? value.getTime() : typeof value === 'number' ? value : Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * Compact relative time for dense tables: "just now", "5 min ago", "3 h ago", "12 d ago",
 * "4 mo ago", "2 y ago"; future times read "in 3 d". Unknown → "—".
 */
export function relativeTime(value: string | number | Date | null | undefined, now: number): string {
  const ms = toMillis(value);
  if (ms === null) return '—';
  const diff = now - ms;
  const abs = Math.abs(diff);
  if (abs < 45_000) return 'just now';
  let text: string;
  if (abs < HOUR) text = `${Math.max(1, Math.round(abs / MINUTE))} min`;
  else if (abs < DAY) text = `${Math.floor(abs / HOUR)} h`;
  else if (abs < MONTH) text = `${Math.floor(abs / DAY)} d`;
  else if (abs < YEAR) text = `${Math.floor(abs / MONTH)} mo`;
  else text = `${Math.floor(abs / YEAR)} y`;
  return diff >= 0 ? `${text} ago` : `in ${text}`;
}

const exactFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** Exact time for tooltips: local time plus the unambiguous UTC ISO form. */
export function exactTime(value: string | number | Date | null | undefined): string {
  const ms = toMillis(value);
  if (ms === null) return '';
  const iso = new Date(ms).toISOString().replace('.000Z', 'Z');
  return `${exactFormat.format(ms)} (${iso})`;
}
