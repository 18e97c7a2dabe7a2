import type { SsoAddResult } from '../../../shared/contract';
import { ResultsPanel } from '../../components/ResultList';
import { plural } from '../../lib/format';

/** What became of each account: added and verified, added without an answer yet, or not added (and why). */
export function SsoAddResults({ results, onDone, onMore }: { results: readonly SsoAddResult[]; onDone(): void; onMore(): void }) {
  const verified = results.filter((r) => r.verified && !r.error).length;
  return (
    <ResultsPanel
      testId="sso-add-results"
      summary={`${plural(verified, 'account')} added and verified${results.length > verified ? `, ${results.length - verified} with problems` : ''}.`}
      itemTestId="sso-add-result"
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
      moreLabel="Add more"
      onMore={onMore}
      onDone={onDone}
    />
  );
}
