import { useMemo } from 'react';
import type { TargetProgress } from '../../../shared/inventory';
import { targetKey } from '../../../shared/inventory';
import { useAtlas } from '../../store';
import { ClientDot } from '../../components/ClientDot';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { RelativeTime } from '../../components/RelativeTime';
import { formatCount, plural } from '../../lib/format';
import { orderTargets, permissionsFailed, scanPhaseLine, scanPhases, type ScanPhases } from '../../lib/inventory';
import { findAccount, findClient } from '../../lib/workspace';

const STATE_LABEL: Record<TargetProgress['state'], string> = {
  queued: 'Queued',
  running: 'Running',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/**
 * The scan drawer: the two phases' progress (every target listed, then the owned images' launch
 * permissions read), then every target (failures of either phase first, never hiding the rest).
 */
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

  const phases = scanPhases(targets, scan);
  const running = scan?.state === 'running';

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
            <>
              <button type="button" className="button button-small" onClick={() => void startScan()}>
                <Icon name="refresh" size={13} /> Run again
              </button>
              <button
                type="button"
                className="button button-small"
                title="Scan again and read every owned AMI's launch permissions, not only those of new and changed AMIs: shares changed outside AMI Atlas within the last day show only this way"
                onClick={() => void startScan({ rereadPermissions: true })}
              >
                Re-read all permissions
              </button>
            </>
          )}
          <button type="button" className="icon-button" aria-label="Hide progress" onClick={() => setOpen(false)}>
            <Icon name="close" />
          </button>
        </div>
      </header>
      {targets.length > 0 && (
        <div className="scan-overall">
          <p className="scan-phase-line" data-testid="scan-phase-line" data-phase={phases.phase}>
            {scanPhaseLine(phases)}
            {scan?.finishedAt && (
              <span className="muted">
                {' '}
                · finished <RelativeTime value={scan.finishedAt} />
              </span>
            )}
          </p>
          <ListingPhase phases={phases} />
          <PermissionsPhase phases={phases} />
        </div>
      )}
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

/** A phase's bar: how far it is, with failures tinting its end. */
function PhaseBar({ label, value, max, failures }: { label: string; value: number; max: number; failures: boolean }) {
  const percent = max > 0 ? Math.round((value / max) * 100) : 0;
  return (
    <div className="scan-bar" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={max} aria-valuenow={value}>
      <span className={`scan-bar-fill${failures ? ' has-failures' : ''}`} style={{ width: `${percent}%` }} />
    </div>
  );
}

/** Phase one: every account × region × view listed; once over, the grid is complete. */
function ListingPhase({ phases }: { phases: ScanPhases }) {
  const state = phases.phase === 'listing' ? 'running' : 'over';
  return (
    <section className="scan-phase" data-testid="scan-phase-listing" data-state={state} aria-label="Listing">
      <div className="scan-phase-head">
        <span className="scan-phase-name">1 · Listing</span>
        <span className="scan-phase-figures">
          {formatCount(phases.listed)} of {plural(phases.targets, 'target')} · {plural(phases.found, 'AMI')} found
        </span>
        {phases.listingFailed > 0 && <span className="scan-failed-count">{plural(phases.listingFailed, 'failure')}</span>}
      </div>
      <PhaseBar label="Targets listed" value={phases.listed} max={phases.targets} failures={phases.listingFailed > 0} />
    </section>
  );
}

/** Phase two: the launch permissions of the owned AMIs listed, read in the background. */
function PermissionsPhase({ phases }: { phases: ScanPhases }) {
  const waiting = phases.phase === 'listing' && phases.permissionsTotal === 0;
  const state = phases.phase === 'over' ? 'over' : phases.phase === 'permissions' ? 'running' : 'waiting';
  return (
    <section className="scan-phase" data-testid="scan-phase-permissions" data-state={state} aria-label="Launch permissions">
      <div className="scan-phase-head">
        <span className="scan-phase-name">2 · Launch permissions</span>
        <span className="scan-phase-figures">
          {waiting
            ? 'read once the grid is complete'
            : `${formatCount(phases.permissionsRead)} of ${plural(phases.permissionsTotal, 'owned AMI')} read`}
        </span>
        {phases.permissionsFailed > 0 && <span className="scan-failed-count">{plural(phases.permissionsFailed, 'failure')}</span>}
      </div>
      <PhaseBar label="Launch permissions read" value={phases.permissionsRead} max={phases.permissionsTotal} failures={phases.permissionsFailed > 0} />
      {phases.phase === 'over' && phases.permissionsPending > 0 && (
        <p className="scan-phase-note">
          {plural(phases.permissionsPending, 'AMI')} still say “permissions pending”: the next scan reads them again.
        </p>
      )}
    </section>
  );
}

function TargetRow({ target }: { target: TargetProgress }) {
  const name = useAtlas((s) => findAccount(s.workspace, target.account)?.name ?? 'An account no longer in the workspace');
  const color = useAtlas((s) => findClient(s.workspace, findAccount(s.workspace, target.account)?.clientId)?.color);
  return (
    <li
      className={`scan-target is-${target.state}`}
      data-testid="scan-target"
      data-state={target.state}
      data-permissions={target.permissions ? (permissionsFailed(target) ? 'failed' : target.permissions.pending > 0 ? 'pending' : 'read') : undefined}
    >
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
      {target.permissions && (permissionsFailed(target) || target.permissions.pending > 0) && (
        <div className="scan-target-permissions">
          {permissionsFailed(target) ? (
            <>
              <span className="scan-state scan-state-failed">Permissions failed</span>
              <span className="scan-target-error-text" title={target.permissions.errorCode ?? undefined}>
                {target.permissions.error}
                {target.permissions.pending > 0 && ` (${plural(target.permissions.pending, 'AMI')} still pending)`}
              </span>
            </>
          ) : (
            <span className="muted">Launch permissions: {formatCount(target.permissions.pending)} of {formatCount(target.count)} pending</span>
          )}
        </div>
      )}
    </li>
  );
}
