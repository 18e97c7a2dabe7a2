/**
 * Cleaning up: what applying a plan did per AMI, what the Recycle Bin can give back, and
 * snapshots left behind by AMIs that no longer exist. Names, never internal ids, in every
 * field a person reads.
 */
import type { AppErrorShape } from './errors';
import type { ImageRef } from './sharing';

/** One AMI of an applied plan. */
export interface CleanupItemResult {
  ref: ImageRef;
  name: string;
  accountName: string;
  /** deregistered; skipped: not sent (protected, gone, changed since the plan); failed: AWS refused. */
  outcome: 'deregistered' | 'skipped' | 'failed';
  /** In words: what happened to the AMI and each of its snapshots. */
  message: string;
  /** Snapshots deleted, and those kept because another AMI still uses them (or not owned). */
  snapshotsDeleted: string[];
  snapshotsKept: Array<{ snapshotId: string; why: string }>;
  error: AppErrorShape | null;
  auditId: string | null;
}

/** Whether an account-region's Recycle Bin keeps deregistered AMIs (and their snapshots). */
export interface RecycleBinCoverage {
  account: string;
  accountName: string;
  region: string;
  /** The longest retention of a rule that keeps every AMI (no tag filter), in days; null: none. */
  imageRetentionDays: number | null;
  /** The same for EBS snapshots (an AMI restored without its snapshots cannot launch). */
  snapshotRetentionDays: number | null;
  /** Rules that keep only tagged resources, in words ("AMIs tagged team=web: 14 days"). */
  taggedRules: string[];
  /** Why the rules could not be read, in words; null when they were. */
  error: string | null;
}

/** A deregistered AMI the Recycle Bin still holds. */
export interface RecycleBinImage {
  account: string;
  accountName: string;
  region: string;
  imageId: string;
  name: string;
  description: string | null;
  recycleBinEnterTime: string | null;
  recycleBinExitTime: string | null;
}

/** A snapshot made for an AMI (CreateImage / CopyImage) whose AMI no longer exists. */
export interface OrphanSnapshot {
  account: string;
  accountName: string;
  region: string;
  snapshotId: string;
  /** The AMI its description names. */
  imageId: string;
  description: string;
  sizeGiB: number;
  startTime: string | null;
  monthlyCost: number | null;
}

export interface SnapshotDeleteResult {
  account: string;
  accountName: string;
  region: string;
  snapshotId: string;
  outcome: 'deleted' | 'failed';
  message: string;
  error: AppErrorShape | null;
  auditId: string | null;
}
