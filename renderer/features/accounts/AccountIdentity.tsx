import type { AccountSummary } from '../../../shared/model';
import { Icon } from '../../components/Icon';
import { sameAccountNames } from '../../lib/accounts';
import { formatAccountId } from '../../lib/format';
import { useAtlas } from '../../store';

/**
 * A warning that other entries reach the same AWS account: acting "in prod-eu" and "in
 * acme-admin" may be acting in one and the same place.
 */
export function SameAccountWarning({ account, size = 13 }: { account: AccountSummary; size?: number }) {
  const workspace = useAtlas((s) => s.workspace);
  const names = sameAccountNames(workspace, account);
  if (names.length === 0) return null;
  const text = `Also reached by: ${names.join(', ')}`;
  return (
    <span className="same-account" title={text} data-testid="same-account-warning">
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
