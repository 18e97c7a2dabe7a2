import type { LifecycleItemResult } from '../../../shared/lifecycle';
import { Badge } from '../../components/Badge';
import { resultCounts } from '../../lib/lifecycle';

const OUTCOME = {
  changed: { tone: 'success', label: 'Changed' },
  unchanged: { tone: 'neutral', label: 'Unchanged' },
  failed: { tone: 'danger', label: 'Failed' },
} as const;

/** Per image: changed, unchanged (and why), or failed (with the error). */
export function LifecycleResults({ results }: { results: readonly LifecycleItemResult[] }) {
  const counts = resultCounts(results);
  return (
    <div className="lifecycle-results">
      <p className="lifecycle-results-summary" role="status">
        {counts.changed} changed · {counts.unchanged} unchanged · {counts.failed} failed
      </p>
      <ul className="usage-list" aria-label="Results" data-testid="lifecycle-results">
        {results.map((r) => (
          <li key={`${r.ref.account}|${r.ref.region}|${r.ref.imageId}`} className={`usage-item result-${r.outcome}`} data-testid="lifecycle-result" data-outcome={r.outcome}>
            <div className="usage-head">
              <span className="usage-name">{r.name || r.ref.imageId}</span>
              <span className="mono-soft">{r.ref.imageId}</span>
              <span className="usage-where mono">{r.ref.region}</span>
              <span className="usage-status">
                <Badge tone={OUTCOME[r.outcome].tone}>{OUTCOME[r.outcome].label}</Badge>
              </span>
            </div>
            <p className={r.outcome === 'failed' ? 'usage-error' : 'muted'}>
              {r.error?.message ?? r.message}
              {r.outcome === 'failed' && r.error && <code className="result-code"> {r.error.code}</code>}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
