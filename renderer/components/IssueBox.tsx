import type { ReactNode } from 'react';
import { Icon } from './Icon';

interface IssueBoxProps {
  kind: 'blocker' | 'warning';
  message: string;
  fix?: string | null | undefined;
  /** Leads a blocker's message with what it stops, e.g. "Not shared: ". */
  blockerLead: string;
  testId: string;
  code: string;
  role?: 'alert';
  /** More detail under the fix (a key, a policy statement). */
  children?: ReactNode;
}

/** One check before an action: a blocker keeps its item out, a warning lets it through. */
export function IssueBox({ kind, message, fix, blockerLead, testId, code, role, children }: IssueBoxProps) {
  return (
    <div className={`issue-box issue-box-${kind}`} data-testid={testId} data-code={code} role={role}>
      <Icon name="alert" size={14} className="icon issue-box-icon" />
      <div className="issue-box-text">
        <p className="issue-box-message">
          {kind === 'blocker' && <strong>{blockerLead}</strong>}
          {message}
        </p>
        {fix && <p className="issue-box-fix">{fix}</p>}
        {children}
      </div>
    </div>
  );
}
