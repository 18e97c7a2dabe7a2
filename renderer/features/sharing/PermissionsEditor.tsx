import { useId, useMemo, useState } from 'react';
import type { AmiDetail } from '../../../shared/model';
import type { ImageRef, ShareEntity } from '../../../shared/sharing';
import { useAtlas } from '../../store';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import { accountNamesByAwsId } from '../../lib/images';
import { entitiesFromPermissions, isPublic, sortEntities } from '../../lib/sharing';
import { findAccount } from '../../lib/workspace';
import { addTyped, dismissOutcome, imageKey, IDLE, makePrivate, makePublic, removeEntry, resetPermissions, useEditorStore, type EditorContext } from './editorStore';
import { PermissionsEditorAdd } from './PermissionsEditorAdd';
import { PermissionsEditorList } from './PermissionsEditorList';
import { PermissionsEditorOutcome } from './PermissionsEditorOutcome';
import { PermissionsEditorPublicNotice } from './PermissionsEditorPublicNotice';

/**
 * Launch permissions of an image we own, editable: remove an entry, add an account or
 * organization, make public or private, reset. Each change is planned and confirmed first.
 */
export function PermissionsEditor({ image }: { image: AmiDetail }) {
  const workspace = useAtlas((s) => s.workspace);
  const loadDetail = useAtlas((s) => s.loadDetail);
  const loadImages = useAtlas((s) => s.loadImages);
  const [snapshots, setSnapshots] = useState(false);
  const snapshotsId = useId();
  const ref: ImageRef = useMemo(() => ({ account: image.account, region: image.region, imageId: image.imageId }), [image.account, image.region, image.imageId]);
  const state = useEditorStore((s) => s.byImage[imageKey(ref)]) ?? IDLE;
  const names = useMemo(() => accountNamesByAwsId(workspace?.accounts ?? []), [workspace]);
  const current = useMemo(() => sortEntities(entitiesFromPermissions(image.launchPermissions ?? []), names), [image.launchPermissions, names]);
  const account = findAccount(workspace, image.account);
  const busy = state.busy !== null;

  const ctx: EditorContext = {
    workspace,
    names,
    imageName: image.name,
    current,
    snapshots,
    onChanged: () => {
      void loadDetail(true);
      // The list's "Public" column follows launch permissions.
      if (useAtlas.getState().mode === 'accounts') void loadImages();
    },
  };
  const isPublicNow = isPublic(current);

  return (
    <section className="perm-editor" aria-label="Launch permissions" data-testid="permissions-editor">
      <div className="perm-editor-head">
        <h3 className="section-title">Who can launch it</h3>
        {busy && <Spinner label={state.busy ?? 'Working'} />}
        {busy && <span className="perm-busy">{state.busy}</span>}
      </div>
      <PermissionsEditorList entries={current} names={names} disabled={busy} onRemove={(e: ShareEntity) => void removeEntry(ref, e, ctx)} />
      <PermissionsEditorAdd disabled={busy} onAdd={(text) => addTyped(ref, text, ctx)} />
      <div className="perm-options">
        <input id={snapshotsId} type="checkbox" checked={snapshots} onChange={(e) => setSnapshots(e.target.checked)} disabled={busy} />
        <label htmlFor={snapshotsId}>
          Also snapshots <span className="muted">(create-volume permission, needed to copy the AMI)</span>
        </label>
      </div>
      <div className="perm-actions">
        {isPublicNow ? (
          <button type="button" className="button" disabled={busy} onClick={() => void makePrivate(ref, ctx)} data-testid="make-private">
            <Icon name="lock" size={13} /> Make private
          </button>
        ) : (
          <button type="button" className="button" disabled={busy} onClick={() => void makePublic(ref, ctx)} data-testid="make-public">
            <Icon name="globe" size={13} /> Make public…
          </button>
        )}
        <button
          type="button"
          className="button button-danger-outline"
          disabled={busy || current.length === 0}
          title="Only the owner can launch it again"
          onClick={() => void resetPermissions(ref, ctx)}
          data-testid="reset-permissions"
        >
          Reset
        </button>
      </div>
      {state.publicBlocked && (
        <PermissionsEditorPublicNotice
          accountName={account?.name ?? 'this account'}
          region={image.region}
          onCheckAgain={() => void makePublic(ref, ctx)}
          onDismiss={() => dismissOutcome(ref)}
        />
      )}
      <PermissionsEditorOutcome outcome={state.outcome} direction={state.direction} error={state.error} onDismiss={() => dismissOutcome(ref)} />
    </section>
  );
}
