/**
 * The share matrix over a real inventory cache, while some owned AMIs' launch permissions are
 * not read yet (the scan's second phase): their cells say pending, never "not shared", the owner
 * and a public image stay known, and the matrix counts the pending AMIs.
 */
import { describe, expect, it } from 'vitest';
import { HealthBook } from '../../electron/core/accounts/health';
import type { AccountSource } from '../../electron/core/accounts/account-source';
import { AccountRegistry } from '../../electron/core/accounts/registry';
import { MemorySecretStore } from '../../electron/core/accounts/secret-store';
import { summarizeAccounts } from '../../electron/core/accounts/summaries';
import type { CoreContext } from '../../electron/core/context';
import { openDatabase } from '../../electron/core/db/database';
import { InventoryStore } from '../../electron/core/inventory/store';
import { shareMatrix } from '../../electron/core/sharing/matrix';
import { OrganizationBook } from '../../electron/core/sharing/organizations';
import type { ScanTarget } from '../../shared/inventory';
import type { Workspace } from '../../shared/model';
import { row } from './inventory-fixtures';

const PROD_ID = '111111111111';
const DEV_ID = '222222222222';

function world() {
  const db = openDatabase(':memory:');
  const registry = new AccountRegistry(db);
  const client = registry.ensureClient('Acme');
  const prod = registry.addAccount({ name: 'acme-prod', clientId: client.id, defaultRegion: 'eu-west-1', awsAccountId: PROD_ID });
  const dev = registry.addAccount({ name: 'acme-dev', clientId: client.id, defaultRegion: 'eu-west-1', awsAccountId: DEV_ID });
  const source: AccountSource = { registry, secrets: new MemorySecretStore() };
  const store = new InventoryStore(source, db);
  const workspace = (): Workspace => {
    const clients = registry.listClients();
    const accounts = summarizeAccounts({
      accounts: registry.listAccounts(),
      paths: registry.listPaths(),
      clients,
      health: new HealthBook(() => undefined),
      sessionExpiry: () => null,
      notice: () => null,
    });
    return { clients, accounts, demo: false, userAccountCount: accounts.length, keychain: { available: true, reason: null, sessionOnly: false } };
  };
  // No row here is shared with an organization, so the book is never asked: it has no AWS to reach.
  const organizations = new OrganizationBook({} as Pick<CoreContext, 'read' | 'pool'>, { find: () => null });
  const matrix = () => shareMatrix({ active: () => source, workspace }, store, organizations, { client: client.id });
  return { store, source, prod, dev, matrix };
}

describe('share matrix while launch permissions are pending', () => {
  it('gives a pending AMI pending cells (not "not shared"), keeps owner and public known, and counts the pending AMIs', async () => {
    const w = world();
    const target: ScanTarget = { account: w.prod.id, region: 'eu-west-1', view: 'owned' };
    const owned = { ...target, awsAccountId: PROD_ID, ownerId: PROD_ID };
    w.store.cacheFor(w.source).replaceTarget(
      target,
      [
        row({ ...owned, imageId: 'ami-0000000000000000a', name: 'a-read', launchPermission: 'shared', sharedWith: [DEV_ID] }),
        row({ ...owned, imageId: 'ami-0000000000000000b', name: 'b-pending', launchPermission: null, sharedWith: [] }),
        row({ ...owned, imageId: 'ami-0000000000000000c', name: 'c-public-pending', public: true, launchPermission: null, sharedWith: [] }),
        row({ ...owned, imageId: 'ami-0000000000000000d', name: 'd-private', launchPermission: 'private', sharedWith: [] }),
      ],
      '2026-12-01T10:00:00.000Z',
    );

    const m = await w.matrix();
    const columns = m.accounts.map((a) => a.name);
    const cells = Object.fromEntries(m.rows.map((r) => [r.imageName, Object.fromEntries(r.cells.map((c, i) => [columns[i], c]))]));
    expect(cells).toEqual({
      'a-read': { 'acme-prod': 'owner', 'acme-dev': 'account' },
      'b-pending': { 'acme-prod': 'owner', 'acme-dev': 'pending' },
      // Public is known from the listing: nothing about it waits for the permissions.
      'c-public-pending': { 'acme-prod': 'owner', 'acme-dev': 'public' },
      'd-private': { 'acme-prod': 'owner', 'acme-dev': 'none' },
    });
    expect(m.permissionsPending).toBe(2);
  });

  it('counts none once every permission is read', async () => {
    const w = world();
    const target: ScanTarget = { account: w.dev.id, region: 'us-east-1', view: 'owned' };
    w.store.cacheFor(w.source).replaceTarget(
      target,
      [row({ ...target, awsAccountId: DEV_ID, ownerId: DEV_ID, imageId: 'ami-0000000000000000e', launchPermission: 'private', sharedWith: [] })],
      '2026-12-01T10:00:00.000Z',
    );
    const m = await w.matrix();
    const columns = m.accounts.map((a) => a.name);
    expect(m.rows.map((r) => Object.fromEntries(r.cells.map((c, i) => [columns[i], c])))).toEqual([{ 'acme-prod': 'none', 'acme-dev': 'owner' }]);
    expect(m.permissionsPending).toBe(0);
  });
});
