import type { Workspace } from '../../shared/model';
import { pathName } from '../../shared/access-paths';
import { formatAccountId } from '../lib/format';
import { groupAccounts } from '../lib/workspace';

/**
 * Every access path of the workspace as a select's options, grouped by client: "account · path —
 * id". `namePath: 'when-several'` leaves the path out for an account with only one.
 */
export function PathOptions({ workspace, namePath = 'always' }: { workspace: Workspace; namePath?: 'always' | 'when-several' }) {
  return (
    <>
      <option value="" disabled>
        Choose an account and path…
      </option>
      {groupAccounts(workspace).map(({ client, accounts }) => (
        <optgroup key={client?.id ?? 'none'} label={client?.name ?? 'Other accounts'}>
          {accounts.flatMap((a) =>
            a.paths.map((p) => (
              <option key={p.id} value={p.id}>
                {a.name}
                {namePath === 'always' || a.paths.length > 1 ? ` · ${pathName(p)}` : ''}
                {a.awsAccountId ? ` — ${formatAccountId(a.awsAccountId)}` : ''}
              </option>
            )),
          )}
        </optgroup>
      ))}
    </>
  );
}
