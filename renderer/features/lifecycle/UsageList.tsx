import type { ImageUsage } from '../../../shared/lifecycle';
import { Badge } from '../../components/Badge';
import { Icon } from '../../components/Icon';
import { ItemHead } from '../../components/ItemCard';
import { RelativeTime } from '../../components/RelativeTime';
import { protectionLabel, referenceGroups, usageWarnings, type LifecycleKind } from '../../lib/lifecycle';
import { EntityName } from '../../components/EntityName';

/** Per image, what to know before acting: in use, last launched, shares, the snapshots that go with it. */
export function UsageList({ usage, kind, deleteSnapshots }: { usage: readonly ImageUsage[]; kind: LifecycleKind; deleteSnapshots: boolean }) {
  return (
    <ul className="item-list" aria-label="What each image is used for" data-testid="lifecycle-usage">
      {usage.map((u) => (
        <UsageItem key={`${u.ref.account}|${u.ref.region}|${u.ref.imageId}`} usage={u} kind={kind} deleteSnapshots={deleteSnapshots} />
      ))}
    </ul>
  );
}

function UsageItem({ usage, kind, deleteSnapshots }: { usage: ImageUsage; kind: LifecycleKind; deleteSnapshots: boolean }) {
  const warnings = usageWarnings(usage, kind);
  const inUse = usage.references.length > 0;
  return (
    <li className={`item-card usage-item${warnings.length > 0 ? ' has-warnings' : ''}`} data-testid="lifecycle-usage-item" data-image-id={usage.ref.imageId}>
      <ItemHead
        name={usage.name}
        title={usage.name}
        imageId={usage.ref.imageId}
        account={usage.accountName}
        region={usage.ref.region}
        production={usage.production}
        status={usage.referencesError ? <Badge tone="warning">Usage unknown</Badge> : inUse ? <Badge tone="warning">In use</Badge> : <Badge tone="success">Not in use</Badge>}
      />
      <dl className="facts usage-facts">
        <dt>Last launched</dt>
        <dd>{usage.lastLaunchedTime ? <RelativeTime value={usage.lastLaunchedTime} /> : 'never (or not recorded)'}</dd>
        <dt>Used by</dt>
        <dd>
          {usage.referencesError ? (
            <span className="usage-error">Could not be read: {usage.referencesError}</span>
          ) : inUse ? (
            <ReferenceGroups references={usage.references} />
          ) : (
            'nothing found (instances, launch templates, …)'
          )}
        </dd>
        <dt>Shared with</dt>
        <dd>
          {usage.sharedWith.length === 0
            ? 'nobody'
            : usage.sharedWith.map((e, i) => (
                <span key={i} className="usage-entity">
                  <EntityName entity={e} />
                </span>
              ))}
        </dd>
        {kind === 'deregister' && (
          <>
            <dt>Snapshots</dt>
            <dd>
              {usage.snapshotIds.length === 0 ? (
                'none'
              ) : (
                <span className={deleteSnapshots ? 'usage-snapshots is-deleted' : 'usage-snapshots'} data-testid="lifecycle-snapshots">
                  {usage.snapshotIds.map((id) => (
                    <span key={id} className="mono">
                      {id}
                    </span>
                  ))}
                  <span className="muted">{deleteSnapshots ? 'will be deleted' : 'kept'}</span>
                </span>
              )}
            </dd>
          </>
        )}
        {protectionLabel(usage.deregistrationProtection) && (
          <>
            <dt>Protection</dt>
            <dd>{protectionLabel(usage.deregistrationProtection)}</dd>
          </>
        )}
        {usage.deprecationTime && (
          <>
            <dt>Deprecated</dt>
            <dd>
              <RelativeTime value={usage.deprecationTime} />
            </dd>
          </>
        )}
      </dl>
      {warnings.map((w) => (
        <p key={w} className="usage-warning">
          <Icon name="alert" size={13} /> {w}
        </p>
      ))}
    </li>
  );
}

function ReferenceGroups({ references }: { references: ImageUsage['references'] }) {
  return (
    <ul className="usage-refs">
      {referenceGroups(references).map((g) => (
        <li key={g.type}>
          <details>
            <summary>
              {g.arns.length} × {g.type}
            </summary>
            <ul className="usage-arns">
              {g.arns.map((arn) => (
                <li key={arn} className="mono">
                  {arn}
                </li>
              ))}
            </ul>
          </details>
        </li>
      ))}
    </ul>
  );
}
