/**
 * EC2's request rate limits as the client paces itself by them. AWS throttles each account,
 * region and API action with a token bucket whose size and refill rate depend on the action's
 * category ("Request throttling for the Amazon EC2 API":
 * https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html). Only what the app
 * calls in bulk is listed; everything else is paced as its category.
 */

export interface RequestLimit {
  /** Calls that can be made at once from a full bucket. */
  capacity: number;
  /** Calls per second once the bucket is empty. */
  refillPerSecond: number;
}

/** Describe*, List*, Get*, Search*: the documented non-mutating bucket. */
const NON_MUTATING: RequestLimit = { capacity: 100, refillPerSecond: 20 };
/** Mutating actions without a bucket of their own. */
const MUTATING: RequestLimit = { capacity: 50, refillPerSecond: 5 };

/** Actions with their own documented bucket ("Uncategorized actions"). */
const OWN: Record<string, RequestLimit> = {
  CopyImage: { capacity: 100, refillPerSecond: 1 },
  CreateTags: { capacity: 100, refillPerSecond: 10 },
  DeregisterImage: { capacity: 100, refillPerSecond: 5 },
  ModifyImageAttribute: { capacity: 100, refillPerSecond: 5 },
};

/**
 * The share of each bucket the app allows itself: the rest is left to the console, scripts and
 * other tools using the same account at the same time, which drain the same bucket.
 */
export const OWN_SHARE = 0.9;

/** The bucket the app paces `action` by (already reduced to its own share). */
export function ec2RequestLimit(action: string): RequestLimit {
  const documented = OWN[action] ?? (/^(Describe|List|Get|Search)/.test(action) ? NON_MUTATING : MUTATING);
  return { capacity: Math.max(1, Math.floor(documented.capacity * OWN_SHARE)), refillPerSecond: documented.refillPerSecond * OWN_SHARE };
}
