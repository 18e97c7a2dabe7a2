/**
 * The share matrix's state: what the rows are (a client's own AMIs, or one hub account's), the
 * matrix, the active cell, and what the last toggle did. A store of its own, so the view can
 * come and go without losing the choice; the rows choice and hub are remembered between launches.
 */
import { create } from 'zustand';
import type { AppError } from '../../../shared/errors';
import type { Workspace } from '../../../shared/model';
import type { MatrixCell, ShareIssue, ShareMatrix } from '../../../shared/sharing';
import { invoke, toAppError } from '../../api';
import { loadMatrixPrefs, saveMatrixPrefs } from '../../lib/prefs';
import { cellAction, cellAfter, describeEntity, outcomeText, type GridPos } from '../../lib/sharing';
import { PENDING_REASON } from './matrixCells';
import { findAccount, orderedAccounts } from '../../lib/workspace';
import { runShareChange, type FlowContext } from './shareFlow';

export type MatrixNote =
  | { kind: 'info'; text: string }
  | { kind: 'success'; text: string }
  | { kind: 'error'; text: string }
  | { kind: 'blocked'; issues: ShareIssue[] };

/** Whose AMIs are the rows: a client's accounts' (× that client's accounts), or one hub account's (× every account). */
export type MatrixSource = { kind: 'client'; clientId: string } | { kind: 'hub'; account: string };

export interface MatrixState {
  /** The rows asked for last; `matrix` may still be an earlier source's while it loads. */
  source: MatrixSource | null;
  /** The user's choice of rows, and the client / hub account picked for each. */
  rows: 'client' | 'hub';
  clientId: string | null;
  hub: string | null;
  /** Clients whose accounts a hub matrix shows as one summary column. */
  collapsed: readonly string[];
  matrix: ShareMatrix | null;
  loading: boolean;
  error: AppError | null;
  active: GridPos;
  /** "row|col" of the cell being changed. */
  pending: string | null;
  note: MatrixNote | null;
  noteError: AppError | null;
}

function initial(): MatrixState {
  const prefs = loadMatrixPrefs();
  return {
    source: null,
    rows: prefs.rows,
    clientId: null,
    hub: prefs.hub,
    collapsed: [],
    matrix: null,
    loading: false,
    error: null,
    active: { row: 0, col: 0 },
    pending: null,
    note: null,
    noteError: null,
  };
}

export const useMatrixStore = create<MatrixState>(initial);

/** One string per source, to compare sources and key what belongs to one. */
export function sourceKey(source: MatrixSource): string {
  return source.kind === 'hub' ? `hub:${source.account}` : `client:${source.clientId}`;
}

/** The source a loaded matrix answers. */
export function sourceOf(matrix: ShareMatrix): MatrixSource {
  return matrix.hub ? { kind: 'hub', account: matrix.hub } : { kind: 'client', clientId: matrix.clientId };
}

/** The matrix when it answers `source`, else null (another source's rows never show under this one's name). */
export function matrixFor(matrix: ShareMatrix | null, source: MatrixSource | null): ShareMatrix | null {
  return matrix && source && sourceKey(sourceOf(matrix)) === sourceKey(source) ? matrix : null;
}

/**
 * The source the view shows: the client or hub picked, while still in the workspace; otherwise
 * the active account's client (or the active account as hub), otherwise the first one.
 */
export function wantedSource(choice: Pick<MatrixState, 'rows' | 'clientId' | 'hub'>, workspace: Workspace | null, activeAccount: string | null): MatrixSource | null {
  if (!workspace) return null;
  const active = findAccount(workspace, activeAccount);
  if (choice.rows === 'hub') {
    const hub = findAccount(workspace, choice.hub) ?? active ?? orderedAccounts(workspace)[0] ?? null;
    return hub ? { kind: 'hub', account: hub.id } : null;
  }
  const client = workspace.clients.find((c) => c.id === choice.clientId) ?? workspace.clients.find((c) => c.id === active?.clientId) ?? workspace.clients[0];
  return client ? { kind: 'client', clientId: client.id } : null;
}

let ticket = 0;

/**
 * Cells changed here, by "image|account entry", with when. The matrix is read from the
 * inventory, which only a scan refreshes: until a scan newer than the change, the change wins —
 * in whichever matrix shows that image and account (a client's or a hub's).
 */
const changedHere = new Map<string, { cell: MatrixCell; at: number }>();

function overlay(matrix: ShareMatrix): ShareMatrix {
  if (changedHere.size === 0) return matrix;
  const asOf = matrix.asOf ? Date.parse(matrix.asOf) : 0;
  const rows = matrix.rows.map((row) => {
    const cells = row.cells.map((cell, col) => {
      const key = `${refKey(row.ref)}|${matrix.accounts[col]?.account}`;
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
  useMatrixStore.setState(initial(), true);
}

/** Shows a client's own AMIs or a hub account's as rows (remembered). */
export function chooseRows(rows: 'client' | 'hub') {
  useMatrixStore.setState({ rows });
  saveMatrixPrefs({ rows });
}

export function chooseClient(clientId: string) {
  useMatrixStore.setState({ rows: 'client', clientId });
  saveMatrixPrefs({ rows: 'client' });
}

export function chooseHub(account: string) {
  useMatrixStore.setState({ rows: 'hub', hub: account });
  saveMatrixPrefs({ rows: 'hub', hub: account });
}

/** Folds a client's accounts into one column of a hub matrix, or unfolds them. */
export function toggleClientColumns(clientId: string) {
  useMatrixStore.setState((s) => ({ collapsed: s.collapsed.includes(clientId) ? s.collapsed.filter((c) => c !== clientId) : [...s.collapsed, clientId] }));
}

export async function loadMatrix(source: MatrixSource): Promise<void> {
  const mine = ++ticket;
  const current = useMatrixStore.getState().source;
  const same = current !== null && sourceKey(current) === sourceKey(source);
  useMatrixStore.setState({
    source,
    loading: true,
    error: null,
    // Another source's rows must not stay on screen under this one's name.
    ...(same ? {} : { matrix: null, active: { row: 0, col: 0 }, note: null, noteError: null }),
  });
  try {
    const matrix = await invoke('sharing:matrix', source.kind === 'hub' ? { hub: source.account } : { client: source.clientId });
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

function setCell(source: MatrixSource, imageKey: string, col: number, cell: MatrixCell) {
  useMatrixStore.setState((s) => {
    const matrix = matrixFor(s.matrix, source);
    if (!matrix) return {};
    changedHere.set(`${imageKey}|${matrix.accounts[col]?.account}`, { cell, at: Date.now() });
    const rows = matrix.rows.map((r) => (refKey(r.ref) === imageKey ? { ...r, cells: r.cells.map((c, i) => (i === col ? cell : c)) } : r));
    return { matrix: { ...matrix, rows } };
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
  // Who else may launch it is unknown until its permissions are read: Space must not guess.
  if (cell === 'pending') {
    useMatrixStore.setState({ note: { kind: 'info', text: PENDING_REASON }, noteError: null });
    return;
  }
  const action = cellAction(cell, column.awsAccountId);
  if (action.kind === 'none') {
    useMatrixStore.setState({ note: { kind: 'info', text: action.reason }, noteError: null });
    return;
  }
  const source = sourceOf(matrix);
  const entity = { kind: 'account' as const, awsAccountId: column.awsAccountId! };
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
      setCell(source, imageKey, pos.col, cellAfter(cell, action.kind));
      useMatrixStore.setState({ note: { kind: 'info', text: outcome.message } });
    } else if (outcome.status === 'applied') {
      const item = outcome.result.items[0];
      if (item && (item.outcome === 'changed' || item.outcome === 'unchanged')) {
        setCell(source, imageKey, pos.col, cellAfter(cell, action.kind));
        // Shared under a customer managed key is not yet launchable: said, not celebrated.
        const kind = item.outcome === 'changed' && !item.keyPolicies?.length ? 'success' : 'info';
        useMatrixStore.setState({ note: { kind, text: `${image}: ${outcomeText(item, action.kind)}` } });
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
