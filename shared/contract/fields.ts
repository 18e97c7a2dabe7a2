/**
 * What the domain contracts share: the bounded field types every input is built from, the inputs
 * several domains use, and the helpers that carry output and event types in the channel tables.
 */
import { z } from 'zod';

export const id = z.string().min(1).max(64);
export const region = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'must look like eu-west-1');
export const imageId = z.string().regex(/^ami-[0-9a-f]{8,17}$/, 'must look like ami-0123456789abcdef0');
export const displayName = z.string().trim().min(1).max(100);
export const imageRefShape = { account: id, region, imageId };
/** One image a change applies to: our account entry, its region, the image. */
export const imageRef = z.strictObject(imageRefShape);

/** Typed names of production accounts (or a client), keyed by id: what the production guard checks. */
export const confirmations = z.record(id, z.string().max(200));

/** Inputs several domains share. */
export const common = {
  empty: z.strictObject({}),
  regionRef: z.strictObject({ account: id, region }),
  /** Cancelling a copy or a build changes the account it runs in: production asks for its name. */
  jobCancel: z.strictObject({ id, confirmations: confirmations.optional() }),
} as const;

/** An output type, carried by the channel table without a runtime value. */
export function output<T>(): T {
  return {} as T;
}

/** An event's payload type, carried the same way. */
export const event = output;
