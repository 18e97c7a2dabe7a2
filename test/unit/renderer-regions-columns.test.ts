import { describe, expect, it } from 'vitest';
import { clampColumnWidth, MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH, parseColumnWidths, withColumnWidth } from '../../renderer/lib/columnPrefs';
import { gridTemplate, templateMinWidth } from '../../renderer/components/gridColumns';
import { findRegion, isOptInRegion, KNOWN_REGIONS, pickerRegionGroups, regionLabel } from '../../renderer/lib/regions';

const names = (list: ReadonlyArray<{ name: string }>) => list.map((r) => r.name);

describe('region picker groups', () => {
  const answer = [
    { name: 'us-east-1', enabled: true, optInStatus: 'opt-in-not-required' },
    { name: 'eu-west-1', enabled: true, optInStatus: 'opt-in-not-required' },
    { name: 'ap-southeast-2', enabled: true, optInStatus: 'opt-in-not-required' },
    { name: 'eu-south-1', enabled: true, optInStatus: 'opted-in' },
    { name: 'af-south-1', enabled: false, optInStatus: 'not-opted-in' },
    { name: 'me-central-1', enabled: false, optInStatus: 'not-opted-in' },
  ];

  it('puts favourites first, then regions every account has, enabled opt-in regions, then the not enabled', () => {
    const groups = pickerRegionGroups(answer, ['eu-west-1', 'af-south-1'], ['us-east-1']);
    expect(names(groups.favorites)).toEqual(['eu-west-1']);
    expect(names(groups.standard)).toEqual(['ap-southeast-2', 'us-east-1']);
    expect(names(groups.optIn)).toEqual(['eu-south-1']);
    // A starred region the account has not enabled is not offered as a favourite.
    expect(names(groups.notEnabled)).toEqual(['af-south-1', 'me-central-1']);
    expect(groups.fromAccount).toBe(true);
  });

  it('trusts the account’s OptInStatus over the static list', () => {
    expect(isOptInRegion({ name: 'eu-south-1', enabled: true, optInStatus: 'opted-in' })).toBe(true);
    expect(isOptInRegion({ name: 'eu-south-1', enabled: true, optInStatus: 'opt-in-not-required' })).toBe(false);
    expect(isOptInRegion({ name: 'me-south-1', enabled: true })).toBe(true);
    expect(isOptInRegion({ name: 'eu-west-1', enabled: true })).toBe(false);
  });

  it('falls back to the known regions, none marked not enabled, when the account’s list is unread', () => {
    const groups = pickerRegionGroups([], [], ['eu-west-1', 'xx-test-1']);
    expect(groups.fromAccount).toBe(false);
    expect(groups.notEnabled).toEqual([]);
    const all = [...names(groups.standard), ...names(groups.optIn)];
    for (const region of KNOWN_REGIONS) expect(all).toContain(region);
    expect(all).toContain('xx-test-1');
    expect(names(groups.optIn)).toContain('af-south-1');
    expect(names(groups.standard)).not.toContain('af-south-1');
  });

  it('labels a region by name and code, the code alone when the name is unknown', () => {
    expect(regionLabel('eu-west-1')).toBe('Europe (Ireland) · eu-west-1');
    expect(regionLabel('xx-test-1')).toBe('xx-test-1');
  });

  it('finds a region by code, short code, name or a word of the name', () => {
    const regions = ['ap-southeast-2', 'eu-central-1', 'eu-west-1', 'us-east-1'];
    expect(findRegion('eu-w', regions)).toBe('eu-west-1');
    expect(findRegion('apse2', regions)).toBe('ap-southeast-2');
    expect(findRegion('Europe (I', regions)).toBe('eu-west-1');
    expect(findRegion('frank', regions)).toBe('eu-central-1');
    expect(findRegion('sydney', regions)).toBe('ap-southeast-2');
    expect(findRegion('tokyo', regions)).toBeNull();
    expect(findRegion(' ', regions)).toBeNull();
  });
});

describe('column widths', () => {
  it('keeps widths within the least and the most', () => {
    expect(clampColumnWidth(12)).toBe(MIN_COLUMN_WIDTH);
    expect(clampColumnWidth(99_999)).toBe(MAX_COLUMN_WIDTH);
    expect(clampColumnWidth(123.6)).toBe(124);
    expect(clampColumnWidth(Number.NaN)).toBe(MIN_COLUMN_WIDTH);
  });

  it('reads each grid’s widths, dropping what is malformed', () => {
    const raw = JSON.stringify({ amis: { name: 300, state: 'wide', imageId: 5 }, inventory: [1, 2], other: { region: 130 } });
    expect(parseColumnWidths(raw)).toEqual({ amis: { name: 300, imageId: MIN_COLUMN_WIDTH }, other: { region: 130 } });
    expect(parseColumnWidths('not json')).toEqual({});
    expect(parseColumnWidths(null)).toEqual({});
    expect(parseColumnWidths('[]')).toEqual({});
  });

  it('sets and clears one column without touching the others', () => {
    const widths = withColumnWidth({ name: 300 }, 'region', 20);
    expect(widths).toEqual({ name: 300, region: MIN_COLUMN_WIDTH });
    expect(withColumnWidth(widths, 'name', null)).toEqual({ region: MIN_COLUMN_WIDTH });
  });

  it('a set width wins in the template and makes a flexible column fixed', () => {
    const columns = [
      { key: 'name', minWidth: 240 },
      { key: 'region', width: 118 },
    ];
    expect(gridTemplate(columns)).toBe('minmax(240px, 1fr) 118px');
    expect(gridTemplate(columns, { name: 180, region: 90 })).toBe('180px 90px');
    expect(templateMinWidth(columns, {}, 8)).toBe(240 + 118 + 8);
    expect(templateMinWidth(columns, { region: 300 })).toBe(240 + 300);
  });
});
