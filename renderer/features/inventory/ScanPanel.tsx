import { useMemo } from 'react';
import type { TargetProgress } from '../../../shared/inventory';
import { targetKey } from '../../../shared/inventory';
import { useAtlas } from '../../store';
import { ClientDot } from '../../components/ClientDot';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { RelativeTime } from '../../components/RelativeTime';
import { formatCount, plural } from '../../lib/format';
import { orderTargets, scanTotals } from '../../lib/inventory';
import { findAccount, findClient } from '../../lib/workspace';

const STATE_LABEL: Record<TargetProgress['state'], string> = {
  queued: 'Queued',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** The scan drawer: overall progress, then every target (failures first, never hiding the rest). */
export function ScanPanel() {
  const open = useAtlas((s) => s.scanPanelOpen);
  const setOpen = useAtlas((s) => s.setScanPanelOpen);
  const scan = useAtlas((s) => s.scan);
  const summary = useAtlas((s) => s.inventorySummary);
  const scanError = useAtlas((s) => s.scanError);
  const startScan = useAtlas((s) => s.startScan);
  const cancelScan = useAtlas((s) => s.cancelScan);
  const targets = scan?.targets ?? summary?.targets ?? [];
  const ordered = useMemo(() => orderTargets(targets), [targets]);
  if (!open) return null;

  const totals = scanTotals(targets);
  const running = scan?.state === 'running';
  const percent = totals.total > 0 ? Math.round((totals.finished / totals.total) * 100) : 0;

  return (
    <aside
      className="scan-panel"
      data-testid="scan-panel"
      aria-label="Scan"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          setOpen(false);
        }
      }}
    >
      <header className="scan-header">
        <h2>{running ? 'Scanning' : scan ? (scan.state === 'cancelled' ? 'Scan cancelled' : 'Scan finished') : 'Last scan'}</h2>
        <div className="scan-actions">
          {running ? (
            <button type="button" className="button button-small button-danger-outline" onClick={() => void cancelScan()}>
              Cancel
            </button>
          ) : (
            <button type="button" className="button button-small" onClick={() => void startScan()}>
              <Icon name="refresh" size={13} /> Run again
            </button>
          )}
          <button type="button" className="icon-button" aria-label="Hide progress" onClick={() => setOpen(false)}>
            <Icon name="close" />
          </button>
        </div>
      </header>
      <div className="scan-overall">
        <div
          className="scan-bar"
          role="progressbar"
          aria-label="Targets scanned"
          aria-valuemin={0}
          aria-valuemax={totals.total}
          aria-valuenow={totals.finished}
        >
          <span className={`scan-bar-fill${totals.failed > 0 ? ' has-failures' : ''}`} style={{ width: `${percent}%` }} />
        </div>
        <div className="scan-figures">
          <span>
            {formatCount(totals.finished)}/{formatCount(totals.total)} targets
          </span>
          <span>{plural(totals.rows, 'AMI')} found</span>
          {totals.failed > 0 && <span className="scan-failed-count">{plural(totals.failed, 'failure')}</span>}
          {scan?.finishedAt && (
            <span className="muted">
              finished <RelativeTime value={scan.finishedAt} />
            </span>
          )}
        </div>
      </div>
      {scanError && (
        <div className="scan-error">
          <ErrorBanner error={scanError} />
        </div>
      )}
      {targets.length === 0 && !scanError && <p className="scan-empty">No scan yet. Scan reads every account × its regions, owned and shared-with-me AMIs.</p>}
      <ul className="scan-targets">
        {ordered.map((t) => (
          <TargetRow key={targetKey(t)} target={t} />
        ))}
      </ul>
    </aside>
  );
}

function TargetRow({ target }: { target: TargetProgress }) {
  const name = useAtlas((s) => findAccount(s.workspace, target.account)?.name ?? 'An account no longer in the workspace');
  const color = useAtlas((s) => findClient(s.workspace, findAccount(s.workspace, target.account)?.clientId)?.color);
  return (
    <li className={`scan-target is-${target.state}`} data-testid="scan-target" data-state={target.state}>
      <div className="scan-target-line">
        <ClientDot color={color} />
        <span className="scan-target-account truncate">{name}</span>
        <span className="mono-soft">{target.region}</span>
        <span className="muted">{target.view === 'owned' ? 'owned' : 'shared'}</span>
        <span className={`scan-state scan-state-${target.state}`}>{STATE_LABEL[target.state]}</span>
        <span className="scan-count">{target.state === 'queued' ? '' : formatCount(target.count)}</span>
      </div>
      {target.error && (
        <div className="scan-target-error" title={target.errorCode ?? undefined}>
          {target.error}
        </div>
      )}
    </li>
  );
}
