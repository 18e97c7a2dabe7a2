import type { AccountSummary } from '../../../shared/model';
import { Icon } from '../../components/Icon';
import { pathName } from '../../../shared/access-paths';
import { formatAccountId } from '../../lib/format';

/**
 * A quiet warning on an account that works, but not the way the user chose: one of its access
 * paths needs sign-in, or reads or changes go through another path than the chosen one.
 */
export function PathWarning({ account, size = 13 }: { account: AccountSummary; size?: number }) {
  if (account.health !== 'ok') return null;
  const failing = account.paths.filter((p) => p.health === 'needs-sign-in' || p.health === 'error');
  if (!account.notice && failing.length === 0) return null;
  const text = account.notice ?? `${failing.map((p) => pathName(p)).join(', ')} ${failing.length === 1 ? 'needs' : 'need'} attention; the account works through another path.`;
  return (
    <span className="same-account" title={text} data-testid="path-warning">
      <Icon name="alert" size={size} />
      <span className="sr-only">{text}</span>
    </span>
  );
}

/**
 * "1234-5678-9012 · acme-prod-main": the formatted account id, then the IAM alias when known.
 * The id leads because it is what tells two accounts apart when a narrow row has to truncate.
 */
export function IdentityLine({ account }: { account: AccountSummary }) {
  return (
    <span className="identity-line">
      {account.awsAccountId ? <span className="mono">{formatAccountId(account.awsAccountId)}</span> : !account.alias && 'not verified'}
      {account.alias && account.awsAccountId && <span aria-hidden="true"> · </span>}
      {account.alias && <span className="identity-alias">{account.alias}</span>}
    </span>
  );
}
