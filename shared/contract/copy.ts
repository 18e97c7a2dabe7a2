/** Copying AMIs across regions and accounts: the plan, and starting the copies as jobs (`jobs.ts` follows them). */
import { z } from 'zod';
import type { CopyJob, CopyPlan } from '../lifecycle';
import { id, region, imageRefShape, confirmations, output } from './fields';

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
} as const;
