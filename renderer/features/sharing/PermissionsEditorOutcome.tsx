import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { outcomeText, outcomeTone } from '../../lib/sharing';
import type { EditorDirection } from './editorStore';
import { CodeBlock } from './CodeBlock';
import { PlanBlockers } from './PlanIssues';
import type { FlowOutcome } from './shareFlow';

interface OutcomeProps {
  outcome: FlowOutcome | null;
  direction: EditorDirection;
  error: Parameters<typeof ErrorBanner>[0]['error'] | null;
  onDismiss(): void;
}

/** What the last change did: blockers with their fix, "nothing to change", or a result per image. */
export function PermissionsEditorOutcome({ outcome, direction, error, onDismiss }: OutcomeProps) {
  if (error) return <ErrorBanner error={error} onDismiss={onDismiss} />;
  if (!outcome || outcome.status === 'cancelled') return null;
  if (outcome.status === 'blocked') return <PlanBlockers issues={outcome.blockers} />;
  if (outcome.status === 'noop') {
    return (
      <p className="tone-line perm-result is-neutral" role="status" data-testid="perm-result" data-outcome="unchanged">
        <Icon name="check" size={13} /> {outcome.message}
      </p>
    );
  }
  return (
    <ul className="perm-results" aria-label="Results" data-testid="perm-results">
      {outcome.result.items.map((item) => (
        <li
          key={`${item.ref.account}|${item.ref.region}|${item.ref.imageId}`}
          className={`tone-line perm-result is-${outcomeTone(item)}`}
          role={item.outcome === 'failed' ? 'alert' : 'status'}
          data-testid="perm-result"
          data-outcome={item.outcome}
        >
          <Icon name={(item.outcome === 'changed' && !item.keyPolicies?.length) || item.outcome === 'unchanged' ? 'check' : 'alert'} size={13} />
          <span>{outcomeText(item, direction)}</span>
          {item.keyPolicies?.map((need) => <CodeBlock key={need.keyArn} label="Key-policy statement to add" code={need.statement} />)}
        </li>
      ))}
    </ul>
  );
}
