import { useDeferredValue, useEffect, useMemo, useRef } from 'react';
import type { Workspace } from '../../../shared/model';
import { useAtlas } from '../../store';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { RefreshButton } from '../../components/RefreshButton';
import { RelativeTime } from '../../components/RelativeTime';
import { ModeView, StatusSep } from '../../components/ModeView';
import { formatAccountId, plural } from '../../lib/format';
import { accountNamesByAwsId } from '../../lib/images';
import { findAccount, findClient, orderedAccounts } from '../../lib/workspace';
import {
  chooseClient,
  chooseHub,
  chooseRows,
  loadMatrix,
  matrixFor,
  setActive,
  sourceKey,
  toggleCell,
  toggleClientColumns,
  useMatrixStore,
  wantedSource,
  type MatrixSource,
} from './matrixStore';
import { ShareMatrixGrid } from './ShareMatrixGrid';
import { MatrixPendingNote, ShareMatrixNote } from './ShareMatrixNote';

/**
 * The share matrix: a client's AMIs against the client's accounts, or one hub account's AMIs
 * against every client's accounts, toggled cell by cell.
 */
export function ShareMatrixView() {
  const workspace = useAtlas((s) => s.workspace);
  const activeAccount = useAtlas((s) => s.accountId);
  const query = useDeferredValue(useAtlas((s) => s.query));
  const scanState = useAtlas((s) => s.scan?.state ?? null);
  const { rows: rowsChoice, clientId, hub, collapsed, matrix, loading, error, active, pending } = useMatrixStore();
  const names = useMemo(() => accountNamesByAwsId(workspace?.accounts ?? []), [workspace]);
  const production = useMemo(() => new Set((workspace?.accounts ?? []).filter((a) => a.production).map((a) => a.id)), [workspace]);

  // The client or hub picked; one that left the workspace falls back to the active account's.
  // Read again whenever the view opens: a scan or a change elsewhere may have happened meanwhile.
  const wanted = wantedSource({ rows: rowsChoice, clientId, hub }, workspace, activeAccount);
  const wantedKey = wanted ? sourceKey(wanted) : null;
  const wantedRef = useRef<MatrixSource | null>(wanted);
  wantedRef.current = wanted;
  const reload = () => {
    if (wantedRef.current) void loadMatrix(wantedRef.current);
  };
  useEffect(() => {
    if (wantedRef.current) void loadMatrix(wantedRef.current);
  }, [wantedKey]);

  // A scan that just finished may have filled in these rows.
  const lastScan = useRef(scanState);
  useEffect(() => {
    if (lastScan.current === 'running' && scanState !== 'running' && wantedRef.current) void loadMatrix(wantedRef.current);
    lastScan.current = scanState;
  }, [scanState]);

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

  const ready = matrixFor(matrix, wanted);
  const ctx = { workspace, names };
  const client = wanted?.kind === 'client' ? findClient(workspace, wanted.clientId) : null;
  const hubAccount = wanted?.kind === 'hub' ? findAccount(workspace, wanted.account) : null;
  const rowsName = hubAccount ? hubAccount.name : (client?.name ?? 'This client');

  let body;
  if (error && !ready) {
    body = (
      <div className="state-center">
        <ErrorBanner error={error} onRetry={wanted ? reload : undefined} variant="full" />
      </div>
    );
  } else if (!ready) {
    body = null;
  } else if (ready.rows.length === 0) {
    body = <MatrixEmpty name={rowsName} hub={hubAccount !== null} scanned={ready.asOf !== null} />;
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
        clients={workspace?.clients ?? []}
        collapsed={collapsed}
        onActivate={setActive}
        onToggle={(pos) => void toggleCell(pos, ctx)}
        onToggleClient={toggleClientColumns}
      />
    );
  }

  return (
    <ModeView
      className="matrix-view"
      label="Share matrix"
      testId="share-matrix-view"
      icon="sliders"
      title="Share matrix"
      titleClassName="matrix-title"
      toolbarClassName="matrix-toolbar"
      tools={
        <>
          <MatrixRowsPicker workspace={workspace} wanted={wanted} rows={rowsChoice} />
          <span className="matrix-legend" aria-hidden="true">
            <span className="matrix-mark is-owner">Owner</span>
            <span className="matrix-mark is-shared">
              <Icon name="check" size={12} /> Shared
            </span>
            <span className="matrix-mark is-via">via org / OU</span>
            <span className="matrix-mark is-public">
              <Icon name="globe" size={11} /> Public
            </span>
            {(ready?.permissionsPending ?? 0) > 0 && <span className="matrix-mark is-none is-pending">pending</span>}
          </span>
        </>
      }
      end={<RefreshButton title="Read the matrix again from the inventory" busy={loading} disabled={!wanted} onRefresh={reload} />}
      loading={loading ? 'Loading the share matrix' : null}
      note={
        <>
          <MatrixPendingNote count={ready?.permissionsPending ?? 0} />
          <ShareMatrixNote />
        </>
      }
      error={error && ready ? error : null}
      onRetry={reload}
      panelClassName="matrix-panel"
      statusTestId="matrix-status"
      status={
        ready ? (
          <>
            <span>
              {visible.length === ready.rows.length ? plural(ready.rows.length, 'AMI') : `${visible.length} of ${plural(ready.rows.length, 'AMI')}`} ×{' '}
              {plural(ready.accounts.length, 'account')}
            </span>
            <StatusSep />
            <span>{hubAccount ? `Images of ${hubAccount.name}` : client?.name}</span>
            {ready.asOf && (
              <>
                <StatusSep />
                <span>
                  as of <RelativeTime value={ready.asOf} />
                </span>
              </>
            )}
            <StatusSep />
            <span className="muted">Arrows move · Space shares or stops sharing</span>
          </>
        ) : (
          <span>{loading ? 'Loading the share matrix…' : ''}</span>
        )
      }
    >
      {body}
    </ModeView>
  );
}

/** "Rows: [a client's own images | images of a hub account]" and the client or hub account. */
function MatrixRowsPicker({ workspace, wanted, rows }: { workspace: Workspace | null; wanted: MatrixSource | null; rows: 'client' | 'hub' }) {
  const hubs = useMemo(() => {
    if (!workspace) return [];
    return orderedAccounts(workspace).map((a) => ({
      id: a.id,
      label: `${findClient(workspace, a.clientId)?.name ?? 'No client'} · ${a.name} · ${a.awsAccountId ? formatAccountId(a.awsAccountId) : 'not verified'}`,
    }));
  }, [workspace]);
  return (
    <div className="matrix-rows">
      <label className="matrix-picker">
        <span className="matrix-picker-label">Rows</span>
        <select value={rows} onChange={(e) => chooseRows(e.target.value === 'hub' ? 'hub' : 'client')} data-testid="matrix-rows">
          <option value="client">Client’s own images</option>
          <option value="hub">Images of a hub account</option>
        </select>
      </label>
      {wanted?.kind === 'hub' ? (
        <label className="matrix-picker">
          <span className="sr-only">Hub account</span>
          <select
            value={wanted.account}
            onChange={(e) => chooseHub(e.target.value)}
            data-testid="matrix-hub"
            title="Its images are the rows; every account of every client is a column"
          >
            {hubs.map((h) => (
              <option key={h.id} value={h.id}>
                {h.label}
              </option>
            ))}
          </select>
        </label>
      ) : (
        <label className="matrix-picker">
          <span className="sr-only">Client</span>
          <select value={wanted?.kind === 'client' ? wanted.clientId : ''} onChange={(e) => chooseClient(e.target.value)} data-testid="matrix-client">
            {(workspace?.clients ?? []).map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}

function MatrixEmpty({ name, hub, scanned }: { name: string; hub: boolean; scanned: boolean }) {
  const startScan = useAtlas((s) => s.startScan);
  const setMode = useAtlas((s) => s.setMode);
  const running = useAtlas((s) => s.scan?.state === 'running');
  if (scanned) {
    return (
      <EmptyState title={hub ? `No AMIs owned by ${name}` : `No AMIs owned by ${name}’s accounts`}>
        The last scan found none. Images created since then appear after the next scan.
      </EmptyState>
    );
  }
  return (
    <EmptyState
      icon="search"
      title={`${name} has not been scanned yet`}
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
