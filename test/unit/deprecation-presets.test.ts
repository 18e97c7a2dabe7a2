/**
 * The deprecate sheet's presets on fixed clocks: days ahead to the minute (across a leap February),
 * the end of the quarter at 23:59 UTC, the next one when less than two weeks are left, and the
 * labels the review shows. Also what the sheet's field gets when a preset is chosen.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { endOfQuarter, localLabel, presetTime, utcLabel } from '../../renderer/lib/deprecationPresets';

const store = await import('../../renderer/features/lifecycle/lifecycleStore');
const { localInputValue } = await import('../../renderer/lib/lifecycle');

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('days ahead', () => {
  it('30, 90 and 180 days of 24 hours from now, to the minute', () => {
    const now = at('2026-12-04T11:47:30.500Z');
    expect(iso(presetTime('in-30', now))).toBe('2027-01-03T11:47:00.000Z');
    expect(iso(presetTime('in-90', now))).toBe('2027-03-04T11:47:00.000Z');
    expect(iso(presetTime('in-180', now))).toBe('2027-06-02T11:47:00.000Z');
  });

  it('counts 29 February in a leap year', () => {
    expect(iso(presetTime('in-30', at('2028-02-01T10:00:00Z')))).toBe('2028-03-02T10:00:00.000Z');
    expect(iso(presetTime('in-30', at('2027-02-01T10:00:00Z')))).toBe('2027-03-03T10:00:00.000Z');
    expect(iso(presetTime('in-90', at('2027-12-15T08:00:00Z')))).toBe('2028-03-14T08:00:00.000Z');
  });
});

describe('end of quarter', () => {
  it('23:59 UTC on the quarter’s last day, for each quarter', () => {
    expect(iso(endOfQuarter(at('2027-01-01T00:00:00Z')))).toBe('2027-03-31T23:59:00.000Z');
    expect(iso(endOfQuarter(at('2027-05-01T12:00:00Z')))).toBe('2027-06-30T23:59:00.000Z');
    expect(iso(endOfQuarter(at('2027-07-01T00:00:00Z')))).toBe('2027-09-30T23:59:00.000Z');
    expect(iso(endOfQuarter(at('2026-12-04T11:47:00Z')))).toBe('2026-12-31T23:59:00.000Z');
    expect(presetTime('end-of-quarter', at('2026-12-04T11:47:00Z'))).toBe(endOfQuarter(at('2026-12-04T11:47:00Z')));
  });

  it('the next quarter’s end once fewer than 14 days are left, into the next year too', () => {
    // Exactly 14 days before: still this quarter; a minute later: the next.
    expect(iso(endOfQuarter(at('2026-12-17T23:59:00Z')))).toBe('2026-12-31T23:59:00.000Z');
    expect(iso(endOfQuarter(at('2026-12-18T00:00:00Z')))).toBe('2027-03-31T23:59:00.000Z');
    expect(iso(endOfQuarter(at('2026-12-31T23:59:30Z')))).toBe('2027-03-31T23:59:00.000Z');
    expect(iso(endOfQuarter(at('2027-09-20T00:00:00Z')))).toBe('2027-12-31T23:59:00.000Z');
    // A leap year's first quarter ends on 31 March all the same.
    expect(iso(endOfQuarter(at('2028-02-29T12:00:00Z')))).toBe('2028-03-31T23:59:00.000Z');
    expect(iso(endOfQuarter(at('2028-03-20T12:00:00Z')))).toBe('2028-06-30T23:59:00.000Z');
  });
});

describe('labels', () => {
  it('UTC to the minute, and the local day and time in a named zone', () => {
    const end = at('2027-03-31T23:59:00Z');
    expect(utcLabel(end)).toBe('2027-03-31 23:59 UTC');
    expect(localLabel(end, 'Europe/Berlin')).toBe('Thu, 1 Apr 2027, 01:59');
    expect(localLabel(end, 'America/New_York')).toBe('Wed, 31 Mar 2027, 19:59');
  });
});

describe('the sheet', () => {
  const images = [{ account: 'a1', region: 'us-east-1', imageId: 'ami-1' }];
  const NOW = at('2026-12-04T11:47:30Z');
  beforeEach(() => store.closeLifecycle());

  it('opens at the 30-day preset; a preset fills the field; editing the field drops the preset', () => {
    store.openLifecycle('deprecate', images, {}, NOW);
    let options = store.useLifecycleStore.getState().sheet!.options;
    expect(options.deprecatePreset).toBe('in-30');
    expect(options.deprecateAt).toBe(localInputValue(at('2027-01-03T11:47:00Z')));
    store.chooseDeprecationPreset('end-of-quarter', NOW);
    options = store.useLifecycleStore.getState().sheet!.options;
    expect(options).toMatchObject({ deprecatePreset: 'end-of-quarter', deprecateAt: localInputValue(at('2026-12-31T23:59:00Z')) });
    store.setLifecycleOptions({ deprecateAt: '2027-02-01T09:00', deprecatePreset: null });
    expect(store.useLifecycleStore.getState().sheet!.options.deprecatePreset).toBeNull();
  });

  it('changing a deprecation still ahead starts at that time, and the sheet keeps it to say so', () => {
    store.openLifecycle('deprecate', images, {}, NOW, '2027-05-01T08:00:00.000Z');
    const sheet = store.useLifecycleStore.getState().sheet!;
    expect(sheet.currentDeprecation).toBe('2027-05-01T08:00:00.000Z');
    expect(sheet.options).toMatchObject({ deprecatePreset: null, deprecateAt: localInputValue(at('2027-05-01T08:00:00Z')) });
    // One already in effect: the field starts at the preset again (a past time cannot be sent).
    store.openLifecycle('deprecate', images, {}, NOW, '2026-01-01T00:00:00.000Z');
    expect(store.useLifecycleStore.getState().sheet!.options.deprecatePreset).toBe('in-30');
  });
});
