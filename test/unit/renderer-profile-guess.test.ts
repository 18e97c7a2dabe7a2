/** The client an AWS CLI profile import guesses: account ids first, then names. */
import { describe, expect, it } from 'vitest';
import { guessClientNames } from '../../renderer/lib/accounts';

const context = {
  clients: [
    { id: 'c-acme', name: 'Acme' },
    { id: 'c-globex', name: 'Globex' },
    { id: 'c-initech', name: 'Initech' },
  ],
  accounts: [
    { awsAccountId: '111111111111', clientId: 'c-initech' },
    { awsAccountId: null, clientId: 'c-acme' },
  ],
};

const profile = (name: string, expectedAccountId: string | null, chain: string[] = [name]) => ({ name, chain, ssoStartUrl: null, expectedAccountId });

describe('guessing the client of imported profiles', () => {
  it('gives a profile into an account of the workspace that account’s client, whatever its name says', () => {
    const guesses = guessClientNames([profile('acme-admin', '111111111111'), profile('ops', '111111111111')], context);
    expect(guesses.get('acme-admin')).toBe('Initech');
    expect(guesses.get('ops')).toBe('Initech');
  });

  it('gives two profiles into one new account the client one of their names gives', () => {
    const guesses = guessClientNames([profile('readonly', '222222222222'), profile('globex-sandbox-admin', '222222222222'), profile('other', '333333333333')], context);
    expect(guesses.get('readonly')).toBe('Globex');
    expect(guesses.get('globex-sandbox-admin')).toBe('Globex');
    expect(guesses.get('other')).toBeNull();
  });

  it('takes what the names say most, the first one on a tie', () => {
    const most = guessClientNames([profile('acme-a', '2'), profile('globex-b', '2'), profile('globex-c', '2')], context);
    expect([...new Set(most.values())]).toEqual(['Globex']);
    const tie = guessClientNames([profile('acme-a', '2'), profile('globex-b', '2')], context);
    expect([...new Set(tie.values())]).toEqual(['Acme']);
  });

  it('follows the client typed for one profile in the others into the same account', () => {
    const profiles = [profile('unrelated-admin', '444444444444'), profile('unrelated-readonly', '444444444444'), profile('acme-x', '444444444444')];
    const typed = new Map([['unrelated-readonly', 'Umbrella']]);
    const guesses = guessClientNames(profiles, context, typed);
    expect(guesses.get('unrelated-admin')).toBe('Umbrella');
    expect(guesses.get('acme-x')).toBe('Umbrella');
    // Blank typing is no choice.
    expect(guessClientNames(profiles, context, new Map([['unrelated-readonly', '  ']])).get('unrelated-admin')).toBe('Acme');
    // An account of the workspace keeps its own client.
    expect(guessClientNames([profile('x', '111111111111'), profile('y', '111111111111')], context, new Map([['x', 'Umbrella']])).get('y')).toBe('Initech');
  });

  it('falls back on names for a profile whose account is not known before a call', () => {
    const guesses = guessClientNames([profile('globex-keys', null), profile('keys', null, ['keys']), profile('via', null, ['via', 'acme-root'])], context);
    expect(guesses.get('globex-keys')).toBe('Globex');
    expect(guesses.get('keys')).toBeNull();
    expect(guesses.get('via')).toBe('Acme');
  });
});
