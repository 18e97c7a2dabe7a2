import type { DirectoryAccount } from '../../../shared/contract';
import { Badge } from '../../components/Badge';
import { SelectAllBox } from '../../components/SelectAllBox';
import { formatAccountId } from '../../lib/format';
import { ClientInput } from '../../components/inputs';
import { portalLabel } from './portals';

/** What the user chose for one account of a portal. */
export interface AccountPick {
  selected: boolean;
  readRole: string;
  /** '' = changes go through the read role too. */
  writeRole: string;
  /** undefined: the portal's client. */
  clientName: string | undefined;
}

export interface DirectoryRow {
  key: string;
  startUrl: string;
  account: DirectoryAccount;
  /** Roles new since the user last added from this portal (a look at it offered them). */
  offered: readonly string[];
}

/**
 * Every account × role of the open portals, one row per account: pick it, choose the role reads
 * go through and the one changes go through, and its client. Accounts the workspace has are
 * marked with their name there; adding them again only adds the roles as ways in.
 */
export function DirectoryTable({
  rows,
  picks,
  portalClients,
  showPortal,
  disabled,
  onPick,
  onToggleAll,
}: {
  rows: readonly DirectoryRow[];
  picks: Readonly<Record<string, AccountPick>>;
  portalClients: Readonly<Record<string, string>>;
  showPortal: boolean;
  disabled: boolean;
  onPick(key: string, change: Partial<AccountPick>): void;
  onToggleAll(selected: boolean): void;
}) {
  const allSelected = rows.length > 0 && rows.every((r) => picks[r.key]?.selected);
  return (
    <div className="profile-table-wrap directory-table-wrap">
      <table className="profile-table directory-table" aria-label="Accounts and roles of the portal">
        <thead>
          <tr>
            <th className="col-check">
              <SelectAllBox
                label="Select every account shown"
                all={allSelected}
                some={rows.some((r) => picks[r.key]?.selected)}
                disabled={disabled || rows.length === 0}
                onChange={onToggleAll}
              />
            </th>
            <th>Account</th>
            <th>Account ID</th>
            {showPortal && <th>Portal</th>}
            <th>Read role</th>
            <th>Write role</th>
            <th>Client</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const pick = picks[row.key];
            if (!pick) return null;
            const { account } = row;
            return (
              <tr key={row.key} className={pick.selected ? 'is-selected' : ''} data-testid="directory-row" data-account-id={account.awsAccountId}>
                <td className="col-check">
                  <input type="checkbox" aria-label={`Add ${account.accountName}`} checked={pick.selected} onChange={(e) => onPick(row.key, { selected: e.target.checked })} disabled={disabled} />
                </td>
                <td>
                  <div className="directory-account">
                  <span className="directory-name" title={account.accountName}>
                    {account.accountName}
                    {row.offered.length > 0 && (
                      <Badge tone="accent" title={`New in the portal: ${row.offered.join(', ')}`}>
                        new
                      </Badge>
                    )}
                  </span>
                  <span className="directory-email" title={account.email}>
                    {account.inWorkspace ? `In your workspace as ${account.inWorkspace.accountName}` : account.email}
                  </span>
                  </div>
                </td>
                <td className="mono-soft directory-id">{formatAccountId(account.awsAccountId)}</td>
                {showPortal && <td className="directory-portal">{portalLabel(row.startUrl)}</td>}
                <td>
                  <select className="table-input" aria-label={`Read role for ${account.accountName}`} value={pick.readRole} onChange={(e) => onPick(row.key, { readRole: e.target.value, selected: true })} disabled={disabled}>
                    {account.roles.map((r) => (
                      <option key={r} value={r}>
                        {r}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <select className="table-input" aria-label={`Write role for ${account.accountName}`} value={pick.writeRole} onChange={(e) => onPick(row.key, { writeRole: e.target.value, selected: true })} disabled={disabled}>
                    <option value="">Same as read</option>
                    {account.roles
                      .filter((r) => r !== pick.readRole)
                      .map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                  </select>
                </td>
                <td>
                  <ClientInput
                    className="table-input"
                    aria-label={`Client for ${account.accountName}`}
                    value={pick.clientName ?? portalClients[row.startUrl] ?? ''}
                    onChange={(e) => onPick(row.key, { clientName: e.target.value })}
                    disabled={disabled || account.inWorkspace !== null}
                    title={account.inWorkspace ? 'It keeps its client in the workspace' : undefined}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
