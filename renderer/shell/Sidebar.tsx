import type { MouseEvent } from 'react';
import type { AccountSummary, Client } from '../../shared/model';
import { useAtlas } from '../store';
import { ClientDot } from '../components/ClientDot';
import { Icon } from '../components/Icon';
import { formatAccountId, formatCount } from '../lib/format';
import { accountTarget, clientTarget } from '../lib/shareTargets';
import { groupAccounts } from '../lib/workspace';
import { pathsInWords } from '../lib/accounts';
import { BuilderEntry } from '../features/builder/BuilderEntry';
import { MatrixEntry } from '../features/sharing/MatrixEntry';
import { ModeEntry } from '../components/ModeEntry';
import { useShareDrop } from '../features/sharing/useShareDrop';
import { IdentityLine, PathWarning } from '../features/accounts/AccountIdentity';
import { HealthDot } from '../components/HealthDot';

/**
 * Clients and their accounts. The active account is marked; clicking one switches to it.
 * Accounts and client headers are drop targets for dragged AMIs (a client means all its accounts).
 * Settings open from the "⋯" button (shown on hover, focus and for the active row) or the
 * context menu (right click, Shift+F10 or the menu key).
 */
export function Sidebar() {
  const workspace = useAtlas((s) => s.workspace);
  const openDialog = useAtlas((s) => s.openDialog);
  if (!workspace) return null;

  return (
    <nav className="sidebar" aria-label="Clients and accounts">
      <InventoryEntry />
      <MatrixEntry />
      <AuditEntry />
      <BuilderEntry />
      <h2 className="caps-label sidebar-heading">Clients</h2>
      <div className="sidebar-scroll">
        {groupAccounts(workspace).map(({ client, accounts }) => (
          <section key={client?.id ?? 'none'} className="client-group" aria-label={client?.name ?? 'Other accounts'}>
            <ClientRow client={client} />
            <ul className="account-list">
              {accounts.map((account) => (
                <AccountRow key={account.id} account={account} clientProduction={client?.production ?? false} />
              ))}
            </ul>
          </section>
        ))}
      </div>
      <div className="sidebar-footer">
        <button type="button" className="sidebar-add" onClick={() => openDialog({ kind: 'add-account' })}>
          <Icon name="plus" size={14} /> Add account
        </button>
        {!workspace.demo && <OpenDemo />}
      </div>
    </nav>
  );
}

/** The demo workspace, one click away at any time; it never mixes with the user's clients. */
function OpenDemo() {
  const switchWorkspace = useAtlas((s) => s.switchWorkspace);
  const switching = useAtlas((s) => s.workspaceSwitching);
  return (
    <button
      type="button"
      className="sidebar-add sidebar-demo"
      onClick={() => void switchWorkspace('demo')}
      disabled={switching}
      title="A separate workspace with made-up clients, served by a built-in AWS emulator; your accounts wait aside"
      data-testid="open-demo"
    >
      <Icon name="box" size={14} /> Open demo
    </button>
  );
}

/** "Inventory": every account and region in one grid, above the per-account list. */
function InventoryEntry() {
  const total = useAtlas((s) => s.inventory.length);
  return (
    <ModeEntry mode="inventory" label="Inventory" icon="box" title="Every AMI of every account and region">
      {total > 0 && (
        <span className="inventory-entry-count" aria-hidden="true">
          {formatCount(total)}
        </span>
      )}
    </ModeEntry>
  );
}

/** "Audit log": every change made from the app (shares first of all), with undo where possible; the shell answers Ctrl+Shift+L. */
function AuditEntry() {
  return <ModeEntry mode="audit" label="Audit log" icon="clock" className="audit-entry" testId="audit-log-entry" title="Every change made from here, with undo where possible" shortcut="L" />;
}

function ClientRow({ client }: { client: Client | null }) {
  const openDialog = useAtlas((s) => s.openDialog);
  const openSettings = client ? () => openDialog({ kind: 'client-settings', client: client.id }) : undefined;
  const clientId = client?.id ?? null;
  const drop = useShareDrop((workspace, owners) => (clientId ? clientTarget(workspace, clientId, owners) : null));
  return (
    <div
      className={`client-row${drop.over ? ' is-drop-target' : ''}`}
      data-testid="client-row"
      data-client-id={client?.id}
      {...drop.props}
      onContextMenu={
        openSettings
          ? (e: MouseEvent) => {
              e.preventDefault();
              openSettings();
            }
          : undefined
      }
    >
      <ClientDot color={client?.color} />
      <span className="client-name">{client?.name ?? 'Other accounts'}</span>
      {client?.production && (
        <span className="prod-marker" title="Production client: every account of this client counts as production">
          PROD
        </span>
      )}
      {openSettings && (
        <button type="button" className="icon-button row-more" aria-label={`Settings for client ${client?.name}`} title="Client settings" onClick={openSettings}>
          <Icon name="more" size={14} strokeWidth={2.4} />
        </button>
      )}
    </div>
  );
}

function AccountRow({ account, clientProduction }: { account: AccountSummary; clientProduction: boolean }) {
  const signingIn = useAtlas((s) => {
    const phase = s.sso[account.id]?.phase;
    return phase === 'starting' || phase === 'pending';
  });
  const selectAccount = useAtlas((s) => s.selectAccount);
  const setMode = useAtlas((s) => s.setMode);
  // In the inventory no single account is "where I am"; the row only keeps its selection for next time.
  const current = useAtlas((s) => s.accountId === account.id && (s.mode === 'accounts' || s.mode === 'builder'));
  const openDialog = useAtlas((s) => s.openDialog);
  const openSettings = () => openDialog({ kind: 'account-settings', account: account.id });
  const drop = useShareDrop((workspace, owners) => accountTarget(workspace, account.id, owners));

  const idText = account.awsAccountId ? formatAccountId(account.awsAccountId) : 'not verified';
  return (
    <li className={`account-entry${current ? ' is-active' : ''}${drop.over ? ' is-drop-target' : ''}`} {...drop.props}>
      <button
        type="button"
        className={`account-item health-row-${account.health}${current ? ' is-active' : ''}`}
        data-testid="account-item"
        data-account-id={account.id}
        data-health={account.health}
        aria-current={current ? 'true' : undefined}
        title={`${account.name}${account.alias ? ` (${account.alias})` : ''} · ${idText} · ${pathsInWords(account)}`}
        onClick={() => {
          // Image Builder is per account too: it stays open and shows the newly chosen account's pipelines.
          if (useAtlas.getState().mode !== 'builder') setMode('accounts');
          selectAccount(account.id);
        }}
        onContextMenu={(e) => {
          e.preventDefault();
          openSettings();
        }}
      >
        <HealthDot health={account.health} message={account.healthMessage} busy={signingIn} />
        <span className="account-text">
          <span className="account-line">
            <span className="account-name">{account.name}</span>
            {account.production && !clientProduction && (
              <span className="prod-marker" title="Production account">
                PROD
              </span>
            )}
            <PathWarning account={account} size={12} />
          </span>
          <span className="account-sub">
            <IdentityLine account={account} />
          </span>
        </span>
      </button>
      <button type="button" className="icon-button row-more" aria-label={`Settings for ${account.name}`} title="Account settings" onClick={openSettings}>
        <Icon name="more" size={14} strokeWidth={2.4} />
      </button>
    </li>
  );
}
