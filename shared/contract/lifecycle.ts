/** Deprecate, disable, deregister, protect: what an image is used by first, then the change. */
import { z } from 'zod';
import type { ImageUsage, LifecycleItemResult } from '../lifecycle';
import { imageRefShape, confirmations, output } from './fields';

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
} as const;

export const channels = {
  /** Whether images are still in use (last launched, references) and who they are shared with. */
  'lifecycle:inspect': { input: schemas.lifecycleInspect, output: output<ImageUsage[]>() },
  'lifecycle:apply': { input: schemas.lifecycleApply, output: output<LifecycleItemResult[]>() },
} as const;

export const events = {
} as const;
