import { describe, expect, it } from 'vitest';
import { nextRunTimes, parseCron } from '../../shared/schedule';

const iso = (dates: readonly Date[]) => dates.map((d) => d.toISOString());

function runs(expression: string, after: string, timeZone?: string, count = 5): string[] {
  const out = nextRunTimes(expression, { after: new Date(after), count, ...(timeZone ? { timeZone } : {}) });
  if (!out.ok) throw new Error(out.problem);
  return iso(out.runs);
}

function problem(expression: string, timeZone?: string): string {
  const out = nextRunTimes(expression, { after: new Date('2026-01-01T00:00:00Z'), ...(timeZone ? { timeZone } : {}) });
  if (out.ok) throw new Error(`${expression} was accepted`);
  return out.problem;
}

describe('next run times of an Image Builder cron expression', () => {
  it('runs every Monday at 06:00 UTC, with day-of-week 1–7 counted from Sunday', () => {
    // 2026-12-03 is a Thursday.
    expect(runs('cron(0 6 ? * MON *)', '2026-12-03T10:00:00Z')).toEqual([
      '2026-12-07T06:00:00.000Z',
      '2026-12-14T06:00:00.000Z',
      '2026-12-21T06:00:00.000Z',
      '2026-12-28T06:00:00.000Z',
      '2027-01-04T06:00:00.000Z',
    ]);
    expect(runs('cron(0 6 ? * 2 *)', '2026-12-03T10:00:00Z', undefined, 1)).toEqual(['2026-12-07T06:00:00.000Z']);
  });

  it('starts strictly after the given time', () => {
    expect(runs('cron(0 3 * * ? *)', '2026-12-03T03:00:00Z', undefined, 2)).toEqual(['2026-12-04T03:00:00.000Z', '2026-12-05T03:00:00.000Z']);
  });

  it('reads lists, ranges and steps', () => {
    expect(runs('cron(0/20 8-9 * * ? *)', '2026-12-03T08:30:00Z')).toEqual([
      '2026-12-03T08:40:00.000Z',
      '2026-12-03T09:00:00.000Z',
      '2026-12-03T09:20:00.000Z',
      '2026-12-03T09:40:00.000Z',
      '2026-12-04T08:00:00.000Z',
    ]);
    expect(runs('cron(15 12 ? * MON-FRI *)', '2026-12-04T13:00:00Z', undefined, 2)).toEqual(['2026-12-07T12:15:00.000Z', '2026-12-08T12:15:00.000Z']);
    expect(runs('cron(0 0 1,15 JAN,JUL ? *)', '2026-12-03T00:00:00Z', undefined, 4)).toEqual([
      '2027-01-01T00:00:00.000Z',
      '2027-01-15T00:00:00.000Z',
      '2027-07-01T00:00:00.000Z',
      '2027-07-15T00:00:00.000Z',
    ]);
  });

  it('reads L, L-n, W and LW in day-of-month', () => {
    expect(runs('cron(0 0 L * ? *)', '2027-01-15T00:00:00Z', undefined, 3)).toEqual(['2027-01-31T00:00:00.000Z', '2027-02-28T00:00:00.000Z', '2027-03-31T00:00:00.000Z']);
    expect(runs('cron(0 0 L-2 * ? *)', '2027-02-01T00:00:00Z', undefined, 1)).toEqual(['2027-02-26T00:00:00.000Z']);
    // 2027-05-15 is a Saturday: the nearest weekday is Friday the 14th.
    expect(runs('cron(0 0 15W * ? *)', '2027-05-01T00:00:00Z', undefined, 1)).toEqual(['2027-05-14T00:00:00.000Z']);
    // 2027-08-01 is a Sunday: 1W is Monday the 2nd (never the month before).
    expect(runs('cron(0 0 1W * ? *)', '2027-07-20T00:00:00Z', undefined, 1)).toEqual(['2027-08-02T00:00:00.000Z']);
    // 2027-10-31 is a Sunday: the last weekday is Friday the 29th.
    expect(runs('cron(0 0 LW * ? *)', '2027-10-01T00:00:00Z', undefined, 1)).toEqual(['2027-10-29T00:00:00.000Z']);
  });

  it('reads the last and the nth weekday of the month in day-of-week', () => {
    // Last Friday (6L) of January 2027 is the 29th; the first Monday (2#1) of February is the 1st.
    expect(runs('cron(0 9 ? * 6L *)', '2027-01-01T00:00:00Z', undefined, 2)).toEqual(['2027-01-29T09:00:00.000Z', '2027-02-26T09:00:00.000Z']);
    expect(runs('cron(0 9 ? * 2#1 *)', '2027-01-05T00:00:00Z', undefined, 2)).toEqual(['2027-02-01T09:00:00.000Z', '2027-03-01T09:00:00.000Z']);
    expect(runs('cron(0 9 ? * MON#3 *)', '2027-01-01T00:00:00Z', undefined, 1)).toEqual(['2027-01-18T09:00:00.000Z']);
  });

  it('stops when the years run out, and skips to a later year', () => {
    expect(runs('cron(0 0 1 1 ? 2027-2028)', '2026-06-01T00:00:00Z')).toEqual(['2027-01-01T00:00:00.000Z', '2028-01-01T00:00:00.000Z']);
    expect(runs('cron(0 0 29 2 ? *)', '2026-03-01T00:00:00Z', undefined, 2)).toEqual(['2028-02-29T00:00:00.000Z', '2032-02-29T00:00:00.000Z']);
    expect(runs('cron(0 0 30 2 ? *)', '2026-03-01T00:00:00Z')).toEqual([]);
  });

  it('reads the expression on a time zone’s wall clock, daylight saving included', () => {
    // 06:00 in Dublin is 06:00 UTC in winter and 05:00 UTC in summer.
    expect(runs('cron(0 6 * * ? *)', '2027-03-27T12:00:00Z', 'Europe/Dublin', 2)).toEqual(['2027-03-28T05:00:00.000Z', '2027-03-29T05:00:00.000Z']);
    expect(runs('cron(0 6 * * ? *)', '2027-01-10T12:00:00Z', 'Europe/Dublin', 1)).toEqual(['2027-01-11T06:00:00.000Z']);
    // 01:30 does not happen in Dublin on 2027-03-28 (01:00 → 02:00), and happens twice on 2027-10-31.
    expect(runs('cron(30 1 * * ? *)', '2027-03-27T12:00:00Z', 'Europe/Dublin', 1)).toEqual(['2027-03-29T00:30:00.000Z']);
    expect(runs('cron(30 1 * * ? *)', '2027-10-30T12:00:00Z', 'Europe/Dublin', 2)).toEqual(['2027-10-31T00:30:00.000Z', '2027-11-01T01:30:00.000Z']);
    expect(runs('cron(0 9 ? * MON *)', '2026-12-03T00:00:00Z', 'America/New_York', 1)).toEqual(['2026-12-07T14:00:00.000Z']);
  });

  it('says in words why an expression or zone is refused', () => {
    expect(problem('0 6 * * ? *')).toMatch(/cron\(minutes hours/);
    expect(problem('cron(0 6 * * ?)')).toMatch(/6 fields.*has 5/);
    expect(problem('cron(0 6 * * * *)')).toMatch(/must be \?/);
    expect(problem('cron(0 6 ? * ? *)')).toMatch(/Only one of/);
    expect(problem('cron(75 6 * * ? *)')).toBe('Minutes must be 0–59; “75” is not.');
    expect(problem('cron(0 24 * * ? *)')).toBe('Hours must be 0–23; “24” is not.');
    expect(problem('cron(0 6 ? * FUNDAY *)')).toMatch(/Day-of-week: “FUNDAY” is not a number or a name/);
    expect(problem('cron(0 6 ? * 0 *)')).toMatch(/Day-of-week must be 1–7 or SUN–SAT/);
    expect(problem('cron(0 6 ? * 2#6 *)')).toMatch(/after # must be 1–5/);
    expect(problem('cron(0 6 5-1 * ? *)')).toMatch(/runs backwards/);
    expect(problem('cron(0/0 6 * * ? *)')).toMatch(/step/);
    expect(problem('cron(0 6 * * ? *)', 'Mars/Olympus')).toMatch(/not a time zone/);
  });

  it('parses without computing runs', () => {
    const parsed = parseCron('cron(5,10 6 * * ? *)');
    expect(parsed.ok && parsed.cron.minutes).toEqual([5, 10]);
  });
});
