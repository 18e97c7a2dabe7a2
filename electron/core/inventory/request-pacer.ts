/**
 * Paces AWS calls the way AWS limits them: a token bucket per lane (an account × region × API
 * action, as EC2 throttles), and an overall limit on calls in flight chosen for the client's own
 * sockets and CPU — not as a stand-in for AWS's limits. Lanes ready to call take turns (round
 * robin), so no account or region starves another; calls of the first priority (the listing that
 * fills the grid) go before background calls (launch permissions) whenever both could start.
 *
 * When AWS throttles anyway (someone else drained the same bucket: the console, a script), the
 * lane empties its bucket and halves its refill rate, then earns the rate back call by call.
 */
import type { RequestLimit } from '../aws/ec2-request-limits';

export type Priority = 'first' | 'background';

interface Waiter {
  priority: Priority;
  start: () => void;
  /** Gives up waiting (its signal aborted). */
  cancel: (reason: unknown) => void;
}

/** The waiters of one signal: one abort listener for all of them, not one each (a scan has thousands waiting). */
interface Watched {
  waiters: Set<{ lane: Lane; waiter: Waiter }>;
  onAbort: () => void;
}

interface Lane {
  key: string;
  limit: RequestLimit;
  tokens: number;
  /** When `tokens` was brought up to date (ms of `now`). */
  at: number;
  /** The refill rate used now: the limit's, or less after AWS throttled this lane. */
  rate: number;
  waiting: Waiter[];
  /** In a ready queue already (a lane is queued at most once). */
  queued: boolean;
  refillTimer: ReturnType<typeof setTimeout> | null;
}

export interface PacerOptions {
  /** Calls in flight at most, overall. */
  maxInFlight: number;
  /** The bucket of a lane's action. */
  limitFor: (action: string) => RequestLimit;
  now?: () => number;
}

export interface PacerStats {
  /** Calls started. */
  calls: number;
  /** Calls AWS throttled (as reported through `throttled`). */
  throttled: number;
  /** The most calls in flight at once. */
  peakInFlight: number;
}

export class RequestPacer {
  private readonly lanes = new Map<string, Lane>();
  private readonly ready: Record<Priority, Lane[]> = { first: [], background: [] };
  private readonly head: Record<Priority, number> = { first: 0, background: 0 };
  private inFlight = 0;
  private readonly watched = new Map<AbortSignal, Watched>();
  private readonly now: () => number;
  readonly stats: PacerStats = { calls: 0, throttled: 0, peakInFlight: 0 };

  constructor(private readonly options: PacerOptions) {
    if (!Number.isInteger(options.maxInFlight) || options.maxInFlight < 1) {
      throw new RangeError(`the pacer needs at least 1 call in flight, not ${options.maxInFlight}`);
    }
    this.now = options.now ?? (() => performance.now());
  }

  /** The lane of one account, region and action. */
  static lane(account: string, region: string, action: string): { key: string; action: string } {
    return { key: `${account}|${region}|${action}`, action };
  }

  /** Runs `work` once its lane has a token and a call slot is free; rejects if `signal` aborts first. */
  async run<T>(lane: { key: string; action: string }, priority: Priority, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.admit(lane, priority, signal);
    try {
      return await work();
    } finally {
      this.inFlight -= 1;
      this.pump();
    }
  }

  /** AWS throttled a call of this lane: its bucket is empty there, and others are using it. */
  throttled(lane: { key: string }): void {
    this.stats.throttled += 1;
    const l = this.lanes.get(lane.key);
    if (!l) return;
    this.refill(l);
    l.tokens = Math.min(l.tokens, 0);
    l.rate = Math.max(l.limit.refillPerSecond / 16, l.rate / 2);
  }

  /** A call of this lane succeeded without being throttled: the lane earns its rate back. */
  succeeded(lane: { key: string }): void {
    const l = this.lanes.get(lane.key);
    if (!l || l.rate >= l.limit.refillPerSecond) return;
    this.refill(l);
    l.rate = Math.min(l.limit.refillPerSecond, l.rate + l.limit.refillPerSecond / 50);
  }

  private admit(lane: { key: string; action: string }, priority: Priority, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const l = this.laneOf(lane);
    return new Promise<void>((resolve, reject) => {
      const entry = { lane: l, waiter: { priority, start: () => {}, cancel: reject } as Waiter };
      entry.waiter.start = () => {
        if (signal) this.unwatch(signal, entry);
        resolve();
      };
      if (signal) this.watch(signal, entry);
      l.waiting.push(entry.waiter);
      this.offer(l);
      this.pump();
    });
  }

  private watch(signal: AbortSignal, entry: { lane: Lane; waiter: Waiter }): void {
    let watched = this.watched.get(signal);
    if (!watched) {
      const onAbort = () => {
        const gone = this.watched.get(signal);
        this.watched.delete(signal);
        for (const { lane, waiter } of gone?.waiters ?? []) {
          const i = lane.waiting.indexOf(waiter);
          if (i !== -1) lane.waiting.splice(i, 1);
          waiter.cancel(signal.reason);
        }
      };
      watched = { waiters: new Set(), onAbort };
      this.watched.set(signal, watched);
      signal.addEventListener('abort', onAbort, { once: true });
    }
    watched.waiters.add(entry);
  }

  private unwatch(signal: AbortSignal, entry: { lane: Lane; waiter: Waiter }): void {
    const watched = this.watched.get(signal);
    if (!watched) return;
    watched.waiters.delete(entry);
    // Nobody of this signal waits any more: let go of it (the pacer outlives scans).
    if (watched.waiters.size === 0) {
      signal.removeEventListener('abort', watched.onAbort);
      this.watched.delete(signal);
    }
  }

  private laneOf(lane: { key: string; action: string }): Lane {
    let l = this.lanes.get(lane.key);
    if (!l) {
      const limit = this.options.limitFor(lane.action);
      l = { key: lane.key, limit, tokens: limit.capacity, at: this.now(), rate: limit.refillPerSecond, waiting: [], queued: false, refillTimer: null };
      this.lanes.set(lane.key, l);
    }
    return l;
  }

  private refill(l: Lane): void {
    const now = this.now();
    l.tokens = Math.min(l.limit.capacity, l.tokens + ((now - l.at) / 1000) * l.rate);
    l.at = now;
  }

  /** Queues a lane that has a waiter and a token; one without a token is woken when it has one. */
  private offer(l: Lane): void {
    if (l.queued || l.refillTimer || l.waiting.length === 0) return;
    this.refill(l);
    if (l.tokens >= 1) {
      l.queued = true;
      this.ready[l.waiting[0]!.priority].push(l);
      return;
    }
    const waitMs = Math.ceil(((1 - l.tokens) / l.rate) * 1000);
    l.refillTimer = setTimeout(() => {
      l.refillTimer = null;
      this.offer(l);
      this.pump();
    }, waitMs);
  }

  private next(): Lane | null {
    for (const priority of ['first', 'background'] as const) {
      const queue = this.ready[priority];
      while (this.head[priority] < queue.length) {
        const l = queue[this.head[priority]++]!;
        l.queued = false;
        if (l.waiting.length > 0) return l;
      }
      // Drained: reuse the array instead of letting it grow with every turn.
      queue.length = 0;
      this.head[priority] = 0;
    }
    return null;
  }

  private pump(): void {
    while (this.inFlight < this.options.maxInFlight) {
      const l = this.next();
      if (!l) return;
      this.refill(l);
      l.tokens -= 1;
      const waiter = l.waiting.shift()!;
      this.inFlight += 1;
      this.stats.calls += 1;
      this.stats.peakInFlight = Math.max(this.stats.peakInFlight, this.inFlight);
      waiter.start();
      // To the back of the line: the other lanes ready now go first.
      this.offer(l);
    }
  }
}
