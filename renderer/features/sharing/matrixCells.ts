/**
 * A matrix cell in words and what toggling it does, including the cells of an AMI whose launch
 * permissions are not read yet ('pending'): unknown, so neither "not shared" nor something Space
 * can change. Pure, no React.
 */
import type { MatrixCellState } from '../../../shared/sharing';
import { cellAction, cellLabel, type CellAction } from '../../lib/sharing';

/** Why a pending cell cannot be toggled, and where its permissions can be read at once. */
export const PENDING_REASON =
  'Who else may launch this AMI is not known yet: the scan has not read its launch permissions. Its Permissions tab reads them from AWS now.';

/** The cell's accessible name and tooltip. */
export function cellWords(cell: MatrixCellState): string {
  return cell === 'pending' ? 'Launch permissions pending' : cellLabel(cell);
}

/** What Space or a click does on the cell: nothing (and why) for a pending one. */
export function cellActionOf(cell: MatrixCellState, awsAccountId: string | null): CellAction {
  if (cell === 'pending') return { kind: 'none', reason: PENDING_REASON };
  return cellAction(cell, awsAccountId);
}

/** How many of these cells wait for their row's launch permissions. */
export function pendingIn(cells: readonly MatrixCellState[], cols: readonly number[]): number {
  let n = 0;
  for (const col of cols) if (cells[col] === 'pending') n++;
  return n;
}
