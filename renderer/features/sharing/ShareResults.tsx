import type { ShareItemResult, ShareResult } from '../../../shared/sharing';
import { Badge, type BadgeTone } from '../../components/Badge';
import { Icon } from '../../components/Icon';
import { errorTitle } from '../../lib/errors';
import { refKey, resultSummary } from '../../lib/sharePlan';

const OUTCOME: Record<ShareItemResult['outcome'], { label: string; tone: BadgeTone }> = {
  changed: { label: 'Shared', tone: 'success' },
  unchanged: { label: 'Already shared', tone: 'neutral' },
  blocked: { label: 'Blocked', tone: 'warning' },
  failed: { label: 'Failed', tone: 'danger' },
};

/** What the apply did, per AMI; failures keep their error and what to do about it. */
export function ShareResults({ result }: { result: ShareResult }) {
  return (
    <div className="share-results">
      <p className="share-results-summary" role="status" data-testid="share-result-summary">
        {resultSummary(result)}
      </p>
      <ul className="share-items" aria-label="Results">
        {result.items.map((item) => (
          <li key={refKey(item.ref)} className={`share-item share-result is-${item.outcome}`} data-testid="share-result" data-image-id={item.ref.imageId} data-outcome={item.outcome}>
            <div className="share-item-head">
              <Icon name={item.outcome === 'failed' ? 'alert' : 'check'} size={14} className="icon share-result-icon" />
              <span className="share-item-name">{item.imageName || item.ref.imageId}</span>
              <span className="mono-soft">{item.ref.imageId}</span>
              <span className="share-item-where mono">{item.ref.region}</span>
              <span className="share-item-status">
                <Badge tone={OUTCOME[item.outcome].tone}>{OUTCOME[item.outcome].label}</Badge>
              </span>
            </div>
            {item.message && <p className="share-result-message">{item.message}</p>}
            {item.error && (
              <p className="share-result-error">
                <strong>{errorTitle(item.error.code)}:</strong> {item.error.message}{' '}
                {item.error.retryable ? 'This is usually temporary: retry it.' : 'Fix the cause, then retry.'}
              </p>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
