/**
 * The share matrix, read from the offline inventory so it opens at once and works offline.
 * Two shapes: a client's own AMIs (rows) × that client's accounts (columns), or the AMIs one hub
 * account owns (a shared-services account holding golden images) × every account of every
 * client, grouped by client. Changes made through the app patch the inventory (see the sharing
 * handlers), so the matrix stays true between scans.
 * A cell shows a share through the account's organization when the account may read which
 * organization it is in; OU membership is only visible to the organization's management account.
 * An AMI whose launch permissions the scan has not read yet (its second phase) has 'pending'
 * cells, never 'none': who else may launch it is unknown, not nobody.
 */
import { AppError } from '../../../shared/errors';
import { EMPTY_FILTER } from '../../../shared/inventory';
import { NO_NAMES, permissionsPending, type AmiRow } from '../../../shared/ami-rows';
import type { AccountSummary } from '../../../shared/model';
import { ORGANIZATION_ARN, type MatrixCellState, type ShareMatrix } from '../../../shared/sharing';
import type { CoreContext } from '../context';
import { cachedAmis, type InventoryStore } from '../inventory/store';
import type { OrganizationBook } from './organizations';

/** Whose AMIs are the rows: a client's accounts', or one hub account's. */
export type MatrixSource = { client: string } | { hub: string };

export async function shareMatrix(ctx: Pick<CoreContext, 'active' | 'workspace'>, store: InventoryStore, organizations: OrganizationBook, source: MatrixSource): Promise<ShareMatrix> {
  const workspace = ctx.workspace();
  let owners: AccountSummary[];
  let columns: AccountSummary[];
  let clientId: string;
  if ('hub' in source) {
    const hub = workspace.accounts.find((a) => a.id === source.hub);
    if (!hub) throw new AppError({ code: 'NOT_FOUND', message: 'That hub account is no longer in the workspace.', retryable: false });
    owners = [hub];
    clientId = hub.clientId;
    // Every account, client by client in the workspace's order, so the page can group the header.
    const order = new Map(workspace.clients.map((c, i) => [c.id, i]));
    columns = workspace.accounts
      .map((a, i) => ({ a, i }))
      .sort((x, y) => (order.get(x.a.clientId) ?? order.size) - (order.get(y.a.clientId) ?? order.size) || x.i - y.i)
      .map(({ a }) => a);
  } else {
    if (!workspace.clients.some((c) => c.id === source.client)) {
      throw new AppError({ code: 'NOT_FOUND', message: 'That client is no longer in the workspace.', retryable: false });
    }
    clientId = source.client;
    owners = workspace.accounts.filter((a) => a.clientId === clientId);
    columns = owners;
  }

  const ids = owners.map((a) => a.id);
  const nameOf = new Map(owners.map((a) => [a.id, a.name]));
  const caches = store.cachesOf([ctx.active()]);
  // The rows: AMIs one of the owner accounts owns (not those merely shared with them).
  const ownerIds = new Set(owners.flatMap((a) => (a.awsAccountId ? [a.awsAccountId] : [])));
  const amis: AmiRow[] = [];
  for (const row of cachedAmis(caches, { ...EMPTY_FILTER, accounts: ids, views: ['owned'] }, NO_NAMES)) {
    if (ownerIds.has(row.ownerId)) amis.push(row);
  }

  // Offline, or without organizations:DescribeOrganization, shares through an organization are
  // not shown per account (the row still names the organization in its shares). Asked only when
  // some row is shared with an organization: a hub matrix may have hundreds of columns.
  const sharesWithOrg = amis.some((r) => r.sharedWith.some((s) => ORGANIZATION_ARN.test(s)));
  const orgOf = sharesWithOrg ? await Promise.all(columns.map((a) => organizations.organizationOf(a.id))) : columns.map(() => null);

  let pendingCount = 0;
  const rows: ShareMatrix['rows'] = amis.map((row) => {
    const shared = new Set(row.sharedWith);
    const pending = permissionsPending(row);
    if (pending) pendingCount++;
    const cells = columns.map((a, i): MatrixCellState => {
      if (a.awsAccountId !== null && a.awsAccountId === row.ownerId) return 'owner';
      // The listing says whether an image is public; only who else may launch it waits for its permissions.
      if (row.public) return 'public';
      if (pending) return 'pending';
      if (a.awsAccountId !== null && shared.has(a.awsAccountId)) return 'account';
      const org = orgOf[i];
      if (org && shared.has(org)) return 'organization';
      return 'none';
    });
    return { ref: { account: row.account, region: row.region, imageId: row.imageId }, imageName: row.name, ownerName: nameOf.get(row.account) ?? row.ownerId, cells };
  });
  rows.sort((a, b) => a.imageName.localeCompare(b.imageName) || a.ref.region.localeCompare(b.ref.region) || a.ref.imageId.localeCompare(b.ref.imageId));

  // As of the oldest scan of the owners' images: the cells are their launch permissions.
  const scanned = caches
    .flatMap((c) => c.targets())
    .filter((t) => ids.includes(t.account) && t.view === 'owned' && t.scannedAt !== null)
    .map((t) => t.scannedAt!);
  return {
    clientId,
    hub: 'hub' in source ? source.hub : null,
    accounts: columns.map((a) => ({ account: a.id, name: a.name, awsAccountId: a.awsAccountId, clientId: a.clientId })),
    rows,
    asOf: scanned.length > 0 ? scanned.reduce((a, b) => (a < b ? a : b)) : null,
    permissionsPending: pendingCount,
  };
}
