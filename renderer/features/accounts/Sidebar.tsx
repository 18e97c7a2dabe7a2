import { useState } from 'react';
import { useAtlas } from '../../store';
import { ClientDot } from '../../components/ClientDot';
import { Icon } from '../../components/Icon';
import { formatAccountId, shortAccountId } from '../../lib/format';
import { groupAccounts } from '../../lib/workspace';
import { AddAccountDialog } from './AddAccountDialog';
import { HealthDot } from './HealthDot';

/** Clients and their accounts. The active account is marked; clicking one switches to it. */
export function Sidebar() {
  const workspace = useAtlas((s) => s.workspace);
  const accountId = useAtlas((s) => s.accountId);
  const selectAccount = useAtlas((s) => s.selectAccount);
  const [adding, setAdding] = useState(false);
  if (!workspace) return null;

  return (
    <nav className="sidebar" aria-label="Clients and accounts">
      <h2 className="sidebar-heading">Clients</h2>
      <div className="sidebar-scroll">
        {groupAccounts(workspace).map(({ client, accounts }) => (
          <section key={client?.id ?? 'none'} className="client-group" aria-label={client?.name ?? 'Other accounts'}>
            <div className="client-row">
              <ClientDot color={client?.color} />
              <span className="client-name">{client?.name ?? 'Other accounts'}</span>
              {client?.production && (
                <span className="prod-marker" title="Production client">
                  PROD
                </span>
              )}
            </div>
            <ul className="account-list">
              {accounts.map((account) => {
                const active = account.id === accountId;
                return (
                  <li key={account.id}>
                    <button
                      type="button"
                      className={`account-item${active ? ' is-active' : ''}`}
                      data-testid="account-item"
                      data-account-id={account.id}
                      aria-current={active ? 'true' : undefined}
                      title={`${account.name} · ${formatAccountId(account.awsAccountId)} · default region ${account.defaultRegion}`}
                      onClick={() => selectAccount(account.id)}
                    >
                      <HealthDot health={account.health} message={account.healthMessage} />
                      <span className="account-name">{account.name}</span>
                      {account.production && !client?.production && (
                        <span className="prod-marker" title="Production account">
                          PROD
                        </span>
                      )}
                      <span className="account-id mono">{shortAccountId(account.awsAccountId)}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </section>
        ))}
      </div>
      <div className="sidebar-footer">
        <button type="button" className="sidebar-add" onClick={() => setAdding(true)}>
          <Icon name="plus" size={14} /> Add account
        </button>
      </div>
      {adding && <AddAccountDialog onClose={() => setAdding(false)} />}
    </nav>
  );
}
