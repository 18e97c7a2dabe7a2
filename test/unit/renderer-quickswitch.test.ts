import { describe, expect, it } from 'vitest';
import { highlightRanges, scoreToken, SCORE_EXACT, SCORE_PREFIX, SCORE_SUBSTRING, SCORE_WORD_PREFIX } from '../../renderer/lib/fuzzy';
import { initialActiveIndex, matchCandidate, rankSwitch, switchCandidates, type SwitchCandidate } from '../../renderer/lib/quickSwitch';
import { parseRecent, pushRecent, RECENT_LIMIT } from '../../renderer/lib/recent';
import { KNOWN_REGIONS } from '../../renderer/lib/regions';
import type { AccountSummary, Workspace } from '../../shared/model';

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
