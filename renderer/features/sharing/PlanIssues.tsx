import type { ShareIssue } from '../../../shared/sharing';
import { ShareIssueView } from './ShareIssue';

/** Why a change cannot be made, each with what to do about it. */
export function PlanBlockers({ issues }: { issues: readonly ShareIssue[] }) {
  return (
    <div className="perm-issues" data-testid="share-blockers">
      {issues.map((issue) => (
        <ShareIssueView key={issue.code} issue={issue} kind="blocker" />
      ))}
    </div>
  );
}

/** Allowed, but worth knowing before confirming (e.g. recipients need the KMS key). */
export function PlanWarnings({ issues }: { issues: readonly ShareIssue[] }) {
  return (
    <div className="perm-issues" data-testid="share-warnings">
      {issues.map((issue) => (
        <ShareIssueView key={issue.code} issue={issue} kind="warning" />
      ))}
    </div>
  );
}
