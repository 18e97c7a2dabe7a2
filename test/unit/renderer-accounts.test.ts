import { describe, expect, it } from 'vitest';
import { confirmEnabled, phraseMatches, requiredPhrases } from '../../renderer/lib/confirm';
import { guessClientName, isImportable, issuesByRow, looksLikeProduction, findPath, pathsInWords } from '../../renderer/lib/accounts';
import { groupRegions, isRegionToken, preferredRegion, regionCode, regionsMatching, toggleFavorite } from '../../renderer/lib/regions';
import type { Workspace } from '../../shared/model';
import { accountSummary } from './renderer-fixtures';

describe('production guard', () => {
  const prod = { id: 'p', name: 'prod-eu', production: true };
  const prod2 = { id: 'q', name: 'Prod-US', production: true };
  const dev = { id: 'd', name: 'dev', production: false };

  it('asks for nothing when no production account is involved', () => {
    expect(requiredPhrases([dev])).toEqual([]);
    expect(confirmEnabled([], [])).toBe(true);
  });
  it('asks for the name of every production account, once each', () => {
    expect(requiredPhrases([dev, prod, prod2, prod])).toEqual(['prod-eu', 'Prod-US']);
  });
  it('enables the button only once every name is typed', () => {
    const phrases = requiredPhrases([prod, prod2]);
    expect(confirmEnabled(phrases, [])).toBe(false);
    expect(confirmEnabled(phrases, ['prod-eu'])).toBe(false);
    expect(confirmEnabled(phrases, ['prod-eu', 'prod-u'])).toBe(false);
    expect(confirmEnabled(phrases, ['prod-us', 'prod-eu'])).toBe(false); // each in its own box
    expect(confirmEnabled(phrases, [' PROD-EU ', 'prod-us'])).toBe(true);
  });
  it('does not accept a partial or padded-inside name', () => {
    expect(phraseMatches('prod', 'prod-eu')).toBe(false);
    expect(phraseMatches('prod -eu', 'prod-eu')).toBe(false);
    expect(phraseMatches(undefined, 'prod-eu')).toBe(false);
  });
  it('uses explicit phrases instead when given', () => {
    expect(requiredPhrases([prod], ['Acme'])).toEqual(['Acme']);
    expect(requiredPhrases([prod], ['  '])).toEqual([]);
  });
});

describe('regions', () => {
  it('abbreviates regions the way engineers do', () => {
    expect(regionCode('eu-west-1')).toBe('euw1');
    expect(regionCode('ap-southeast-2')).toBe('apse2');
    expect(regionCode('us-gov-west-1')).toBe('usgw1');
  });
  it('recognises region words but not bare prefixes', () => {
    expect(isRegionToken('eu-west')).toBe(true);
    expect(isRegionToken('eu-')).toBe(true);
    expect(isRegionToken('euw1')).toBe(true);
    expect(isRegionToken('eu')).toBe(false);
    expect(isRegionToken('prod')).toBe(false);
    expect(regionsMatching('eu-west', ['eu-west-1', 'eu-west-2', 'us-west-1'])).toEqual(['eu-west-1', 'eu-west-2']);
    expect(regionsMatching('use1', ['us-east-1', 'us-east-2'])).toEqual(['us-east-1']);
  });
  it('opens an account in its first favourite, else its default', () => {
    expect(preferredRegion({ favoriteRegions: ['eu-central-1', 'eu-west-1'], defaultRegion: 'us-east-1' })).toBe('eu-central-1');
    expect(preferredRegion({ favoriteRegions: [], defaultRegion: 'us-east-1' })).toBe('us-east-1');
  });
  it('groups favourites first, then enabled regions A→Z, then those not enabled', () => {
    const regions = [
      { name: 'us-east-1', enabled: true },
      { name: 'eu-west-1', enabled: true },
      { name: 'ap-east-1', enabled: false },
      { name: 'eu-central-1', enabled: true },
    ];
    const groups = groupRegions(regions, ['eu-west-1', 'ap-east-1'], ['us-east-1']);
    expect(groups.favorites.map((r) => r.name)).toEqual(['eu-west-1']);
    expect(groups.others.map((r) => r.name)).toEqual(['eu-central-1', 'us-east-1']);
    expect(groups.notEnabled).toEqual([{ name: 'ap-east-1', enabled: false, favorite: true }]);
  });
  it('still offers the current region and favourites before the list is known', () => {
    const groups = groupRegions([], ['eu-west-2'], ['eu-west-1', null]);
    expect(groups.favorites.map((r) => r.name)).toEqual(['eu-west-2']);
    expect(groups.others.map((r) => r.name)).toEqual(['eu-west-1']);
  });
  it('stars and unstars without reordering the others', () => {
    expect(toggleFavorite(['a', 'b'], 'c')).toEqual(['a', 'b', 'c']);
    expect(toggleFavorite(['a', 'b', 'c'], 'a')).toEqual(['b', 'c']);
  });
});

describe('account wording and guesses', () => {
  it('finds a path and its account by the path, and says in a few words how an account is reached', () => {
    const one = accountSummary('a');
    const two = accountSummary('b', { paths: [...accountSummary('b').paths, { ...accountSummary('b').paths[0]!, id: 'b-2', label: 'admin' }] });
    const ws = { accounts: [one, two] } as unknown as Workspace;
    expect(findPath(ws, 'b-2')).toMatchObject({ account: { id: 'b' }, path: { label: 'admin' } });
    expect(findPath(ws, 'gone')).toBeNull();
    expect(pathsInWords(one)).toBe('access key …0000');
    expect(pathsInWords(two)).toBe('2 access paths');
    expect(pathsInWords({ paths: [] })).toBe('no access path');
  });
  it('guesses a client only from existing clients, by whole words', () => {
    const clients = [{ name: 'Acme' }, { name: 'Acme Labs' }, { name: 'Globex' }];
    expect(guessClientName({ name: 'acme-prod', chain: ['acme-prod', 'base'], ssoStartUrl: null }, clients)).toBe('Acme');
    expect(guessClientName({ name: 'acme-labs-dev', chain: [], ssoStartUrl: null }, clients)).toBe('Acme Labs');
    expect(guessClientName({ name: 'data', chain: [], ssoStartUrl: 'https://globex.awsapps.com/start' }, clients)).toBe('Globex');
    expect(guessClientName({ name: 'acmecorp', chain: [], ssoStartUrl: null }, clients)).toBeNull();
  });
  it('flags production-looking profile names, erring towards more confirmation', () => {
    expect(looksLikeProduction('acme-prod')).toBe(true);
    expect(looksLikeProduction('production')).toBe(true);
    expect(looksLikeProduction('prd_eu')).toBe(true);
    expect(looksLikeProduction('product-dev')).toBe(false);
    expect(looksLikeProduction('staging')).toBe(false);
  });
  it('offers only profiles without a problem that are not yet imported', () => {
    expect(isImportable({ problem: null, imported: null, kind: 'sso' })).toBe(true);
    expect(isImportable({ problem: 'loop', imported: null, kind: 'assume-role' })).toBe(false);
    expect(isImportable({ problem: null, imported: { path: 'p1', account: 'a1', accountName: 'prod' }, kind: 'static' })).toBe(false);
    expect(isImportable({ problem: null, imported: null, kind: 'unsupported' })).toBe(false);
  });
  it('places list validation issues on their row and field', () => {
    const out = issuesByRow(['profiles.1.name: Too big', 'profiles.1.clientName: Too small', 'profiles: Too small', 'other'], 'profiles');
    expect(out.get(1)).toEqual({ name: ['Too big'], clientName: ['Too small'] });
    expect(out.get(-1)).toEqual({ '': ['profiles: Too small', 'other'] });
  });
});
