import { useState } from 'react';
import { INVENTORY_COLUMNS, type InventoryColumn } from '../../../shared/inventory';
import type { AppError } from '../../../shared/errors';
import { useAtlas } from '../../store';
import { toAppError } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { plural } from '../../lib/format';
import { columnLabel } from './inventoryColumns';
import { exportColumns } from '../../lib/columnPrefs';

interface ExportDialogProps {
  /** Rows in the current filtered view, to say how many will be written. */
  shown: number;
  onClose(): void;
}

type Scope = 'view' | 'all';

/** Export CSV…: which rows, which columns, BOM for Excel. Main asks where to save. */
export function ExportDialog({ shown, onClose }: ExportDialogProps) {
  const filter = useAtlas((s) => s.filter);
  const total = useAtlas((s) => s.inventory.length);
  const visible = useAtlas((s) => s.visibleColumns);
  const exportInventory = useAtlas((s) => s.exportInventory);
  const [scope, setScope] = useState<Scope>('view');
  const [columns, setColumns] = useState<InventoryColumn[]>(() => exportColumns(visible));
  const [bom, setBom] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [result, setResult] = useState<{ path: string; rows: number } | null>(null);

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
      if (out.path !== null) setResult({ path: out.path, rows: out.rows });
    } catch (e) {
      setError(toAppError(e));
    } finally {
      setBusy(false);
    }
  }

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
        {error && <ErrorBanner error={error} />}
        {result && (
          <div className="export-result" role="status">
            Wrote {plural(result.rows, 'row')} to <span className="mono">{result.path}</span>
          </div>
        )}
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>
            {result ? 'Close' : 'Cancel'}
          </button>
          <button type="submit" className="button button-primary" disabled={busy || columns.length === 0} data-autofocus="">
            {busy ? 'Exporting…' : 'Export'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
