/** Deprecate, disable, deregister, protect: what an image is used by first, then the change; and tags. */
import { z } from 'zod';
import type { ImageUsage, LifecycleItemResult } from '../lifecycle';
import { TAG_LIMITS, type TagItemResult } from '../tags';
import { id, imageRefShape, confirmations, output, event } from './fields';

// Bounds on size only: the rules in words (aws: keys, lengths in characters) are the core's, so
// a refusal says what to change rather than that a schema did not match.
const tagKey = z.string().max(1024);
const tagValue = z.string().max(2048);

export const lifecycleAction = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('deregister'), deleteSnapshots: z.boolean() }),
  z.strictObject({ kind: z.literal('deprecate'), at: z.iso.datetime({ offset: true }) }),
  z.strictObject({ kind: z.literal('undeprecate') }),
  z.strictObject({ kind: z.literal('disable') }),
  z.strictObject({ kind: z.literal('enable') }),
  z.strictObject({ kind: z.literal('protect'), cooldown: z.boolean() }),
  z.strictObject({ kind: z.literal('unprotect') }),
]);

export const schemas = {
  lifecycleInspect: z.strictObject({ images: z.array(z.strictObject(imageRefShape)).min(1).max(200) }),
  lifecycleApply: z.strictObject({
    images: z.array(z.strictObject(imageRefShape)).min(1).max(200),
    action: lifecycleAction,
    confirmations,
  }),
  lifecycleTag: z.strictObject({
    images: z.array(z.strictObject(imageRefShape)).min(1).max(TAG_LIMITS.imagesPerChange),
    set: z.array(z.strictObject({ key: tagKey, value: tagValue })).max(TAG_LIMITS.perResource),
    remove: z.array(tagKey).max(TAG_LIMITS.perResource),
    /** The AMIs' snapshots get the same change. */
    snapshotsToo: z.boolean(),
    confirmations: confirmations.optional(),
    /** Names the `lifecycle:tagProgress` events of this change. */
    runId: id.optional(),
  }),
} as const;

export const channels = {
  /** Whether images are still in use (last launched, references) and who they are shared with. */
  'lifecycle:inspect': { input: schemas.lifecycleInspect, output: output<ImageUsage[]>() },
  'lifecycle:apply': { input: schemas.lifecycleApply, output: output<LifecycleItemResult[]>() },
  /** Add, change and remove tags on AMIs (and their snapshots), batched per account and region. */
  'lifecycle:tag': { input: schemas.lifecycleTag, output: output<TagItemResult[]>() },
} as const;

export const events = {
  /** How many of a tag change's AMIs are done. */
  'lifecycle:tagProgress': event<{ runId: string; done: number; total: number }>(),
} as const;
