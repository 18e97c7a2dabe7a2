import { useAtlas } from '../store';
import { QuickSwitcher } from './QuickSwitcher';
import { ShortcutsDialog } from './ShortcutsDialog';
import { AccountSettingsDialog } from '../features/accounts/AccountSettingsDialog';
import { AddAccountDialog } from '../features/accounts/AddAccountDialog';
import { ClientSettingsDialog } from '../features/accounts/ClientSettingsDialog';
import { UpdateKeysDialog } from '../features/accounts/UpdateKeysForm';
import { BulkAddLinks } from '../features/discovery/BulkAddLinks';
import { BulkRolesDialog } from '../features/discovery/BulkRolesDialog';
import { OrgDiscoveryDialog } from '../features/discovery/OrgDiscoveryDialog';
import { SsoDiscoveryDialog } from '../features/discovery/SsoDiscoveryDialog';

/** The app-level dialog the store asks for (opened from the sidebar, top bar, banners or shortcuts). */
export function AccountDialogs() {
  const dialog = useAtlas((s) => s.dialog);
  const closeDialog = useAtlas((s) => s.closeDialog);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'add-account':
      return <AddAccountDialog initialTab={dialog.tab} account={dialog.account} onClose={closeDialog} footer={<BulkAddLinks />} />;
    case 'account-settings':
      return <AccountSettingsDialog key={dialog.account} accountId={dialog.account} onClose={closeDialog} />;
    case 'update-keys':
      return <UpdateKeysDialog key={dialog.path} pathId={dialog.path} onClose={closeDialog} />;
    case 'client-settings':
      return <ClientSettingsDialog key={dialog.client} clientId={dialog.client} onClose={closeDialog} />;
    case 'quick-switcher':
      return <QuickSwitcher onClose={closeDialog} />;
    case 'shortcuts':
      return <ShortcutsDialog onClose={closeDialog} />;
    case 'discover-sso':
      return <SsoDiscoveryDialog onClose={closeDialog} />;
    case 'discover-org':
      return <OrgDiscoveryDialog key={dialog.account ?? ''} account={dialog.account} onClose={closeDialog} />;
    case 'bulk-roles':
      return <BulkRolesDialog key={dialog.sourcePath ?? ''} sourcePath={dialog.sourcePath} onClose={closeDialog} />;
  }
}
