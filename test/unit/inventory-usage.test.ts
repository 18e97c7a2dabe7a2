/**
 * The In use filter, its counts and its CSV column: usage rides on the names, keyed by owner
 * account, region and image id; an AMI never checked matches no choice and counts nowhere; the
 * counts count AMIs over the rows matching every other filter, like the facets'.
 */
import { describe, expect, it } from 'vitest';
import { mergeAll, namesFrom } from '../../shared/ami-rows';
import { applyFilter, cellText, EMPTY_FILTER, facetCounts, INVENTORY_COLUMNS, usageCounts, usageKey, withUsage, type UsageMark } from '../../shared/inventory';
import { schemas } from '../../shared/contract/inventory';
import { row } from './inventory-fixtures';

const AT = '2026-12-01T10:00:00.000Z';
const accounts = [
  { id: 'acct-1', name: 'hub', awsAccountId: '111122223333' },
  { id: 'acct-2', name: 'staging', awsAccountId: '444455556666' },
];
const base = namesFrom(accounts);

// Four owned AMIs in two regions, and one the hub's AMI listed again by the account it is shared with.
const rows = mergeAll([
  row({ imageId: 'ami-00000000000000001', region: 'us-east-1', architecture: 'x86_64', sharedWith: ['444455556666'], launchPermission: 'shared' }),
  row({ imageId: 'ami-00000000000000001', region: 'us-east-1', account: 'acct-2', awsAccountId: '444455556666', view: 'shared', launchPermission: null }),
  row({ imageId: 'ami-00000000000000002', region: 'us-east-1', architecture: 'arm64' }),
  row({ imageId: 'ami-00000000000000003', region: 'eu-west-1', architecture: 'arm64' }),
  row({ imageId: 'ami-00000000000000004', region: 'eu-west-1', architecture: 'x86_64' }),
]);
const marks = new Map<string, UsageMark>([
  [usageKey('acct-1', 'us-east-1', 'ami-00000000000000001'), { inUse: 'yes', analyzedAt: AT }],
  [usageKey('acct-1', 'us-east-1', 'ami-00000000000000002'), { inUse: 'no', analyzedAt: AT }],
  [usageKey('acct-1', 'eu-west-1', 'ami-00000000000000003'), { inUse: 'unknown', analyzedAt: AT }],
]);
const names = withUsage(base, marks);
const ids = (list: readonly { imageId: string }[]) => list.map((r) => r.imageId).sort();

describe('the In use filter', () => {
  it('picks AMIs by their last check, joined by owner account, region and image id; one never checked matches no choice', () => {
    expect(rows).toHaveLength(4);
    expect(ids(applyFilter(rows, { ...EMPTY_FILTER, inUse: ['no'] }, new Date(), names))).toEqual(['ami-00000000000000002']);
    expect(ids(applyFilter(rows, { ...EMPTY_FILTER, inUse: ['yes', 'unknown'] }, new Date(), names))).toEqual(['ami-00000000000000001', 'ami-00000000000000003']);
    // The fourth AMI was never checked: no choice shows it, and no choice means every AMI.
    expect(ids(applyFilter(rows, { ...EMPTY_FILTER, inUse: ['yes', 'no', 'unknown'] }, new Date(), names))).not.toContain('ami-00000000000000004');
    expect(applyFilter(rows, EMPTY_FILTER, new Date(), names)).toHaveLength(4);
  });

  it('without usage in the names (never checked anywhere) a choice matches nothing rather than everything', () => {
    expect(applyFilter(rows, { ...EMPTY_FILTER, inUse: ['no'] }, new Date(), base)).toEqual([]);
  });

  it('combines with the other facets', () => {
    expect(ids(applyFilter(rows, { ...EMPTY_FILTER, architectures: ['arm64'], inUse: ['no', 'unknown'] }, new Date(), names))).toEqual(['ami-00000000000000002', 'ami-00000000000000003']);
    expect(ids(applyFilter(rows, { ...EMPTY_FILTER, regions: ['eu-west-1'], inUse: ['no'] }, new Date(), names))).toEqual([]);
  });
});

describe('usageCounts', () => {
  it('counts AMIs (an AMI listed by two accounts once) over the rows matching every other filter, its own choice left out', () => {
    expect(usageCounts(rows, EMPTY_FILTER, new Date(), names)).toEqual({ yes: 1, no: 1, unknown: 1 });
    // Choosing "no" does not hide the other answers' counts: the facet's own choice is left out.
    expect(usageCounts(rows, { ...EMPTY_FILTER, inUse: ['no'] }, new Date(), names)).toEqual({ yes: 1, no: 1, unknown: 1 });
    // Another facet narrows them.
    expect(usageCounts(rows, { ...EMPTY_FILTER, regions: ['eu-west-1'] }, new Date(), names)).toEqual({ yes: 0, no: 0, unknown: 1 });
    expect(usageCounts(rows, EMPTY_FILTER, new Date(), base)).toEqual({ yes: 0, no: 0, unknown: 0 });
  });

  it('an In use choice narrows the other facets’ counts like any filter', () => {
    const counts = facetCounts(rows, { ...EMPTY_FILTER, inUse: ['no', 'unknown'] }, new Date(), names);
    expect(Object.fromEntries(counts.architectures)).toEqual({ arm64: 2 });
  });
});

describe('the inUse CSV column', () => {
  it('says yes / no / unknown, blank when never checked, and exports can ask for it and filter by it', () => {
    expect(INVENTORY_COLUMNS).toContain('inUse');
    const byId = new Map(rows.map((r) => [r.imageId, r]));
    expect(cellText(byId.get('ami-00000000000000001')!, 'inUse', names)).toBe('yes');
    expect(cellText(byId.get('ami-00000000000000002')!, 'inUse', names)).toBe('no');
    expect(cellText(byId.get('ami-00000000000000003')!, 'inUse', names)).toBe('unknown');
    expect(cellText(byId.get('ami-00000000000000004')!, 'inUse', names)).toBe('');
    expect(cellText(byId.get('ami-00000000000000001')!, 'inUse', base)).toBe('');
    const input = { columns: ['imageId', 'inUse'], bom: false, filter: { ...EMPTY_FILTER, inUse: ['no'] } };
    expect(schemas.inventoryExport.parse(input).filter?.inUse).toEqual(['no']);
    // A caller that predates the choice still validates, with none chosen.
    const { inUse: _omitted, ...older } = EMPTY_FILTER;
    expect(schemas.inventoryExport.parse({ ...input, filter: older }).filter?.inUse).toEqual([]);
    expect(() => schemas.inventoryExport.parse({ ...input, filter: { ...EMPTY_FILTER, inUse: ['maybe'] } })).toThrow();
  });
});
