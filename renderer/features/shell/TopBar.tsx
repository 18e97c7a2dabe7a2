import { useAtlas } from '../../store';
import { Badge } from '../../components/Badge';
import { ClientDot } from '../../components/ClientDot';
import { Icon } from '../../components/Icon';
import { formatAccountId } from '../../lib/format';
import { findAccount, findClient } from '../../lib/workspace';
import { RegionPicker } from './RegionPicker';
import { SearchBox } from './SearchBox';

/** Where am I: client ▸ account, the account id, PROD, region. Always visible. */
export function TopBar() {
  const workspace = useAtlas((s) => s.workspace);
  const accountId = useAtlas((s) => s.accountId);
  const account = findAccount(workspace, accountId);
  const client = findClient(workspace, account?.clientId);

  return (
    <header className="topbar">
      <div className="context" aria-label="Current account">
        <ClientDot color={client?.color} size={10} />
        {account ? (
          <>
            <span className="context-client">{client?.name ?? 'No client'}</span>
            <Icon name="chevronRight" size={12} className="icon context-sep" />
            <span className="context-account">{account.name}</span>
            <span className="context-id mono" title="AWS account id">
              {account.awsAccountId ? formatAccountId(account.awsAccountId) : 'not verified'}
            </span>
            {account.production && (
              <Badge tone="prod" title="Production account: changes here affect production">
                PROD
              </Badge>
            )}
          </>
        ) : (
          <span className="context-client">No account selected</span>
        )}
      </div>
      <RegionPicker />
      <SearchBox />
      <div className="topbar-end">
        {workspace?.demo && (
          <Badge tone="accent" title="Data comes from the built-in demo world; nothing here touches AWS">
            Demo workspace
          </Badge>
        )}
      </div>
    </header>
  );
}
