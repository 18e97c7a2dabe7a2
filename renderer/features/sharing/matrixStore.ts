/**
 * The share matrix's state: which client, its matrix, the active cell, and what the last toggle
 * did. A store of its own, so the view can come and go without losing the client picked.
 */
import { create } from 'zustand';
import type { AppError } from '../../../shared/errors';
import type { MatrixCell, ShareIssue, ShareMatrix } from '../../../shared/sharing';
import { invoke, toAppError } from '../../api';
import { cellAction, cellAfter, describeEntity, outcomeText, type GridPos } from '../../lib/sharing';
import { runShareChange, type FlowContext } from './shareFlow';

export type MatrixNote =
  | { kind: 'info'; text: string }
  | { kind: 'success'; text: string }
  | { kind: 'error'; text: string }
  | { kind: 'blocked'; issues: ShareIssue[] };

export interface MatrixState {
  clientId: string | null;
  matrix: ShareMatrix | null;
  loading: boolean;
  error: AppError | null;
  active: GridPos;
  /** "row|col" of the cell being changed. */
  pending: string | null;
  note: MatrixNote | null;
  noteError: AppError | null;
}

const INITIAL: MatrixState = {
  clientId: null,
  matrix: null,
  loading: false,
  error: null,
  active: { row: 0, col: 0 },
  pending: null,
  note: null,
  noteError: null,
};

export const useMatrixStore = create<MatrixState>(() => INITIAL);

let ticket = 0;

/**
 * Cells changed here, by "client|image|account entry", with when. The matrix is read from the
 * inventory, which only a scan refreshes: until a scan newer than the change, the change wins.
 */
const changedHere = new Map<string, { cell: MatrixCell; at: number }>();

function overlay(matrix: ShareMatrix): ShareMatrix {
  if (changedHere.size === 0) return matrix;
  const asOf = matrix.asOf ? Date.parse(matrix.asOf) : 0;
  const rows = matrix.rows.map((row) => {
    const cells = row.cells.map((cell, col) => {
      const key = `${matrix.clientId}|${refKey(row.ref)}|${matrix.accounts[col]?.account}`;
      const change = changedHere.get(key);
      if (!change) return cell;
      if (asOf > change.at) {
        changedHere.delete(key);
        return cell;
      }
      return change.cell;
    });
    return { ...row, cells };
  });
  return { ...matrix, rows };
}

function refKey(ref: { account: string; region: string; imageId: string }): string {
  return `${ref.account}|${ref.region}|${ref.imageId}`;
}

export function resetMatrixStore() {
  ticket++;
  changedHere.clear();
  useMatrixStore.setState(INITIAL, true);
}

export async function loadMatrix(clientId: string): Promise<void> {
  const mine = ++ticket;
  const same = useMatrixStore.getState().clientId === clientId;
  useMatrixStore.setState({
    clientId,
    loading: true,
    error: null,
    // Another client's rows must not stay on screen under this client's name.
    ...(same ? {} : { matrix: null, active: { row: 0, col: 0 }, note: null, noteError: null }),
  });
  try {
    const matrix = await invoke('sharing:matrix', { client: clientId });
    if (mine !== ticket) return;
    useMatrixStore.setState((s) => ({ matrix: overlay(matrix), loading: false, active: clampPos(s.active, matrix) }));
  } catch (error) {
    if (mine !== ticket) return;
    useMatrixStore.setState({ loading: false, error: toAppError(error) });
  }
}

export function setActive(pos: GridPos) {
  useMatrixStore.setState({ active: pos });
}

export function dismissNote() {
  useMatrixStore.setState({ note: null, noteError: null });
}

function clampPos(pos: GridPos, matrix: ShareMatrix): GridPos {
  return {
    row: Math.max(0, Math.min(pos.row, matrix.rows.length - 1)),
    col: Math.max(0, Math.min(pos.col, matrix.accounts.length - 1)),
  };
}

function setCell(clientId: string, imageKey: string, col: number, cell: MatrixCell) {
  useMatrixStore.setState((s) => {
    if (!s.matrix || s.matrix.clientId !== clientId) return {};
    changedHere.set(`${clientId}|${imageKey}|${s.matrix.accounts[col]?.account}`, { cell, at: Date.now() });
    const rows = s.matrix.rows.map((r) => (refKey(r.ref) === imageKey ? { ...r, cells: r.cells.map((c, i) => (i === col ? cell : c)) } : r));
    return { matrix: { ...s.matrix, rows } };
  });
}

/** Shares the row's image with the column's account, or stops sharing, through the usual plan → confirm → apply. */
export async function toggleCell(pos: GridPos, ctx: FlowContext): Promise<void> {
  const { matrix, pending } = useMatrixStore.getState();
  if (!matrix || pending) return;
  const row = matrix.rows[pos.row];
  const column = matrix.accounts[pos.col];
  const cell = row?.cells[pos.col];
  if (!row || !column || !cell) return;
  useMatrixStore.setState({ active: pos });
  const action = cellAction(cell, column.awsAccountId);
  if (action.kind === 'none') {
    useMatrixStore.setState({ note: { kind: 'info', text: action.reason }, noteError: null });
    return;
  }
  const entity = { kind: 'account' as const, accountId: column.awsAccountId! };
  const imageKey = refKey(row.ref);
  const image = row.imageName || row.ref.imageId;
  const who = describeEntity(entity, ctx.names);
  useMatrixStore.setState({ pending: `${pos.row}|${pos.col}`, note: null, noteError: null });
  try {
    const outcome = await runShareChange(
      { images: [row.ref], add: action.kind === 'add' ? [entity] : [], remove: action.kind === 'remove' ? [entity] : [], snapshots: false },
      action.kind === 'add'
        ? { title: `Share ${image} with ${who}`, confirmLabel: 'Share' }
        : { title: `Stop sharing ${image} with ${who}`, confirmLabel: 'Stop sharing', tone: 'danger' },
      ctx,
    );
    if (outcome.status === 'blocked') useMatrixStore.setState({ note: { kind: 'blocked', issues: outcome.blockers } });
    else if (outcome.status === 'noop') {
      // The inventory was behind AWS: show what AWS says now.
      setCell(matrix.clientId, imageKey, pos.col, cellAfter(cell, action.kind));
      useMatrixStore.setState({ note: { kind: 'info', text: outcome.message } });
    } else if (outcome.status === 'applied') {
      const item = outcome.result.items[0];
      if (item && (item.outcome === 'changed' || item.outcome === 'unchanged')) {
        setCell(matrix.clientId, imageKey, pos.col, cellAfter(cell, action.kind));
        useMatrixStore.setState({ note: { kind: item.outcome === 'changed' ? 'success' : 'info', text: `${image}: ${outcomeText(item, action.kind)}` } });
      } else if (item) {
        useMatrixStore.setState({ note: { kind: 'error', text: `${image}: ${outcomeText(item, action.kind)}` } });
      }
    }
  } catch (error) {
    useMatrixStore.setState({ noteError: toAppError(error) });
  } finally {
    useMatrixStore.setState({ pending: null });
  }
}
