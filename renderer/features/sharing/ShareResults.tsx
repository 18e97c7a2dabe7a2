import type { ShareItemResult, ShareResult } from '../../../shared/sharing';
import { Badge } from '../../components/Badge';
import { Icon } from '../../components/Icon';
import { ItemHead, OutcomeBadge, ResultList, type OutcomeWording } from '../../components/ItemCard';
import { errorTitle } from '../../lib/errors';
import { refKey, resultSummary } from '../../lib/sharePlan';
import { CodeBlock } from './CodeBlock';

const OUTCOME: OutcomeWording<ShareItemResult['outcome']> = {
  changed: { label: 'Shared', tone: 'success' },
  unchanged: { label: 'Already shared', tone: 'neutral' },
  blocked: { label: 'Blocked', tone: 'warning' },
  failed: { label: 'Failed', tone: 'danger' },
};

/** Shared, but not launchable until a customer managed key's policy lets the recipients in. */
const NEEDS_KEY_POLICY = { label: 'Shared · key policy needed', tone: 'warning' } as const;

/** What the apply did, per AMI; failures keep their error and what to do about it. */
export function ShareResults({ result }: { result: ShareResult }) {
  return (
    <ResultList className="share-results sheet-scroll" summary={resultSummary(result)} summaryClassName="share-results-summary" summaryTestId="share-result-summary">
      {result.items.map((item) => (
        <li
          key={refKey(item.ref)}
          className={`item-card share-result is-${item.outcome}${item.keyPolicies?.length ? ' needs-key-policy' : ''}`}
          data-testid="share-result"
          data-image-id={item.ref.imageId}
          data-outcome={item.outcome}
          data-needs-key-policy={item.keyPolicies?.length ? true : undefined}
        >
          <ItemHead
            icon={<Icon name={item.outcome === 'failed' || item.keyPolicies?.length ? 'alert' : 'check'} size={14} className="icon share-result-icon" />}
            name={item.imageName}
            imageId={item.ref.imageId}
            region={item.ref.region}
            status={item.keyPolicies?.length ? <Badge tone={NEEDS_KEY_POLICY.tone}>{NEEDS_KEY_POLICY.label}</Badge> : <OutcomeBadge outcome={item.outcome} wording={OUTCOME} />}
          />
          {item.message && <p className="share-result-message">{item.message}</p>}
          {item.keyPolicies?.map((need, _i, all) => (
            <div key={need.keyArn} className="share-result-key" data-testid="share-result-key-policy">
              {/* One key is named in the message; several are told apart here. */}
              {all.length > 1 && (
                <p className="share-issue-key">
                  Key <span className="mono">{need.keyArn}</span>
                </p>
              )}
              <CodeBlock label="Key-policy statement to add" code={need.statement} />
            </div>
          ))}
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
