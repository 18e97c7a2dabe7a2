/** Workspace lookups: grouping accounts under their clients, in the order the sidebar shows them. */
import type { AccountSummary, Client, Workspace } from '../../shared/model';

export interface ClientGroup {
  /** null for accounts whose client is missing from the workspace. */
  client: Client | null;
  accounts: AccountSummary[];
}

export function groupAccounts(workspace: Workspace): ClientGroup[] {
  const groups: ClientGroup[] = workspace.clients.map((client) => ({
    client,
    accounts: workspace.accounts.filter((a) => a.clientId === client.id),
  }));
  const known = new Set(workspace.clients.map((c) => c.id));
  const orphans = workspace.accounts.filter((a) => !known.has(a.clientId));
  if (orphans.length > 0) groups.push({ client: null, accounts: orphans });
  return groups.filter((g) => g.accounts.length > 0);
}

/** Accounts in sidebar order; the first one is the natural default selection. */
export function orderedAccounts(workspace: Workspace): AccountSummary[] {
  return groupAccounts(workspace).flatMap((g) => g.accounts);
}

export function findAccount(workspace: Workspace | null, id: string | null): AccountSummary | null {
  if (!workspace || !id) return null;
  return workspace.accounts.find((a) => a.id === id) ?? null;
}

export function findClient(workspace: Workspace | null, id: string | null | undefined): Client | null {
  if (!workspace || !id) return null;
  return workspace.clients.find((c) => c.id === id) ?? null;
}
