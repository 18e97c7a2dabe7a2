import type { ShareItemResult, ShareResult } from '../../../shared/sharing';
import { Icon } from '../../components/Icon';
import { ItemHead, OutcomeBadge, ResultList, type OutcomeWording } from '../../components/ItemCard';
import { errorTitle } from '../../lib/errors';
import { refKey, resultSummary } from '../../lib/sharePlan';

const OUTCOME: OutcomeWording<ShareItemResult['outcome']> = {
  changed: { label: 'Shared', tone: 'success' },
  unchanged: { label: 'Already shared', tone: 'neutral' },
  blocked: { label: 'Blocked', tone: 'warning' },
  failed: { label: 'Failed', tone: 'danger' },
};

/** What the apply did, per AMI; failures keep their error and what to do about it. */
export function ShareResults({ result }: { result: ShareResult }) {
  return (
    <ResultList className="share-results" summary={resultSummary(result)} summaryClassName="share-results-summary" summaryTestId="share-result-summary">
      {result.items.map((item) => (
        <li key={refKey(item.ref)} className={`item-card share-result is-${item.outcome}`} data-testid="share-result" data-image-id={item.ref.imageId} data-outcome={item.outcome}>
          <ItemHead
            icon={<Icon name={item.outcome === 'failed' ? 'alert' : 'check'} size={14} className="icon share-result-icon" />}
            name={item.imageName}
            imageId={item.ref.imageId}
            region={item.ref.region}
            status={<OutcomeBadge outcome={item.outcome} wording={OUTCOME} />}
          />
          {item.message && <p className="share-result-message">{item.message}</p>}
          {item.error && (
            <p className="share-result-error">
              <strong>{errorTitle(item.error.code)}:</strong> {item.error.message}{' '}
              {item.error.retryable ? 'This is usually temporary: retry it.' : 'Fix the cause, then retry.'}
            </p>
          )}
        </li>
      ))}
    </ResultList>
  );
}
