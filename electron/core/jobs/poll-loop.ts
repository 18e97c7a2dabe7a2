/**
 * The heartbeat of a job runner: one pass over the active jobs now and then while any is active,
 * never two passes at once, and quiet when there is nothing to follow.
 */
export class PollLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private closed = false;

  /** `pass` follows every active job once and answers how many are still active. */
  constructor(
    private readonly pass: () => Promise<number>,
    private readonly intervalMs: number,
  ) {}

  /** Runs a pass now and keeps polling until nothing is active. */
  wake(): void {
    if (this.closed) return;
    this.timer ??= setInterval(() => void this.tick(), this.intervalMs);
    void this.tick();
  }

  /** One pass; calls while one runs share it. */
  tick(): Promise<void> {
    this.running ??= this.pass()
      .then((active) => {
        if (active === 0) this.stopTimer();
      })
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  close(): void {
    this.closed = true;
    this.stopTimer();
  }

  /** Resolves when the pass under way (if any) has ended. */
  settled(): Promise<void> {
    return (this.running ?? Promise.resolve()).catch(() => undefined);
  }

  private stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
