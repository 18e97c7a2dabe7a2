/**
 * Token buckets refilled continuously by elapsed real time (not the world clock: AWS throttles
 * by the wall clock, and `advanceClock` must not hand out tokens). A bucket starts full.
 */

export interface BucketLimit {
  /** Tokens a full bucket holds: the calls that can be made at once. */
  capacity: number;
  /** Tokens added per second until the bucket is full again. */
  refillPerSecond: number;
}

interface Bucket {
  tokens: number;
  /** When `tokens` was last brought up to date, in milliseconds of `now`. */
  at: number;
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Takes one token from the bucket `key` (of size `limit`); false when it is empty. */
  take(key: string, limit: BucketLimit): boolean {
    const now = this.now();
    const bucket = this.buckets.get(key);
    const tokens = bucket ? Math.min(limit.capacity, bucket.tokens + ((now - bucket.at) / 1000) * limit.refillPerSecond) : limit.capacity;
    const taken = tokens >= 1;
    this.buckets.set(key, { tokens: taken ? tokens - 1 : tokens, at: now });
    return taken;
  }

  /** Every bucket full again. */
  clear(): void {
    this.buckets.clear();
  }
}
