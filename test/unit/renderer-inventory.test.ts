/** The inventory's pure logic: per-target merging, one row per AMI, sorting, filter editing, column prefs, scan figures. */
import { describe, expect, it } from 'vitest';
import { AmiMerger, mergeAll, namesFrom } from '../../shared/ami-rows';
import { EMPTY_FILTER, applyFilter, cellText, packRow, packTarget, unpackPage, unpackRow, type InventoryRow, type PackedGroup, type TargetProgress } from '../../shared/inventory';
import { page } from './inventory-fixtures';
import { amiRow, inventoryRow } from './renderer-fixtures';
import { DEFAULT_VISIBLE_COLUMNS, parseColumnPrefs, toggleColumn } from '../../renderer/lib/columnPrefs';
import { flatten, groupByTarget, isOffline, nextInventorySort, orderTargets, replaceTarget, rowKey, scanTotals, sortRows } from '../../renderer/lib/inventory';
import { clearFilter, extraCounts, facetOptions, filterChips, isFilterEmpty, keepOrder, toggleFacetValue, toggleTag } from '../../renderer/lib/inventoryFilter';

const row = inventoryRow;
const ami = amiRow;

const names = namesFrom([
  { id: 'a1', name: 'zeta', awsAccountId: '111111111111' },
  { id: 'a2', name: 'alpha', awsAccountId: '222222222222' },
]);
const ctx = { names };

describe('rows per target', () => {
  it('groups pages by target, even when a page splits one', () => {
    const grouped = groupByTarget([row('ami-1'), row('ami-2', { region: 'us-east-1' })]);
    groupByTarget([row('ami-3')], grouped);
    expect(grouped.get('a1|eu-west-1|owned')?.map((r) => r.imageId)).toEqual(['ami-1', 'ami-3']);
    expect(grouped.get('a1|us-east-1|owned')?.map((r) => r.imageId)).toEqual(['ami-2']);
  });

  it('a finished target replaces exactly its own rows; an empty result removes them', () => {
    const start = groupByTarget([row('ami-1'), row('ami-2'), row('ami-9', { account: 'a2' })]);
    const next = replaceTarget(start, { account: 'a1', region: 'eu-west-1', view: 'owned' }, [row('ami-2'), row('ami-4')]);
    expect(flatten(next).map((r) => r.imageId).sort()).toEqual(['ami-2', 'ami-4', 'ami-9']);
    expect(start.get('a1|eu-west-1|owned')).toHaveLength(2); // the old map is untouched
    const gone = replaceTarget(next, { account: 'a2', region: 'eu-west-1', view: 'owned' }, []);
    expect(flatten(gone).map((r) => r.imageId).sort()).toEqual(['ami-2', 'ami-4']);
  });

  it('keys rows by the AMI: owner, region and image', () => {
    expect(rowKey(ami('ami-1', { view: 'shared' }))).toBe('111111111111|eu-west-1|ami-1');
  });
});

describe('one row per AMI', () => {
  // Owned by a1 and shared with a2 (both ours), and an image of someone else's shared with both.
  const owned = row('ami-1', { account: 'a1', sharedWith: ['222222222222'], launchPermission: 'shared', lastLaunchedTime: '2026-11-01T00:00:00Z' });
  const seenByA2 = row('ami-1', { account: 'a2', awsAccountId: '222222222222', view: 'shared', launchPermission: null, sharedWith: [] });
  const theirs = (account: string) => row('ami-9', { account, awsAccountId: account === 'a1' ? '111111111111' : '222222222222', ownerId: '999999999999', view: 'shared', launchPermission: null });

  it('folds every listing of an image into one row naming the accounts that can launch it, owner first', () => {
    const rows = mergeAll([seenByA2, theirs('a2'), owned, theirs('a1')]);
    expect(rows).toHaveLength(2);
    const mine = rows.find((r) => r.imageId === 'ami-1')!;
    expect(mine).toMatchObject({ accounts: ['a1', 'a2'], account: 'a1', view: 'owned', launchPermission: 'shared', sharedWith: ['222222222222'], lastLaunchedTime: '2026-11-01T00:00:00Z' });
    const other = rows.find((r) => r.imageId === 'ami-9')!;
    expect(other).toMatchObject({ accounts: ['a2', 'a1'], view: 'shared', launchPermission: null, ownerId: '999999999999' });
  });

  it('counts AMIs in facets, an AMI once under each account that can launch it', async () => {
    const { facetCounts } = await import('../../shared/inventory');
    const rows = mergeAll([owned, seenByA2, theirs('a1'), theirs('a2')]);
    const counts = facetCounts(rows, EMPTY_FILTER);
    expect(counts.regions.get('eu-west-1')).toBe(2);
    expect(counts.accounts).toEqual(new Map([['a1', 2], ['a2', 2]]));
    expect(applyFilter(rows, { ...EMPTY_FILTER, accounts: ['a2'] }).map((r) => r.imageId).sort()).toEqual(['ami-1', 'ami-9']);
  });

  it('writes accounts and owners by name, and says who may launch it in words', () => {
    const [mine] = mergeAll([owned, seenByA2]);
    expect(cellText(mine!, 'account', names)).toBe('zeta; alpha');
    expect(cellText(mine!, 'awsAccountId', names)).toBe('111111111111; 222222222222');
    expect(cellText(mine!, 'owner', names)).toBe('zeta');
    expect(cellText(mine!, 'visibility', names)).toBe('shared ×1');
    expect(cellText(mine!, 'sharedWith', names)).toBe('alpha (222222222222)');
    expect(cellText(ami('ami-2', { sharedWith: ['arn:aws:organizations::111111111111:organization/o-abcdefghij', '333333333333'], launchPermission: 'organization' }), 'visibility', names)).toBe('org ×2');
    expect(cellText(ami('ami-3', { ownerId: '137112412989', ownerAlias: 'amazon' }), 'owner', names)).toBe('amazon');
  });

  it('keeps the rows a replaced target did not touch, folding again only those it did', () => {
    const merger = new AmiMerger();
    merger.replaceTarget('a1|eu-west-1|owned', [owned, row('ami-5')]);
    merger.replaceTarget('a2|eu-west-1|shared', [seenByA2]);
    const before = merger.rows();
    const untouched = before.find((r) => r.imageId === 'ami-5');
    expect(before.find((r) => r.imageId === 'ami-1')?.accounts).toEqual(['a1', 'a2']);
    merger.replaceTarget('a2|eu-west-1|shared', []);
    const after = merger.rows();
    expect(after).not.toBe(before);
    expect(after.find((r) => r.imageId === 'ami-5')).toBe(untouched);
    expect(after.find((r) => r.imageId === 'ami-1')?.accounts).toEqual(['a1']);
    merger.replaceTarget('a1|eu-west-1|owned', []);
    expect(merger.rows()).toEqual([]);
  });
});

describe('sortRows', () => {
  const rows = [
    ami('ami-b', { name: 'build-10', creationDate: '2026-01-02T00:00:00Z' }),
    ami('ami-a', { name: 'build-9', creationDate: '2026-01-03T00:00:00Z' }),
    ami('ami-c', { name: '', creationDate: null }),
    ami('ami-d', { name: 'Build-9', creationDate: '2026-01-01T00:00:00Z', account: 'a2' }),
  ];

  it('sorts numerically-aware, missing values last in both directions, ties newest first', () => {
    expect(sortRows(rows, { column: 'name', direction: 'asc' }, ctx).map((r) => r.imageId)).toEqual(['ami-a', 'ami-d', 'ami-b', 'ami-c']);
    expect(sortRows(rows, { column: 'name', direction: 'desc' }, ctx).map((r) => r.imageId)).toEqual(['ami-b', 'ami-a', 'ami-d', 'ami-c']);
  });

  it('sorts dates as times and accounts by their names', () => {
    expect(sortRows(rows, { column: 'creationDate', direction: 'desc' }, ctx).map((r) => r.imageId)).toEqual(['ami-a', 'ami-b', 'ami-d', 'ami-c']);
    expect(sortRows(rows, { column: 'account', direction: 'asc' }, ctx)[0]?.imageId).toBe('ami-d');
  });

  it('is stable: the same input always gives the same order, and filtering keeps it', () => {
    const same = Array.from({ length: 50 }, (_, i) => ami(`ami-${String(i).padStart(2, '0')}`, { architecture: i % 2 ? 'arm64' : 'x86_64' }));
    const once = sortRows(same, { column: 'architecture', direction: 'asc' }, ctx);
    const again = sortRows([...same].reverse(), { column: 'architecture', direction: 'asc' }, ctx);
    expect(again.map(rowKey)).toEqual(once.map(rowKey));
    const filtered = applyFilter(once, { ...EMPTY_FILTER, architectures: ['arm64'] });
    expect(filtered.map(rowKey)).toEqual(once.filter((r) => r.architecture === 'arm64').map(rowKey));
  });

  it('clicking a header flips the sorted column, other columns start in their natural order', () => {
    expect(nextInventorySort({ column: 'name', direction: 'asc' }, 'name')).toEqual({ column: 'name', direction: 'desc' });
    expect(nextInventorySort({ column: 'name', direction: 'asc' }, 'creationDate')).toEqual({ column: 'creationDate', direction: 'desc' });
    expect(nextInventorySort({ column: 'creationDate', direction: 'desc' }, 'region')).toEqual({ column: 'region', direction: 'asc' });
  });

  it('sorts 100,000 rows quickly', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ami(`ami-${i}`, { name: `img-${i % 5000}`, region: `r-${i % 16}` }));
    const t = performance.now();
    const sorted = sortRows(many, { column: 'name', direction: 'asc' }, ctx);
    expect(sorted).toHaveLength(100_000);
    expect(performance.now() - t).toBeLessThan(3000);
  });
});

describe('filter editing', () => {
  it('toggles facet values and tags', () => {
    const f = toggleFacetValue(EMPTY_FILTER, 'regions', 'eu-west-1');
    expect(f.regions).toEqual(['eu-west-1']);
    expect(toggleFacetValue(f, 'regions', 'eu-west-1').regions).toEqual([]);
    expect(toggleTag(EMPTY_FILTER, ' env=prod ').tags).toEqual(['env=prod']);
    expect(toggleTag(toggleTag(EMPTY_FILTER, 'env'), 'env').tags).toEqual([]);
  });

  it('makes one removable chip per active value', () => {
    const f = { ...EMPTY_FILTER, regions: ['eu-west-1', 'us-east-1'], accounts: ['a1'], encrypted: 'yes' as const, tags: ['env=prod'], text: 'golden' };
    const chips = filterChips(f, (facet, v) => (facet === 'accounts' ? (names.account(v) ?? v) : v));
    expect(chips.map((c) => c.label)).toEqual(['Region: eu-west-1', 'Region: us-east-1', 'Account: zeta', 'Encrypted', 'Tag: env=prod', '“golden”']);
    const removed = chips[0]!.remove(f);
    expect(removed.regions).toEqual(['us-east-1']);
    expect(chips.at(-1)!.remove(f).text).toBe('');
  });

  it('clears everything but the chosen view', () => {
    const f = { ...EMPTY_FILTER, views: ['owned' as const], regions: ['x'] };
    expect(clearFilter(f)).toEqual({ ...EMPTY_FILTER, views: ['owned'] });
    expect(isFilterEmpty(clearFilter(f, false))).toBe(true);
    expect(isFilterEmpty(f)).toBe(false);
  });

  it('lists facet options by count, keeping selected values at zero', () => {
    const options = facetOptions(new Map([['a', 1], ['b', 5]]), ['z']);
    expect(options).toEqual([
      { value: 'b', count: 5 },
      { value: 'a', count: 1 },
      { value: 'z', count: 0 },
    ]);
  });

  it('keeps an open menu in the order first shown when the counts change under it', () => {
    // Counted for the previous filter: Owner first. The recount makes Env the most common.
    const before = facetOptions(new Map([['Owner', 9], ['Env', 4], ['Team', 2]]), []);
    const after = facetOptions(new Map([['Env', 12], ['Owner', 3], ['Team', 2], ['Cost', 7]]), []);
    expect(after[0]?.value).toBe('Env');
    const shown = keepOrder(before.map((o) => o.value), after);
    // The first item is still Owner (with its new count): a click on it picks Owner, not Env.
    expect(shown.map((o) => o.value)).toEqual(['Owner', 'Env', 'Team', 'Cost']);
    expect(shown[0]).toEqual({ value: 'Owner', count: 3 });
    expect(keepOrder([], after)).toEqual(after);
  });

  it('counts deprecated, encrypted and tags over rows matching the other filters', () => {
    const rows = [
      ami('ami-1', { encrypted: true, tags: [{ key: 'env', value: 'prod' }], deprecationTime: '2000-01-01T00:00:00Z' }),
      ami('ami-2', { tags: [{ key: 'env', value: 'dev' }] }),
      ami('ami-3', { region: 'us-east-1', encrypted: true }),
    ];
    const counts = extraCounts(rows, { ...EMPTY_FILTER, regions: ['eu-west-1'], encrypted: 'yes' });
    expect(counts.encrypted).toEqual({ yes: 1, no: 1 });
    expect(counts.deprecated).toEqual({ yes: 1, no: 0 });
    expect(counts.tags.get('env')).toBe(1);
    expect(counts.tags.get('env=prod')).toBe(1);
  });
});

describe('column prefs', () => {
  it('accepts only known columns, without duplicates, else the defaults', () => {
    expect(parseColumnPrefs(null)).toEqual(DEFAULT_VISIBLE_COLUMNS);
    expect(parseColumnPrefs('{bad')).toEqual(DEFAULT_VISIBLE_COLUMNS);
    expect(parseColumnPrefs('["name","nope","region","name"]')).toEqual(['name', 'region']);
    expect(parseColumnPrefs('[]')).toEqual(DEFAULT_VISIBLE_COLUMNS);
  });

  it('exports a name with its 12-digit id', async () => {
    const { exportColumns } = await import('../../renderer/lib/columnPrefs');
    expect(exportColumns(['name', 'account', 'region'])).toEqual(['name', 'account', 'awsAccountId', 'region']);
    expect(exportColumns(DEFAULT_VISIBLE_COLUMNS)).toContain('awsAccountId');
    expect(exportColumns(['imageId'])).toEqual(['imageId']);
  });

  it('shows columns in the canonical order and never hides the last one', () => {
    expect(toggleColumn(['name', 'region'], 'imageId')).toEqual(['name', 'imageId', 'region']);
    expect(toggleColumn(['name', 'region'], 'name')).toEqual(['region']);
    expect(toggleColumn(['name'], 'name')).toEqual(['name']);
  });
});

describe('scan figures', () => {
  const t = (state: TargetProgress['state'], count = 0, errorCode: string | null = null): TargetProgress => ({
    account: 'a1',
    region: `r-${Math.random()}`,
    view: 'owned',
    state,
    count,
    error: errorCode ? 'failed' : null,
    errorCode,
    scannedAt: null,
  });

  it('totals targets and rows', () => {
    expect(scanTotals([t('done', 5), t('failed', 0, 'ACCESS_DENIED'), t('running', 2), t('queued')])).toEqual({ total: 4, finished: 2, failed: 1, running: 1, rows: 7 });
  });

  it('lists failures first, then running, queued and done', () => {
    const ordered = orderTargets([t('done'), t('queued'), t('failed', 0, 'X'), t('running')]);
    expect(ordered.map((x) => x.state)).toEqual(['failed', 'running', 'queued', 'done']);
  });

  it('is offline when the browser says so or a target failed for the network', () => {
    expect(isOffline(false, [])).toBe(true);
    expect(isOffline(true, [t('done')])).toBe(false);
    expect(isOffline(true, [t('done'), t('failed', 0, 'ACCESS_DENIED')])).toBe(false);
    expect(isOffline(true, [t('failed', 0, 'NETWORK')])).toBe(true);
  });
});

describe('narrows', () => {
  it('only when the search text grew at its end and nothing else changed', async () => {
    const { narrows } = await import('../../renderer/lib/inventoryFilter');
    const f = { ...EMPTY_FILTER, text: 'gold', regions: ['eu-west-1'] };
    expect(narrows(f, { ...f, text: 'golden' })).toBe(true);
    expect(narrows(f, { ...f, text: 'Gold x' })).toBe(true);
    expect(narrows(f, { ...f, text: 'gol' })).toBe(false);
    expect(narrows(f, { ...f, text: 'golden', regions: [] })).toBe(false);
    expect(narrows(f, { ...f, text: 'golden', encrypted: 'yes' })).toBe(false);
  });
});

describe('countInSlices', () => {
  it('gives the same counts as facetCounts over all rows', async () => {
    const { facetCounts } = await import('../../shared/inventory');
    const { buildInventoryIndex, countInSlices } = await import('../../renderer/lib/inventoryFilter');
    const rows = Array.from({ length: 103 }, (_, i) =>
      ami(`ami-${i}`, { region: `r-${i % 4}`, architecture: i % 3 ? 'arm64' : 'x86_64', tags: [{ key: 'k', value: String(i % 2) }], accounts: i % 5 ? ['a1'] : ['a1', 'a2'] }),
    );
    const filter = { ...EMPTY_FILTER, architectures: ['arm64'] };
    const counts = await new Promise<Parameters<Parameters<typeof countInSlices>[2]>[0]>((resolve) => countInSlices(buildInventoryIndex(rows), filter, resolve, 10));
    const truth = facetCounts(rows, filter);
    expect(counts.facets.regions).toEqual(truth.regions);
    expect(counts.facets.architectures).toEqual(truth.architectures);
    expect(counts.facets.accounts).toEqual(truth.accounts);
    expect(counts.extra).toEqual(extraCounts(rows, filter));
  });
});

describe('the grid’s indexed filter and counts', () => {
  // Varied rows: tags with repeated keys and "=" in a key, missing values, old and future deprecations.
  const rows = Array.from({ length: 240 }, (_, i) =>
    ami(`ami-${i.toString(16).padStart(4, '0')}`, {
      accounts: i % 7 === 0 ? ['a1', 'a2'] : i % 2 ? ['a1'] : ['a2'],
      name: i % 5 === 0 ? `golden-al2023-${i}` : `app-${i % 7}-build`,
      description: i % 3 === 0 ? null : `Build ${i} for Team-${i % 4}`,
      region: `r-${i % 4}`,
      architecture: i % 3 ? 'arm64' : 'x86_64',
      ownerAlias: i % 11 === 0 ? 'amazon' : null,
      launchPermission: i % 6 === 0 ? null : i % 2 ? 'private' : 'shared',
      encrypted: i % 4 === 0,
      deprecationTime: i % 9 === 0 ? '2000-01-01T00:00:00Z' : i % 9 === 1 ? '2999-01-01T00:00:00Z' : null,
      tags: [
        { key: 'env', value: i % 2 ? 'prod' : 'dev' },
        ...(i % 3 === 0 ? [{ key: 'env', value: 'prod' }] : []),
        ...(i % 5 === 0 ? [{ key: 'a=b', value: 'c' }, { key: 'a', value: 'b=c' }] : []),
      ],
    }),
  );
  const filters = [
    EMPTY_FILTER,
    { ...EMPTY_FILTER, text: 'golden' },
    { ...EMPTY_FILTER, text: 'App-3 BUILD' },
    { ...EMPTY_FILTER, text: 'env=prod', architectures: ['arm64'] },
    { ...EMPTY_FILTER, text: 'team-1 ami-00', regions: ['r-1', 'r-2'], encrypted: 'no' as const },
    { ...EMPTY_FILTER, deprecated: 'yes' as const, tags: ['env=prod'] },
    { ...EMPTY_FILTER, launchPermissions: ['shared' as const], deprecated: 'no' as const, text: 'build' },
    { ...EMPTY_FILTER, tags: ['a=b'], text: 'nothing-matches-this' },
    { ...EMPTY_FILTER, accounts: ['a2'], text: 'arm64 r-1' },
    { ...EMPTY_FILTER, text: 'alpha golden' },
  ];

  it('facetCounts counts each facet over the rows matching every other part of the filter', async () => {
    const { FACETS, compileFilter, facetCounts, facetValue } = await import('../../shared/inventory');
    for (const filter of filters) {
      const counts = facetCounts(rows, filter, new Date(), names);
      for (const facet of FACETS) {
        const keep = compileFilter(filter, new Date(), facet, names);
        const expected = new Map<string, number>();
        for (const r of rows.filter(keep)) {
          const value = facetValue(r, facet);
          for (const v of value === null ? [] : typeof value === 'string' ? [value] : value) expected.set(v, (expected.get(v) ?? 0) + 1);
        }
        expect(counts[facet], `${facet} ${JSON.stringify(filter)}`).toEqual(expected);
      }
    }
  });

  it('selects exactly the rows the shared filter selects, in the same order', async () => {
    const { buildInventoryIndex, filterIndexed } = await import('../../renderer/lib/inventoryFilter');
    const index = buildInventoryIndex(rows, names);
    for (const filter of filters) expect(filterIndexed(index, filter).map(rowKey), JSON.stringify(filter)).toEqual(applyFilter(rows, filter, new Date(), names).map(rowKey));
    // Search finds what the columns show: the architecture and region together, an account by name.
    expect(applyFilter(rows, { ...EMPTY_FILTER, text: 'arm64 r-1' }, new Date(), names).length).toBeGreaterThan(0);
    expect(applyFilter(rows, { ...EMPTY_FILTER, text: 'alpha' }, new Date(), names).every((r) => r.accounts.includes('a2'))).toBe(true);
  });

  it('typing on, deleting and retyping, key by key, selects what a fresh search selects', async () => {
    const { buildInventoryIndex, filterIndexed } = await import('../../renderer/lib/inventoryFilter');
    const index = buildInventoryIndex(rows, names);
    const fresh = (text: string) => applyFilter(rows, { ...EMPTY_FILTER, text }, new Date(), names).map(rowKey);
    const typed = 'App-3 build r-1 team-';
    const steps: string[] = [];
    for (let i = 1; i <= typed.length; i++) steps.push(typed.slice(0, i));
    // Backspace to a broader text, then another word: what it narrows from must not stick.
    steps.push('App-3 build r', 'App-3 build', 'App-3', 'App', 'golden', 'golden r-2', 'golden r-', 'GOLDEN R-0');
    for (const text of steps) expect(filterIndexed(index, { ...EMPTY_FILTER, text }).map(rowKey), text).toEqual(fresh(text));
    expect(fresh('App-3 build r-1').length).toBeGreaterThan(0);
  });

  it('counts exactly what facetCounts and extraCounts count', async () => {
    const { facetCounts } = await import('../../shared/inventory');
    const { buildInventoryIndex, countInSlices } = await import('../../renderer/lib/inventoryFilter');
    const index = buildInventoryIndex(rows, names);
    for (const filter of filters) {
      const counts = await new Promise<Parameters<Parameters<typeof countInSlices>[2]>[0]>((resolve) => countInSlices(index, filter, resolve, 17));
      expect(counts.facets, JSON.stringify(filter)).toEqual(facetCounts(rows, filter, new Date(), names));
      expect(counts.extra, JSON.stringify(filter)).toEqual(extraCounts(rows, filter, new Date(), names));
    }
  });
});

describe('packed pages', () => {
  const T = '111122223333';
  const base = row('ami-1', { awsAccountId: T, ownerId: T, scannedAt: '2026-11-28T00:01:00.000Z', snapshotIds: ['snap-1'] });
  // Each value that may be left out, set on its own (so each place where packing stops is crossed).
  const variants: InventoryRow[] = [
    base,
    { ...base, imageId: 'ami-2', public: true, encrypted: true, tags: [{ key: 'Env', value: '' }, { key: 'Name', value: 'x' }] },
    { ...base, imageId: 'ami-3', deprecationTime: '2027-01-01T00:00:00.000Z', launchPermission: null, sharedWith: [], ownerAlias: null },
    { ...base, imageId: 'ami-4', launchPermission: 'shared', sharedWith: ['222233334444'] },
    { ...base, imageId: 'ami-5', ownerAlias: 'amazon', ownerId: '137112412989' },
    { ...base, imageId: 'ami-6', scannedAt: '2026-11-28T00:09:00.000Z' },
    { ...base, imageId: 'ami-7', awsAccountId: null },
    { ...base, imageId: 'ami-8', awsAccountId: '999900001111', ownerId: '999900001111' },
    { ...base, imageId: 'ami-9', ownerId: '', description: null, creationDate: null, snapshotIds: [] },
    { ...base, imageId: 'ami-a', description: 'a "quoted" build\nwith a newline', launchPermission: 'public', public: true },
    { ...base, imageId: 'ami-b', snapshotSizeGiB: null, lastLaunchedTime: '2026-11-20T10:00:00.000Z' },
    { ...base, imageId: 'ami-c', launchPermission: 'organization', sharedWith: ['arn:aws:organizations::111122223333:organization/o-abcdefghij'] },
  ];

  it('decode to the very rows that were packed, keys in the same order', () => {
    const rows = [...variants, ...variants.map((r) => ({ ...r, region: 'us-east-1', view: 'shared' as const, launchPermission: null, sharedWith: [] }))];
    const decoded = unpackPage(page(rows, rows.length));
    expect(decoded).toEqual(rows);
    expect(JSON.stringify(decoded)).toBe(JSON.stringify(rows));
  });

  it('leave to the group what every row of a target shares', () => {
    const groups = JSON.parse(page([base, variants[5]!, variants[7]!], 3).groups) as PackedGroup[];
    const [, , , scannedAt, awsAccountId, packed] = groups[0]!;
    expect([scannedAt, awsAccountId]).toEqual([base.scannedAt, T]);
    expect(JSON.stringify(packed[0])).not.toContain(T);
    expect(JSON.stringify(packed[0])).not.toContain(base.scannedAt);
    expect(packed[1]!.slice(-1)).toEqual([variants[5]!.scannedAt]);
    expect(packed[2]!.slice(-2)).toEqual([base.scannedAt, '999900001111']);
  });

  it('decode to the same rows when their shared texts are named by place, and say so when a place is missing', () => {
    const header = { scannedAt: base.scannedAt, awsAccountId: T };
    const { rows, strings } = packTarget(variants, header);
    expect(strings.length).toBeGreaterThan(0);
    expect(rows.some((p) => typeof p[4] === 'number')).toBe(true);
    const group = { account: base.account, region: base.region, view: base.view, ...header, strings };
    expect(JSON.stringify(rows.map((p) => unpackRow(p, group)))).toBe(JSON.stringify(variants));
    expect(() => unpackRow(rows[0]!, { ...group, strings: [] })).toThrow(/names string \d+, which its target does not hold; scan the target again/);
  });

  it('decode the same with a header of nulls (rows then carry their own)', () => {
    for (const r of variants) expect(unpackRow(packRow(r, { scannedAt: null, awsAccountId: null }), { ...r, scannedAt: null, awsAccountId: null })).toEqual(r);
  });
});

describe('the In use choice in the filter helpers', () => {
  it('makes the filter non-empty, has a chip in words that removes it, is cleared, and is no narrowing of another choice', async () => {
    const { narrows } = await import('../../renderer/lib/inventoryFilter');
    const unused = { ...EMPTY_FILTER, inUse: ['no' as const] };
    expect(isFilterEmpty(unused)).toBe(false);
    const chips = filterChips(unused);
    expect(chips.map((c) => c.label)).toEqual(['In use: Unused']);
    expect(isFilterEmpty(chips[0]!.remove(unused))).toBe(true);
    expect(clearFilter(unused).inUse).toEqual([]);
    expect(narrows(unused, { ...unused, text: 'web' })).toBe(true);
    expect(narrows(unused, { ...unused, inUse: ['no', 'unknown'] })).toBe(false);
    expect(narrows(EMPTY_FILTER, unused)).toBe(false);
  });
});
