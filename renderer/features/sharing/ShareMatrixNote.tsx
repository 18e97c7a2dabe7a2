import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
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
