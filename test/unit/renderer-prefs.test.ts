import { describe, expect, it } from 'vitest';
import { issuesByField } from '../../renderer/lib/errors';
import { parsePrefs } from '../../renderer/lib/prefs';
import { groupAccounts, orderedAccounts } from '../../renderer/lib/workspace';
import type { AccountSummary, Workspace } from '../../shared/model';

describe('remembered selection', () => {
  it('reads a valid entry', () => {
    const raw = JSON.stringify({ accountId: 'a1', regionByAccount: { a1: 'eu-west-1' }, view: 'shared' });
    expect(parsePrefs(raw)).toEqual({ accountId: 'a1', regionByAccount: { a1: 'eu-west-1' }, view: 'shared' });
  });
  it('falls back safely on missing, corrupt or odd entries', () => {
    expect(parsePrefs(null)).toEqual({ accountId: null, regionByAccount: {}, view: 'owned' });
    expect(parsePrefs('{not json')).toEqual({ accountId: null, regionByAccount: {}, view: 'owned' });
    const odd = JSON.stringify({ accountId: 5, regionByAccount: { a1: 'Not A Region', a2: 'us-east-1' }, view: 'public' });
    expect(parsePrefs(odd)).toEqual({ accountId: null, regionByAccount: { a2: 'us-east-1' }, view: 'owned' });
  });
});

describe('validation issues', () => {
  it('places issues next to their fields', () => {
    const out = issuesByField(
      ['accessKeyId: must be an access key id such as AKIA…', 'secretAccessKey: Too small', 'something else went wrong'],
      ['accessKeyId', 'secretAccessKey'],
    );
    expect(out).toEqual({
      accessKeyId: ['must be an access key id such as AKIA…'],
      secretAccessKey: ['Too small'],
      '': ['something else went wrong'],
    });
  });
});

describe('sidebar order', () => {
  const account = (id: string, clientId: string) => ({ id, name: id, clientId }) as AccountSummary;
  const workspace: Workspace = {
    clients: [
      { id: 'c2', name: 'Globex', color: '#00f', production: false },
      { id: 'c1', name: 'Acme', color: '#f00', production: true },
    ],
    accounts: [account('a1', 'c1'), account('orphan', 'gone'), account('g1', 'c2'), account('a2', 'c1')],
    demo: false,
      userAccountCount: 0,
    keychain: { available: true, reason: null, sessionOnly: false },
  };
  it('groups accounts under clients in client order, orphans last', () => {
    expect(groupAccounts(workspace).map((g) => [g.client?.id ?? null, g.accounts.map((a) => a.id)])).toEqual([
      ['c2', ['g1']],
      ['c1', ['a1', 'a2']],
      [null, ['orphan']],
    ]);
    expect(orderedAccounts(workspace).map((a) => a.id)).toEqual(['g1', 'a1', 'a2', 'orphan']);
  });
});
