/**
 * Image Builder's schedule expressions: `cron(minutes hours day-of-month month day-of-week year)`
 * as EventBridge reads them (day-of-week 1–7 = SUN–SAT, `?` for "any", lists, ranges, `/`
 * steps), evaluated in UTC. Used to validate a schedule and to answer a pipeline's dateNextRun;
 * the emulator does not start scheduled runs on its own.
 */

type FieldSet = Set<number> | null;

interface CronFields {
  minutes: FieldSet;
  hours: FieldSet;
  daysOfMonth: FieldSet;
  months: FieldSet;
  daysOfWeek: FieldSet;
  years: FieldSet;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

function parseValue(text: string, names: readonly string[], base: number): number {
  const named = names.indexOf(text.toUpperCase());
  if (named >= 0) return named + base;
  if (!/^[0-9]+$/.test(text)) throw new Error(`bad value ${text}`);
  return Number(text);
}

function parseField(text: string, min: number, max: number, names: readonly string[] = []): FieldSet {
  if (text === '*' || text === '?') return null;
  const out = new Set<number>();
  for (const item of text.split(',')) {
    const [range = '', stepText] = item.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`bad step ${item}`);
    let from: number;
    let to: number;
    if (range === '*') {
      from = min;
      to = max;
    } else if (range.includes('-')) {
      const [a = '', b = ''] = range.split('-');
      from = parseValue(a, names, min);
      to = parseValue(b, names, min);
    } else {
      from = parseValue(range, names, min);
      to = stepText === undefined ? from : max;
    }
    if (from < min || to > max || from > to) throw new Error(`out of range ${item}`);
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

export function parseCron(expression: string): CronFields | null {
  const match = /^cron\((.*)\)$/.exec(expression.trim());
  if (!match?.[1]) return null;
  const fields = match[1].trim().split(/\s+/);
  if (fields.length !== 6) return null;
  const [mi = '', h = '', dom = '', mo = '', dow = '', y = ''] = fields;
  // EventBridge wants exactly one of day-of-month and day-of-week to be `?`.
  if ((dom === '?') === (dow === '?')) return null;
  try {
    return {
      minutes: parseField(mi, 0, 59),
      hours: parseField(h, 0, 23),
      daysOfMonth: parseField(dom, 1, 31),
      months: parseField(mo, 1, 12, MONTHS),
      daysOfWeek: parseField(dow, 1, 7, DAYS),
      years: parseField(y, 1970, 2199),
    };
  } catch {
    return null;
  }
}

const has = (set: FieldSet, value: number): boolean => set === null || set.has(value);

function sorted(set: FieldSet, min: number, max: number): number[] {
  if (set !== null) return [...set].sort((a, b) => a - b);
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

/** The first time strictly after `after` the expression matches, within about two years; null otherwise. */
export function nextCronRun(expression: string, after: Date): Date | null {
  const cron = parseCron(expression);
  if (!cron) return null;
  const hours = sorted(cron.hours, 0, 23);
  const minutes = sorted(cron.minutes, 0, 59);
  const start = after.getTime();
  const day = new Date(Date.UTC(after.getUTCFullYear(), after.getUTCMonth(), after.getUTCDate()));
  for (let i = 0; i < 800; i++) {
    const d = new Date(day.getTime() + i * 86_400_000);
    if (!has(cron.years, d.getUTCFullYear()) || !has(cron.months, d.getUTCMonth() + 1)) continue;
    if (!has(cron.daysOfMonth, d.getUTCDate()) || !has(cron.daysOfWeek, d.getUTCDay() + 1)) continue;
    for (const h of hours) {
      for (const m of minutes) {
        const t = d.getTime() + h * 3_600_000 + m * 60_000;
        if (t > start) return new Date(t);
      }
    }
  }
  return null;
}
