import type { ShareIssue as Issue } from '../../../shared/sharing';
import { Icon } from '../../components/Icon';
import { CodeBlock } from './CodeBlock';

/**
 * One check from the plan. A blocker keeps its image out of the change; a warning lets it
 * through but says what the recipient still needs (for a customer-managed KMS key: the key-policy
 * statement to add, filled in, ready to copy).
 */
export function ShareIssueView({ issue, kind, statementShown = false }: { issue: Issue; kind: 'blocker' | 'warning'; statementShown?: boolean }) {
  return (
    <div className={`share-issue share-issue-${kind}`} data-testid={`share-${kind}`} data-code={issue.code} role={kind === 'blocker' ? 'alert' : undefined}>
      <Icon name="alert" size={14} className="icon share-issue-icon" />
      <div className="share-issue-text">
        <p className="share-issue-message">
          {kind === 'blocker' && <strong>Not shared: </strong>}
          {issue.message}
        </p>
        {issue.fix && <p className="share-issue-fix">{issue.fix}</p>}
        {issue.keyArn && (
          <p className="share-issue-key">
            Key <span className="mono">{issue.keyArn}</span>
          </p>
        )}
        {issue.policyStatement &&
          (statementShown ? (
            <p className="share-issue-fix">The statement to add is the same as above.</p>
          ) : (
            <CodeBlock label="Key-policy statement to add" code={issue.policyStatement} />
          ))}
      </div>
    </div>
  );
}
