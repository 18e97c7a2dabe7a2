import type { ReactNode } from 'react';
import { Icon } from '../../components/Icon';
import './checks.css';

export type CheckTone = 'checking' | 'ok' | 'bad' | 'warn';

/**
 * One line under a field saying what a check found: asking, fine, wrong (with why), or could not
 * tell. Read out politely as it changes, so typing is not interrupted.
 */
export function CheckNote({ tone, children, testId, id }: { tone: CheckTone; children: ReactNode; testId: string; id?: string }) {
  return (
    <div className={`check-note is-${tone}`} data-testid={testId} data-state={tone} id={id} role="status" aria-live="polite">
      <span className="check-note-icon" aria-hidden="true">
        {tone === 'checking' ? <span className="spinner" /> : <Icon name={tone === 'ok' ? 'check' : tone === 'bad' ? 'alert' : 'info'} size={13} />}
      </span>
      <div className="check-note-text">{children}</div>
    </div>
  );
}
