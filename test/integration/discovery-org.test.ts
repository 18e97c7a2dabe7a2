/**
 * Accounts discovered from AWS Organizations through the management account's key, against the
 * emulator: every account with its OU path and status; 20 added through
 * OrganizationAccountAccessRole, each verified; a suspended one skipped; a member refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator';
import type { AppCore } from '../../electron/core/app-core';
import { coreOver } from './core-fixture';
import { AppError } from '../../shared/errors';

let emulator: RunningEmulator;
let core: AppCore;

async function addKey(accountName: string): Promise<string> {
  const who = emulator.identities.find((i) => i.accountName === accountName)!;
  const added = await core.handlers['accounts:addAccessKey']({
    name: accountName,
    clientName: 'Acme Corp',
    accessKeyId: who.accessKeyId,
    secretAccessKey: who.secretAccessKey,
    defaultRegion: 'us-east-1',
    endpoint: emulator.url,
  });
  return added.account;
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, ssoDirectory: { accounts: 30 } });
  core = coreOver(emulator, {
    maxAttempts: 2,
  });
});

afterAll(async () => {
  await core?.close();
  await emulator?.close();
});

describe('discovering accounts from AWS Organizations', () => {
  it('lists every account of the organization with its OU path and status, marking those the workspace has', async () => {
    const management = await addKey('acme-production');
    const suspended = emulator.sso.accounts.find((a) => a.accountName === 'directory-005')!;
    emulator.setOrganizationStatus(suspended.accountId, 'SUSPENDED');
    const org = await core.handlers['discovery:orgAccounts']({ account: management });
    expect(org.accounts).toHaveLength(32);
    const staging = org.accounts.find((a) => a.name === 'acme-staging')!;
    expect(staging).toMatchObject({ status: 'ACTIVE', ouPath: ['Workloads', 'NonProd'], inWorkspace: null });
    expect(org.accounts.find((a) => a.name === 'acme-production')?.inWorkspace?.account).toBe(management);
    expect(org.accounts.find((a) => a.awsAccountId === suspended.accountId)?.status).toBe('SUSPENDED');
  });

  it('adds 20 accounts through OrganizationAccountAccessRole, each verified; a suspended one is skipped and said', async () => {
    const ws = await core.handlers['workspace:get']({});
    const management = ws.accounts.find((a) => a.name === 'acme-production')!.id;
    const org = await core.handlers['discovery:orgAccounts']({ account: management });
    const picked = org.accounts.filter((a) => a.name.startsWith('directory-') && a.status === 'ACTIVE').slice(0, 20);
    const suspended = org.accounts.find((a) => a.status === 'SUSPENDED')!;
    const { results, workspace } = await core.handlers['discovery:orgAdd']({
      account: management,
      roleName: 'OrganizationAccountAccessRole',
      // The first five as production (the page does it for accounts under a production OU).
      accounts: [...picked, suspended].map((a, i) => ({ awsAccountId: a.awsAccountId, name: a.name, clientName: 'Acme Corp', ...(i < 5 ? { production: true } : {}) })),
    });
    expect(results.filter((r) => r.verified && r.error === null).map((r) => r.awsAccountId)).toEqual(picked.map((a) => a.awsAccountId));
    expect(results.at(-1)).toMatchObject({ awsAccountId: suspended.awsAccountId, account: null, error: { message: expect.stringContaining('suspended') } });
    const added = workspace.accounts.filter((a) => picked.some((p) => p.awsAccountId === a.awsAccountId));
    expect(added).toHaveLength(20);
    expect(added.every((a) => a.paths[0]?.roleArn?.endsWith(':role/OrganizationAccountAccessRole'))).toBe(true);
    const production = new Set(picked.slice(0, 5).map((a) => a.awsAccountId));
    expect(added.map((a) => [a.name, a.production]).sort()).toEqual(picked.map((a) => [a.name, production.has(a.awsAccountId)]).sort());
  });

  it('a member account is told which account can list the organization', async () => {
    const member = await addKey('acme-staging');
    const error = await core.handlers['discovery:orgAccounts']({ account: member }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'ACCESS_DENIED', message: expect.stringContaining('only the management account') });
  });

  it('bulk roles: one source path, the same role name in several accounts, each verified; a wrong one says the fix', async () => {
    const hub = await addKey('initech-shared-services');
    const source = (await core.handlers['workspace:get']({})).accounts.find((a) => a.id === hub)!.paths[0]!.id;
    const targets = ['globex-prod', 'globex-dev', 'initech-sandbox'].map((name) => emulator.identities.find((i) => i.accountName === name)!);
    const { results, workspace } = await core.handlers['discovery:bulkRoles']({
      sourcePath: source,
      roleName: 'OrganizationAccountAccessRole',
      accounts: [...targets.map((t) => ({ awsAccountId: t.accountId, name: t.accountName, clientName: 'Managed' })), { awsAccountId: '123456789012', name: 'nowhere', clientName: 'Managed' }],
    });
    expect(results.slice(0, 3).map((r) => [r.name, r.verified, r.error])).toEqual(targets.map((t) => [t.accountName, true, null]));
    expect(results[3]).toMatchObject({ account: null, verified: false, error: { message: expect.stringContaining('Check that OrganizationAccountAccessRole exists in 123456789012') } });
    // One fix, the specific one: not the generic trust-policy hint as well.
    expect(results[3]!.error!.message).not.toContain("Check the role's trust policy");
    expect(workspace.accounts.filter((a) => targets.some((t) => t.accountId === a.awsAccountId)).map((a) => a.paths[0]?.roleArn).sort()).toEqual(
      targets.map((t) => `arn:aws:iam::${t.accountId}:role/OrganizationAccountAccessRole`).sort(),
    );
    expect(workspace.accounts.some((a) => a.name === 'nowhere')).toBe(false);
  });
});
