/** Where owned AMIs are used: instances, launch templates, Auto Scaling, Parameter Store, Image Builder recipes. */
import { z } from 'zod';
import { common, id, output, event, region } from './fields';

export const USAGE_KINDS = ['instance', 'launch-template', 'auto-scaling-group', 'launch-configuration', 'ssm-parameter', 'image-recipe'] as const;
export type UsageKind = (typeof USAGE_KINDS)[number];

export interface UsageReference {
  kind: UsageKind;
  /** Our account entry and its name. */
  account: string;
  accountName: string;
  region: string;
  /** Instance id, template / group / configuration / parameter / recipe name. */
  resource: string;
  /** Launch templates: the versions naming the AMI; instances: their state. */
  detail: string | null;
}

export interface UsageUnreadable {
  /** The workspace's account, or null for a place outside it (an organization, an account it does not have, everyone). */
  account: string | null;
  accountName: string;
  region: string;
  /** The error in words, naming the account and region. */
  reason: string;
}

/** in use / unused / unknown (an account it could be used in could not be read). */
export type UsageState = 'yes' | 'no' | 'unknown';

export interface AmiUsage {
  /** The owner account entry, region and image. */
  account: string;
  region: string;
  imageId: string;
  /** unknown: an account it could be used in could not be read (never guessed as unused). */
  inUse: UsageState;
  references: UsageReference[];
  unreadable: UsageUnreadable[];
}

/** An analysis's answer as stored, with when it was made. */
export interface StoredAmiUsage extends AmiUsage {
  analyzedAt: string;
}

export const schemas = {
  usageAnalyze: z.strictObject({ accounts: z.array(id).max(1000).optional(), regions: z.array(region).max(64).optional() }),
} as const;

export const channels = {
  /** Reads each account-region an owned AMI could be used in once, and says where each is used. */
  'usage:analyze': { input: schemas.usageAnalyze, output: output<AmiUsage[]>() },
  /** The last answer per owned AMI of the open workspace (no AWS call: the grid shows it offline). */
  'usage:stored': { input: common.empty, output: output<StoredAmiUsage[]>() },
} as const;

export const events = {
  /** Account-regions read so far in an analysis. */
  'usage:progress': event<{ done: number; total: number }>(),
} as const;
