/** Copying AMIs across regions and accounts as durable jobs, and the KMS keys to encrypt the copies with. */
import { z } from 'zod';
import type { CopyJob, CopyPlan, KmsKeyChoice } from '../lifecycle';
import { id, region, imageRefShape, confirmations, common, output, event } from './fields';

const nameTemplate = z.string().trim().min(1).max(200);
const copyRequest = {
  images: z.array(z.strictObject(imageRefShape)).min(1).max(100),
  destinationAccount: id,
  regions: z.array(region).min(1).max(32),
  nameTemplate,
  descriptionTemplate: z.string().max(255),
  encrypted: z.boolean(),
  kmsKey: z.string().min(1).max(2048).regex(/^(alias\/[\w/_-]+|[0-9a-f-]{36}|mrk-[0-9a-f]{32}|arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[\w/_-]+)$/, 'must be a KMS alias (alias/name), key id or ARN').nullable(),
  copyTags: z.boolean(),
};

export const schemas = {
  copyPlan: z.strictObject(copyRequest),
  copyStart: z.strictObject({ ...copyRequest, confirmations }),
} as const;

export const channels = {
  /** Read-only: every copy to be made, with what AWS would refuse and why. */
  'copy:plan': { input: schemas.copyPlan, output: output<CopyPlan>() },
  /** Queues the copies as jobs (tracked in SQLite, resumed after a restart). */
  'copy:start': { input: schemas.copyStart, output: output<CopyJob[]>() },
  'jobs:list': { input: common.empty, output: output<CopyJob[]>() },
  /** A queued copy is dropped; a running one is stopped by deregistering the pending image. */
  'jobs:cancel': { input: common.jobCancel, output: output<CopyJob>() },
  /** Forgets finished jobs (available, failed, cancelled). */
  'jobs:clearFinished': { input: common.empty, output: output<CopyJob[]>() },
  /** KMS keys of an account and region, by alias, to choose the copies' encryption key. */
  'kms:keys': { input: common.regionRef, output: output<KmsKeyChoice[]>() },
} as const;

export const events = {
  /** A copy job was queued, progressed, finished or was cancelled. */
  'jobs:changed': event<CopyJob>(),
} as const;
