import { useEffect, useId, useMemo, useRef } from 'react';
import { useAtlas } from '../../store';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { RelativeTime } from '../../components/RelativeTime';
import { Toast, ToastRegion } from '../../components/Toast';
import { plural } from '../../lib/format';
import { findAccount } from '../../lib/workspace';
import { formatLeft, retryScope, scanLine } from '../../lib/scanGroups';
import { ScanDetails } from './ScanDetails';

/**
 * The scan in one line above the current place (it takes that line and no more): how far it
 * is, how many failed, the time left once it can be told, Cancel or Retry; "Details" opens the
 * targets by account over the page, failures first. A scan that ended with failures also
 * raises a toast that opens those details.
 */
export function ScanLine() {
  const open = useAtlas((s) => s.scanPanelOpen);
  return (
    <>
      {open && <ScanLineBar />}
      <ScanToast />
    </>
  );
}

function ScanLineBar() {
  const setOpen = useAtlas((s) => s.setScanPanelOpen);
  const detailsOpen = useAtlas((s) => s.scanDetailsOpen);
  const setDetailsOpen = useAtlas((s) => s.setScanDetailsOpen);
  const scan = useAtlas((s) => s.scan);
  const summary = useAtlas((s) => s.inventorySummary);
  const scanError = useAtlas((s) => s.scanError);
  const startScan = useAtlas((s) => s.startScan);
  const cancelScan = useAtlas((s) => s.cancelScan);
  const targets = scan?.targets ?? summary?.targets ?? [];
  // Read again with each progress event: the time left moves with the scan.
  const now = useMemo(() => Date.now(), [scan]);
  const line = scanLine(targets, scan, now);
  const retry = retryScope(targets);
  const running = line.state === 'running';
  const rootRef = useRef<HTMLElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const detailsId = useId();
  const percent = line.max > 0 ? Math.round((line.value / line.max) * 100) : 0;

  // A click elsewhere closes the details; Esc inside them closes them and focus goes back to the button.
  useEffect(() => {
    if (!detailsOpen) return;
    function onPointer(event: PointerEvent) {
      if (!rootRef.current?.contains(event.target as Node)) setDetailsOpen(false);
    }
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [detailsOpen, setDetailsOpen]);

  const closeDetails = () => {
    setDetailsOpen(false);
    buttonRef.current?.focus();
  };

  return (
    <section ref={rootRef} className={`scan-line is-${line.state}${line.failed > 0 ? ' has-failures' : ''}`} data-testid="scan-panel" aria-label="Scan">
      <Icon
        name={running ? 'refresh' : line.failed > 0 ? 'alert' : 'check'}
        size={13}
        className={`icon scan-line-icon${running ? ' is-spinning' : ''}`}
      />
      {/* Before the first progress there is no phase to tell: the line says it is starting. */}
      <span className="scan-line-text" data-testid={line.state === 'idle' ? undefined : 'scan-phase-line'} data-phase={line.phase} aria-live="polite">
        {line.state === 'idle' ? (scanError ? 'The scan did not start' : 'Starting the scan…') : line.text}
      </span>
      <div className="scan-bar scan-line-bar" role="progressbar" aria-label={line.phase === 'permissions' ? 'Launch permissions read' : 'Targets listed'} aria-valuemin={0} aria-valuemax={line.max} aria-valuenow={line.value}>
        <span className={`scan-bar-fill${line.failed > 0 ? ' has-failures' : ''}`} style={{ width: `${percent}%` }} />
      </div>
      {running && line.leftMs !== null && (
        <span className="muted scan-line-left" data-testid="scan-time-left">
          {formatLeft(line.leftMs)}
        </span>
      )}
      {!running && scan?.finishedAt && (
        <span className="muted scan-line-left">
          finished <RelativeTime value={scan.finishedAt} />
        </span>
      )}
      {scanError && (
        <span className="scan-line-error" data-testid="scan-line-error" title={scanError.message}>
          {scanError.message}
        </span>
      )}
      <span className="scan-line-actions">
        <button
          ref={buttonRef}
          type="button"
          className={`button button-small${line.failed > 0 ? ' scan-details-failed' : ''}`}
          aria-expanded={detailsOpen}
          aria-controls={detailsOpen ? detailsId : undefined}
          aria-haspopup="dialog"
          data-testid="scan-details-button"
          onClick={() => setDetailsOpen(!detailsOpen)}
        >
          Details
        </button>
        {running ? (
          <button type="button" className="button button-small button-danger-outline" onClick={() => void cancelScan()}>
            Cancel
          </button>
        ) : (
          <>
            {retry && (
              <button
                type="button"
                className="button button-small"
                title={`Scan ${plural(retry.accounts.length, 'account')} again in the ${plural(retry.regions.length, 'region')} that failed`}
                data-testid="scan-retry"
                onClick={() => void startScan(retry)}
              >
                <Icon name="refresh" size={13} /> Retry failed
              </button>
            )}
            <button type="button" className="button button-small" onClick={() => void startScan()}>
              Run again
            </button>
          </>
        )}
        <button type="button" className="icon-button" aria-label="Hide progress" title="Hide progress (the Scan button shows it again)" onClick={() => setOpen(false)}>
          <Icon name="close" size={13} />
        </button>
      </span>
      {detailsOpen && (
        <ScanDetails id={detailsId} targets={targets} scan={scan} line={line} onClose={closeDetails}>
          {scanError && <ErrorBanner error={scanError} />}
        </ScanDetails>
      )}
    </section>
  );
}

/** "Scan finished: 3 targets failed", with the place to act: the details, failures first. */
function ScanToast() {
  const toast = useAtlas((s) => s.scanToast);
  const dismiss = useAtlas((s) => s.dismissScanToast);
  const setDetailsOpen = useAtlas((s) => s.setScanDetailsOpen);
  const workspace = useAtlas((s) => s.workspace);
  const words = useMemo(() => {
    const names = (toast?.accounts ?? []).map((a) => findAccount(workspace, a)?.name ?? 'an account no longer in the workspace');
    return names.slice(0, 3).join(', ') + (names.length > 3 ? ` and ${plural(names.length - 3, 'other account')}` : '');
  }, [toast, workspace]);
  if (!toast) return null;
  return (
    <ToastRegion label="Scan notifications">
      <Toast
        tone="danger"
        title={`Scan finished: ${plural(toast.failed, 'target')} failed`}
        testId="scan-toast"
        action={{
          label: 'Show',
          run: () => {
            setDetailsOpen(true);
            requestAnimationFrame(() => document.querySelector<HTMLElement>('[data-testid="scan-details"]')?.focus());
          },
        }}
        onDismiss={dismiss}
      >
        <span>In {words}.</span>
      </Toast>
    </ToastRegion>
  );
}
