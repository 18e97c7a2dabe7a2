import { useDeferredValue, useEffect, useMemo, useRef } from 'react';
import { useAtlas } from '../../store';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { RelativeTime } from '../../components/RelativeTime';
import { ProgressBar } from '../../components/Spinner';
import { plural } from '../../lib/format';
import { accountNamesByAwsId } from '../../lib/images';
import { findAccount, findClient } from '../../lib/workspace';
import { loadMatrix, setActive, toggleCell, useMatrixStore } from './matrixStore';
import { ShareMatrixGrid } from './ShareMatrixGrid';
import { ShareMatrixNote } from './ShareMatrixNote';

/** The share matrix: a client's AMIs against the client's accounts, toggled cell by cell. */
export function ShareMatrixView() {
  const workspace = useAtlas((s) => s.workspace);
  const activeClient = useAtlas((s) => findAccount(s.workspace, s.accountId)?.clientId ?? null);
  const query = useDeferredValue(useAtlas((s) => s.query));
  const scanState = useAtlas((s) => s.scan?.state ?? null);
  const { clientId, matrix, loading, error, active, pending } = useMatrixStore();
  const client = findClient(workspace, clientId ?? activeClient);
  const names = useMemo(() => accountNamesByAwsId(workspace?.accounts ?? []), [workspace]);
  const production = useMemo(() => new Set((workspace?.accounts ?? []).filter((a) => a.production).map((a) => a.id)), [workspace]);

  // Default: the active account's client; a client that left the workspace falls back to it too.
  // Read again whenever the view opens: a scan or a change elsewhere may have happened meanwhile.
  const wanted = client?.id ?? activeClient ?? workspace?.clients[0]?.id ?? null;
  useEffect(() => {
    if (wanted) void loadMatrix(wanted);
  }, [wanted]);

  // A scan that just finished may have filled in this client's rows.
  const lastScan = useRef(scanState);
  useEffect(() => {
    if (lastScan.current === 'running' && scanState !== 'running' && wanted) void loadMatrix(wanted);
    lastScan.current = scanState;
  }, [scanState, wanted]);

  const visible = useMemo(() => {
    if (!matrix) return [];
    const q = query.trim().toLowerCase();
    const all = matrix.rows.map((_, i) => i);
    if (!q) return all;
    return all.filter((i) => {
      const r = matrix.rows[i]!;
      return `${r.imageName} ${r.ref.imageId} ${r.ref.region} ${r.ownerName}`.toLowerCase().includes(q);
    });
  }, [matrix, query]);

  const ready = matrix && matrix.clientId === wanted ? matrix : null;
  const ctx = { workspace, names };

  let body;
  if (error && !ready) {
    body = (
      <div className="state-center">
        <ErrorBanner error={error} onRetry={wanted ? () => void loadMatrix(wanted) : undefined} variant="full" />
      </div>
    );
  } else if (!ready) {
    body = null;
  } else if (ready.rows.length === 0) {
    body = <MatrixEmpty clientName={client?.name ?? 'This client'} scanned={ready.asOf !== null} />;
  } else if (visible.length === 0) {
    body = <EmptyState icon="search" title={`No AMIs match “${query.trim()}”`} />;
  } else {
    body = (
      <ShareMatrixGrid
        matrix={ready}
        visible={visible}
        active={active}
        pending={pending}
        production={production}
        onActivate={setActive}
        onToggle={(pos) => void toggleCell(pos, ctx)}
      />
    );
  }

  return (
    <section className="images matrix-view" aria-label="Share matrix" data-testid="share-matrix-view">
      <div className="images-toolbar matrix-toolbar">
        <h2 className="matrix-title">
          <Icon name="sliders" size={14} /> Share matrix
        </h2>
        <label className="matrix-client">
          <span className="sr-only">Client</span>
          <select aria-label="Client" value={wanted ?? ''} onChange={(e) => void loadMatrix(e.target.value)} data-testid="matrix-client">
            {(workspace?.clients ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <span className="matrix-legend" aria-hidden="true">
          <span className="matrix-mark is-owner">Owner</span>
          <span className="matrix-mark is-shared">
            <Icon name="check" size={12} /> Shared
          </span>
          <span className="matrix-mark is-via">via org / OU</span>
          <span className="matrix-mark is-public">
            <Icon name="globe" size={11} /> Public
          </span>
        </span>
        <div className="toolbar-end">
          <button
            type="button"
            className="icon-button"
            aria-label="Refresh"
            title="Read the matrix again from the inventory"
            disabled={loading || !wanted}
            onClick={() => wanted && void loadMatrix(wanted)}
          >
            <Icon name="refresh" className={`icon${loading ? ' is-spinning' : ''}`} />
          </button>
        </div>
        {loading && <ProgressBar label="Loading the share matrix" />}
      </div>
      <ShareMatrixNote />
      {error && ready && (
        <div className="images-banner">
          <ErrorBanner error={error} onRetry={() => wanted && void loadMatrix(wanted)} />
        </div>
      )}
      <div className="images-panel matrix-panel">{body}</div>
      <footer className="status-bar" data-testid="matrix-status" aria-live="polite">
        {ready ? (
          <>
            <span>
              {visible.length === ready.rows.length ? plural(ready.rows.length, 'AMI') : `${visible.length} of ${plural(ready.rows.length, 'AMI')}`} ×{' '}
              {plural(ready.accounts.length, 'account')}
            </span>
            <span className="status-sep" aria-hidden="true">
              ·
            </span>
            <span>{client?.name}</span>
            {ready.asOf && (
              <>
                <span className="status-sep" aria-hidden="true">
                  ·
                </span>
                <span>
                  as of <RelativeTime value={ready.asOf} />
                </span>
              </>
            )}
            <span className="status-sep" aria-hidden="true">
              ·
            </span>
            <span className="muted">Arrows move · Space shares or stops sharing</span>
          </>
        ) : (
          <span>{loading ? 'Loading the share matrix…' : ''}</span>
        )}
      </footer>
    </section>
  );
}

function MatrixEmpty({ clientName, scanned }: { clientName: string; scanned: boolean }) {
  const startScan = useAtlas((s) => s.startScan);
  const setMode = useAtlas((s) => s.setMode);
  const running = useAtlas((s) => s.scan?.state === 'running');
  if (scanned) {
    return (
      <EmptyState title={`No AMIs owned by ${clientName}’s accounts`}>
        The last scan found none. Images created since then appear after the next scan.
      </EmptyState>
    );
  }
  return (
    <EmptyState
      icon="search"
      title={`${clientName} has not been scanned yet`}
      actions={
        <>
          <button type="button" className="button button-primary" disabled={running} onClick={() => void startScan()} data-testid="matrix-scan">
            <Icon name="refresh" size={14} /> {running ? 'Scanning…' : 'Scan now'}
          </button>
          <button type="button" className="button" onClick={() => setMode('inventory')}>
            Open Inventory
          </button>
        </>
      }
    >
      The matrix is built from the inventory. Scan to read every account’s AMIs and who can launch them.
    </EmptyState>
  );
}
