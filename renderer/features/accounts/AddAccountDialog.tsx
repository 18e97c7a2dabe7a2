import { useState, type ReactNode } from 'react';
import type { AddPathResult } from '../../../shared/contract';
import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { Tabs, panelId, tabId, type TabItem } from '../../components/Tabs';
import { formatAccountId } from '../../lib/format';
import { findAccount } from '../../lib/workspace';
import { useAtlas, type AddAccountTab } from '../../store';
import { AddAccountForm } from './AddAccountForm';
import { AddRoleForm } from './AddRoleForm';
import { ProfileImport } from './ProfileImport';

const TABS: readonly TabItem<AddAccountTab>[] = [
  { id: 'access-key', label: 'Access key' },
  { id: 'role', label: 'Role' },
  { id: 'profiles', label: 'AWS CLI profiles' },
];

/**
 * Three ways in: an access key, a role assumed from an existing path, or AWS CLI profiles. Each
 * becomes an access path of the AWS account it reaches; `account` adds one to that account.
 * When the credentials reach an account the workspace already has, the dialog says so instead
 * of pretending a new account appeared. `footer` is the shell's (the ways to add many accounts,
 * from another feature), shown under the forms unless adding a way into one account.
 */
export function AddAccountDialog({
  initialTab = 'access-key',
  account,
  onClose,
  footer,
}: {
  initialTab?: AddAccountTab;
  account?: string | undefined;
  onClose(): void;
  footer?: ReactNode;
}) {
  const applyWorkspace = useAtlas((s) => s.applyWorkspace);
  const joining = useAtlas((s) => (account ? findAccount(s.workspace, account) : null));
  const [tab, setTab] = useState<AddAccountTab>(initialTab);
  const [joined, setJoined] = useState<AddPathResult | null>(null);
  const added = (result: AddPathResult) => {
    applyWorkspace(result.workspace, result.account);
    if (result.joined && !joining) setJoined(result);
    else onClose();
  };

  return (
    <Dialog
      title={joining ? `Add a way into ${joining.name}` : 'Add an account'}
      onClose={onClose}
      size={tab === 'profiles' ? 'wide' : 'normal'}
      className={tab === 'profiles' ? 'profile-import-dialog' : undefined}
      testId="add-account-dialog"
      initialFocus={initialTab === 'access-key' ? (joining ? 'input[name="accessKeyId"]' : 'input[name="name"]') : '[role="tab"][aria-selected="true"]'}
    >
      {joined ? (
        <div className="dialog-body" data-testid="joined-account">
          <p className="callout notice notice-compact" role="status">
            <Icon name="info" size={14} className="icon notice-icon" />
            <span>
              <strong>{joined.accountName}</strong>
              {joinedId(joined)} was already in your workspace: these credentials are now another way into it. Its name, client and
              settings stay as they were.
            </span>
          </p>
          <div className="form-actions">
            <button type="button" className="button button-primary" onClick={onClose} autoFocus>
              Done
            </button>
          </div>
        </div>
      ) : (
        <>
          <Tabs<AddAccountTab> label="How to connect" items={TABS} value={tab} onChange={setTab} idPrefix="add-account" className="dialog-tabs" />
          <div role="tabpanel" id={panelId('add-account', tab)} aria-labelledby={tabId('add-account', tab)} className="dialog-body">
            {tab === 'access-key' ? (
              <AddAccountForm autoFocus onCancel={onClose} onAdded={added} joining={joining} />
            ) : tab === 'role' ? (
              <AddRoleForm onCancel={onClose} onAdded={added} joining={joining} />
            ) : (
              // Results stay on screen after an import, so the dialog only closes on "Done".
              <ProfileImport joining={joining} onDone={onClose} onImported={(workspace, accountId) => applyWorkspace(workspace, accountId)} />
            )}
          </div>
          {!joining && footer}
        </>
      )}
    </Dialog>
  );

  function joinedId(result: AddPathResult): string {
    const id = result.workspace.accounts.find((a) => a.id === result.account)?.awsAccountId;
    return id ? ` (${formatAccountId(id)})` : '';
  }
}
