/**
 * The share matrix's columns as drawn: one per account, or, in a hub matrix, accounts grouped by
 * client where a collapsed client stands as one summary column. Pure, no React.
 */
import type { MatrixCellState, ShareMatrix } from '../../../shared/sharing';

export type DisplayColumn =
  /** `col` indexes matrix.accounts; `groupStart` marks the first account of a client in a hub matrix. */
  | { kind: 'account'; col: number; clientId: string; groupStart: boolean }
  /** A collapsed client: its accounts' columns (indices into matrix.accounts). */
  | { kind: 'client'; clientId: string; cols: number[] };

/** Columns in the matrix's order (the core sends a hub matrix's accounts client by client). */
export function displayColumns(matrix: Pick<ShareMatrix, 'hub' | 'accounts'>, collapsed: ReadonlySet<string>): DisplayColumn[] {
  const grouped = matrix.hub !== null;
  const out: DisplayColumn[] = [];
  const accounts = matrix.accounts;
  for (let start = 0; start < accounts.length; ) {
    const clientId = accounts[start]!.clientId;
    let end = start;
    while (end < accounts.length && accounts[end]!.clientId === clientId) end++;
    const cols = Array.from({ length: end - start }, (_, k) => start + k);
    if (grouped && collapsed.has(clientId)) out.push({ kind: 'client', clientId, cols });
    else for (const col of cols) out.push({ kind: 'account', col, clientId, groupStart: grouped && col === start });
    start = end;
  }
  return out;
}

/** The drawn column that holds an account's column (its client's, when collapsed); 0 when none does. */
export function displayIndexOf(columns: readonly DisplayColumn[], col: number): number {
  const index = columns.findIndex((c) => (c.kind === 'account' ? c.col === col : c.cols.includes(col)));
  return Math.max(0, index);
}

/** The account column a drawn column stands for: a collapsed client stands for its first account. */
export function accountColOf(column: DisplayColumn): number {
  return column.kind === 'account' ? column.col : (column.cols[0] ?? 0);
}

/** How many of a collapsed client's accounts are known to be able to launch the row's image, of how many. */
export function reachOf(cells: readonly MatrixCellState[], cols: readonly number[]): { reach: number; total: number } {
  let reach = 0;
  for (const col of cols) {
    const cell = cells[col];
    if (cell !== undefined && cell !== 'none' && cell !== 'pending') reach++;
  }
  return { reach, total: cols.length };
}
