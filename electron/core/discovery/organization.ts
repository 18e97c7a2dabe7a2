/**
 * Reading an organization through its management account (or a delegated administrator):
 * every account with its status (ListAccounts, all pages) and where it sits — its OU path from
 * the root, read with ListParents and DescribeOrganizationalUnit, each OU once.
 */
import {
  DescribeOrganizationalUnitCommand,
  ListParentsCommand,
  paginateListAccounts,
  type OrganizationsClient,
} from '@aws-sdk/client-organizations';
import { mapLimited } from '../map-limited';

export interface OrgEntry {
  awsAccountId: string;
  name: string;
  email: string;
  status: string;
  ouPath: string[];
}

export async function readOrganization(client: OrganizationsClient, concurrency = 4): Promise<OrgEntry[]> {
  const accounts: Array<{ id: string; name: string; email: string; status: string }> = [];
  for await (const page of paginateListAccounts({ client, pageSize: 20 }, {})) {
    for (const a of page.Accounts ?? []) if (a.Id) accounts.push({ id: a.Id, name: a.Name ?? a.Id, email: a.Email ?? '', status: a.Status ?? 'ACTIVE' });
  }
  // An OU's name and parent, asked once however many accounts sit under it.
  const ous = new Map<string, Promise<{ name: string; parent: string | null }>>();
  const parentOf = async (childId: string): Promise<string | null> => {
    const parent = (await client.send(new ListParentsCommand({ ChildId: childId }))).Parents?.[0];
    return parent?.Type === 'ORGANIZATIONAL_UNIT' && parent.Id ? parent.Id : null;
  };
  const ou = (id: string) => {
    let known = ous.get(id);
    if (!known) {
      known = (async () => ({
        name: (await client.send(new DescribeOrganizationalUnitCommand({ OrganizationalUnitId: id }))).OrganizationalUnit?.Name ?? id,
        parent: await parentOf(id),
      }))();
      ous.set(id, known);
    }
    return known;
  };
  const entries = await mapLimited(accounts, concurrency, async (a): Promise<OrgEntry> => {
    const path: string[] = [];
    for (let at = await parentOf(a.id), hops = 0; at && hops < 6; hops++) {
      const { name, parent } = await ou(at);
      path.unshift(name);
      at = parent;
    }
    return { awsAccountId: a.id, name: a.name, email: a.email, status: a.status, ouPath: path };
  });
  return entries.sort((x, y) => x.ouPath.join('/').localeCompare(y.ouPath.join('/')) || x.name.localeCompare(y.name));
}
