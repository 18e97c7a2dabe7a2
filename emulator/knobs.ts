/**
 * Fault and latency knobs. Throttling decisions come from a seeded stream so a given seed and
 * call sequence throttles the same calls on every run.
 */
import { Rng } from './world/random';

export interface KnobSettings {
  latencyMs?: number;
  throttleRate?: number;
}

/** One denied action: for every region, or only for some. */
interface Denial {
  regions: Set<string> | null;
}

export class Knobs {
  private latency = 0;
  private throttle = 0;
  private throttled = 0;
  /** accountId → action → denial, as an IAM policy without that permission would answer. */
  private readonly denials = new Map<string, Map<string, Denial>>();
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

  /** Out-of-range values are clamped rather than rejected: a knob should never crash a run. */
  set(settings: KnobSettings): void {
    if (settings.latencyMs !== undefined) {
      this.latency = Number.isFinite(settings.latencyMs) ? Math.min(Math.max(0, settings.latencyMs), 60_000) : 0;
    }
    if (settings.throttleRate !== undefined) {
      this.throttle = Number.isFinite(settings.throttleRate) ? Math.min(Math.max(0, settings.throttleRate), 1) : 0;
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

  shouldThrottle(): boolean {
    if (this.throttle <= 0) return false;
    const throttle = this.rng.next() < this.throttle;
    if (throttle) this.throttled++;
    return throttle;
  }

  /** Calls answered with a throttling error so far (benchmarks subtract them from the work done). */
  get throttledCalls(): number {
    return this.throttled;
  }
}
