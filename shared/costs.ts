/**
 * What AMIs' snapshots cost a month, added up per client, account or family: the inventory's
 * "Costs" totals. Only AMIs one of our accounts owns count — the owner pays for the snapshots —
 * each under its owner account (and that account's client); AMIs only shared with our accounts
 * are counted apart, as billed to someone else.
 */
import type { AmiRow } from './ami-rows';
import { EBS_SNAPSHOT_PRICES_AS_OF, snapshotPrice, type SnapshotTier } from './pricing/ebs-snapshots';

export type CostGroupBy = 'client' | 'account' | 'family';

export interface CostLine {
  /** The client's id, the owner account's id, or the family; '' when there is none. */
  key: string;
  /** Owned AMIs in the group. */
  amis: number;
  /** Their snapshots' size (the EBS volumes' sizes added up, as the Size column). */
  gib: number;
  /** Estimated USD a month at list price, of the AMIs that have a size and a priced region. */
  usd: number;
  /** AMIs without EBS snapshots (instance store): no size, no cost. */
  unsized: number;
  /** AMIs with a size in a region the price table does not hold: not in `usd`. */
  unpriced: number;
  /** Regions in `usd` whose price was not checked (see the price table), A→Z. */
  unconfirmedRegions: string[];
}

export interface CostTotals {
  groupBy: CostGroupBy;
  tier: SnapshotTier;
  asOf: string;
  lines: CostLine[];
  /** Every line added up. */
  total: CostLine;
  /** AMIs in the rows only shared with our accounts: billed to their owners, so not counted. */
  notOwned: number;
}

export interface CostKeys {
  /** The client of one of our accounts (its id), or null. */
  client(account: string): string | null;
  /** The family of an AMI name (see shared/family.ts). */
  family(name: string): string;
}

interface Building extends Omit<CostLine, 'unconfirmedRegions'> {
  unconfirmed: Set<string>;
}

function line(key: string): Building {
  return { key, amis: 0, gib: 0, usd: 0, unsized: 0, unpriced: 0, unconfirmed: new Set() };
}

function add(to: Building, row: AmiRow, tier: SnapshotTier): void {
  to.amis++;
  const size = row.snapshotSizeGiB;
  if (size === null) {
    to.unsized++;
    return;
  }
  to.gib += size;
  const price = snapshotPrice(row.region, tier);
  if (!price) {
    to.unpriced++;
    return;
  }
  to.usd += size * price.perGiB;
  if (!price.confirmed) to.unconfirmed.add(row.region);
}

function finish(b: Building): CostLine {
  const { unconfirmed, ...rest } = b;
  return { ...rest, unconfirmedRegions: [...unconfirmed].sort() };
}

/**
 * The rows' owned AMIs added up per group, largest cost first (then most GiB, then key). Give
 * it the rows the grid shows, so the totals follow its filters.
 */
export function costTotals(rows: Iterable<AmiRow>, groupBy: CostGroupBy, tier: SnapshotTier, keys: CostKeys): CostTotals {
  const groups = new Map<string, Building>();
  const total = line('');
  let notOwned = 0;
  for (const row of rows) {
    if (row.view !== 'owned') {
      notOwned++;
      continue;
    }
    const key = groupBy === 'account' ? row.account : groupBy === 'client' ? (keys.client(row.account) ?? '') : keys.family(row.name);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = line(key)));
    add(group, row, tier);
    add(total, row, tier);
  }
  const lines = [...groups.values()].map(finish).sort((a, b) => b.usd - a.usd || b.gib - a.gib || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { groupBy, tier, asOf: EBS_SNAPSHOT_PRICES_AS_OF, lines, total: finish(total), notOwned };
}
