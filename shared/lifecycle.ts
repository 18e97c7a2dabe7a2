/**
 * Copying AMIs (to other regions, or a shared AMI into the active account) as tracked jobs, and
 * the lifecycle actions: deregister, deprecate, disable/enable, deregistration protection.
 *
 * Like sharing, both are planned first (read-only: what will happen, what AWS would refuse and
 * why) and then carried out with the same request.
 */
import type { z } from 'zod';
import type { AppErrorShape } from './errors';
import type { lifecycleAction } from './contract/lifecycle';
import type { schemas as contract } from './contract/copy';
import type { ImageRef, ShareEntity } from './sharing';

/** Tokens a copy's name or description may use. */
export const NAME_TOKENS = ['{name}', '{region}', '{sourceRegion}', '{imageId}', '{date}'] as const;

/** The copies to make: images, destination account and regions, names, encryption, tags. */
export type CopyRequest = z.output<typeof contract.copyPlan>;

export interface CopyIssue {
  code:
    | 'BILLING_PRODUCTS' // shared with a billing product code: AWS refuses to copy it
    | 'SNAPSHOT_ACCESS' // cross-account: no create-volume permission on the source snapshots
    | 'SOURCE_KEY' // cross-account: the source snapshots' key is not usable by the destination account
    | 'KMS_KEY_MISSING' // the chosen key does not exist (or is not usable) in the destination region
    | 'NAME_INVALID'
    | 'NAME_TAKEN'
    | 'SAME_PLACE' // copying to the region (and account) it is already in
    | 'NOT_AVAILABLE' // the source is not in the available state
    | 'AWS_MANAGED_KEY' // warning: encrypted with aws/ebs, so the copy can never be shared with another account
    | 'UNREADABLE';
  message: string;
  fix: string | null;
}

export interface CopyPlanItem {
  source: ImageRef;
  sourceName: string;
  destination: { account: string; accountName: string; region: string };
  name: string;
  description: string;
  /** The copy will be encrypted (always, when the source is). */
  encrypted: boolean;
  /** The key ARN the copy will use in the destination region; null for unencrypted copies. */
  kmsKeyArn: string | null;
  crossAccount: boolean;
  blockers: CopyIssue[];
  warnings: CopyIssue[];
}

export interface CopyPlan {
  items: CopyPlanItem[];
  confirmAccounts: Array<{ account: string; name: string }>;
}

/**
 * `checking`: CopyImage was sent but its answer never came (network, a restart): the copy may or
 * may not exist. The job asks AWS again with the same request, then looks for the copy by its
 * name and the app's tag, until it has the one image or knows that nothing was made.
 */
export type JobState = 'queued' | 'copying' | 'checking' | 'available' | 'failed' | 'cancelling' | 'cancelled';

export interface CopyJob {
  id: string;
  kind: 'copy';
  state: JobState;
  source: ImageRef & { name: string };
  destination: { account: string; accountName: string; region: string };
  name: string;
  /** Set once CopyImage answered. */
  newImageId: string | null;
  /** 0–100: the slowest snapshot's progress. */
  progress: number;
  encrypted: boolean;
  kmsKeyArn: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** Why it failed; while `checking`, why AWS's answer is not known yet. */
  error: AppErrorShape | null;
}

/** A KMS key the user can pick by alias in one account and region. */
export interface KmsKeyChoice {
  alias: string;
  arn: string;
  keyManager: 'AWS' | 'CUSTOMER';
}

export type LifecycleAction = z.output<typeof lifecycleAction>;

/** What to know before deregistering, disabling or changing an image. */
export interface ImageUsage {
  ref: ImageRef;
  name: string;
  state: string;
  lastLaunchedTime: string | null;
  /** Instances, launch templates and other resources that use it (DescribeImageReferences). */
  references: Array<{ resourceType: string; arn: string }>;
  /** Null when the references could not be read (with why in `referencesError`). */
  referencesError: string | null;
  sharedWith: ShareEntity[];
  deprecationTime: string | null;
  deregistrationProtection: string | null;
  snapshotIds: string[];
  production: boolean;
  accountName: string;
}

export interface LifecycleItemResult {
  ref: ImageRef;
  name: string;
  outcome: 'changed' | 'unchanged' | 'failed';
  message: string;
  error: AppErrorShape | null;
  auditId: string | null;
}
