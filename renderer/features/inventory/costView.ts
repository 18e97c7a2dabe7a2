/** How the inventory's cost totals are shown: grouped by what, in which tier, sorted how. Pure. */
import type { CostGroupBy, CostLine } from '../../../shared/costs';
import type { SnapshotTier } from '../../../shared/pricing/ebs-snapshots';

export type CostColumn = 'name' | 'amis' | 'gib' | 'usd';

export interface CostSort {
  column: CostColumn;
  direction: 'asc' | 'desc';
}

export interface CostView {
  groupBy: CostGroupBy;
  tier: SnapshotTier;
  sort: CostSort;
}

export const DEFAULT_COST_VIEW: CostView = { groupBy: 'client', tier: 'standard', sort: { column: 'usd', direction: 'desc' } };

/** A click on a header: the other direction on the sorted column; names A→Z, figures largest first. */
export function nextCostSort(current: CostSort, column: CostColumn): CostSort {
  if (current.column === column) return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { column, direction: column === 'name' ? 'asc' : 'desc' };
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** The lines in the chosen order; ties by name, so equal lines keep their places. */
export function sortCostLines(lines: readonly CostLine[], sort: CostSort, label: (line: CostLine) => string): CostLine[] {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const named = lines.map((line) => ({ line, name: label(line) }));
  named.sort((a, b) => {
    const byName = collator.compare(a.name, b.name);
    if (sort.column === 'name') return byName * sign || (a.line.key < b.line.key ? -1 : 1);
    const diff = a.line[sort.column] - b.line[sort.column];
    return diff !== 0 ? diff * sign : byName;
  });
  return named.map((n) => n.line);
}
