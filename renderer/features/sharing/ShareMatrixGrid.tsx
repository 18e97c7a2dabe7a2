import { useEffect, useId, type KeyboardEvent } from 'react';
import type { ShareMatrix } from '../../../shared/sharing';
import { Badge } from '../../components/Badge';
import { useVirtualRows, VirtualGrid } from '../../components/VirtualGrid';
import { CopyableId } from '../../components/CopyableId';
import { formatAccountId } from '../../lib/format';
import { cellAction, cellLabel, moveInGrid, type GridPos } from '../../lib/sharing';
import { ShareMatrixCellContent } from './ShareMatrixCell';

interface GridProps {
  matrix: ShareMatrix;
  /** Indices into matrix.rows that pass the search, in display order. */
  visible: readonly number[];
  active: GridPos;
  pending: string | null;
  production: ReadonlySet<string>;
  onActivate(pos: GridPos): void;
  onToggle(pos: GridPos): void;
}

const PAGE = 15;
const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 40;
/** Enough rows for a tall window before the grid is measured (and for a render to a string). */
const INITIAL_HEIGHT = 1200;

/**
 * AMIs × accounts. One tab stop (the grid); arrows, Home/End and Page keys move the active cell,
 * Space or Enter toggles it; a click does both. Only the rows in view are drawn.
 */
export function ShareMatrixGrid({ matrix, visible, active, pending, production, onActivate, onToggle }: GridProps) {
  const uid = useId();
  const cellId = (row: number, col: number) => `${uid}-c-${row}-${col}`;
  const activeVisible = Math.max(0, visible.indexOf(active.row));
  const activeRow = visible[activeVisible];
  const grid = useVirtualRows({
    count: visible.length,
    rowHeight: ROW_HEIGHT,
    headerHeight: HEADER_HEIGHT,
    activeIndex: activeRow === undefined ? -1 : activeVisible,
    getItemKey: (i) => {
      const ref = matrix.rows[visible[i]!]!.ref;
      return `${ref.account}|${ref.region}|${ref.imageId}`;
    },
    initialHeight: INITIAL_HEIGHT,
  });
  const { virtualizer } = grid;

  // The rows keep the active row in view; this brings its cell in sideways.
  useEffect(() => {
    if (activeRow === undefined) return;
    document.getElementById(`${uid}-c-${activeRow}-${active.col}`)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [uid, activeRow, active.col]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.altKey || event.metaKey) return;
    if (event.key === ' ' || event.key === 'Enter') {
      if (activeRow === undefined) return;
      event.preventDefault();
      onToggle({ row: activeRow, col: active.col });
      return;
    }
    const key = event.key === 'j' ? 'ArrowDown' : event.key === 'k' ? 'ArrowUp' : event.key;
    const next = moveInGrid({ row: activeVisible, col: active.col }, key, visible.length, matrix.accounts.length, event.ctrlKey, PAGE);
    if (!next) return;
    event.preventDefault();
    const row = visible[next.row];
    if (row !== undefined) onActivate({ row, col: next.col });
  }

  return (
    <VirtualGrid
      rows={grid}
      label="Who can launch each AMI"
      rowCount={visible.length + 1}
      colCount={matrix.accounts.length + 4}
      activeDescendant={activeRow !== undefined ? cellId(activeRow, active.col) : undefined}
      testId="share-matrix"
      layout={{ kind: 'table', scrollClassName: 'matrix-scroll', className: 'matrix-table' }}
      onKeyDown={onKeyDown}
      header={
        <>
          <th role="columnheader" className="matrix-name-head">Name</th>
          <th role="columnheader">Image ID</th>
          <th role="columnheader">Region</th>
          <th role="columnheader">Owner</th>
          {matrix.accounts.map((a) => (
            <th key={a.account} role="columnheader" className="matrix-account-head" data-account={a.account}>
              <span className="matrix-account-name" title={a.name}>
                {a.name}
              </span>
              <span className="matrix-account-id mono-soft">
                {a.awsAccountId ? formatAccountId(a.awsAccountId) : 'not verified'}
                {production.has(a.account) && <Badge tone="prod">PROD</Badge>}
              </span>
            </th>
          ))}
        </>
      }
      renderRow={(item) => {
        const rowIndex = visible[item.index]!;
        const row = matrix.rows[rowIndex]!;
        return (
          <tr key={item.key} ref={virtualizer.measureElement} data-index={item.index} role="row" aria-rowindex={item.index + 2} data-testid="matrix-row" data-image-id={row.ref.imageId}>
            <th role="rowheader" scope="row" className="matrix-name" title={row.imageName}>
              {row.imageName || <span className="muted">(no name)</span>}
            </th>
            <td role="gridcell">
              <CopyableId value={row.ref.imageId} tabbable={false} />
            </td>
            <td role="gridcell" className="mono-soft">
              {row.ref.region}
            </td>
            <td role="gridcell" className="matrix-owner">
              {row.ownerName}
            </td>
            {row.cells.map((cell, col) => {
              const column = matrix.accounts[col]!;
              const isActive = rowIndex === active.row && col === active.col;
              const action = cellAction(cell, column.awsAccountId);
              const hint = action.kind === 'none' ? action.reason : action.kind === 'add' ? 'Space: share' : 'Space: stop sharing';
              return (
                <td
                  key={column.account}
                  id={cellId(rowIndex, col)}
                  role="gridcell"
                  className={`matrix-cell cell-${cell}${isActive ? ' is-active' : ''}${action.kind === 'none' ? ' is-fixed' : ''}`}
                  aria-label={`${row.imageName || row.ref.imageId} for ${column.name}: ${cellLabel(cell)}`}
                  aria-selected={isActive}
                  title={`${cellLabel(cell)} — ${hint}`}
                  data-testid="matrix-cell"
                  data-account={column.account}
                  data-state={cell}
                  onClick={() => {
                    onActivate({ row: rowIndex, col });
                    onToggle({ row: rowIndex, col });
                  }}
                >
                  <ShareMatrixCellContent cell={cell} pending={pending === `${rowIndex}|${col}`} />
                </td>
              );
            })}
          </tr>
        );
      }}
    />
  );
}
