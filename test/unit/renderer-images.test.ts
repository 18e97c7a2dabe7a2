import { describe, expect, it } from 'vitest';
import type { AccountSummary, AmiSummary } from '../../shared/model';
import { filterImages, parseQuery } from '../../renderer/lib/filter';
import { listedRow } from '../../renderer/lib/images';
import { NO_NAMES, type AmiRow } from '../../shared/ami-rows';
import { accountNamesByAwsId, displayState, ownerLabel, stateTone } from '../../renderer/lib/images';
import { DEFAULT_SORT, nextSort, sortImages, type SortContext } from '../../renderer/lib/sort';
import { nextIndex } from '../../renderer/lib/gridNav';

function ami(over: Partial<AmiSummary>): AmiSummary {
  return {
    imageId: 'ami-00000000000000000',
    name: 'image',
    description: null,
    ownerId: '111111111111',
    ownerAlias: null,
    state: 'available',
    architecture: 'x86_64',
    platform: 'Linux/UNIX',
    rootDeviceType: 'ebs',
    virtualizationType: 'hvm',
    creationDate: '2025-01-01T00:00:00.000Z',
    deprecationTime: null,
    public: false,
    encrypted: false,
    tags: [],
    account: 'acc-1',
    region: 'eu-west-1',
    ...over,
  };
}

const NOW = Date.parse('2025-06-01T00:00:00Z');
const ctx: SortContext = { now: NOW, ownerNames: new Map([['222222222222', 'prod-eu']]) };

describe('display state', () => {
  it('shows available images past their deprecation time as deprecated', () => {
    expect(displayState(ami({ deprecationTime: '2025-05-01T00:00:00Z' }), NOW)).toBe('deprecated');
    expect(displayState(ami({ deprecationTime: '2025-07-01T00:00:00Z' }), NOW)).toBe('available');
    expect(displayState(ami({ state: 'failed', deprecationTime: '2025-05-01T00:00:00Z' }), NOW)).toBe('failed');
  });
  it('gives every state a tone', () => {
    expect(stateTone('available')).toBe('success');
    expect(stateTone('pending')).toBe('info');
    expect(stateTone('failed')).toBe('danger');
    expect(stateTone('deprecated')).toBe('warning');
    expect(stateTone('deregistered')).toBe('neutral');
  });
});

describe('owners', () => {
  it('names owners by our account names, then AWS aliases, then the formatted id', () => {
    const accounts = [{ awsAccountId: '222222222222', name: 'prod-eu' }, { awsAccountId: null, name: 'new' }] as AccountSummary[];
    const names = accountNamesByAwsId(accounts);
    expect(ownerLabel(ami({ ownerId: '222222222222' }), names)).toBe('prod-eu');
    expect(ownerLabel(ami({ ownerId: '137112412989', ownerAlias: 'amazon' }), names)).toBe('amazon');
    expect(ownerLabel(ami({ ownerId: '333333333333' }), names)).toBe('3333-3333-3333');
  });
});

describe('sorting', () => {
  const a = ami({ imageId: 'ami-0a', name: 'build-9', creationDate: '2025-03-01T00:00:00Z', encrypted: true });
  const b = ami({ imageId: 'ami-0b', name: 'build-10', creationDate: '2025-05-01T00:00:00Z' });
  const c = ami({ imageId: 'ami-0c', name: 'Alpha', creationDate: null, ownerId: '222222222222' });
  const ids = (list: AmiSummary[]) => list.map((i) => i.imageId);

  it('defaults to newest first, undated last', () => {
    expect(DEFAULT_SORT).toEqual({ key: 'creationDate', direction: 'desc' });
    expect(ids(sortImages([a, c, b], DEFAULT_SORT, ctx))).toEqual(['ami-0b', 'ami-0a', 'ami-0c']);
    expect(ids(sortImages([a, c, b], { key: 'creationDate', direction: 'asc' }, ctx))).toEqual(['ami-0a', 'ami-0b', 'ami-0c']);
  });
  it('sorts names naturally and case-insensitively', () => {
    expect(ids(sortImages([a, b, c], { key: 'name', direction: 'asc' }, ctx))).toEqual(['ami-0c', 'ami-0a', 'ami-0b']);
    expect(ids(sortImages([a, b, c], { key: 'name', direction: 'desc' }, ctx))).toEqual(['ami-0b', 'ami-0a', 'ami-0c']);
  });
  it('sorts by owner name and flags, breaking ties by date', () => {
    expect(ids(sortImages([a, b, c], { key: 'owner', direction: 'asc' }, ctx))[0]).toBe('ami-0b');
    expect(ids(sortImages([a, b, c], { key: 'encrypted', direction: 'desc' }, ctx))).toEqual(['ami-0a', 'ami-0b', 'ami-0c']);
  });
  it('does not mutate its input', () => {
    const input = [a, b, c];
    sortImages(input, { key: 'name', direction: 'asc' }, ctx);
    expect(ids(input)).toEqual(['ami-0a', 'ami-0b', 'ami-0c']);
  });
  it('flips the active column and starts others in their natural direction', () => {
    expect(nextSort(DEFAULT_SORT, 'creationDate')).toEqual({ key: 'creationDate', direction: 'asc' });
    expect(nextSort(DEFAULT_SORT, 'name')).toEqual({ key: 'name', direction: 'asc' });
    expect(nextSort({ key: 'name', direction: 'asc' }, 'name')).toEqual({ key: 'name', direction: 'desc' });
  });
  it('stays fast on ten thousand images', () => {
    const many = Array.from({ length: 10_000 }, (_, i) =>
      ami({ imageId: `ami-${i.toString(16).padStart(17, '0')}`, name: `golden-${i % 97}-${i}`, creationDate: new Date(NOW - i * 60_000).toISOString() }),
    );
    const started = performance.now();
    const sorted = sortImages(many, { key: 'name', direction: 'asc' }, ctx);
    expect(sorted).toHaveLength(10_000);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('search', () => {
  const golden = ami({ imageId: 'ami-0123abcd', name: 'golden-al2023', description: 'Hardened Amazon Linux', tags: [{ key: 'Env', value: 'prod' }] });
  const other = ami({ imageId: 'ami-0999ffff', name: 'ubuntu-22.04', tags: [{ key: 'Env', value: 'dev' }] });

  it('splits the query into lower-case terms', () => {
    expect(parseQuery('  Golden   ARM64 ')).toEqual(['golden', 'arm64']);
  });
  it('matches what the rows show — name, id, description, tags, architecture, region — all terms required', () => {
    const rows = [listedRow(golden, undefined, 'owned'), listedRow(other, undefined, 'owned')];
    const [g, o] = rows as [AmiRow, AmiRow];
    expect(filterImages(rows, 'GOLDEN', NO_NAMES)).toEqual([g]);
    expect(filterImages(rows, 'ami-0999', NO_NAMES)).toEqual([o]);
    expect(filterImages(rows, 'hardened linux', NO_NAMES)).toEqual([g]);
    expect(filterImages(rows, 'env=dev', NO_NAMES)).toEqual([o]);
    expect(filterImages(rows, 'golden dev', NO_NAMES)).toEqual([]);
    // What the Arch and Region columns show finds the row too (it did not before).
    expect(filterImages(rows, `${golden.architecture} ${golden.region}`, NO_NAMES)).toEqual(rows);
    expect(filterImages([listedRow({ ...golden, architecture: 'arm64' }, undefined, 'owned'), o], 'arm64', NO_NAMES).map((r) => r.imageId)).toEqual([golden.imageId]);
  });
  it('returns the same list for an empty query', () => {
    const list = [listedRow(golden, undefined, 'owned')];
    expect(filterImages(list, '   ', NO_NAMES)).toBe(list);
  });
  it('takes who may launch an image from the inventory, and never calls it private without one', () => {
    const known = { ...listedRow(golden, undefined, 'owned'), launchPermission: 'organization' as const, sharedWith: ['arn:aws:organizations::1:organization/o-1', '222222222222'] };
    expect(listedRow(golden, known, 'owned')).toMatchObject({ launchPermission: 'organization', sharedWith: known.sharedWith });
    expect(listedRow(golden, undefined, 'owned').launchPermission).toBeNull();
    expect(listedRow({ ...golden, public: true }, undefined, 'owned').launchPermission).toBe('public');
  });
});

describe('keyboard movement', () => {
  it('moves within bounds', () => {
    expect(nextIndex(3, 'j', 10, 5)).toBe(4);
    expect(nextIndex(3, 'ArrowUp', 10, 5)).toBe(2);
    expect(nextIndex(9, 'ArrowDown', 10, 5)).toBe(9);
    expect(nextIndex(0, 'k', 10, 5)).toBe(0);
    expect(nextIndex(3, 'End', 10, 5)).toBe(9);
    expect(nextIndex(3, 'Home', 10, 5)).toBe(0);
    expect(nextIndex(3, 'PageDown', 10, 5)).toBe(8);
    expect(nextIndex(3, 'PageUp', 10, 5)).toBe(0);
  });
  it('starts from an edge when nothing is selected and ignores other keys', () => {
    expect(nextIndex(-1, 'j', 10, 5)).toBe(0);
    expect(nextIndex(-1, 'k', 10, 5)).toBe(9);
    expect(nextIndex(2, 'x', 10, 5)).toBeNull();
    expect(nextIndex(-1, 'j', 0, 5)).toBeNull();
  });
});
