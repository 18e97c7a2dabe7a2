/**
 * The ACTIVE accounts of an organization or of an OU (its child OUs included), as its management
 * account lists them: ListAccounts, or ListAccountsForParent and ListOrganizationalUnitsForParent,
 * every page. A suspended or closing account cannot launch anything, so it is left out.
 */
import {
  paginateListAccounts,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
  type Account,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';

export interface OrgMember {
  /** The 12-digit account id. */
  id: string;
  /** The name the organization gives it. */
  name: string;
}

const active = (accounts: readonly Account[] | undefined): OrgMember[] =>
  (accounts ?? []).flatMap((a) => (a.Id && (a.Status ?? 'ACTIVE') === 'ACTIVE' ? [{ id: a.Id, name: a.Name ?? a.Id }] : []));

/** Every ACTIVE account of the caller's organization. */
export async function organizationMembers(client: OrganizationsClient): Promise<OrgMember[]> {
  const members: OrgMember[] = [];
  for await (const page of paginateListAccounts({ client, pageSize: 20 }, {})) members.push(...active(page.Accounts));
  return members;
}

/** Every ACTIVE account under the OU, however deep; each OU is listed once. */
export async function organizationalUnitMembers(client: OrganizationsClient, ouId: string): Promise<OrgMember[]> {
  const members: OrgMember[] = [];
  const seen = new Set<string>();
  const queue = [ouId];
  for (let parent = queue.shift(); parent; parent = queue.shift()) {
    if (seen.has(parent)) continue;
    seen.add(parent);
    for await (const page of paginateListAccountsForParent({ client, pageSize: 20 }, { ParentId: parent })) members.push(...active(page.Accounts));
    for await (const page of paginateListOrganizationalUnitsForParent({ client, pageSize: 20 }, { ParentId: parent })) {
      for (const ou of page.OrganizationalUnits ?? []) if (ou.Id) queue.push(ou.Id);
    }
  }
  return members;
}
