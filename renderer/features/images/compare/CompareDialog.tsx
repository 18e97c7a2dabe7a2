import { useMemo } from 'react';
import { useAtlas } from '../../../store';
import { Dialog } from '../../../components/Dialog';
import { CopyableId } from '../../../components/CopyableId';
import { ErrorBanner } from '../../../components/ErrorBanner';
import { Icon } from '../../../components/Icon';
import { SkeletonLines } from '../../../components/Spinner';
import { StaleNote } from '../../../components/StaleNote';
import { StateBadge } from '../../../components/StateBadge';
import { useNow } from '../../../components/useNow';
import { accountNamesByAwsId, displayState } from '../../../lib/images';
import { plural } from '../../../lib/format';
import { regionLabel } from '../../../../shared/region-names';
import { compareImages, onlyDifferences, type CompareCell, type CompareNames, type CompareRow } from './diff';
import { closeCompare, pickAnother, retrySide, setOnlyDifferences, swapSides, useCompareStore, type CompareOrigin, type CompareSide } from './compareStore';
import { ComparePicker } from './ComparePicker';

/** Shows the comparison (or its "Compare with…" picker) when it was opened from `origin`. */
export function CompareHost({ origin }: { origin: CompareOrigin }) {
  const open = useCompareStore((s) => s.origin === origin && s.a !== null);
  const picking = useCompareStore((s) => s.b === null);
  if (!open) return null;
  return picking ? <ComparePicker /> : <CompareDialog />;
}

function CompareDialog() {
  const a = useCompareStore((s) => s.a);
  const b = useCompareStore((s) => s.b);
  const only = useCompareStore((s) => s.onlyDifferences);
  const kmsAliases = useCompareStore((s) => s.kmsAliases);
  const accounts = useAtlas((s) => s.workspace?.accounts);
  const names = useMemo<CompareNames>(() => {
    const byAwsId = accountNamesByAwsId(accounts ?? []);
    return { account: (id) => byAwsId.get(id) ?? null, kmsAlias: (arn) => kmsAliases[arn] ?? null };
  }, [accounts, kmsAliases]);
  const comparison = useMemo(() => (a?.detail && b?.detail ? compareImages(a.detail, b.detail, names) : null), [a?.detail, b?.detail, names]);
  if (!a || !b) return null;
  const shown = comparison && only ? onlyDifferences(comparison) : comparison;
  const failed = [a, b].filter((s) => s.error);

  return (
    <Dialog
      title="Compare AMIs"
      subtitle={
        comparison ? (
          <span data-testid="compare-summary">{comparison.differences === 0 ? 'No differences' : `${plural(comparison.differences, 'difference')}, marked ≠`}</span>
        ) : failed.length > 0 ? (
          'One of the AMIs could not be read'
        ) : (
          'Reading both AMIs…'
        )
      }
      onClose={closeCompare}
      size="wide"
      className="compare-dialog"
      testId="compare-dialog"
      initialFocus=".compare-only input"
    >
      <div className="compare-toolbar">
        <label className="compare-only check-inline">
          <input type="checkbox" checked={only} onChange={(e) => setOnlyDifferences(e.target.checked)} data-testid="compare-only-differences" />
          Only differences
        </label>
        <span className="compare-legend" aria-hidden="true">
          <span className="compare-legend-swatch" /> differs
        </span>
        <span className="compare-toolbar-end">
          <button type="button" className="button button-small" onClick={swapSides} title="Swap the two columns">
            <Icon name="switch" size={13} /> Swap
          </button>
          <button type="button" className="button button-small" onClick={pickAnother} data-testid="compare-pick-another">
            Compare with another…
          </button>
        </span>
      </div>
      <div className="compare-scroll dialog-scroll">
        <table className="compare-table" data-testid="compare-table">
          <colgroup>
            <col className="compare-col-label" />
            <col />
            <col />
          </colgroup>
          <thead>
            <tr>
              <th scope="col" className="compare-corner">
                <span className="sr-only">Fact</span>
              </th>
              <SideHeader side={a} which="a" />
              <SideHeader side={b} which="b" />
            </tr>
          </thead>
          {failed.length > 0 || !shown ? (
            <tbody>
              <tr>
                <td />
                <SideState side={a} which="a" />
                <SideState side={b} which="b" />
              </tr>
            </tbody>
          ) : shown.sections.length === 0 ? (
            <tbody>
              <tr>
                <td colSpan={3} className="compare-empty" role="status">
                  These two AMIs do not differ in anything compared here.
                </td>
              </tr>
            </tbody>
          ) : (
            shown.sections.map((section) => (
              <tbody key={section.id} data-testid={`compare-section-${section.id}`}>
                <tr className="compare-section">
                  <th scope="colgroup" colSpan={3}>
                    {section.title}
                  </th>
                </tr>
                {section.rows.map((row, i) => (
                  <RowView key={row.key} row={row} groupStart={row.group !== undefined && row.group !== section.rows[i - 1]?.group} />
                ))}
              </tbody>
            ))
          )}
        </table>
      </div>
    </Dialog>
  );
}

function SideHeader({ side, which }: { side: CompareSide; which: 'a' | 'b' }) {
  const now = useNow();
  const account = useAtlas((s) => s.workspace?.accounts.find((a) => a.id === side.target.account));
  const detail = side.detail;
  return (
    <th scope="col" className="compare-side" data-testid={`compare-side-${which}`}>
      <div className="compare-side-name" title={detail?.name ?? side.target.name}>
        {(detail?.name ?? side.target.name) || '(no name)'}
      </div>
      <div className="compare-side-id">
        <CopyableId value={side.target.imageId} testId={`compare-id-${which}`} />
        {detail && <StateBadge state={displayState(detail, now)} />}
      </div>
      <div className="compare-side-where muted">
        {account?.name ?? 'An account no longer in this workspace'} · {side.target.region}
      </div>
      {detail?.stale && <StaleNote stale={detail.stale} what="These details" onRetry={() => retrySide(which)} brief />}
    </th>
  );
}

/** A side still loading, or one that could not be read: said with the account and region by name. */
function SideState({ side, which }: { side: CompareSide; which: 'a' | 'b' }) {
  const account = useAtlas((s) => s.workspace?.accounts.find((a) => a.id === side.target.account));
  if (side.error) {
    const label = side.target.name ? `${side.target.name} (${side.target.imageId})` : side.target.imageId;
    return (
      <td className="compare-side-state compare-side-error" data-testid={`compare-error-${which}`}>
        <p>
          {label} could not be read through {account?.name ?? 'an account no longer in this workspace'} in {regionLabel(side.target.region)}.
        </p>
        <ErrorBanner error={side.error} onRetry={() => retrySide(which)} />
      </td>
    );
  }
  return <td className="compare-side-state">{side.detail ? <p className="muted">Read; compared as soon as the other AMI is.</p> : <SkeletonLines count={8} />}</td>;
}

function RowView({ row, groupStart }: { row: CompareRow; groupStart: boolean }) {
  const differs = row.status === 'differs';
  return (
    <>
      {groupStart && (
        <tr className="compare-group">
          <th scope="rowgroup" colSpan={3} className="mono">
            {row.group}
          </th>
        </tr>
      )}
      <tr className={`compare-row is-${row.status}`} data-testid="compare-row" data-key={row.key} data-status={row.status}>
        <th scope="row" className={row.group ? 'compare-label is-grouped' : 'compare-label'}>
          <span className="compare-label-text" title={row.label}>
            {row.label}
          </span>
          {differs && (
            <span className="compare-mark" title="Differs">
              <span aria-hidden="true">≠</span>
              <span className="sr-only">differs</span>
            </span>
          )}
          {row.status === 'unknown' && <span className="sr-only">(not known for both)</span>}
        </th>
        <CellView cell={row.a} />
        <CellView cell={row.b} />
      </tr>
    </>
  );
}

function CellView({ cell }: { cell: CompareCell }) {
  const className = `compare-cell${cell.muted ? ' muted' : ''}`;
  if (cell.copy) {
    return (
      <td className={className} title={cell.title}>
        <CopyableId value={cell.copy} display={cell.text} />
      </td>
    );
  }
  return (
    <td className={className} title={cell.title}>
      {cell.text}
    </td>
  );
}
