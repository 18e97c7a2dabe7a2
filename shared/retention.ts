/**
 * Retention plans: which owned AMIs a set of rules picks for clean-up, and why. The rules are
 * combined (an AMI is a candidate only when every rule the user set agrees); "keep the newest N"
 * protects the newest N of each family in each owner account and region whatever the other rules
 * say. One pure function computes the plan, so the app, the CLI and the benchmark give the same
 * answer for the same inventory, usage and rules.
 */
import type { UsageState } from './contract/usage';

export interface RetentionRules {
  /** Keep the newest N of each family (per owner account × region); null: no such rule. */
  keepNewest: number | null;
  /** Only AMIs created more than D days ago; null: any age. */
  olderThanDays: number | null;
  /** Only AMIs not launched for L days (never launched counts as not launched); null: no such rule. */
  notLaunchedDays: number | null;
  /** Only AMIs the last usage check found unused ('unknown' and not checked are kept, said why). */
  notInUse: boolean;
  /** Only AMIs not shared with an account outside their client, an organization, an OU or everyone. */
  notSharedOutsideClient: boolean;
  /** Tags that keep an AMI out of the plan: `key` (any value) or `key=value`. */
  excludeTags: string[];
  /** The family pattern (see shared/family.ts); null: the built-in one. */
  familyPattern: string | null;
  /** Where the plan looks; empty lists mean everywhere. Clients and accounts are our ids. */
  scope: { clients: string[]; accounts: string[]; regions: string[] };
}

export const DEFAULT_RULES: RetentionRules = {
  keepNewest: 3,
  olderThanDays: 90,
  notLaunchedDays: null,
  notInUse: true,
  notSharedOutsideClient: false,
  excludeTags: [],
  familyPattern: null,
  scope: { clients: [], accounts: [], regions: [] },
};

/** One AMI the plan would clean up. Names, never internal ids, in every field a person reads. */
export interface PlanCandidate {
  /** Our account entry (for acting on it), its name, AWS id and client's name. */
  account: string;
  accountName: string;
  awsAccountId: string | null;
  clientName: string | null;
  region: string;
  imageId: string;
  name: string;
  family: string;
  creationDate: string | null;
  lastLaunchedTime: string | null;
  inUse: UsageState | 'not-checked';
  snapshotIds: string[];
  snapshotSizeGiB: number | null;
  /** What keeping it costs a month (standard tier, dated price table), null when the size is not known. */
  monthlyCost: number | null;
  /** The rules that picked it, in words ("older than 90 days: created 2026-01-02, 335 days ago"). */
  reasons: string[];
}

/** Why AMIs in scope were kept, counted (e.g. "newest 3 of their family": 120). */
export interface PlanKept {
  /** Which rule kept them (tag: an excluding tag), for code; `reason` is for people. */
  kind: PlanKeptKind;
  reason: string;
  count: number;
}

export type PlanKeptKind = 'tag' | 'newest' | 'young' | 'no-date' | 'launched' | 'public' | 'organization' | 'outside' | 'sharing-unknown' | 'in-use' | 'use-unknown' | 'not-checked' | 'no-rule';

export interface RetentionPlan {
  rules: RetentionRules;
  /** When the plan was computed (ISO); "days ago" are counted from it. */
  at: string;
  candidates: PlanCandidate[];
  /** AMIs in scope that were looked at. */
  considered: number;
  kept: PlanKept[];
  totalSizeGiB: number;
  totalMonthlyCost: number;
  /** The price table's date, said beside every figure with the incremental-snapshot caveat. */
  pricesAsOf: string;
}

/** A plan the user saved to run again. */
export interface SavedPlan {
  id: string;
  name: string;
  rules: RetentionRules;
  savedAt: string;
}
