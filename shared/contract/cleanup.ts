/** Applying a clean-up safely: deregister with unused snapshots, the Recycle Bin, orphaned snapshots. */
import { z } from 'zod';
import type { AppErrorShape } from '../errors';
import type { CleanupItemResult, OrphanSnapshot, RecycleBinCoverage, RecycleBinImage, SnapshotDeleteResult } from '../cleanup';
import { confirmations, event, id, imageId, imageRefShape, output, region } from './fields';

const place = z.strictObject({ account: id, region });
const snapshotId = z.string().regex(/^snap-[0-9a-f]{8,17}$/, 'must look like snap-0123456789abcdef0');

export const schemas = {
  cleanupApply: z.strictObject({
    images: z.array(z.strictObject(imageRefShape)).min(1).max(5000),
    confirmations,
    /** Names the `cleanup:progress` events of this run. */
    runId: id.optional(),
  }),
  cleanupRecycleBin: z.strictObject({ places: z.array(place).min(1).max(2000) }),
  cleanupCreateRule: z.strictObject({
    account: id,
    region,
    retentionDays: z.number().int().min(1).max(365),
    /** Also keep EBS snapshots (an AMI restored without them cannot launch). */
    snapshotsToo: z.boolean(),
    confirmations,
  }),
  cleanupRestore: z.strictObject({ account: id, region, imageId, confirmations }),
  cleanupOrphans: z.strictObject({ accounts: z.array(id).max(1000).optional(), regions: z.array(region).max(64).optional() }),
  cleanupDeleteSnapshots: z.strictObject({
    snapshots: z.array(z.strictObject({ account: id, region, snapshotId })).min(1).max(5000),
    confirmations,
    runId: id.optional(),
  }),
} as const;

export const channels = {
  /** Deregisters each AMI and deletes its snapshots that no remaining AMI uses; per-AMI results, audited. */
  'cleanup:apply': { input: schemas.cleanupApply, output: output<CleanupItemResult[]>() },
  /** Per account-region: whether a Recycle Bin rule keeps AMIs and snapshots, and the AMIs it holds. */
  'cleanup:recycleBin': { input: schemas.cleanupRecycleBin, output: output<{ coverage: RecycleBinCoverage[]; images: RecycleBinImage[] }>() },
  'cleanup:createRule': { input: schemas.cleanupCreateRule, output: output<RecycleBinCoverage>() },
  'cleanup:restore': { input: schemas.cleanupRestore, output: output<{ message: string; auditId: string | null }>() },
  /**
   * Snapshots made for AMIs that no longer exist (owned, in the accounts and regions asked), and
   * the account-regions that could not be read (each failure naming its place): the list is
   * what the rest answered. Nothing read at all fails the call.
   */
  'cleanup:orphans': { input: schemas.cleanupOrphans, output: output<{ snapshots: OrphanSnapshot[]; unread: AppErrorShape[] }>() },
  'cleanup:deleteSnapshots': { input: schemas.cleanupDeleteSnapshots, output: output<SnapshotDeleteResult[]>() },
} as const;

export const events = {
  /** How many of a clean-up's AMIs (or snapshots) are done. */
  'cleanup:progress': event<{ runId: string; done: number; total: number }>(),
} as const;
