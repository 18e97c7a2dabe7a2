/**
 * What every long operation the app follows to its end shares (copies, Image Builder runs, and
 * whatever comes next): its jobs live in a store per account source (db/prefixed-store.ts), and a
 * driver passes over every source's active jobs on a poll loop — after a restart too — never
 * running two steps of one job at once. Each kind supplies what is its own: its table, and what a
 * pass does to its jobs.
 */
import type { AccountSource } from '../accounts/account-source';
import type { PerSource } from '../db/prefixed-store';
import { PollLoop } from './poll-loop';

export interface DurableKind<S, J> {
  /** Jobs still to be started, followed or stopped, in the order they are served. */
  active(store: S): J[];
  /** What one pass does with a source's active jobs: the steps to await. */
  steps(store: S, jobs: readonly J[]): Array<Promise<void>>;
}

/**
 * Drives a kind of job: a pass over every source's active jobs now and then while any is active
 * (started again by `wake`, at start-up for what a restart left), quiet when none is.
 */
export class JobDriver<S, J> {
  private readonly loop: PollLoop;
  private readonly running = new Set<string>();

  constructor(
    private readonly sources: () => readonly AccountSource[],
    private readonly stores: PerSource<S & { owns(id: string): boolean }>,
    private readonly kind: DurableKind<S, J>,
    pollMs: number,
  ) {
    this.loop = new PollLoop(() => this.pass(), pollMs);
  }

  wake(): void {
    this.loop.wake();
  }

  /** Stops polling; resolves when a pass under way has recorded what it learnt. */
  close(): Promise<void> {
    this.loop.close();
    return this.loop.settled();
  }

  /** Runs `step` for the job unless a step of it is running already (then does nothing). */
  async exclusive(id: string, step: () => Promise<void>): Promise<void> {
    if (this.running.has(id)) return;
    this.running.add(id);
    try {
      await step();
    } finally {
      this.running.delete(id);
    }
  }

  private async pass(): Promise<number> {
    let active = 0;
    for (const source of this.sources()) {
      const store = this.stores.for(source);
      const jobs = this.kind.active(store);
      active += jobs.length;
      await Promise.all(this.kind.steps(store, jobs));
    }
    return active;
  }
}
