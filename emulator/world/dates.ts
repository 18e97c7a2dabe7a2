/** Small date helpers for naming images the way their publishers do (all UTC). */

export const DAY_MS = 86_400_000;

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

export function addMinutes(date: Date, minutes: number): Date {
  return new Date(date.getTime() + minutes * 60_000);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** 20261102 */
export function ymd(date: Date): string {
  return `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}`;
}

/** 2026.11.02 */
export function dotted(date: Date): string {
  return `${date.getUTCFullYear()}.${pad(date.getUTCMonth() + 1)}.${pad(date.getUTCDate())}`;
}

/** 2026-11-02 */
export function dashed(date: Date): string {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

/** 2026-11-02T0930 */
export function dashedWithTime(date: Date): string {
  return `${dashed(date)}T${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}`;
}

/** 2026.11 */
export function yearMonth(date: Date): string {
  return `${date.getUTCFullYear()}.${pad(date.getUTCMonth() + 1)}`;
}

/** 0930 */
export function hhmm(date: Date): string {
  return `${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}`;
}

/** Midnight UTC of the given day. */
export function startOfDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/** The second Wednesday of a month (the day after Patch Tuesday, when Windows AMIs ship). */
export function patchWednesday(year: number, month: number): Date {
  const first = new Date(Date.UTC(year, month, 1));
  const offset = (3 - first.getUTCDay() + 7) % 7;
  return new Date(Date.UTC(year, month, 1 + offset + 7));
}
