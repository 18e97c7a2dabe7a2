import { useState } from 'react';
import type { Workspace } from '../../../shared/model';
import { Dialog } from '../../components/Dialog';
import { Tabs, panelId, tabId, type TabItem } from '../../components/Tabs';
import { useAtlas, type AddAccountTab } from '../../store';
import { AddAccountForm } from './AddAccountForm';
import { AddRoleForm } from './AddRoleForm';
import { ProfileImport } from './ProfileImport';

const TABS: readonly TabItem<AddAccountTab>[] = [
  { id: 'access-key', label: 'Access key' },
  { id: 'role', label: 'Role' },
  { id: 'profiles', label: 'AWS CLI profiles' },
];

/** Three ways in: an access key, a role assumed from an existing entry, or AWS CLI profiles. */
export function AddAccountDialog({ initialTab = 'access-key', onClose }: { initialTab?: AddAccountTab; onClose(): void }) {
  const applyWorkspace = useAtlas((s) => s.applyWorkspace);
  const [tab, setTab] = useState<AddAccountTab>(initialTab);
  const added = (workspace: Workspace, accountId: string | null) => {
    applyWorkspace(workspace, accountId);
    onClose();
  };

  return (
    <Dialog
      title="Add an account"
      onClose={onClose}
      size={tab === 'profiles' ? 'wide' : 'normal'}
      testId="add-account-dialog"
      initialFocus={initialTab === 'access-key' ? 'input[name="name"]' : '[role="tab"][aria-selected="true"]'}
    >
      <Tabs<AddAccountTab> label="How to connect" items={TABS} value={tab} onChange={setTab} idPrefix="add-account" className="dialog-tabs" />
      <div role="tabpanel" id={panelId('add-account', tab)} aria-labelledby={tabId('add-account', tab)} className="dialog-body">
        {tab === 'access-key' ? (
          <AddAccountForm autoFocus onCancel={onClose} onAdded={added} />
        ) : tab === 'role' ? (
          <AddRoleForm onCancel={onClose} onAdded={added} />
        ) : (
          // Results stay on screen after an import, so the dialog only closes on "Done".
          <ProfileImport onDone={onClose} onImported={(workspace, accountId) => applyWorkspace(workspace, accountId)} />
        )}
      </div>
    </Dialog>
  );
}
