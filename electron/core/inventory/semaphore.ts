/**
 * A counting semaphore whose waiters give up when the scan is cancelled, so nothing queued
 * starts after a cancel and nothing waits forever. Waiters share one abort listener per signal:
 * a scan of 8,000 targets queues most of them at once, and a signal's listeners are kept in a
 * list that each new one is checked against.
 */
interface Waiter {
  resolve: () => void;
  reject: (error: unknown) => void;
  signal: AbortSignal | undefined;
}

export class Semaphore {
  private active = 0;
  private waiting: Waiter[] = [];
  private head = 0;
  private readonly watched = new Set<AbortSignal>();

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`a semaphore needs a limit of at least 1, not ${limit}`);
  }

  async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    if (this.active < this.limit) {
      this.active += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      if (signal && !this.watched.has(signal)) {
        this.watched.add(signal);
        signal.addEventListener('abort', () => this.giveUp(signal), { once: true });
      }
      this.waiting.push({ resolve, reject, signal });
    });
  }

  /** Every waiter of an aborted signal gives up at once; the others keep their turn. */
  private giveUp(signal: AbortSignal): void {
    this.watched.delete(signal);
    const kept: Waiter[] = [];
    for (let i = this.head; i < this.waiting.length; i++) {
      const waiter = this.waiting[i] as Waiter;
      if (waiter.signal === signal) waiter.reject(signal.reason);
      else kept.push(waiter);
    }
    this.waiting = kept;
    this.head = 0;
  }

  private release(): void {
    const next = this.head < this.waiting.length ? this.waiting[this.head++] : undefined;
    if (this.head > 1024 && this.head * 2 > this.waiting.length) {
      this.waiting = this.waiting.slice(this.head);
      this.head = 0;
    }
    // The slot passes straight to the next waiter, so `active` stays the same.
    if (next) next.resolve();
    else this.active -= 1;
  }
}
