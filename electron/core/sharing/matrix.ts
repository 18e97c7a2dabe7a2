/**
 * The share matrix of one client: its accounts' own AMIs (rows) × its accounts (columns), read
 * from the offline inventory so it opens at once and works offline. Changes made through the
 * app patch the inventory (see the sharing handlers), so the matrix stays true between scans.
 * A cell shows a share through the account's organization when the account may read which
 * organization it is in; OU membership is only visible to the organization's management account.
 */
import { AppError } from '../../../shared/errors';
import { EMPTY_FILTER } from '../../../shared/inventory';
import type { MatrixCell, ShareMatrix } from '../../../shared/sharing';
import type { CoreContext } from '../context';
import { cachedAmis, type InventoryStore } from '../inventory/store';
import { NO_NAMES } from '../../../shared/ami-rows';
import type { OrganizationBook } from './organizations';

export async function shareMatrix(ctx: CoreContext, store: InventoryStore, organizations: OrganizationBook, clientId: string): Promise<ShareMatrix> {
  const workspace = ctx.workspace();
  if (!workspace.clients.some((c) => c.id === clientId)) {
    throw new AppError({ code: 'NOT_FOUND', message: 'That client is no longer in the workspace.', retryable: false });
  }
  const accounts = workspace.accounts.filter((a) => a.clientId === clientId);
  const ids = accounts.map((a) => a.id);
  const nameOf = new Map(accounts.map((a) => [a.id, a.name]));
  // Offline, or without organizations:DescribeOrganization, shares through an organization are
  // not shown per account (the row still names the organization in its shares).
  const orgOf = await Promise.all(accounts.map((a) => organizations.organizationOf(a.id)));
  const caches = store.cachesOf([ctx.active()]);
  const rows: ShareMatrix['rows'] = [];
  // The client's own AMIs: those one of its accounts owns.
  const owners = new Set(accounts.flatMap((a) => (a.awsAccountId ? [a.awsAccountId] : [])));
  for (const row of cachedAmis(caches, { ...EMPTY_FILTER, accounts: ids, views: ['owned'] }, NO_NAMES)) {
    if (!owners.has(row.ownerId)) continue;
    const shared = new Set(row.sharedWith);
    const cells = accounts.map((a, i): MatrixCell => {
      if (a.awsAccountId !== null && a.awsAccountId === row.ownerId) return 'owner';
      if (row.public) return 'public';
      if (a.awsAccountId !== null && shared.has(a.awsAccountId)) return 'account';
      const org = orgOf[i];
      if (org && shared.has(org)) return 'organization';
      return 'none';
    });
    rows.push({ ref: { account: row.account, region: row.region, imageId: row.imageId }, imageName: row.name, ownerName: nameOf.get(row.account) ?? row.ownerId, cells });
  }
  rows.sort((a, b) => a.imageName.localeCompare(b.imageName) || a.ref.region.localeCompare(b.ref.region) || a.ref.imageId.localeCompare(b.ref.imageId));
  const scanned = caches
    .flatMap((c) => c.targets())
    .filter((t) => ids.includes(t.account) && t.view === 'owned' && t.scannedAt !== null)
    .map((t) => t.scannedAt!);
  return {
    clientId,
    accounts: accounts.map((a) => ({ account: a.id, name: a.name, awsAccountId: a.awsAccountId })),
    rows,
    asOf: scanned.length > 0 ? scanned.reduce((a, b) => (a < b ? a : b)) : null,
  };
}
