/**
 * Image Builder schedules: `cron(minutes hours day-of-month month day-of-week year)` as
 * EventBridge reads them, and the next times such an expression runs in a time zone.
 *
 * - minutes 0–59, hours 0–23, month 1–12 or JAN–DEC, year 1970–2199: `*`, lists, ranges, `/` steps;
 * - day-of-month 1–31 with `L` (last day), `L-3` (three days before it), `15W` (the weekday
 *   nearest the 15th, within the month) and `LW` (the last weekday);
 * - day-of-week 1–7 = SUN–SAT with `L` alone (Saturday), `5L` (the month's last Thursday) and
 *   `2#1` (its first Monday);
 * - exactly one of day-of-month and day-of-week is `?`.
 *
 * cron-parser and croner read five- or six-field Unix forms (the sixth field being seconds) with
 * Sunday as 0, and neither has a year field, so this reads AWS's form itself. Times are
 * computed on the zone's wall clock: a wall time that a daylight-saving change skips does not
 * run; one that happens twice runs at its first occurrence.
 */

export const UTC_ZONE = 'Etc/UTC';
const FIRST_YEAR = 1970;
const LAST_YEAR = 2199;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const DAY_WORDS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A calendar day: month 1–12, weekday 1–7 = Sunday–Saturday as the expression counts them. */
interface Day {
  year: number;
  month: number;
  day: number;
  weekday: number;
  daysInMonth: number;
}

type DayTest = (d: Day) => boolean;

export interface CronExpression {
  minutes: number[];
  hours: number[];
  months: Set<number>;
  years: Set<number>;
  /** True when the day matches day-of-month or day-of-week (whichever is not `?`). */
  matchesDay: DayTest;
}

export type CronParse = { ok: true; cron: CronExpression } | { ok: false; problem: string };
export type NextRuns = { ok: true; runs: Date[] } | { ok: false; problem: string };

class CronProblem extends Error {}

interface FieldSpec {
  label: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const MINUTES: FieldSpec = { label: 'Minutes', min: 0, max: 59 };
const HOURS: FieldSpec = { label: 'Hours', min: 0, max: 23 };
const DAY_OF_MONTH: FieldSpec = { label: 'Day-of-month', min: 1, max: 31 };
const MONTH: FieldSpec = { label: 'Month', min: 1, max: 12, names: MONTHS };
const DAY_OF_WEEK: FieldSpec = { label: 'Day-of-week', min: 1, max: 7, names: DAYS };
const YEAR: FieldSpec = { label: 'Year', min: FIRST_YEAR, max: LAST_YEAR };

function rangeWords(spec: FieldSpec): string {
  const names = spec.names ? ` or ${spec.names[0]}–${spec.names[spec.names.length - 1]}` : '';
  return `${spec.min}–${spec.max}${names}`;
}

function value(text: string, spec: FieldSpec): number {
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  if (named >= 0) return named + spec.min;
  if (!/^\d+$/.test(text)) throw new CronProblem(`${spec.label}: “${text}” is not a number${spec.names ? ' or a name' : ''} (${rangeWords(spec)}).`);
  const n = Number(text);
  if (n < spec.min || n > spec.max) throw new CronProblem(`${spec.label} must be ${rangeWords(spec)}; “${text}” is not.`);
  return n;
}

/** `*`, `5`, `1-5`, `0/15` (every 15th from 0), `MON-FRI`, and lists of them. */
function numbers(text: string, spec: FieldSpec): Set<number> {
  const out = new Set<number>();
  for (const item of text.split(',')) {
    if (item === '') throw new CronProblem(`${spec.label}: a list has an empty item.`);
    const [range = '', stepText, extra] = item.split('/');
    if (extra !== undefined) throw new CronProblem(`${spec.label}: “${item}” has more than one /.`);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) < 1) throw new CronProblem(`${spec.label}: the step in “${item}” must be a whole number of at least 1.`);
      step = Number(stepText);
    }
    let from: number;
    let to: number;
    if (range === '*') {
      from = spec.min;
      to = spec.max;
    } else if (range.includes('-')) {
      const [a = '', b = '', more] = range.split('-');
      if (more !== undefined) throw new CronProblem(`${spec.label}: “${item}” is not a range.`);
      from = value(a, spec);
      to = value(b, spec);
      if (from > to) throw new CronProblem(`${spec.label}: the range “${range}” runs backwards.`);
    } else {
      from = value(range, spec);
      to = stepText === undefined ? from : spec.max;
    }
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

const lastDay = (d: Day) => d.daysInMonth;
const weekdayOf = (year: number, month: number, day: number) => new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;

/** The weekday (Mon–Fri) nearest `target` without leaving the month, as `W` means it. */
function nearestWeekday(d: Day, target: number): number {
  const t = Math.min(target, d.daysInMonth);
  const wd = weekdayOf(d.year, d.month, t);
  if (wd === 7) return t === 1 ? 3 : t - 1; // Saturday: Friday before, or Monday after the 1st
  if (wd === 1) return t === d.daysInMonth ? t - 2 : t + 1; // Sunday: Monday after, or Friday before the month's end
  return t;
}

function dayOfMonthTest(text: string): DayTest {
  const tests: DayTest[] = [];
  const plain: string[] = [];
  for (const item of text.split(',')) {
    const upper = item.toUpperCase();
    if (upper === 'L') tests.push((d) => d.day === lastDay(d));
    else if (upper === 'LW') tests.push((d) => d.day === nearestWeekday(d, d.daysInMonth));
    else if (/^L-\d+$/.test(upper)) {
      const back = Number(upper.slice(2));
      if (back > 30) throw new CronProblem(`Day-of-month: “${item}” reaches back more than 30 days.`);
      tests.push((d) => d.day === d.daysInMonth - back);
    } else if (/^\d+W$/.test(upper)) {
      const target = value(upper.slice(0, -1), DAY_OF_MONTH);
      tests.push((d) => d.day === nearestWeekday(d, target));
    } else if (/[LW#]/.test(upper)) {
      throw new CronProblem(`Day-of-month: “${item}” is not understood (L, L-3, 15W and LW are).`);
    } else plain.push(item);
  }
  if (plain.length > 0) {
    const set = numbers(plain.join(','), DAY_OF_MONTH);
    tests.push((d) => set.has(d.day));
  }
  return (d) => tests.some((t) => t(d));
}

function dayOfWeekTest(text: string): DayTest {
  const tests: DayTest[] = [];
  const plain: string[] = [];
  for (const item of text.split(',')) {
    const upper = item.toUpperCase();
    if (upper === 'L') tests.push((d) => d.weekday === 7);
    else if (/^[A-Z0-9]+L$/.test(upper)) {
      const wd = value(upper.slice(0, -1), DAY_OF_WEEK);
      tests.push((d) => d.weekday === wd && d.day + 7 > d.daysInMonth);
    } else if (upper.includes('#')) {
      const [w = '', n = '', more] = upper.split('#');
      if (more !== undefined || !/^[1-5]$/.test(n)) throw new CronProblem(`Day-of-week: in “${item}” the number after # must be 1–5 (the first to the fifth of the month).`);
      const wd = value(w, DAY_OF_WEEK);
      const nth = Number(n);
      tests.push((d) => d.weekday === wd && Math.ceil(d.day / 7) === nth);
    } else if (/[LW#]/.test(upper) && !DAYS.some((name) => upper.includes(name))) {
      throw new CronProblem(`Day-of-week: “${item}” is not understood (L, 5L and 2#1 are).`);
    } else plain.push(item);
  }
  if (plain.length > 0) {
    const set = numbers(plain.join(','), DAY_OF_WEEK);
    tests.push((d) => set.has(d.weekday));
  }
  return (d) => tests.some((t) => t(d));
}

const sorted = (set: Set<number>) => [...set].sort((a, b) => a - b);

/** Reads an expression; the problem, in words, when Image Builder would refuse it. */
export function parseCron(expression: string): CronParse {
  const match = /^\s*cron\((.*)\)\s*$/i.exec(expression);
  if (!match) return { ok: false, problem: 'Write it as cron(minutes hours day-of-month month day-of-week year), e.g. cron(0 6 ? * MON *).' };
  const fields = (match[1] ?? '').trim().split(/\s+/).filter(Boolean);
  if (fields.length !== 6) {
    return { ok: false, problem: `A cron expression has 6 fields (minutes hours day-of-month month day-of-week year); this one has ${fields.length}.` };
  }
  const [mi = '', h = '', dom = '', mo = '', dow = '', y = ''] = fields;
  if (dom === '?' && dow === '?') return { ok: false, problem: 'Only one of day-of-month and day-of-week can be ?; give the other one a value (or *).' };
  if (dom !== '?' && dow !== '?') return { ok: false, problem: 'One of day-of-month and day-of-week must be ?, e.g. cron(0 6 * * ? *) or cron(0 6 ? * MON *).' };
  for (const [text, spec] of [
    [mi, MINUTES],
    [h, HOURS],
    [mo, MONTH],
    [y, YEAR],
  ] as const) {
    if (text === '?') return { ok: false, problem: `${spec.label} cannot be ?; only day-of-month and day-of-week can.` };
  }
  try {
    return {
      ok: true,
      cron: {
        minutes: sorted(numbers(mi, MINUTES)),
        hours: sorted(numbers(h, HOURS)),
        months: numbers(mo, MONTH),
        years: numbers(y, YEAR),
        matchesDay: dom === '?' ? dayOfWeekTest(dow) : dayOfMonthTest(dom),
      },
    };
  } catch (error) {
    if (error instanceof CronProblem) return { ok: false, problem: error.message };
    throw error;
  }
}

/** Why a time zone name would be refused, or null. */
export function timeZoneProblem(zone: string): string | null {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return null;
  } catch {
    return `“${zone}” is not a time zone (such as Europe/Dublin or Etc/UTC).`;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock reading of an instant in a zone, as milliseconds of a UTC date with the same fields. */
function wallClock(ms: number, zone: string): number {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, f);
  }
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
}

/** The first instant whose wall clock in `zone` reads `wall`; null when that wall time is skipped. */
function instantOf(wall: number, zone: string): number | null {
  // The zone's offset a day either side: the same, or the two sides of a change between them.
  let best: number | null = null;
  for (const probe of [wall - 86_400_000, wall + 86_400_000]) {
    const t = wall - (wallClock(probe, zone) - probe);
    if (wallClock(t, zone) === wall && (best === null || t < best)) best = t;
  }
  return best;
}

/**
 * The next `count` runs strictly after `after`, of an expression read in `zone` (IANA, UTC by
 * default). Fewer when the expression stops running (its years end) before then.
 */
export function nextRunTimes(expression: string, options: { after: Date; count?: number; timeZone?: string }): NextRuns {
  const zone = options.timeZone?.trim() || UTC_ZONE;
  const zoneProblem = timeZoneProblem(zone);
  if (zoneProblem) return { ok: false, problem: zoneProblem };
  const parsed = parseCron(expression);
  if (!parsed.ok) return parsed;
  const { cron } = parsed;
  const count = options.count ?? 5;
  const after = options.after.getTime();
  const start = new Date(wallClock(after, zone));
  const runs: Date[] = [];
  for (let year = start.getUTCFullYear(); year <= LAST_YEAR && runs.length < count; year++) {
    if (!cron.years.has(year)) continue;
    for (let month = 1; month <= 12 && runs.length < count; month++) {
      if (!cron.months.has(month)) continue;
      if (Date.UTC(year, month, 1) <= start.getTime() - 86_400_000 * 2) continue;
      const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
      for (let day = 1; day <= daysInMonth && runs.length < count; day++) {
        if (Date.UTC(year, month - 1, day + 2) < start.getTime()) continue;
        if (!cron.matchesDay({ year, month, day, weekday: weekdayOf(year, month, day), daysInMonth })) continue;
        for (const hour of cron.hours) {
          for (const minute of cron.minutes) {
            const t = instantOf(Date.UTC(year, month - 1, day, hour, minute), zone);
            if (t !== null && t > after) runs.push(new Date(t));
          }
        }
        runs.sort((a, b) => a.getTime() - b.getTime());
        runs.splice(count);
      }
    }
  }
  return { ok: true, runs };
}

/** "Monday" for 2 (the expression's numbering), for texts that explain a day-of-week. */
export function weekdayName(n: number): string {
  return DAY_WORDS[(n - 1) % 7] ?? String(n);
}
