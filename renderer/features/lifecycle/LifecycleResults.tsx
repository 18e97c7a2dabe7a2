import type { LifecycleItemResult } from '../../../shared/lifecycle';
import { ItemHead, OutcomeBadge, ResultList, type OutcomeWording } from '../../components/ItemCard';
import { resultCounts } from '../../lib/lifecycle';

const OUTCOME: OutcomeWording<LifecycleItemResult['outcome']> = {
  changed: { tone: 'success', label: 'Changed' },
  unchanged: { tone: 'neutral', label: 'Unchanged' },
  failed: { tone: 'danger', label: 'Failed' },
};

/** Per image: changed, unchanged (and why), or failed (with the error). */
export function LifecycleResults({ results }: { results: readonly LifecycleItemResult[] }) {
  const counts = resultCounts(results);
  return (
    <ResultList
      className="lifecycle-results sheet-scroll"
      summary={`${counts.changed} changed · ${counts.unchanged} unchanged · ${counts.failed} failed`}
      summaryClassName="lifecycle-results-summary"
      listTestId="lifecycle-results"
    >
      {results.map((r) => (
        <li key={`${r.ref.account}|${r.ref.region}|${r.ref.imageId}`} className={`item-card usage-item result-${r.outcome}`} data-testid="lifecycle-result" data-outcome={r.outcome}>
          <ItemHead name={r.name} imageId={r.ref.imageId} region={r.ref.region} status={<OutcomeBadge outcome={r.outcome} wording={OUTCOME} />} />
          <p className={r.outcome === 'failed' ? 'usage-error' : 'muted'}>
            {r.error?.message ?? r.message}
            {r.outcome === 'failed' && r.error && <code className="result-code"> {r.error.code}</code>}
          </p>
        </li>
      ))}
    </ResultList>
  );
}
