/**
 * Places (an account in a region) a clean-up touches, and what the page says about them and the
 * plan's figures. Pure: the apply sheet, the plan's totals and their tests read the same words.
 */
import type { CleanupItemResult, RecycleBinCoverage, SnapshotDeleteResult } from '../../../shared/cleanup';
import type { PlanCandidate, RetentionPlan } from '../../../shared/retention';
import { formatCount, formatUsd, plural } from '../../lib/format';

export interface Place {
  account: string;
  region: string;
}

export const placeKey = (p: Place) => `${p.account}|${p.region}`;

/** Each place of these candidates once, with its account's name and how many AMIs go there. */
export function placesOf(candidates: readonly PlanCandidate[]): Array<Place & { accountName: string; count: number }> {
  const out = new Map<string, Place & { accountName: string; count: number }>();
  for (const c of candidates) {
    const key = placeKey(c);
    const known = out.get(key);
    if (known) known.count++;
    else out.set(key, { account: c.account, region: c.region, accountName: c.accountName, count: 1 });
  }
  return [...out.values()].sort((a, b) => a.accountName.localeCompare(b.accountName) || a.region.localeCompare(b.region));
}

/** "12 AMIs · 480 GiB · about $24.00/month saved". */
export function totalsLine(plan: Pick<RetentionPlan, 'candidates' | 'totalSizeGiB' | 'totalMonthlyCost'>): string {
  return `${plural(plan.candidates.length, 'AMI')} · ${formatCount(Math.round(plan.totalSizeGiB))} GiB · about ${formatUsd(plan.totalMonthlyCost)}/month saved`;
}

/** Said beside every figure: where prices come from, and why the real saving can be less. */
export function costCaveat(pricesAsOf: string): string {
  return `Standard-tier EBS snapshot list prices as of ${pricesAsOf}. Snapshots are incremental: blocks shared with other snapshots stay billed, so the real saving can be less.`;
}

export type CoverageState = 'covered' | 'images-only' | 'not-covered' | 'unknown';

/** Whether a place's Recycle Bin gives deregistered AMIs back (and the snapshots they need to launch). */
export function coverageState(coverage: RecycleBinCoverage | undefined): CoverageState {
  if (!coverage || coverage.error) return 'unknown';
  if (coverage.imageRetentionDays === null) return 'not-covered';
  return coverage.snapshotRetentionDays === null ? 'images-only' : 'covered';
}

export function coverageWords(coverage: RecycleBinCoverage | undefined): string {
  const state = coverageState(coverage);
  if (state === 'unknown') return coverage?.error ? `Recycle Bin rules could not be read: ${coverage.error}` : 'Recycle Bin rules not read yet';
  if (state === 'not-covered') return 'Not covered: deregistered AMIs cannot be restored';
  const days = (n: number) => plural(n, 'day');
  if (state === 'images-only')
    return `AMIs kept ${days(coverage!.imageRetentionDays!)} in the Recycle Bin; snapshots are not, so a restored AMI cannot launch once they are deleted`;
  return `AMIs kept ${days(coverage!.imageRetentionDays!)}, snapshots ${days(coverage!.snapshotRetentionDays!)} in the Recycle Bin`;
}

/** "3 deregistered · 1 skipped · 0 failed". */
export function applySummary(results: readonly CleanupItemResult[]): string {
  const n = (o: CleanupItemResult['outcome']) => results.filter((r) => r.outcome === o).length;
  const snaps = results.reduce((sum, r) => sum + r.snapshotsDeleted.length, 0);
  return `${formatCount(n('deregistered'))} deregistered · ${formatCount(n('skipped'))} skipped · ${formatCount(n('failed'))} failed · ${plural(snaps, 'snapshot')} deleted`;
}

export function snapshotSummary(results: readonly SnapshotDeleteResult[]): string {
  const deleted = results.filter((r) => r.outcome === 'deleted').length;
  return `${formatCount(deleted)} deleted · ${formatCount(results.length - deleted)} failed`;
}

/** Whether the plan kept AMIs because no usage check has answered for them. */
export function keptForUsage(plan: Pick<RetentionPlan, 'kept' | 'rules'> | null): number {
  if (!plan || !plan.rules.notInUse) return 0;
  return plan.kept.filter((k) => k.kind === 'not-checked').reduce((sum, k) => sum + k.count, 0);
}

/** Whole days from one moment to another, for "leaves the bin in 5 days". */
export function daysBetween(from: number, to: string | null): number | null {
  if (!to) return null;
  const ms = Date.parse(to) - from;
  return Number.isFinite(ms) ? Math.ceil(ms / 86_400_000) : null;
}
