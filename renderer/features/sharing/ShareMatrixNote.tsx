import { useAtlas } from '../../store';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { plural } from '../../lib/format';
import { dismissNote, useMatrixStore } from './matrixStore';
import { PlanBlockers } from './PlanIssues';

/** What the last toggle did (or why it could not), above the grid until dismissed. */
export function ShareMatrixNote() {
  const note = useMatrixStore((s) => s.note);
  const error = useMatrixStore((s) => s.noteError);
  if (error) {
    return (
      <div className="images-banner">
        <ErrorBanner error={error} onDismiss={dismissNote} />
      </div>
    );
  }
  if (!note) return null;
  return (
    <div className="images-banner matrix-note" data-testid="matrix-note" data-kind={note.kind}>
      {note.kind === 'blocked' ? (
        <PlanBlockers issues={note.issues} />
      ) : (
        <p className={`tone-line perm-result is-${note.kind === 'success' ? 'success' : note.kind === 'error' ? 'danger' : 'neutral'}`} role="status">
          <Icon name={note.kind === 'error' ? 'alert' : note.kind === 'success' ? 'check' : 'alert'} size={13} />
          <span>{note.text}</span>
        </p>
      )}
      <button type="button" className="icon-button" aria-label="Dismiss" onClick={dismissNote}>
        <Icon name="close" size={13} />
      </button>
    </div>
  );
}

/**
 * Above the grid while some rows' launch permissions are not read (the scan's second phase):
 * how many, and that their cells say pending rather than "not shared".
 */
export function MatrixPendingNote({ count }: { count: number }) {
  const scanning = useAtlas((s) => s.scan?.state === 'running');
  if (count === 0) return null;
  const amis = count === 1 ? '1 AMI’s permissions are' : `${plural(count, 'AMI')}’ permissions are`;
  return (
    <div className="images-banner" data-testid="matrix-pending-note">
      <p className="tone-line is-neutral" role="status">
        <Icon name="clock" size={13} />
        <span>
          {scanning
            ? `${amis} still being read; their cells say pending. The matrix reads them again when the scan ends.`
            : `${count === 1 ? '1 AMI’s permissions were' : `${plural(count, 'AMI')}’ permissions were`} not read by the last scan; their cells say pending until a scan reads them.`}
        </span>
      </p>
    </div>
  );
}
