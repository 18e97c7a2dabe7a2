import type { SsoAddResult } from '../../../shared/contract';
import { Icon } from '../../components/Icon';
import { plural } from '../../lib/format';

/** What became of each account: added and verified, added without an answer yet, or not added (and why). */
export function SsoAddResults({ results, onDone, onMore }: { results: readonly SsoAddResult[]; onDone(): void; onMore(): void }) {
  const verified = results.filter((r) => r.verified && !r.error).length;
  return (
    <div className="import-results" data-testid="sso-add-results">
      <p className="import-summary" role="status">
        {plural(verified, 'account')} added and verified
        {results.length > verified ? `, ${results.length - verified} with problems` : ''}.
      </p>
      <ul className="result-list">
        {results.map((r) => {
          const state = r.verified && !r.error ? 'verified' : r.account ? 'unverified' : 'refused';
          return (
            <li key={r.awsAccountId} className={`result result-${state}`} data-testid="sso-add-result" data-state={state}>
              <Icon name={state === 'verified' ? 'check' : state === 'unverified' ? 'alert' : 'close'} size={14} className="icon result-icon" />
              <span className="result-profile">{r.accountName}</span>
              <span className="result-text">
                {state === 'verified'
                  ? `Verified through ${r.profiles.join(' and ')}`
                  : state === 'unverified'
                    ? `Added, not verified: ${r.error?.message ?? 'no answer yet'}`
                    : `Not added: ${r.error?.message ?? 'refused'}`}
              </span>
            </li>
          );
        })}
      </ul>
      <div className="form-actions">
        <button type="button" className="button" onClick={onMore}>
          Add more
        </button>
        <button type="button" className="button button-primary" onClick={onDone} autoFocus>
          Done
        </button>
      </div>
    </div>
  );
}
