import { describe, expect, it } from 'vitest';
import { highlightRanges, scoreToken, SCORE_EXACT, SCORE_PREFIX, SCORE_SUBSTRING, SCORE_WORD_PREFIX } from '../../renderer/lib/fuzzy';
import { AMI_RESULT_LIMIT, initialActiveIndex, matchCandidate, parseAmiQuery, rankSwitch, searchAmis, switchCandidates, type SwitchCandidate } from '../../renderer/lib/quickSwitch';
import { parseRecent, pushRecent, RECENT_LIMIT } from '../../renderer/lib/recent';
import { KNOWN_REGIONS } from '../../renderer/lib/regions';
import type { AccountSummary, Workspace } from '../../shared/model';
import type { AmiRow } from '../../shared/ami-rows';
import { amiRow } from './renderer-fixtures';

const account = (id: string, name: string, clientId: string, extra: Partial<AccountSummary> = {}) =>
  ({ id, name, clientId, alias: null, awsAccountId: null, favoriteRegions: [], defaultRegion: 'eu-west-1', production: false, ...extra }) as AccountSummary;

const workspace: Workspace = {
  clients: [
    { id: 'acme', name: 'Acme', color: '#f00', production: false },
    { id: 'globex', name: 'Globex', color: '#0f0', production: false },
  ],
  accounts: [
    account('a-prod', 'prod-eu', 'acme', { alias: 'acme-prod-main', awsAccountId: '111122223333', favoriteRegions: ['eu-central-1'] }),
    account('a-dev', 'dev-eu', 'acme', { alias: 'acme-dev', awsAccountId: '111122224444' }),
    account('g-prod', 'production', 'globex', { awsAccountId: '999988887777' }),
    account('g-data', 'data-lake', 'globex', { awsAccountId: '999988886666', defaultRegion: 'us-east-1' }),
  ],
  demo: false,
      userAccountCount: 0,
  keychain: { available: true, reason: null, sessionOnly: false },
};
const candidates = switchCandidates(workspace, {}, {});
const ids = (query: string, recent: string[] = []) => rankSwitch(candidates, query, recent).map((m) => m.account.id);

describe('fuzzy token scores', () => {
  it('orders exact > prefix > word prefix > substring > scattered', () => {
    expect(scoreToken('prod-eu', 'prod-eu')).toBe(SCORE_EXACT);
    expect(scoreToken('prod', 'prod-eu')).toBe(SCORE_PREFIX);
    expect(scoreToken('eu', 'prod-eu')).toBe(SCORE_WORD_PREFIX);
    expect(scoreToken('rod', 'prod-eu')).toBe(SCORE_SUBSTRING);
    const scattered = scoreToken('pdeu', 'prod-eu');
    expect(scattered).toBeGreaterThan(0);
    expect(scattered).toBeLessThan(SCORE_SUBSTRING);
  });
  it('is case-insensitive and treats camelCase and digits as word starts', () => {
    expect(scoreToken('PROD', 'prod-eu')).toBe(SCORE_PREFIX);
    expect(scoreToken('eu', 'prodEu')).toBe(SCORE_WORD_PREFIX);
    expect(scoreToken('2', 'dev2')).toBe(SCORE_WORD_PREFIX);
  });
  it('refuses noise: single letters out of order, and widely scattered letters', () => {
    expect(scoreToken('x', 'prod-eu')).toBe(0);
    expect(scoreToken('pu', 'p-------------------u')).toBe(0);
    expect(scoreToken('', 'prod')).toBe(0);
  });
  it('highlights what matched', () => {
    expect(highlightRanges(['prod', 'eu'], 'prod-eu')).toEqual([
      [0, 4],
      [5, 7],
    ]);
    expect(highlightRanges(['pe'], 'prod-eu')).toEqual([
      [0, 1],
      [5, 6],
    ]);
  });
});

describe('quick switcher ranking', () => {
  it('matches every word across client, name and alias', () => {
    expect(ids('acme prod')).toEqual(['a-prod']);
    expect(ids('globex prod')).toEqual(['g-prod']);
    expect(ids('main')).toEqual(['a-prod']);
    expect(ids('nothing-like-this')).toEqual([]);
  });
  it('finds accounts by id, with or without dashes, whole or in part', () => {
    expect(ids('111122223333')).toEqual(['a-prod']);
    expect(ids('1111-2222-3333')).toEqual(['a-prod']);
    expect(ids('1111-2222')).toEqual(['a-prod', 'a-dev']);
    expect(ids('8886')).toEqual(['g-data']);
    expect(ids('12')).toEqual([]); // too short to mean an id, and no name contains it
  });
  it('takes a region word as the region to switch to', () => {
    const [m] = rankSwitch(candidates, 'acme prod eu-west', []);
    expect(m?.account.id).toBe('a-prod');
    expect(m?.region).toBe('eu-west-1');
    expect(rankSwitch(candidates, 'prod-eu eu-west-2', [])[0]?.region).toBe('eu-west-2');
    expect(rankSwitch(candidates, 'data euw2', [])[0]?.region).toBe('eu-west-2');
    expect(rankSwitch(candidates, 'prod-eu', [])[0]?.region).toBeNull();
  });
  it('prefers the account’s favourite, then its default, among the regions a word can mean', () => {
    expect(rankSwitch(candidates, 'prod-eu eu-', [])[0]?.region).toBe('eu-central-1');
    expect(rankSwitch(candidates, 'data us-', [])[0]?.region).toBe('us-east-1');
  });
  it('offers only enabled regions once the account’s list is known', () => {
    const known = switchCandidates(
      workspace,
      { 'a-dev': { regions: [{ name: 'eu-west-1', optInStatus: 'x', enabled: true, favorite: false }, { name: 'ap-east-1', optInStatus: 'not-opted-in', enabled: false, favorite: false }] } },
      {},
    );
    const dev = known.find((c) => c.account.id === 'a-dev')!;
    expect(matchCandidate(['dev', 'ap-east-1'], dev)).toBeNull();
    expect(matchCandidate(['dev', 'eu-west-1'], dev)?.region).toBe('eu-west-1');
  });
  it('lists recent accounts first, then the rest in sidebar order, for an empty query', () => {
    expect(ids('', ['g-data', 'a-dev'])).toEqual(['g-data', 'a-dev', 'a-prod', 'g-prod']);
    expect(rankSwitch(candidates, '', ['g-data']).map((m) => m.recent)).toEqual([true, false, false, false]);
  });
  it('lets a recent account lead only when it matches about as well as the best', () => {
    // "prod": prod-eu (prefix) and production (prefix) tie; the recent one leads.
    expect(ids('prod', ['g-prod'])).toEqual(['g-prod', 'a-prod']);
    // A weak scattered hit on a recent account does not jump ahead of a strong match.
    const tools = { ...workspace, accounts: [...workspace.accounts, account('t', 'dl-tools', 'globex')] };
    const ranked = rankSwitch(switchCandidates(tools, {}, {}), 'dl', ['g-data']);
    expect(ranked.map((m) => [m.account.id, m.recent])).toEqual([
      ['t', false],
      ['g-data', false],
    ]);
  });
  it('pre-selects the previous account when the current one heads an empty list', () => {
    const matches = rankSwitch(candidates, '', ['a-dev', 'a-prod']);
    expect(initialActiveIndex(matches, '', 'a-dev')).toBe(1);
    expect(initialActiveIndex(matches, 'x', 'a-dev')).toBe(0);
    expect(initialActiveIndex([], '', null)).toBe(-1);
  });
  it('puts favourites and the last-used region ahead of the rest', () => {
    const [prod] = switchCandidates(workspace, {}, { 'a-prod': 'ap-south-1' });
    expect(prod?.regions.slice(0, 3)).toEqual(['eu-central-1', 'ap-south-1', 'eu-west-1']);
    expect(new Set(prod?.regions)).toEqual(new Set(KNOWN_REGIONS));
  });
  it('types the candidates it builds', () => {
    const c: SwitchCandidate | undefined = candidates[0];
    expect(c?.clientName).toBe('Acme');
  });
});

describe('recent accounts', () => {
  it('keeps ids only, newest first, without duplicates, and few', () => {
    let list: string[] = [];
    for (let i = 0; i < RECENT_LIMIT + 3; i++) list = pushRecent(list, `a${i}`);
    list = pushRecent(list, 'a5');
    expect(list[0]).toBe('a5');
    expect(list).toHaveLength(RECENT_LIMIT);
    expect(new Set(list).size).toBe(list.length);
  });
  it('reads stored lists defensively', () => {
    expect(parseRecent(null)).toEqual([]);
    expect(parseRecent('{"a":1}')).toEqual([]);
    expect(parseRecent('not json')).toEqual([]);
    expect(parseRecent(JSON.stringify(['a1', 5, 'a1', 'a2', '<script>', 'x'.repeat(100)]))).toEqual(['a1', 'a2']);
  });
});

describe('finding AMIs in the inventory', () => {
  const rows: AmiRow[] = [
    amiRow('ami-0abc1234567890def', { name: 'web-golden-2025-01', creationDate: '2025-01-10T00:00:00Z' }),
    amiRow('ami-0abc1234', { name: 'legacy-base', region: 'us-east-1', creationDate: '2019-01-01T00:00:00Z' }),
    amiRow('ami-0abc9999999999999', { name: 'Golden-Linux-2025-03', creationDate: '2025-03-01T00:00:00Z' }),
    amiRow('ami-0fff0000000000000', { name: 'golden-windows-2024-11', creationDate: '2024-11-01T00:00:00Z' }),
    amiRow('ami-0123456789abcdef0', { name: 'db-golden', account: 'a2', view: 'shared', creationDate: '2025-02-01T00:00:00Z' }),
  ];
  const found = (query: string) => searchAmis(rows, query).rows.map((r) => r.imageId);

  it('puts the exact id first, then the ids it begins', () => {
    expect(found('ami-0abc1234')).toEqual(['ami-0abc1234', 'ami-0abc1234567890def']);
    expect(found('AMI-0ABC')).toEqual(['ami-0abc9999999999999', 'ami-0abc1234567890def', 'ami-0abc1234']);
  });

  it('reads the id out of a pasted ARN or sentence, and ignores names while it does', () => {
    expect(found('arn:aws:ec2:eu-west-1::image/ami-0123456789abcdef0')).toEqual(['ami-0123456789abcdef0']);
    expect(found('  ami-0fff0000000000000 ')).toEqual(['ami-0fff0000000000000']);
    expect(found('golden ami-0fff')).toEqual(['ami-0fff0000000000000']);
  });

  it('matches names case-insensitively, names that begin with the query first, newest first within each', () => {
    expect(found('golden')).toEqual(['ami-0abc9999999999999', 'ami-0fff0000000000000', 'ami-0123456789abcdef0', 'ami-0abc1234567890def']);
    // Every word must be in the name.
    expect(found('GOLDEN 2025')).toEqual(['ami-0abc9999999999999', 'ami-0abc1234567890def']);
    expect(found('windows golden')).toEqual(['ami-0fff0000000000000']);
  });

  it('finds an id by a run of its hex digits, too', () => {
    expect(found('abcdef0')).toEqual(['ami-0123456789abcdef0']);
  });

  it('says nothing for queries too short to mean anything, or for a bare "ami-"', () => {
    expect(found('')).toEqual([]);
    expect(found('g')).toEqual([]);
    expect(found('ami-')).toEqual([]);
    expect(found('nothing-like-this')).toEqual([]);
    expect(parseAmiQuery('ami-')).toBeNull();
    expect(parseAmiQuery('prod eu')?.kind).toBe('name');
  });

  it('lists a few of many, and says how many matched', () => {
    const many = Array.from({ length: 30 }, (_, i) => amiRow(`ami-0${String(i).padStart(8, '0')}`, { name: `base-${i}`, creationDate: `2025-01-${String((i % 28) + 1).padStart(2, '0')}T00:00:00Z` }));
    const result = searchAmis(many, 'base');
    expect(result.rows).toHaveLength(AMI_RESULT_LIMIT);
    expect(result.total).toBe(30);
    // The best eight are the eight a full sort would put first.
    const sorted = [...many].sort((a, b) => (b.creationDate ?? '').localeCompare(a.creationDate ?? '') || a.name.localeCompare(b.name));
    expect(result.rows.map((r) => r.name)).toEqual(sorted.slice(0, AMI_RESULT_LIMIT).map((r) => r.name));
  });

  it('keeps a keystroke well under 50 ms over 100,000 rows', () => {
    const hex = (n: number) => n.toString(16).padStart(17, '0');
    const many = Array.from({ length: 100_000 }, (_, i) =>
      amiRow(`ami-${hex(i * 7919)}`, { name: `app-${i % 997}-Build-${i}`, region: `eu-west-${(i % 3) + 1}`, creationDate: `2025-01-01T00:00:${String(i % 60).padStart(2, '0')}Z` }),
    );
    const target = many[73_210]!;
    // Every kind of keystroke: an exact id, an id prefix, a common name, a rare name, no match.
    const queries = [target.imageId, target.imageId.slice(0, 9), 'build', 'app-996-build-99', 'no-such-image'];
    // Warm both paths first: a keystroke in the app runs warm code after the first.
    searchAmis(many, 'warm up');
    searchAmis(many, 'ami-f');
    const times: number[] = [];
    for (const query of queries) {
      // The best of three: what the search costs, not what other work on a busy machine took from it.
      let best = Infinity;
      for (let round = 0; round < 3; round++) {
        const t = performance.now();
        const result = searchAmis(many, query);
        best = Math.min(best, performance.now() - t);
        expect(result.total).toBeGreaterThanOrEqual(query === 'no-such-image' ? 0 : 1);
      }
      times.push(best);
    }
    expect(searchAmis(many, target.imageId).rows[0]?.imageId).toBe(target.imageId);
    times.sort((a, b) => a - b);
    // The median, so one garbage collection does not fail the run.
    expect(times[Math.floor(times.length / 2)]).toBeLessThan(50);
  });
});
