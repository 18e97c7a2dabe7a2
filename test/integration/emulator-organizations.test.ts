/**
 * The emulator's AWS Organizations through the real SDK, as the management account sees the
 * organization: every account (paged, with status), where each sits (ListParents up to the
 * root), OU names, accounts and child OUs per OU or root; a member account is refused, and an
 * account in no organization told so, as AWS answers them.
 */
import {
  AccessDeniedException,
  DescribeOrganizationalUnitCommand,
  ListAccountsCommand,
  ListAccountsForParentCommand,
  ListOrganizationalUnitsForParentCommand,
  ListParentsCommand,
  OrganizationsClient,
  paginateListAccounts,
} from '@aws-sdk/client-organizations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator';

let emulator: RunningEmulator;
const clients: OrganizationsClient[] = [];

function as(accountName: string): OrganizationsClient {
  const who = emulator.identities.find((i) => i.accountName === accountName)!;
  const client = new OrganizationsClient({ region: 'us-east-1', endpoint: emulator.url, credentials: { accessKeyId: who.accessKeyId, secretAccessKey: who.secretAccessKey }, maxAttempts: 1 });
  clients.push(client);
  return client;
}

beforeAll(async () => {
  // Acme's organization with 30 more accounts (they join it through the SSO directory).
  emulator = await startEmulator({ port: 0, ssoDirectory: { accounts: 30 } });
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await emulator?.close();
});

describe('AWS Organizations for the management account', () => {
  it('lists every account of the organization over pages of at most 20, with status', async () => {
    const management = as('acme-production');
    const seen: Array<{ Id?: string; Name?: string; Status?: string }> = [];
    let pages = 0;
    for await (const page of paginateListAccounts({ client: management, pageSize: 20 }, {})) {
      pages++;
      seen.push(...(page.Accounts ?? []));
    }
    expect(pages).toBe(2);
    const names = seen.map((a) => a.Name);
    expect(names).toContain('acme-staging');
    expect(names.filter((n) => n?.startsWith('directory-'))).toHaveLength(30);
    expect(names).not.toContain('globex-prod');
    expect(new Set(seen.map((a) => a.Status))).toEqual(new Set(['ACTIVE']));

    const suspended = seen.find((a) => a.Name === 'directory-007')!;
    emulator.setOrganizationStatus(suspended.Id!, 'SUSPENDED');
    const again = (await management.send(new ListAccountsCommand({ MaxResults: 20 }))).Accounts ?? [];
    const more = (await management.send(new ListAccountsCommand({ MaxResults: 20, NextToken: (await management.send(new ListAccountsCommand({ MaxResults: 20 }))).NextToken }))).Accounts ?? [];
    expect([...again, ...more].find((a) => a.Id === suspended.Id)?.Status).toBe('SUSPENDED');
    await expect(management.send(new ListAccountsCommand({ MaxResults: 21 }))).rejects.toMatchObject({ name: 'InvalidInputException' });
  });

  it('says where an account sits: its OU by name, the OU above, then the root', async () => {
    const management = as('acme-production');
    const staging = emulator.identities.find((i) => i.accountName === 'acme-staging')!;
    const [ou] = (await management.send(new ListParentsCommand({ ChildId: staging.accountId }))).Parents ?? [];
    expect(ou).toMatchObject({ Type: 'ORGANIZATIONAL_UNIT', Id: expect.stringMatching(/^ou-[a-z0-9]{4}-[a-z0-9]{8}$/) });
    expect((await management.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: ou!.Id }))).OrganizationalUnit?.Name).toBe('NonProd');
    const [workloads] = (await management.send(new ListParentsCommand({ ChildId: ou!.Id }))).Parents ?? [];
    expect((await management.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: workloads!.Id }))).OrganizationalUnit?.Name).toBe('Workloads');
    const [root] = (await management.send(new ListParentsCommand({ ChildId: workloads!.Id }))).Parents ?? [];
    expect(root).toMatchObject({ Type: 'ROOT', Id: expect.stringMatching(/^r-[a-z0-9]{4}$/) });
    const inOu = (await management.send(new ListAccountsForParentCommand({ ParentId: ou!.Id }))).Accounts ?? [];
    expect(inOu.map((a) => a.Name)).toContain('acme-staging');
    await expect(management.send(new ListParentsCommand({ ChildId: '999999999999' }))).rejects.toMatchObject({ name: 'ChildNotFoundException' });
  });

  it('lists the OUs under a parent, and the accounts in each, down from the root', async () => {
    const management = as('acme-production');
    const staging = emulator.identities.find((i) => i.accountName === 'acme-staging')!;
    const [nonProd] = (await management.send(new ListParentsCommand({ ChildId: staging.accountId }))).Parents ?? [];
    const [workloads] = (await management.send(new ListParentsCommand({ ChildId: nonProd!.Id }))).Parents ?? [];
    const [root] = (await management.send(new ListParentsCommand({ ChildId: workloads!.Id }))).Parents ?? [];
    const top = (await management.send(new ListOrganizationalUnitsForParentCommand({ ParentId: root!.Id }))).OrganizationalUnits ?? [];
    expect(top.map((ou) => ou.Name)).toEqual(['Workloads']);
    expect(top[0]).toMatchObject({ Id: workloads!.Id, Arn: expect.stringMatching(/^arn:aws:organizations::\d{12}:ou\/o-[a-z0-9]+\/ou-/) });
    const children = (await management.send(new ListOrganizationalUnitsForParentCommand({ ParentId: workloads!.Id }))).OrganizationalUnits ?? [];
    expect(children.map((ou) => ou.Name).sort()).toEqual(['NonProd', 'Prod']);
    expect(children.find((ou) => ou.Name === 'NonProd')?.Id).toBe(nonProd!.Id);
    // Workloads holds OUs, not accounts; an OU with no OU under it lists none.
    expect((await management.send(new ListAccountsForParentCommand({ ParentId: workloads!.Id }))).Accounts ?? []).toEqual([]);
    expect((await management.send(new ListOrganizationalUnitsForParentCommand({ ParentId: nonProd!.Id }))).OrganizationalUnits ?? []).toEqual([]);
    await expect(management.send(new ListOrganizationalUnitsForParentCommand({ ParentId: 'ou-zzzz-zzzzzzzz' }))).rejects.toMatchObject({ name: 'ParentNotFoundException' });
    const denied = await as('acme-staging').send(new ListOrganizationalUnitsForParentCommand({ ParentId: root!.Id })).catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(AccessDeniedException);
  });

  it('refuses a member account with AccessDeniedException', async () => {
    const error = await as('acme-staging').send(new ListAccountsCommand({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccessDeniedException);
    expect((error as Error).message).toMatch(/permissions/);
  });
});
