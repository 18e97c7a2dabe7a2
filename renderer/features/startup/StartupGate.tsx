import { useEffect, useState, type ReactNode } from 'react';
import type { RecoveryDone, StartupStatus } from '../../../shared/startup';
import { startupStatus } from './actions';
import { Icon } from '../../components/Icon';
import { ProgressBar } from '../../components/Spinner';
import { recoveredMessage } from '../../lib/startup';
import { AppMark } from '../../components/AppMark';
import { RecoveryScreen } from './RecoveryScreen';

/**
 * Asks the core first whether the database opened. When it did not, the recovery screen takes
 * the whole window until the user restored a backup or started fresh; then the app opens, with a
 * note of what was done. Without an answer (no bridge), the app opens and says so itself.
 */
export function StartupGate({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<StartupStatus | 'unknown' | null>(null);
  useEffect(() => {
    let live = true;
    startupStatus().then(
      (answer) => live && setStatus(answer),
      () => live && setStatus('unknown'),
    );
    return () => {
      live = false;
    };
  }, []);

  if (status === null) {
    return (
      <div className="boot">
        <ProgressBar label="Opening workspace" />
        <div className="boot-mark">
          <AppMark size={32} />
        </div>
      </div>
    );
  }
  if (status !== 'unknown' && status.state === 'recovery') return <RecoveryScreen status={status} onStatus={setStatus} />;
  const recovered = status !== 'unknown' && status.state === 'ready' ? status.recovered : null;
  return (
    <>
      {children}
      {recovered && <RecoveredNotice done={recovered} />}
    </>
  );
}

function RecoveredNotice({ done }: { done: RecoveryDone }) {
  const [open, setOpen] = useState(true);
  if (!open) return null;
  const { title, body } = recoveredMessage(done);
  return (
    <div className="toasts recovered-notice" role="region" aria-label="Data recovery">
      <div className="toast toast-success" role="status" data-testid="recovered-notice">
        <Icon name="check" size={14} className="icon toast-icon" />
        <div className="toast-text">
          <strong>{title}</strong>
          {body && <span>{body}</span>}
        </div>
        <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setOpen(false)}>
          <Icon name="close" size={14} />
        </button>
      </div>
    </div>
  );
}
