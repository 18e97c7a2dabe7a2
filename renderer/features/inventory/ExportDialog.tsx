import { useEffect, useMemo, useRef, useState } from 'react';
import { permissionsPending } from '../../../shared/ami-rows';
import { INVENTORY_COLUMNS, compileFilter, type InventoryColumn } from '../../../shared/inventory';
import type { AppError } from '../../../shared/errors';
import { useAtlas } from '../../store';
import { toAppError } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { plural } from '../../lib/format';
import { countPermissionsPending } from '../../lib/inventory';
import { columnLabel } from './inventoryColumns';
import { exportColumns } from '../../lib/columnPrefs';
import { useInventoryContext } from './useInventoryRows';

interface ExportDialogProps {
  /** Rows in the current filtered view, to say how many will be written. */
  shown: number;
  onClose(): void;
}

type Scope = 'view' | 'all';

/**
 * Export CSV…: which rows, which columns, BOM for Excel. Main asks where to save. While a scan
 * is still reading launch permissions, says how many of the rows would be exported as
 * "permissions pending", and offers to export once the scan has read them.
 */
export function ExportDialog({ shown, onClose }: ExportDialogProps) {
  const filter = useAtlas((s) => s.filter);
  const inventory = useAtlas((s) => s.inventory);
  const total = inventory.length;
  const visible = useAtlas((s) => s.visibleColumns);
  const exportInventory = useAtlas((s) => s.exportInventory);
  const scanning = useAtlas((s) => s.scan?.state === 'running');
  const { names } = useInventoryContext();
  const [scope, setScope] = useState<Scope>('view');
  const [columns, setColumns] = useState<InventoryColumn[]>(() => exportColumns(visible));
  const [bom, setBom] = useState(false);
  const [busy, setBusy] = useState(false);
  const [waiting, setWaiting] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [result, setResult] = useState<{ path: string; rows: number; permissionsPending: number } | null>(null);

  // The rows of the chosen scope whose launch permissions are not read yet (counted only when some are).
  const pendingAll = countPermissionsPending(inventory);
  const pendingInView = useMemo(() => {
    if (pendingAll === 0) return 0;
    const keep = compileFilter(filter, new Date(), undefined, names);
    let n = 0;
    for (const row of inventory) if (permissionsPending(row) && keep(row)) n++;
    return n;
  }, [inventory, filter, names, pendingAll]);
  const pending = scope === 'view' ? pendingInView : pendingAll;

  // "Export when permissions are read": runs once the scan is over (finished or cancelled).
  const runRef = useRef<() => Promise<void>>(async () => undefined);
  useEffect(() => {
    if (waiting && !scanning) {
      setWaiting(false);
      void runRef.current();
    }
  }, [waiting, scanning]);

  const toggle = (column: InventoryColumn) => {
    const next = new Set(columns);
    if (next.has(column)) next.delete(column);
    else next.add(column);
    setColumns(INVENTORY_COLUMNS.filter((c) => next.has(c)));
  };

  async function run() {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const out = await exportInventory({ columns, filter: scope === 'view' ? filter : null, bom });
      // No path: the user cancelled the save dialog; nothing to report.
      if (out.path !== null) setResult({ path: out.path, rows: out.rows, permissionsPending: out.permissionsPending });
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  }
  runRef.current = run;

  return (
    <Dialog title="Export CSV" subtitle="RFC 4180, UTF-8; you choose the file next." onClose={onClose} testId="export-dialog" size="normal">
      <form
        className="dialog-body export-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <fieldset className="export-scope">
          <legend>Rows</legend>
          <label>
            <input type="radio" name="scope" checked={scope === 'view'} onChange={() => setScope('view')} /> Current filtered view ({plural(shown, 'row')})
          </label>
          <label>
            <input type="radio" name="scope" checked={scope === 'all'} onChange={() => setScope('all')} /> Full inventory ({plural(total, 'row')})
          </label>
        </fieldset>
        <fieldset className="export-columns">
          <legend>
            Columns{' '}
            <button type="button" className="link-button" onClick={() => setColumns([...INVENTORY_COLUMNS])}>
              all
            </button>{' '}
            ·{' '}
            <button type="button" className="link-button" onClick={() => setColumns(exportColumns(visible))}>
              visible
            </button>
          </legend>
          <div className="export-column-grid">
            {INVENTORY_COLUMNS.map((column) => (
              <label key={column}>
                <input type="checkbox" checked={columns.includes(column)} onChange={() => toggle(column)} /> {columnLabel(column)}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="export-bom">
          <input type="checkbox" checked={bom} onChange={(e) => setBom(e.target.checked)} /> Add BOM for Excel
        </label>
        {pending > 0 && !result && (
          <p className="tone-line is-warning export-pending" role="status" data-testid="export-pending">
            <Icon name="alert" size={13} />
            <span>
              {plural(pending, 'AMI')} of these still {pending === 1 ? 'has its' : 'have their'} launch permissions pending
              {scanning ? ' (the scan is reading them now)' : ' (the last scan could not read them)'}: {pending === 1 ? 'its' : 'their'} Visibility will say
              “permissions pending”{scanning ? ', or export when the scan has read them.' : '.'}
            </span>
          </p>
        )}
        {error && <ErrorBanner error={error} />}
        {waiting && (
          <p className="tone-line is-neutral" role="status" data-testid="export-waiting">
            <Icon name="clock" size={13} />
            <span>Exporting when the scan has read the launch permissions… You choose the file then.</span>
          </p>
        )}
        {result && (
          <div className="export-result" role="status" data-testid="export-result">
            Wrote {plural(result.rows, 'row')} to <span className="mono">{result.path}</span>
            {result.permissionsPending > 0 && (
              <>
                {' '}
                · {plural(result.permissionsPending, 'AMI')} with launch permissions pending (Visibility says “permissions pending”)
              </>
            )}
          </div>
        )}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            {result ? 'Close' : 'Cancel'}
          </button>
          {scanning && pending > 0 && !result && (
            <button
              type="button"
              className="button"
              disabled={busy || columns.length === 0}
              aria-pressed={waiting}
              onClick={() => setWaiting((w) => !w)}
              data-testid="export-when-read"
            >
              {waiting ? 'Don’t wait' : 'Export when permissions are read'}
            </button>
          )}
          <button type="submit" className="button button-primary" disabled={busy || waiting || columns.length === 0} data-autofocus="">
            {busy ? 'Exporting…' : pending > 0 && scanning ? 'Export now' : 'Export'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
