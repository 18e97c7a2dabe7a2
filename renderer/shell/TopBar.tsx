import { useAtlas } from '../store';
import { Badge } from '../components/Badge';
import { ClientDot } from '../components/ClientDot';
import { Icon } from '../components/Icon';
import { formatAccountId } from '../lib/format';
import { scanPhases } from '../lib/inventory';
import { findAccount, findClient } from '../lib/workspace';
import { PathWarning } from '../features/accounts/AccountIdentity';
import { HealthDot } from '../components/HealthDot';
import { SessionOnlyIndicator } from '../features/accounts/KeychainNotice';
import { isMac } from '../lib/keyboard';
import { KEYS, ariaKeyShortcuts, chordLabel } from '../lib/shortcuts';
import { RegionPicker } from '../components/RegionPicker';
import { SearchBox } from './SearchBox';
import { JobsButton } from '../features/jobs/JobsIndicator';

/** Where am I: client ▸ account, its alias and id, PROD, region. Always visible. */
export function TopBar() {
  const workspace = useAtlas((s) => s.workspace);
  const accountId = useAtlas((s) => s.accountId);
  const openDialog = useAtlas((s) => s.openDialog);
  const account = findAccount(workspace, accountId);
  const client = findClient(workspace, account?.clientId);

  return (
    <header className="topbar">
      <div className="context" aria-label="Current account" data-testid="current-account">
        <ClientDot color={client?.color} size={10} />
        {account ? (
          <>
            <span className="context-client" title={client ? `Client: ${client.name}` : undefined}>
              {client?.name ?? 'No client'}
            </span>
            <Icon name="chevronRight" size={12} className="icon context-sep" />
            {/* Whole on hover: a long name is cut short when the bar is narrow. */}
            <span className="context-account" title={account.name} data-testid="current-account-name">
              {account.name}
            </span>
            {account.health !== 'ok' && <HealthDot health={account.health} message={account.healthMessage} />}
            {account.alias && account.alias !== account.name && (
              <span className="context-alias" title={`IAM account alias: ${account.alias}`}>
                {account.alias}
              </span>
            )}
            <span className="context-id mono" title="AWS account id">
              {account.awsAccountId ? formatAccountId(account.awsAccountId) : 'not verified'}
            </span>
            {account.production && (
              <Badge tone="prod" title="Production account: changes here affect production">
                PROD
              </Badge>
            )}
            <PathWarning account={account} />
            <button
              type="button"
              className="icon-button context-settings"
              aria-label="Account settings"
              title={`Settings for ${account.name}`}
              onClick={() => openDialog({ kind: 'account-settings', account: account.id })}
            >
              <Icon name="more" size={15} strokeWidth={2.4} />
            </button>
          </>
        ) : (
          <span className="context-client">No account selected</span>
        )}
      </div>
      <RegionPicker />
      <SearchBox />
      <div className="topbar-end">
        <SessionOnlyIndicator />
        {workspace?.demo && <DemoWorkspaceBadge userAccounts={workspace.userAccountCount} />}
        <ScanButton />
        <JobsButton />
        <button
          type="button"
          className="button switch-button"
          onClick={() => openDialog({ kind: 'quick-switcher' })}
          aria-keyshortcuts={ariaKeyShortcuts(KEYS.quickSwitch)}
          title="Switch account or region"
        >
          <Icon name="switch" size={14} /> Switch <kbd>{chordLabel(KEYS.quickSwitch, isMac())}</kbd>
        </button>
        <button
          type="button"
          className="icon-button shortcuts-button"
          onClick={() => openDialog({ kind: 'shortcuts' })}
          aria-label="Keyboard shortcuts"
          aria-keyshortcuts={ariaKeyShortcuts(KEYS.shortcuts)}
          title={`Keyboard shortcuts (${chordLabel(KEYS.shortcuts, isMac())})`}
          data-testid="shortcuts-button"
        >
          <kbd aria-hidden="true">{chordLabel(KEYS.shortcuts, isMac())}</kbd>
        </button>
      </div>
    </header>
  );
}

/** The demo is a workspace of its own: it says so, and closes back to the user's accounts. */
function DemoWorkspaceBadge({ userAccounts }: { userAccounts: number }) {
  const switchWorkspace = useAtlas((s) => s.switchWorkspace);
  const switching = useAtlas((s) => s.workspaceSwitching);
  return (
    <span className="demo-badge" data-testid="demo-workspace">
      <Badge tone="accent" title="Data comes from the built-in demo world; nothing here touches AWS">
        Demo workspace
      </Badge>
      <button
        type="button"
        className="button button-small"
        onClick={() => void switchWorkspace('user')}
        disabled={switching}
        title={userAccounts > 0 ? `Close the demo and go back to your ${userAccounts === 1 ? 'account' : `${userAccounts} accounts`}` : 'Close the demo'}
        data-testid="close-demo"
      >
        {userAccounts > 0 ? 'Back to my accounts' : 'Close demo'}
      </button>
    </span>
  );
}

/** "⟳ Scan": starts a scan of every account (or shows the one running) and opens its panel. */
function ScanButton() {
  const scan = useAtlas((s) => s.scan);
  const panelOpen = useAtlas((s) => s.scanPanelOpen);
  const setPanelOpen = useAtlas((s) => s.setScanPanelOpen);
  const startScan = useAtlas((s) => s.startScan);
  const running = scan?.state === 'running';
  const phases = running ? scanPhases(scan.targets, scan) : null;
  // Listing: targets done; then the share of launch permissions read (the grid is complete by then).
  const progress =
    phases === null ? '' : phases.phase === 'permissions' && phases.permissionsTotal > 0 ? `permissions ${Math.floor((phases.permissionsRead / phases.permissionsTotal) * 100)} %` : `${phases.listed}/${phases.targets}`;
  return (
    <button
      type="button"
      className={`button scan-button${running ? ' is-running' : ''}`}
      aria-label="Scan"
      aria-expanded={panelOpen}
      title={running ? 'Scan in progress: show progress' : 'Scan every account and region into the inventory'}
      onClick={() => {
        if (running) setPanelOpen(!panelOpen);
        else void startScan();
      }}
    >
      <Icon name="refresh" size={14} className={`icon${running ? ' is-spinning' : ''}`} /> Scan
      {running && (
        <span className="scan-button-progress" aria-hidden="true">
          {progress}
        </span>
      )}
    </button>
  );
}
