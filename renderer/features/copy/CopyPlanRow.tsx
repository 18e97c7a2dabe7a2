import type { CopyIssue, CopyPlanItem } from '../../../shared/lifecycle';
import { Badge } from '../../components/Badge';
import { Icon } from '../../components/Icon';
import { IssueBox } from '../../components/IssueBox';

/** One copy of the review: source → destination region, its final name, encryption, and any checks. */
export function CopyPlanRow({ item }: { item: CopyPlanItem }) {
  const blocked = item.blockers.length > 0;
  // Said once above the list (CopyReview), and on the row's key.
  const managedKey = item.warnings.some((w) => w.code === 'AWS_MANAGED_KEY');
  const warnings = item.warnings.filter((w) => w.code !== 'AWS_MANAGED_KEY');
  return (
    <li className={`item-card copy-item${blocked ? ' is-blocked' : ''}`} data-testid="copy-plan-item" data-region={item.destination.region} data-blocked={blocked || undefined}>
      <div className="copy-item-head">
        <span className="copy-item-route">
          <span className="mono">{item.source.region}</span>
          <Icon name="chevronRight" size={12} />
          <span className="mono copy-item-dest">{item.destination.region}</span>
        </span>
        <span className="truncate copy-item-name" title={item.name}>
          {item.name || item.sourceName}
        </span>
        <span className="copy-item-status">{blocked ? <Badge tone="danger">Excluded</Badge> : <Badge tone="accent">Will copy</Badge>}</span>
      </div>
      <div className="copy-item-meta">
        <span>
          from <strong>{item.sourceName}</strong> <span className="mono-soft">{item.source.imageId}</span>
        </span>
        {item.crossAccount && <span>into {item.destination.accountName}</span>}
        <span className="copy-item-key" title={item.kmsKeyArn ?? undefined}>
          {item.encrypted && <Icon name="lock" size={12} />}
          {!item.encrypted ? (
            'not encrypted'
          ) : managedKey ? (
            <span className="copy-item-managed-key">AWS managed key (aws/ebs) · cannot be shared</span>
          ) : item.kmsKeyArn ? (
            <span className="mono">{keyLabel(item.kmsKeyArn)}</span>
          ) : (
            'encrypted, default key'
          )}
        </span>
      </div>
      {item.description && <div className="copy-item-desc muted">{item.description}</div>}
      {item.blockers.map((issue, i) => (
        <CopyIssueView key={`b-${i}`} issue={issue} kind="blocker" />
      ))}
      {!blocked && warnings.map((issue, i) => <CopyIssueView key={`w-${i}`} issue={issue} kind="warning" />)}
    </li>
  );
}

/** "arn:aws:kms:eu-west-1:1234:key/abcd…" → "key/abcd…" (the region and account are on the row already). */
function keyLabel(arn: string): string {
  return arn.split(':').slice(5).join(':') || arn;
}

/** A plain reason and the fix; a blocker keeps its copy out. */
function CopyIssueView({ issue, kind }: { issue: CopyIssue; kind: 'blocker' | 'warning' }) {
  return <IssueBox kind={kind} message={issue.message} fix={issue.fix} blockerLead="Not copied: " testId={`copy-${kind}`} code={issue.code} />;
}
