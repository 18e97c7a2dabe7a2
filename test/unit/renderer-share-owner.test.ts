/**
 * Naming the image's owner as a recipient: the app says the account owns the image (by its
 * name) and can already launch it, never "already shared", and the owner is not offered.
 */
import { describe, expect, it } from 'vitest';
import { planItem } from '../../electron/core/sharing/plan';
import { noopMessage, ownerRecipientNote } from '../../renderer/lib/sharing';
import { ownerNamed, rankShareOptions } from '../../renderer/lib/shareTargets';
import type { Workspace } from '../../shared/model';
import { accountSummary } from './renderer-fixtures';

const OWNER_ID = '123456789012';
const OTHER_ID = '210987654321';

const workspace: Workspace = {
  clients: [{ id: 'c1', name: 'Acme', color: '#f00', production: true }],
  accounts: [
    accountSummary('a1', { name: 'Acme Prod', clientId: 'c1', awsAccountId: OWNER_ID }),
    accountSummary('a2', { name: 'Acme Dev', clientId: 'c1', awsAccountId: OTHER_ID }),
  ],
} as unknown as Workspace;

describe('the owner named as a recipient', () => {
  it('the permissions editor says the typed id is the owner', () => {
    const owner = workspace.accounts[0]!;
    expect(ownerRecipientNote({ kind: 'account', awsAccountId: OWNER_ID }, owner)).toBe("Acme Prod is this image's owner: it can already launch it.");
    expect(ownerRecipientNote({ kind: 'account', awsAccountId: OTHER_ID }, owner)).toBeNull();
  });

  it('the picker finds the owner by id or name but does not offer it', () => {
    const owners = new Set([OWNER_ID]);
    expect(rankShareOptions(workspace, owners, OWNER_ID)).toEqual([]);
    expect(ownerNamed(workspace, owners, OWNER_ID)?.name).toBe('Acme Prod');
    expect(ownerNamed(workspace, owners, '1234-5678-9012')?.name).toBe('Acme Prod');
    expect(ownerNamed(workspace, owners, 'acme prod')?.name).toBe('Acme Prod');
    expect(ownerNamed(workspace, owners, OTHER_ID)).toBeNull();
  });

  it('a plan that only named the owner says so, not "already shared"', () => {
    const item = planItem({
      ref: { account: 'a1', region: 'eu-west-1', imageId: 'ami-0123456789abcdef0' },
      facts: { imageId: 'ami-0123456789abcdef0', name: 'golden', ownerId: OWNER_ID, state: 'available', rootDeviceType: 'ebs', productCodes: [], launchPermissions: [], snapshots: [] },
      add: [{ kind: 'account', awsAccountId: OWNER_ID }],
      remove: [],
      snapshots: false,
      account: { name: 'Acme Prod', awsAccountId: OWNER_ID, production: true },
      blockPublicAccess: null,
      region: 'eu-west-1',
    });
    expect(item.willAdd).toEqual([]);
    const message = noopMessage({ items: [item], confirmAccounts: [] }, new Map([[OWNER_ID, 'Acme Prod']]), 'add');
    expect(message).toBe("Acme Prod is this image's owner: it can already launch it.");
    expect(message).not.toMatch(/already shared/i);
  });
});
