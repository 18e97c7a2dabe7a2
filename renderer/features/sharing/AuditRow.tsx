import type { AuditAction, AuditEntry, ShareEntity } from '../../../shared/sharing';
import { entityKey } from '../../../shared/sharing';
import { Badge, type BadgeTone } from '../../components/Badge';
import { confirmChange } from '../../components/ConfirmProduction';
import { Icon } from '../../components/Icon';
import { RelativeTime } from '../../components/RelativeTime';
import { exactTime } from '../../lib/time';
import { Spinner } from '../../components/Spinner';
import { formatAccountId, plural } from '../../lib/format';
import { entityName } from '../../lib/shareTargets';
import { findAccount } from '../../lib/workspace';
import { useAtlas } from '../../store';
import { EntityName } from '../../components/EntityName';

const ACTION_LABEL: Record<AuditAction, string> = {
  share: 'Shared',
  unshare: 'Unshared',
  'make-public': 'Made public',
  'make-private': 'Made private',
  reset: 'Reset permissions',
  'leave-share': 'Left a share',
  undo: 'Undo',
  copy: 'Copied',
  'cancel-copy': 'Cancelled a copy',
  deregister: 'Deregistered',
  deprecate: 'Deprecated',
  undeprecate: 'Undeprecated',
  disable: 'Disabled',
  enable: 'Enabled',
  protect: 'Protected',
  unprotect: 'Unprotected',
  tag: 'Tagged',
  'production-on': 'Marked production',
  'production-off': 'No longer production',
  'delete-snapshot': 'Deleted a snapshot', restore: 'Restored from the Recycle Bin', 'recycle-bin-rule': 'Added a Recycle Bin rule',
  'pipeline-update': 'Edited a pipeline',
  'pipeline-clone': 'Cloned a pipeline',
  'pipeline-delete': 'Deleted a pipeline',
  'component-create': 'Created a component version',
  'recipe-version': 'Created a recipe version',
};

const OUTCOME_TONE: Record<AuditEntry['outcome'], BadgeTone> = { ok: 'success', unchanged: 'neutral', failed: 'danger' };
const OUTCOME_LABEL: Record<AuditEntry['outcome'], string> = { ok: 'Done', unchanged: 'No change', failed: 'Failed' };

export function AuditRow({ entry }: { entry: AuditEntry }) {
  return (
    <tr className={`audit-row is-${entry.outcome}${entry.undoneBy ? ' is-undone' : ''}`} data-testid="audit-entry" data-id={entry.id} data-image-id={entry.imageId} data-action={entry.action}>
      <td className="audit-when">
        <RelativeTime value={entry.at} />
      </td>
      <td className="audit-action">
        {ACTION_LABEL[entry.action]}
        {entry.undone && (
          <span className="muted audit-undo-of" title={exactTime(entry.undone.at)}>
            {' '}
            of “{ACTION_LABEL[entry.undone.action].toLowerCase()} {entry.undone.imageName}”
          </span>
        )}
        {(entry.via || entry.principal) && (
          <span className="audit-via" title={entry.principal ? `Acted as ${entry.principal}` : undefined}>
            through {entry.via ?? 'its access path'}
            {entry.principal ? ` as ${entry.principal}` : ''}
          </span>
        )}
      </td>
      <td className="audit-account">
        <span className="audit-strong">{entry.accountName}</span>
        {entry.awsAccountId && <span className="mono-soft">{formatAccountId(entry.awsAccountId)}</span>}
      </td>
      <td className="mono audit-region">{entry.region || <span className="muted">—</span>}</td>
      <td className="audit-image">
        {entry.imageId ? (
          <>
            <span className="audit-strong" title={entry.imageName}>
              {entry.imageName || entry.imageId}
            </span>
            <span className="mono-soft">{entry.imageId}</span>
          </>
        ) : entry.imageName ? (
          // An Image Builder resource (pipeline, component, recipe): its name, no AMI id.
          <span className="audit-strong" title={entry.imageName}>
            {entry.imageName}
          </span>
        ) : (
          // A change to the account itself (its production flag), not to an image.
          <span className="muted">The account itself</span>
        )}
      </td>
      <td className="audit-change">
        <EntityList sign="+" entities={entry.added} />
        <EntityList sign="−" entities={entry.removed} />
        {entry.detail && <span className="audit-detail">{entry.detail}</span>}
        {entry.snapshotIds.length > 0 && (
          <span className="audit-snapshots" title={entry.snapshotIds.join('\n')}>
            and {plural(entry.snapshotIds.length, 'snapshot')}: <span className="mono">{entry.snapshotIds.join(', ')}</span>
          </span>
        )}
      </td>
      <td className="audit-outcome">
        <Badge tone={OUTCOME_TONE[entry.outcome]}>{OUTCOME_LABEL[entry.outcome]}</Badge>
        {entry.undoneBy && <span className="muted audit-undone"> undone</span>}
        {entry.error && <p className="audit-error">{entry.error}</p>}
      </td>
      <td className="audit-actions">{entry.undoable && <UndoButton entry={entry} />}</td>
    </tr>
  );
}

function EntityList({ sign, entities }: { sign: string; entities: readonly ShareEntity[] }) {
  if (entities.length === 0) return null;
  return (
    <span className="audit-entities">
      <span className="share-change-sign" aria-label={sign === '+' ? 'added' : 'removed'}>
        {sign}
      </span>
      {entities.map((e, i) => (
        <span key={entityKey(e)}>
          {i > 0 && ', '}
          <EntityName entity={e} />
        </span>
      ))}
    </span>
  );
}

/** Undo asks first, like every change: it lists what will be reversed and names production accounts. */
function UndoButton({ entry }: { entry: AuditEntry }) {
  const state = useAtlas((s) => s.auditUndo[entry.id]);
  const undoAudit = useAtlas((s) => s.undoAudit);

  async function undo() {
    const { workspace } = useAtlas.getState();
    const account = findAccount(workspace, entry.account);
    const names = (list: readonly ShareEntity[]) => list.map((e) => entityName(e, workspace)).join(', ');
    const parts = [
      entry.added.length > 0 ? `stop sharing with ${names(entry.added)}` : null,
      entry.removed.length > 0 ? `share again with ${names(entry.removed)}` : null,
    ].filter((p): p is string => p !== null);
    const ok = await confirmChange({
      title: `Undo: ${ACTION_LABEL[entry.action].toLowerCase()} ${entry.imageName || entry.imageId}`,
      message: `${entry.imageName || entry.imageId} (${entry.imageId}) will ${parts.join(' and ') || 'go back to how it was'}${entry.snapshotIds.length ? ', snapshots included' : ''}.`,
      accounts: account ? [account] : [],
      lines: account ? [{ account: account.id, region: entry.region, text: `${entry.imageId}: ${parts.join('; ') || 'reverse the change'}` }] : [],
      confirmLabel: 'Undo',
      inAws: true,
      tone: 'danger',
    });
    if (!ok) return;
    // The sheet kept Undo disabled until the production name was typed; the core checks it again.
    await undoAudit(entry.id, account?.production ? { [account.id]: account.name } : {});
  }

  return (
    <span className="audit-undo">
      <button type="button" className="button button-small" onClick={() => void undo()} disabled={state?.running} data-testid="audit-undo" aria-label={`Undo: ${ACTION_LABEL[entry.action].toLowerCase()} ${entry.imageName || entry.imageId} in ${entry.accountName}`}>
        {state?.running ? <Spinner label="Undoing" /> : <Icon name="refresh" size={13} />} Undo
      </button>
      {state?.error && (
        <span className="audit-error" role="alert">
          {state.error.message}
        </span>
      )}
    </span>
  );
}
