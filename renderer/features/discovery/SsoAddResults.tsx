import type { SsoAddResult } from '../../../shared/contract';
import { ResultList } from '../../components/ResultList';
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
      <ResultList
        testId="sso-add-result"
        items={results.map((r) => {
          const state = r.verified && !r.error ? 'verified' : r.account ? 'unverified' : 'refused';
          return {
            key: r.awsAccountId,
            state,
            who: <span className="result-profile">{r.accountName}</span>,
            text:
              state === 'verified'
                ? `Verified through ${r.profiles.join(' and ')}`
                : state === 'unverified'
                  ? `Added, not verified: ${r.error?.message ?? 'no answer yet'}`
                  : `Not added: ${r.error?.message ?? 'refused'}`,
          };
        })}
      />
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
