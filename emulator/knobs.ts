/**
 * Fault and latency knobs. Throttling decisions come from a seeded stream so a given seed and
 * call sequence throttles the same calls on every run.
 */
import { Rng } from './world/random';

export interface KnobSettings {
  latencyMs?: number;
  throttleRate?: number;
}

export class Knobs {
  private latency = 0;
  private throttle = 0;
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

  shouldThrottle(): boolean {
    if (this.throttle <= 0) return false;
    return this.rng.next() < this.throttle;
  }
}
