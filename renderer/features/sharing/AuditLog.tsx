import { useEffect } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { RefreshButton } from '../../components/RefreshButton';
import { ModeView, StatusSep } from '../../components/ModeView';
import { plural } from '../../lib/format';
import { useAtlas } from '../../store';
import { shiftShortcutLabel } from '../../lib/keyboard';
import { AuditRow } from './AuditRow';

/**
 * Every change made from this workspace (shares, and other image changes), newest first, with
 * Undo where it can be undone.
 * Kept fresh by the `sharing:changed` event (see App).
 */
export function AuditLog() {
  const entries = useAtlas((s) => s.audit);
  const status = useAtlas((s) => s.auditStatus);
  const error = useAtlas((s) => s.auditError);
  const loadAudit = useAtlas((s) => s.loadAudit);

  useEffect(() => {
    void loadAudit();
  }, [loadAudit]);

  const loading = status === 'loading' || status === 'idle';
  let body;
  if (error && entries.length === 0) {
    body = (
      <div className="state-center">
        <ErrorBanner error={error} onRetry={() => void loadAudit()} variant="full" />
      </div>
    );
  } else if (entries.length === 0 && !loading) {
    body = (
      <EmptyState icon="clock" title="No changes yet">
        Drag AMIs onto an account to share them, or pick rows and press {shiftShortcutLabel('S')} to choose who to share them with. Every change
        is listed here, and can be undone.
      </EmptyState>
    );
  } else {
    body = (
      <div className="audit-scroll">
        <table className="audit-table" data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Action</th>
              <th scope="col">Account</th>
              <th scope="col">Region</th>
              <th scope="col">Image</th>
              <th scope="col">Change</th>
              <th scope="col">Outcome</th>
              <th scope="col">
                <span className="sr-only">Undo</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <AuditRow key={entry.id} entry={entry} />
            ))}
          </tbody>
        </table>
      </div>
    );
  }

  return (
    <ModeView
      className="audit-log"
      label="Audit log"
      testId="audit-log"
      icon="clock"
      title="Audit log"
      titleClassName="audit-title"
      end={<RefreshButton title="Read the log again" busy={status === 'loading'} onRefresh={() => void loadAudit()} />}
      loading={status === 'loading' ? 'Loading the audit log' : null}
      error={error && entries.length > 0 ? error : null}
      onRetry={() => void loadAudit()}
      status={
        <>
          <span>{plural(entries.length, 'change')}</span>
          <StatusSep />
          <span>newest first</span>
        </>
      }
    >
      {body}
    </ModeView>
  );
}
