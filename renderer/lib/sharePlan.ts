/**
 * Reading a share plan for the confirm sheet: which images will be sent, whether Apply may be
 * pressed, the production confirmations, and merging a retry's results. Pure.
 */
import type { ImageRef, SharePlan, SharePlanItem, ShareItemResult, ShareResult } from '../../shared/sharing';
import { confirmationsOf, phraseMatches } from './confirm';

export function refKey(ref: ImageRef): string {
  return `${ref.account}|${ref.region}|${ref.imageId}`;
}

/** Items the apply will include: blocked ones are left out (the sheet says why). */
export function sendableItems(plan: SharePlan): SharePlanItem[] {
  return plan.items.filter((item) => item.blockers.length === 0);
}

/** Launch permissions or snapshot create-volume permissions will change. */
export function changesSomething(item: SharePlanItem): boolean {
  return item.willAdd.length > 0 || item.willRemove.length > 0 || item.snapshotChanges.some((c) => c.add.length > 0 || c.remove.length > 0);
}

/** Production accounts among the items that will be sent, each to be named by the user. */
export function requiredConfirmations(plan: SharePlan): SharePlan['confirmAccounts'] {
  const sent = new Set(sendableItems(plan).filter(changesSomething).map((i) => i.ref.account));
  return plan.confirmAccounts.filter((c) => sent.has(c.account));
}

/**
 * What goes to the core: the entry's own name for each production account the user typed
 * correctly (matching ignores case and spaces, like the other confirm sheets).
 */
export function confirmationsFor(plan: SharePlan, typed: Readonly<Record<string, string>>): Record<string, string> {
  return confirmationsOf(requiredConfirmations(plan), typed);
}

export type ApplyBlock = 'nothing-to-change' | 'all-blocked' | 'needs-confirmation' | null;

/** Why Apply is disabled, or null when it may be pressed. */
export function applyBlock(plan: SharePlan, typed: Readonly<Record<string, string>>): ApplyBlock {
  const sendable = sendableItems(plan);
  if (sendable.length === 0) return 'all-blocked';
  if (!sendable.some(changesSomething)) return 'nothing-to-change';
  const needed = requiredConfirmations(plan);
  if (needed.some((c) => !phraseMatches(typed[c.account], c.name))) return 'needs-confirmation';
  return null;
}

/** A retry's outcomes replace the earlier ones for the same images; the order stays. */
export function mergeResults(previous: ShareResult | null, next: ShareResult): ShareResult {
  if (!previous) return next;
  const byKey = new Map(next.items.map((i) => [refKey(i.ref), i]));
  const items: ShareItemResult[] = previous.items.map((i) => byKey.get(refKey(i.ref)) ?? i);
  const known = new Set(previous.items.map((i) => refKey(i.ref)));
  for (const i of next.items) if (!known.has(refKey(i.ref))) items.push(i);
  return { items };
}

export function failedRefs(result: ShareResult | null): ImageRef[] {
  return result ? result.items.filter((i) => i.outcome === 'failed').map((i) => i.ref) : [];
}

/** "2 shared · 1 already shared · 1 failed" */
export function resultSummary(result: ShareResult): string {
  const count = (outcome: ShareItemResult['outcome']) => result.items.filter((i) => i.outcome === outcome).length;
  const parts: string[] = [];
  const changed = count('changed');
  const unchanged = count('unchanged');
  const failed = count('failed');
  const blocked = count('blocked');
  const needKeys = result.items.filter((i) => i.outcome === 'changed' && (i.keyPolicies?.length ?? 0) > 0).length;
  if (changed > needKeys) parts.push(`${changed - needKeys} changed`);
  if (needKeys) parts.push(`${needKeys} shared, not launchable until a key policy allows the recipients`);
  if (unchanged) parts.push(`${unchanged} already shared`);
  if (blocked) parts.push(`${blocked} blocked`);
  if (failed) parts.push(`${failed} failed`);
  return parts.join(' · ') || 'Nothing was sent';
}
