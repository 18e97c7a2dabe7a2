import { useEffect, useMemo, useRef } from 'react';
import type { SnapshotDeleteResult } from '../../../shared/cleanup';
import { ActingAs } from '../../components/ActingAs';
import { Badge } from '../../components/Badge';
import { AccountsGuard } from '../../components/ConfirmProduction';
import { Dialog } from '../../components/Dialog';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { OutcomeBadge, ResultList, type OutcomeWording } from '../../components/ItemCard';
import { SelectAllBox } from '../../components/SelectAllBox';
import { phraseMatches } from '../../lib/confirm';
import { formatCount, formatGiB, formatUsd, plural } from '../../lib/format';
import { exactTime, relativeTime } from '../../lib/time';
import { useAtlas } from '../../store';
import { Meter } from './ApplySheet';
import {
  closeSnapshotDelete,
  deleteSnapshots,
  loadOrphans,
  openSnapshotDelete,
  productionOf,
  setOrphansSelected,
  setSnapshotTyped,
  snapshotKey,
  useCleanupStore,
  type SnapshotSheet,
} from './cleanupStore';
import { snapshotSummary } from './places';

/** Snapshots made for AMIs that no longer exist, in the places in scope: pick some, delete them (guarded). */
export function OrphansPanel() {
  const orphans = useCleanupStore((s) => s.orphans);
  const workspace = useAtlas((s) => s.workspace);
  const production = useMemo(() => new Set((workspace?.accounts ?? []).filter((a) => a.production).map((a) => a.id)), [workspace]);
  const now = Date.now();
  const { list, selected } = orphans;

  if (orphans.status === 'error' && orphans.error && list.length === 0)
    return (
      <div className="state-center">
        <ErrorBanner error={orphans.error} onRetry={() => void loadOrphans()} variant="full" />
      </div>
    );
  // Places not read come first: an empty list there is not "none".
  const unread =
    orphans.unread.length > 0 ? (
      <div className="orphans-unread" role="status" data-testid="orphans-unread">
        <strong>{plural(orphans.unread.length, 'place')} could not be read; the list is what the others answered.</strong>
        <ul>
          {orphans.unread.map((e, i) => (
            <li key={i}>{e.message}</li>
          ))}
        </ul>
      </div>
    ) : null;
  if (orphans.status === 'ready' && list.length === 0)
    return (
      <div data-testid="orphans-empty">
        {unread}
        <EmptyState icon="check" title="No orphaned snapshots">
          No snapshot in scope was made for an AMI that no longer exists. The scope is the client, accounts and regions of the Plan tab.
        </EmptyState>
      </div>
    );

  const picked = list.filter((o) => selected.has(snapshotKey(o)));
  const size = picked.reduce((sum, o) => sum + o.sizeGiB, 0);
  const cost = picked.reduce((sum, o) => sum + (o.monthlyCost ?? 0), 0);
  const all = list.length > 0 && picked.length === list.length;
  return (
    <div className="orphans-panel">
      {orphans.error && <ErrorBanner error={orphans.error} onRetry={() => void loadOrphans()} />}
      {unread}
      <div className="orphans-bar">
        <span>
          {picked.length > 0
            ? `${formatCount(picked.length)} selected · ${formatGiB(size)} · about ${formatUsd(cost)}/month`
            : `${plural(list.length, 'snapshot')} left behind by deregistered AMIs`}
        </span>
        <button type="button" className="button button-small button-danger" disabled={picked.length === 0} onClick={openSnapshotDelete} data-testid="orphans-delete">
          {picked.length > 0 ? `Delete ${plural(picked.length, 'snapshot')}…` : 'Delete…'}
        </button>
      </div>
      <div className="orphans-scroll">
        <table className="cleanup-table" data-testid="orphans-table">
          <thead>
            <tr>
              <th scope="col" className="check-col">
                <SelectAllBox
                  all={all}
                  some={picked.length > 0}
                  disabled={list.length === 0}
                  label="Select every orphaned snapshot"
                  onChange={(on) => setOrphansSelected(on ? new Set(list.map(snapshotKey)) : new Set())}
                />
              </th>
              <th scope="col">Account</th>
              <th scope="col">Region</th>
              <th scope="col">Snapshot</th>
              <th scope="col">Made for</th>
              <th scope="col">Started</th>
              <th scope="col" className="num">
                Size
              </th>
              <th scope="col" className="num" title="Standard tier list price; snapshots are incremental, so the real saving can be less">
                Cost / month
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((o) => {
              const key = snapshotKey(o);
              const on = selected.has(key);
              return (
                <tr key={key} className={on ? 'is-selected' : undefined} data-testid="orphan-row" data-snapshot-id={o.snapshotId}>
                  <td className="check-col">
                    <input
                      type="checkbox"
                      checked={on}
                      aria-label={`Select ${o.snapshotId}`}
                      onChange={(e) => {
                        const next = new Set(selected);
                        if (e.target.checked) next.add(key);
                        else next.delete(key);
                        setOrphansSelected(next);
                      }}
                    />
                  </td>
                  <td>
                    {o.accountName} {production.has(o.account) && <Badge tone="prod">PROD</Badge>}
                  </td>
                  <td className="mono">{o.region}</td>
                  <td className="mono-soft">{o.snapshotId}</td>
                  <td title={o.description}>
                    <span className="mono-soft">{o.imageId}</span> <span className="muted">(gone)</span>
                  </td>
                  <td>{o.startTime ? <time title={exactTime(o.startTime)}>{relativeTime(o.startTime, now)}</time> : '—'}</td>
                  <td className="num">{formatGiB(o.sizeGiB)}</td>
                  <td className="num">{o.monthlyCost === null ? '—' : formatUsd(o.monthlyCost)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/** Mounted with the Clean-up place: the confirm sheet of deleting orphaned snapshots. */
export function SnapshotSheetHost() {
  const sheet = useCleanupStore((s) => s.snapshotSheet);
  return sheet ? <SnapshotDialog sheet={sheet} /> : null;
}

const OUTCOME: OutcomeWording<SnapshotDeleteResult['outcome']> = {
  deleted: { tone: 'success', label: 'Deleted' },
  failed: { tone: 'danger', label: 'Failed' },
};

function SnapshotDialog({ sheet }: { sheet: SnapshotSheet }) {
  const accounts = [...new Set(sheet.snapshots.map((s) => s.account))];
  const prod = productionOf(accounts);
  const typed = prod.every((p) => phraseMatches(sheet.typed[p.account], p.name));
  const busy = sheet.phase === 'deleting';
  const doneRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (sheet.phase === 'done') doneRef.current?.focus();
  }, [sheet.phase]);
  const n = sheet.snapshots.length;
  return (
    <Dialog
      title={sheet.phase === 'done' ? 'Snapshots deleted' : `Delete ${plural(n, 'snapshot')}`}
      subtitle={<span className="dialog-context">Deleted snapshots cannot be restored unless a Recycle Bin rule keeps snapshots</span>}
      onClose={busy ? () => undefined : closeSnapshotDelete}
      dismissable={!busy}
      size="wide"
      testId="snapshot-sheet"
      initialFocus={prod.length > 0 ? 'input[data-testid="prod-guard-input"]' : '[data-autofocus]'}
    >
      {sheet.phase === 'done' && sheet.results ? (
        <div className="dialog-body sheet-body">
          <ResultList className="cleanup-results sheet-scroll" summary={snapshotSummary(sheet.results)} summaryClassName="cleanup-results-summary" listTestId="snapshot-results">
            {sheet.results.map((r) => (
              <li key={`${r.account}|${r.region}|${r.snapshotId}`} className={`item-card result-${r.outcome}`} data-testid="snapshot-result" data-outcome={r.outcome}>
                <div className="item-head">
                  <span className="item-name mono">{r.snapshotId}</span>
                  <span className="item-where">
                    {r.accountName} · <span className="mono">{r.region}</span>
                  </span>
                  <span className="item-status">
                    <OutcomeBadge outcome={r.outcome} wording={OUTCOME} />
                  </span>
                </div>
                <p className={r.outcome === 'failed' ? 'usage-error' : 'muted'}>{r.error?.message ?? r.message}</p>
              </li>
            ))}
          </ResultList>
          <div className="form-actions">
            <button ref={doneRef} type="button" className="button button-primary" onClick={closeSnapshotDelete} data-testid="snapshot-done">
              Done
            </button>
          </div>
        </div>
      ) : (
        <form
          className="dialog-body sheet-body"
          onSubmit={(e) => {
            e.preventDefault();
            if (typed && !busy) void deleteSnapshots();
          }}
        >
          <ul className="list-box sheet-scroll" aria-label="Snapshots">
            {sheet.snapshots.map((s) => (
              <li key={snapshotKey(s)}>
                <span className="mono">{s.snapshotId}</span> <span className="muted">{s.accountName}</span> <span className="mono-soft">{s.region}</span>{' '}
                <span className="muted">
                  {formatGiB(s.sizeGiB)}, made for {s.imageId}
                </span>
              </li>
            ))}
          </ul>
          <ActingAs accounts={accounts} />
          {prod.length > 0 && <AccountsGuard accounts={prod} typed={sheet.typed} onType={setSnapshotTyped} disabled={busy} />}
          {sheet.error && <ErrorBanner error={sheet.error} />}
          {busy && <Meter progress={sheet.progress} label="Snapshots deleted" />}
          <div className="form-actions">
            {!typed && <span className="form-actions-note">Type each production account’s name first</span>}
            <button type="button" className="button" onClick={closeSnapshotDelete} disabled={busy} data-autofocus="">
              Cancel
            </button>
            <button type="submit" className="button button-danger" disabled={!typed || busy} data-testid="snapshot-confirm">
              {busy ? 'Deleting…' : `Delete ${plural(n, 'snapshot')}`}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
