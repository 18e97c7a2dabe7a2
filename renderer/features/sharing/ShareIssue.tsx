import type { ShareIssue as Issue } from '../../../shared/sharing';
import { IssueBox } from '../../components/IssueBox';
import { CodeBlock } from './CodeBlock';

/**
 * One check from the plan. A blocker keeps its image out of the change; a warning lets it
 * through but says what the recipient still needs (for a customer-managed KMS key: the key-policy
 * statement to add, filled in, ready to copy).
 */
export function ShareIssueView({ issue, kind, statementShown = false }: { issue: Issue; kind: 'blocker' | 'warning'; statementShown?: boolean }) {
  return (
    <IssueBox
      kind={kind}
      message={issue.message}
      fix={issue.fix}
      blockerLead="Not shared: "
      testId={`share-${kind}`}
      code={issue.code}
      {...(kind === 'blocker' ? { role: 'alert' as const } : {})}
    >
      {issue.keyArn && (
        <p className="share-issue-key">
          Key <span className="mono">{issue.keyArn}</span>
        </p>
      )}
      {issue.policyStatement &&
        (statementShown ? (
          <p className="issue-box-fix">The statement to add is the same as above.</p>
        ) : (
          <CodeBlock label="Key-policy statement to add" code={issue.policyStatement} />
        ))}
    </IssueBox>
  );
}
