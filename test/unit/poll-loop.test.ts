/**
 * The job runners' heartbeat: one pass at a time, polling only while something is active.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PollLoop } from '../../electron/core/jobs/poll-loop';

afterEach(() => {
  vi.useRealTimers();
});

describe('PollLoop', () => {
  it('runs a pass on wake, keeps polling while jobs are active, and goes quiet when none are', async () => {
    vi.useFakeTimers();
    let active = 2;
    const pass = vi.fn(async () => active);
    const loop = new PollLoop(pass, 1000);
    loop.wake();
    await vi.advanceTimersByTimeAsync(0);
    expect(pass).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(pass).toHaveBeenCalledTimes(3);
    active = 0;
    await vi.advanceTimersByTimeAsync(1000);
    expect(pass).toHaveBeenCalledTimes(4);
    await vi.advanceTimersByTimeAsync(5000);
    expect(pass).toHaveBeenCalledTimes(4); // nothing active: no more passes until woken
    active = 1;
    loop.wake();
    await vi.advanceTimersByTimeAsync(1000);
    expect(pass).toHaveBeenCalledTimes(6);
    loop.close();
    loop.wake();
    await vi.advanceTimersByTimeAsync(5000);
    expect(pass).toHaveBeenCalledTimes(6);
  });

  it('never runs two passes at once: a tick during a pass shares it', async () => {
    let release: () => void = () => undefined;
    let running = 0;
    let most = 0;
    const pass = vi.fn(async () => {
      running++;
      most = Math.max(most, running);
      await new Promise<void>((r) => (release = r));
      running--;
      return 0;
    });
    const loop = new PollLoop(pass, 60_000);
    const first = loop.tick();
    const second = loop.tick();
    expect(second).toBe(first);
    release();
    await first;
    expect(pass).toHaveBeenCalledTimes(1);
    expect(most).toBe(1);
    loop.close();
  });
});
