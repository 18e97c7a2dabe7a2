/** Adding accounts in bulk, the page's side: pasted account lines, the organization's table, the results' words. */
import { describe, expect, it } from 'vitest';
import type { OrgAccount } from '../../shared/contract';
import { filterOrgAccounts, inProductionOu, isSelectable, ouPathText, parseAccountLines, resultsSummary, unavailableReason } from '../../renderer/features/discovery/bulkAccounts';

describe('account lines', () => {
  it('reads an id then a name, separated by spaces, a comma, a semicolon or a tab; ids may be written as the app shows them', () => {
    const parsed = parseAccountLines(['123456789012 acme prod', '234567890123,acme-staging', '  345678901234 ; "quoted name" ', '4567-8901-2345\tsheet', '', '# a comment'].join('\n'));
    expect(parsed.issues).toEqual([]);
    expect(parsed.accounts).toEqual([
      { awsAccountId: '123456789012', name: 'acme prod', line: 1 },
      { awsAccountId: '234567890123', name: 'acme-staging', line: 2 },
      { awsAccountId: '345678901234', name: 'quoted name', line: 3 },
      { awsAccountId: '456789012345', name: 'sheet', line: 4 },
    ]);
  });

  it('says what is wrong with each line, in words, by its line number', () => {
    const parsed = parseAccountLines(['12345678901 short', 'prod-account 123456789012', '123456789012', '123456789012 ok', '1234-5678-9012 again', `234567890123 ${'x'.repeat(101)}`].join('\n'));
    expect(parsed.accounts.map((a) => a.line)).toEqual([4]);
    expect(parsed.issues).toEqual([
      'Line 1: 12345678901 has 11 digits; an AWS account id has 12.',
      'Line 2: “prod-account” is not an AWS account id (12 digits, then the name).',
      'Line 3: add a name after the account id, e.g. “123456789012 production”.',
      'Line 5: 1234-5678-9012 is already on line 4.',
      'Line 6: the name is 101 characters; at most 100.',
    ]);
  });

  it('notes an account the workspace has (the role joins it) without refusing it', () => {
    const parsed = parseAccountLines('123456789012 hub', [{ awsAccountId: '123456789012', name: 'shared services' }]);
    expect(parsed.issues).toEqual([]);
    expect(parsed.notes).toEqual(['Line 1: 1234-5678-9012 is shared services in your workspace; the role becomes another way into it.']);
  });

  it('refuses more accounts than one request takes', () => {
    const text = Array.from({ length: 501 }, (_, i) => `${String(100000000000 + i)} a${i}`).join('\n');
    expect(parseAccountLines(text).issues).toEqual(['501 accounts listed; at most 500 at a time.']);
  });
});

describe("an organization's accounts", () => {
  const account = (over: Partial<OrgAccount>): OrgAccount => ({ awsAccountId: '111122223333', name: 'acme-prod', email: 'prod@acme.example', status: 'ACTIVE', ouPath: ['Workloads', 'Prod'], inWorkspace: null, ...over });
  const accounts = [
    account({}),
    account({ awsAccountId: '444455556666', name: 'acme-staging', email: 'staging@acme.example', ouPath: ['Workloads', 'NonProd'] }),
    account({ awsAccountId: '777788889999', name: 'old', email: 'old@acme.example', status: 'SUSPENDED', ouPath: [] }),
  ];

  it('filters by every word typed, over name, id (either way written), email and OU path', () => {
    expect(filterOrgAccounts(accounts, '').map((a) => a.name)).toEqual(['acme-prod', 'acme-staging', 'old']);
    expect(filterOrgAccounts(accounts, 'workloads nonprod').map((a) => a.name)).toEqual(['acme-staging']);
    expect(filterOrgAccounts(accounts, '4444-5555').map((a) => a.name)).toEqual(['acme-staging']);
    expect(filterOrgAccounts(accounts, '777788889999').map((a) => a.name)).toEqual(['old']);
    expect(filterOrgAccounts(accounts, 'PROD@').map((a) => a.name)).toEqual(['acme-prod']);
    expect(filterOrgAccounts(accounts, 'root').map((a) => a.name)).toEqual(['old']);
  });

  it('lets only active accounts the workspace lacks be picked, and says why the others cannot', () => {
    const known = account({ inWorkspace: { account: 'a1', accountName: 'prod (ours)' } });
    expect(isSelectable(accounts[0]!)).toBe(true);
    expect(isSelectable(accounts[2]!)).toBe(false);
    expect(isSelectable(known)).toBe(false);
    expect(unavailableReason(accounts[0]!)).toBeNull();
    expect(unavailableReason(accounts[2]!)).toMatch(/^Suspended/);
    expect(unavailableReason(known)).toBe('In your workspace as prod (ours)');
    expect(unavailableReason(account({ status: 'PENDING_CLOSURE' }))).toBe('Pending closure: not usable yet');
    expect(ouPathText(['Workloads', 'Prod'])).toBe('Workloads / Prod');
    expect(ouPathText([])).toBe('Root');
  });

  it('sums up the results', () => {
    const ok = { verified: true, account: 'a' };
    const kept = { verified: false, account: 'b' };
    const refused = { verified: false, account: null };
    expect(resultsSummary([ok, ok, kept, refused])).toBe('2 accounts added and verified, 1 added but not verified yet, 1 not added.');
    expect(resultsSummary([refused])).toBe('1 account not added.');
    expect(resultsSummary([kept, refused, refused])).toBe('1 account added but not verified yet, 2 not added.');
  });
});

describe('production OUs', () => {
  it('takes Prod, Production and prd at any depth, as a word, not inside another word', () => {
    const under = (...ouPath: string[]) => inProductionOu({ ouPath });
    expect(under('Workloads', 'Prod')).toBe(true);
    expect(under('Production')).toBe(true);
    expect(under('Workloads', 'prd-eu', 'Web')).toBe(true);
    expect(under('Workloads', 'NonProd')).toBe(false);
    expect(under('Products')).toBe(false);
    expect(under()).toBe(false);
  });
});
