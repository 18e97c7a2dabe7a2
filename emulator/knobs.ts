/**
 * Fault and latency knobs. Throttling decisions come from a seeded stream so a given seed and
 * call sequence throttles the same calls on every run.
 */
import type { RequestBucket } from './service';
import { TokenBuckets } from './token-buckets';
import { Rng } from './world/random';

/**
 * Per account, region and action token buckets of the documented sizes (EC2's), refilled by real
 * time. `scale` multiplies every bucket's size and refill rate (0.1 = buckets a tenth as big,
 * refilled a tenth as fast, so they empty after fewer calls and take as long to refill).
 */
export interface RequestThrottling {
  enabled: boolean;
  scale: number;
}

export interface KnobSettings {
  latencyMs?: number;
  throttleRate?: number;
  ec2Throttling?: Partial<RequestThrottling>;
}

const SCALE_MIN = 0.001;
const SCALE_MAX = 1000;

/** One denied action: for every region, or only for some. */
interface Denial {
  regions: Set<string> | null;
}

/**
 * Where a lost call is lost: `after` the action ran (its answer never comes back, as when the
 * network fails on the way back or the app is killed while waiting), or `before` it ran (the
 * request never arrives).
 */
export type LossPoint = 'after' | 'before';

/** Calls of one action whose connections are closed without an answer. */
interface Loss {
  accountId: string | null;
  remaining: number;
  at: LossPoint;
}

export class Knobs {
  private latency = 0;
  private throttle = 0;
  private throttled = 0;
  private requestThrottling: RequestThrottling = { enabled: false, scale: 1 };
  private readonly buckets = new TokenBuckets();
  /** accountId → action → denial, as an IAM policy without that permission would answer. */
  private readonly denials = new Map<string, Map<string, Denial>>();
  /** action → regions where it is unknown (not offered there yet). */
  private readonly unavailable = new Map<string, Set<string>>();
  /** action → the calls still to lose. */
  private readonly losses = new Map<string, Loss>();
  private readonly rng: Rng;

  constructor(seed: number, initial: KnobSettings = {}) {
    this.rng = Rng.from(seed, 'throttle');
    this.set(initial);
  }

  get latencyMs(): number {
    return this.latency;
  }

  get throttleRate(): number {
    return this.throttle;
  }

  get ec2Throttling(): RequestThrottling {
    return { ...this.requestThrottling };
  }

  /** Out-of-range values are clamped rather than rejected: a knob should never crash a run. */
  set(settings: KnobSettings): void {
    if (settings.latencyMs !== undefined) {
      this.latency = Number.isFinite(settings.latencyMs) ? Math.min(Math.max(0, settings.latencyMs), 60_000) : 0;
    }
    if (settings.throttleRate !== undefined) {
      this.throttle = Number.isFinite(settings.throttleRate) ? Math.min(Math.max(0, settings.throttleRate), 1) : 0;
    }
    if (settings.ec2Throttling !== undefined) {
      const { enabled, scale } = settings.ec2Throttling;
      this.requestThrottling = {
        enabled: enabled ?? this.requestThrottling.enabled,
        scale: scale === undefined ? this.requestThrottling.scale : Number.isFinite(scale) ? Math.min(Math.max(SCALE_MIN, scale), SCALE_MAX) : 1,
      };
      // New sizes start from full buckets, as a limit increase would.
      this.buckets.clear();
    }
  }

  /** From now on the account may not call `action` (in `regions`, or anywhere). */
  deny(accountId: string, action: string, regions?: readonly string[]): void {
    let actions = this.denials.get(accountId);
    if (!actions) {
      actions = new Map();
      this.denials.set(accountId, actions);
    }
    actions.set(action, { regions: regions && regions.length > 0 ? new Set(regions) : null });
  }

  /** Undoes `deny` for the action (every region). */
  allow(accountId: string, action: string): void {
    this.denials.get(accountId)?.delete(action);
  }

  isDenied(accountId: string, action: string, region: string): boolean {
    const denial = this.denials.get(accountId)?.get(action);
    return denial !== undefined && (denial.regions === null || denial.regions.has(region));
  }

  /** From now on `action` is unknown in these regions (answered as the service answers an unknown action); no regions = offered everywhere again. */
  setUnavailable(action: string, regions: readonly string[]): void {
    if (regions.length === 0) this.unavailable.delete(action);
    else this.unavailable.set(action, new Set(regions));
  }

  isUnavailable(action: string, region: string): boolean {
    return this.unavailable.get(action)?.has(region) ?? false;
  }

  /**
   * The next `count` calls of `action` (by `accountId`, or by anyone) get no answer: the
   * connection is closed, `at` the given point. Replaces an earlier setting for the action;
   * `count` 0 stops losing.
   */
  loseCalls(action: string, count: number, options: { accountId?: string; at?: LossPoint } = {}): void {
    const remaining = Number.isFinite(count) ? Math.max(0, Math.floor(count)) : 0;
    if (remaining === 0) this.losses.delete(action);
    else this.losses.set(action, { accountId: options.accountId ?? null, remaining, at: options.at ?? 'after' });
  }

  /** Whether this call is lost, and where (counting it); null when it is answered. */
  takeLoss(accountId: string, action: string): LossPoint | null {
    const loss = this.losses.get(action);
    if (!loss || (loss.accountId !== null && loss.accountId !== accountId)) return null;
    loss.remaining--;
    if (loss.remaining <= 0) this.losses.delete(action);
    return loss.at;
  }

  shouldThrottle(): boolean {
    if (this.throttle <= 0) return false;
    const throttle = this.rng.next() < this.throttle;
    if (throttle) this.throttled++;
    return throttle;
  }

  /**
   * Takes a token from the caller's bucket (`key` names the account and region) when request
   * throttling is on; false (counted as throttled) when the bucket is empty.
   */
  takeRequestToken(key: string, bucket: RequestBucket): boolean {
    if (!this.requestThrottling.enabled) return true;
    const { scale } = this.requestThrottling;
    // A bucket smaller than one token would refuse every call.
    const taken = this.buckets.take(`${key}/${bucket.name}`, { capacity: Math.max(1, bucket.capacity * scale), refillPerSecond: bucket.refillPerSecond * scale });
    if (!taken) this.throttled++;
    return taken;
  }

  /** Calls answered with a throttling error so far (benchmarks subtract them from the work done). */
  get throttledCalls(): number {
    return this.throttled;
  }
}
