import { useAtlas } from '../../store';
import { RelativeTime } from '../../components/RelativeTime';
import { formatCount, plural } from '../../lib/format';
import { countPermissionsPending, scanPhases, scanTotals } from '../../lib/inventory';

/**
 * "12,345 AMIs · 48/48 targets scanned · as of 10 min ago" (exact time on hover); while the
 * rows after the first page are still arriving, how many of them are here so far. A running
 * scan says its phase: "listing 812/1,600 targets", then "grid complete · reading permissions
 * 41,200/160,000 AMIs"; after it, how many AMIs' permissions are still pending, if any.
 */
export function InventoryStatus({ shown }: { shown: number }) {
  const total = useAtlas((s) => s.inventory.length);
  const status = useAtlas((s) => s.inventoryStatus);
  const summary = useAtlas((s) => s.inventorySummary);
  const scan = useAtlas((s) => s.scan);
  const running = scan?.state === 'running';
  const targets = running ? scan.targets : (summary?.targets ?? []);
  const totals = scanTotals(targets);
  const phases = scanPhases(targets, scan);
  const pending = useAtlas((s) => countPermissionsPending(s.inventory));
  const done = targets.filter((t) => t.state === 'done').length;
  const count = shown === total ? plural(total, 'AMI') : `${formatCount(shown)} of ${plural(total, 'AMI')}`;
  const loadingMore = status === 'loading' && total > 0;
  const expected = Math.max(total, summary?.total ?? 0);

  return (
    <footer className="status-bar" data-testid="inventory-status" aria-live="polite">
      <span>{status === 'loading' && total === 0 ? 'Loading inventory…' : count}</span>
      {loadingMore && (
        <>
          <span className="status-sep" aria-hidden="true">·</span>
          <span data-testid="inventory-loading">
            loading {formatCount(total)}/{formatCount(expected)}…
          </span>
        </>
      )}
      {totals.total > 0 && (
        <>
          <span className="status-sep" aria-hidden="true">·</span>
          <span>
            {phases.phase === 'listing'
              ? `listing ${formatCount(totals.finished)}/${formatCount(totals.total)} targets`
              : phases.phase === 'permissions'
                ? `grid complete · reading permissions ${formatCount(phases.permissionsRead)}/${plural(phases.permissionsTotal, 'AMI')}`
                : `${formatCount(done)}/${formatCount(totals.total)} targets scanned`}
            {totals.failed + phases.permissionsFailed > 0 && <span className="status-failed"> · {plural(totals.failed + phases.permissionsFailed, 'failure')}</span>}
          </span>
        </>
      )}
      {!running && pending > 0 && (
        <>
          <span className="status-sep" aria-hidden="true">·</span>
          <span data-testid="inventory-permissions-pending" title="Their launch permissions were not read: the Visibility column says “permissions pending” until a scan reads them">
            permissions pending for {plural(pending, 'AMI')}
          </span>
        </>
      )}
      {summary?.asOf && (
        <>
          <span className="status-sep" aria-hidden="true">·</span>
          <span>
            as of <RelativeTime value={summary.asOf} />
          </span>
        </>
      )}
    </footer>
  );
}
