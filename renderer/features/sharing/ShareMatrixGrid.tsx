import { useEffect, useId, useMemo, useRef, type CSSProperties, type KeyboardEvent } from 'react';
import type { Client } from '../../../shared/model';
import type { ShareMatrix } from '../../../shared/sharing';
import { Badge } from '../../components/Badge';
import { useVirtualRows, VirtualGrid } from '../../components/VirtualGrid';
import { CopyableId } from '../../components/CopyableId';
import { Icon } from '../../components/Icon';
import { formatAccountId, plural } from '../../lib/format';
import { moveInGrid, type GridPos } from '../../lib/sharing';
import { cellActionOf, cellWords, pendingIn } from './matrixCells';
import { accountColOf, displayColumns, displayIndexOf, reachOf, type DisplayColumn } from './matrixColumns';
import { ShareMatrixCellContent, ShareMatrixReach } from './ShareMatrixCell';

interface GridProps {
  matrix: ShareMatrix;
  /** Indices into matrix.rows that pass the search, in display order. */
  visible: readonly number[];
  active: GridPos;
  pending: string | null;
  production: ReadonlySet<string>;
  /** The workspace's clients (name, colour), for a hub matrix's grouped header. */
  clients?: readonly Client[];
  /** Clients a hub matrix shows as one column. */
  collapsed?: readonly string[];
  onActivate(pos: GridPos): void;
  onToggle(pos: GridPos): void;
  onToggleClient?(clientId: string): void;
}

const PAGE = 15;
const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 40;
/** A hub matrix's header has a line more: the client above its accounts. */
const GROUPED_HEADER_HEIGHT = 56;
/** Enough rows for a tall window before the grid is measured (and for a render to a string). */
const INITIAL_HEIGHT = 1200;

/**
 * AMIs × accounts. One tab stop (the grid); arrows, Home/End and Page keys move the active cell,
 * Space or Enter toggles it (or unfolds a folded client); a click does both. Only the rows in
 * view are drawn. A hub matrix groups its columns by client, each client foldable to one column.
 */
export function ShareMatrixGrid({ matrix, visible, active, pending, production, clients = [], collapsed = [], onActivate, onToggle, onToggleClient }: GridProps) {
  const uid = useId();
  const grouped = matrix.hub !== null;
  const columns = useMemo(() => displayColumns(matrix, new Set(collapsed)), [matrix, collapsed]);
  const clientById = useMemo(() => new Map(clients.map((c) => [c.id, c])), [clients]);
  const cellId = (row: number, display: number) => `${uid}-c-${row}-${display}`;
  const activeVisible = Math.max(0, visible.indexOf(active.row));
  const activeRow = visible[activeVisible];
  const activeDisplay = displayIndexOf(columns, active.col);
  const fixedCols = grouped ? 3 : 4;
  const grid = useVirtualRows({
    count: visible.length,
    rowHeight: ROW_HEIGHT,
    headerHeight: grouped ? GROUPED_HEADER_HEIGHT : HEADER_HEIGHT,
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
    document.getElementById(`${uid}-c-${activeRow}-${activeDisplay}`)?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [uid, activeRow, activeDisplay]);

  // A fold button gives way to its folded (or unfolded) twin: focus follows it there.
  const refocus = useRef<string | null>(null);
  useEffect(() => {
    const clientId = refocus.current;
    if (clientId === null) return;
    refocus.current = null;
    grid.scrollRef.current?.querySelector<HTMLButtonElement>(`[data-fold-client="${CSS.escape(clientId)}"]`)?.focus();
  }, [columns, grid.scrollRef]);
  function fold(clientId: string) {
    refocus.current = clientId;
    onToggleClient?.(clientId);
  }

  function activate(column: DisplayColumn, row: number) {
    if (column.kind === 'client') onToggleClient?.(column.clientId);
    else onToggle({ row, col: column.col });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.altKey || event.metaKey) return;
    if (event.target !== event.currentTarget) return; // a header's fold button handles its own keys
    if (event.key === ' ' || event.key === 'Enter') {
      const column = columns[activeDisplay];
      if (activeRow === undefined || !column) return;
      event.preventDefault();
      activate(column, activeRow);
      return;
    }
    const key = event.key === 'j' ? 'ArrowDown' : event.key === 'k' ? 'ArrowUp' : event.key;
    const next = moveInGrid({ row: activeVisible, col: activeDisplay }, key, visible.length, columns.length, event.ctrlKey, PAGE);
    if (!next) return;
    event.preventDefault();
    const row = visible[next.row];
    const column = columns[next.col];
    if (row !== undefined && column) onActivate({ row, col: accountColOf(column) });
  }

  const clientStyle = (clientId: string) => ({ '--client-color': clientById.get(clientId)?.color ?? 'var(--border-strong)' }) as CSSProperties;
  const clientName = (clientId: string) => clientById.get(clientId)?.name ?? 'Other accounts';

  return (
    <VirtualGrid
      rows={grid}
      label="Who can launch each AMI"
      rowCount={visible.length + 1}
      colCount={columns.length + fixedCols}
      activeDescendant={activeRow !== undefined ? cellId(activeRow, activeDisplay) : undefined}
      testId="share-matrix"
      layout={{ kind: 'table', scrollClassName: 'matrix-scroll', className: `matrix-table${grouped ? ' is-grouped' : ''}` }}
      onKeyDown={onKeyDown}
      header={
        <>
          <th role="columnheader" className="matrix-name-head">
            Name
          </th>
          <th role="columnheader">Image ID</th>
          <th role="columnheader">Region</th>
          {!grouped && <th role="columnheader">Owner</th>}
          {columns.map((column) => {
            if (column.kind === 'client') {
              const name = clientName(column.clientId);
              return (
                <th key={`client-${column.clientId}`} role="columnheader" className="matrix-account-head matrix-client-head is-group-start is-folded" style={clientStyle(column.clientId)} data-client-group="">
                  <button type="button" className="matrix-fold" aria-expanded={false} title={`Show ${name}'s accounts`} data-fold-client={column.clientId} onClick={() => fold(column.clientId)}>
                    <Icon name="chevronRight" size={11} className="icon matrix-fold-icon" />
                    <span className="truncate">{name}</span>
                  </button>
                  <span className="matrix-account-id">{plural(column.cols.length, 'account')}</span>
                </th>
              );
            }
            const a = matrix.accounts[column.col]!;
            return (
              <th
                key={a.account}
                role="columnheader"
                className={`matrix-account-head${grouped ? ' is-grouped' : ''}${column.groupStart ? ' is-group-start' : ''}`}
                style={grouped ? clientStyle(column.clientId) : undefined}
                data-account={a.account}
              >
                {grouped &&
                  (column.groupStart ? (
                    <button
                      type="button"
                      className="matrix-fold"
                      aria-expanded={true}
                      title={`Fold ${clientName(column.clientId)}'s accounts into one column`}
                      data-fold-client={column.clientId}
                      onClick={() => fold(column.clientId)}
                    >
                      <Icon name="chevronRight" size={11} className="icon matrix-fold-icon is-open" />
                      <span className="truncate">{clientName(column.clientId)}</span>
                    </button>
                  ) : (
                    <span className="matrix-fold-spacer" aria-hidden="true" />
                  ))}
                <span className="matrix-account-name" title={grouped ? `${clientName(column.clientId)} · ${a.name}` : a.name}>
                  {a.name}
                </span>
                <span className="matrix-account-id mono-soft">
                  {a.awsAccountId ? formatAccountId(a.awsAccountId) : 'not verified'}
                  {production.has(a.account) && <Badge tone="prod">PROD</Badge>}
                </span>
              </th>
            );
          })}
        </>
      }
      renderRow={(item) => {
        const rowIndex = visible[item.index]!;
        const row = matrix.rows[rowIndex]!;
        const image = row.imageName || row.ref.imageId;
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
            {!grouped && (
              <td role="gridcell" className="matrix-owner">
                {row.ownerName}
              </td>
            )}
            {columns.map((column, display) => {
              const isActive = rowIndex === active.row && display === activeDisplay;
              const onClick = () => {
                onActivate({ row: rowIndex, col: accountColOf(column) });
                activate(column, rowIndex);
              };
              if (column.kind === 'client') {
                const { reach, total } = reachOf(row.cells, column.cols);
                const unknown = pendingIn(row.cells, column.cols);
                const name = clientName(column.clientId);
                const waiting = unknown > 0 ? `; ${unknown} wait for its launch permissions` : '';
                return (
                  <td
                    key={`client-${column.clientId}`}
                    id={cellId(rowIndex, display)}
                    role="gridcell"
                    className={`matrix-cell matrix-reach-cell is-group-start${isActive ? ' is-active' : ''}`}
                    aria-label={`${image} for ${name}: ${reach} of ${plural(total, 'account')} can launch it${waiting}`}
                    aria-selected={isActive}
                    title={`${reach} of ${plural(total, 'account')} of ${name} can launch it${waiting} — Space: show them`}
                    data-testid="matrix-client-cell"
                    onClick={onClick}
                  >
                    <ShareMatrixReach reach={reach} total={total} pending={unknown} />
                  </td>
                );
              }
              const col = column.col;
              const cell = row.cells[col]!;
              const account = matrix.accounts[col]!;
              const action = cellActionOf(cell, account.awsAccountId);
              const hint = action.kind === 'none' ? action.reason : action.kind === 'add' ? 'Space: share' : 'Space: stop sharing';
              const who = grouped ? `${account.name} (${clientName(column.clientId)})` : account.name;
              return (
                <td
                  key={account.account}
                  id={cellId(rowIndex, display)}
                  role="gridcell"
                  className={`matrix-cell cell-${cell}${isActive ? ' is-active' : ''}${action.kind === 'none' ? ' is-fixed' : ''}${column.groupStart ? ' is-group-start' : ''}`}
                  aria-label={`${image} for ${who}: ${cellWords(cell)}`}
                  aria-selected={isActive}
                  title={`${cellWords(cell)} — ${hint}`}
                  data-testid="matrix-cell"
                  data-account={account.account}
                  data-state={cell}
                  onClick={onClick}
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
