import { entityKey, type SharePlanItem as PlanItem, type SnapshotChange, type SnapshotPlan } from '../../../shared/sharing';
import { Badge } from '../../components/Badge';
import { ItemHead } from '../../components/ItemCard';
import { changesSomething } from '../../lib/sharePlan';
import { EntityName } from '../../components/EntityName';
import { ShareIssueView } from './ShareIssue';

/** One AMI of the plan: who will be added, who already had it, its snapshots, and any checks. */
interface SharePlanItemProps {
  item: PlanItem;
  snapshots: boolean;
  /** Key-policy statements an earlier item already showed: said once, not repeated per AMI. */
  shownStatements: ReadonlySet<string>;
}

export function SharePlanItem({ item, snapshots, shownStatements }: SharePlanItemProps) {
  const blocked = item.blockers.length > 0;
  const status = blocked ? (
    <Badge tone="danger">Excluded</Badge>
  ) : changesSomething(item) ? (
    <Badge tone="accent">{item.willAdd.length + item.willRemove.length} to change</Badge>
  ) : (
    <Badge tone="neutral">No change</Badge>
  );
  return (
    <li className={`item-card${blocked ? ' is-blocked' : ''}`} data-testid="share-plan-item" data-image-id={item.ref.imageId}>
      <ItemHead
        name={item.imageName}
        title={item.imageName}
        imageId={item.ref.imageId}
        account={item.accountName}
        region={item.ref.region}
        production={item.production}
        status={status}
      />
      {(item.willAdd.length > 0 || item.willRemove.length > 0 || item.unchanged.length > 0) && (
        <ul className="share-changes" aria-label={`Changes to ${item.imageName || item.ref.imageId}`}>
          {item.willAdd.map((e) => (
            <li key={`add-${entityKey(e)}`} className={`share-change is-add${blocked ? ' is-void' : ''}`} data-testid="share-change-add">
              <span className="share-change-sign" aria-hidden="true">
                +
              </span>
              <EntityName entity={e} />
              <span className="share-change-note">{blocked ? 'would be able to launch' : 'will be able to launch'}</span>
            </li>
          ))}
          {item.willRemove.map((e) => (
            <li key={`remove-${entityKey(e)}`} className={`share-change is-remove${blocked ? ' is-void' : ''}`}>
              <span className="share-change-sign" aria-hidden="true">
                −
              </span>
              <EntityName entity={e} />
              <span className="share-change-note">will no longer be able to launch</span>
            </li>
          ))}
          {item.unchanged.map((e) => (
            <li key={`same-${entityKey(e)}`} className="share-change is-same" data-testid="share-change-unchanged">
              <span className="share-change-sign" aria-hidden="true">
                =
              </span>
              <EntityName entity={e} />
              <span className="share-change-note">already shared, unchanged</span>
            </li>
          ))}
        </ul>
      )}
      {snapshots && item.snapshots.length > 0 && <SnapshotLines snapshots={item.snapshots} changes={item.snapshotChanges} void={blocked} />}
      {item.blockers.map((issue, i) => (
        <ShareIssueView key={`b-${i}`} issue={issue} kind="blocker" />
      ))}
      {!blocked &&
        item.warnings.map((issue, i) => (
          <ShareIssueView key={`w-${i}`} issue={issue} kind="warning" statementShown={!!issue.policyStatement && shownStatements.has(issue.policyStatement)} />
        ))}
    </li>
  );
}

/** Create-volume permission per snapshot: who gains it, or that it is already as asked. */
function SnapshotLines({ snapshots, changes, void: excluded }: { snapshots: readonly SnapshotPlan[]; changes: readonly SnapshotChange[]; void: boolean }) {
  const byId = new Map(changes.map((c) => [c.snapshotId, c]));
  return (
    <ul className="share-changes share-snapshots" aria-label="Snapshots">
      {snapshots.map((snapshot) => {
        const change = byId.get(snapshot.snapshotId);
        const added = change?.add ?? [];
        const removed = change?.remove ?? [];
        return (
          <li key={snapshot.snapshotId} className={`share-change${added.length || removed.length ? ' is-add' : ' is-same'}${excluded ? ' is-void' : ''}`} data-testid="share-snapshot">
            <span className="share-change-sign" aria-hidden="true">
              {added.length || removed.length ? '+' : '='}
            </span>
            <span className="mono">{snapshot.snapshotId}</span>
            {snapshot.encrypted && <span className="muted">{keyLabel(snapshot)}</span>}
            <span className="share-change-note">
              {added.length > 0 && (
                <>
                  create volumes: {added.map((id, i) => (
                    <span key={id}>
                      {i > 0 && ', '}
                      <EntityName entity={{ kind: 'account', awsAccountId: id }} />
                    </span>
                  ))}
                </>
              )}
              {removed.length > 0 && <> · no longer: {removed.length} account{removed.length === 1 ? '' : 's'}</>}
              {added.length === 0 && removed.length === 0 && 'create-volume permission already as asked'}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

function keyLabel(snapshot: SnapshotPlan): string {
  if (snapshot.keyManager === 'CUSTOMER') return 'encrypted, customer managed key';
  if (snapshot.keyManager === 'AWS') return 'encrypted, AWS managed key';
  return 'encrypted';
}
