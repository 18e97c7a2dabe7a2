/** The scanner's limit on targets listed at once: order, cancel, and thousands waiting on one signal. */
import { describe, expect, it, vi } from 'vitest';
import { Semaphore } from '../../electron/core/inventory/semaphore';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function gate(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('semaphore', () => {
  it('runs at most its limit at once, the rest in the order they came', async () => {
    const s = new Semaphore(2);
    const started: number[] = [];
    const gates = Array.from({ length: 5 }, gate);
    const runs = gates.map((g, i) =>
      s.run(async () => {
        started.push(i);
        await g.promise;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    gates[1]!.resolve();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.resolve();
    await Promise.all(runs);
    expect(started).toEqual([0, 1, 2, 3, 4]);
  });

  it('a cancelled signal turns away its waiters at once; another signal’s keep their turn', async () => {
    const s = new Semaphore(1);
    const scan = new AbortController();
    const other = new AbortController();
    const held = gate();
    const first = s.run(() => held.promise, scan.signal);
    const ran: string[] = [];
    const mine = Array.from({ length: 3 }, (_, i) => s.run(async () => void ran.push(`scan ${i}`), scan.signal));
    const theirs = s.run(async () => void ran.push('other'), other.signal);
    scan.abort(new Error('cancelled'));
    for (const p of mine) await expect(p).rejects.toThrow('cancelled');
    held.resolve();
    await first;
    await theirs;
    expect(ran).toEqual(['other']);
    // Nothing starts on an aborted signal.
    await expect(s.run(async () => undefined, scan.signal)).rejects.toThrow('cancelled');
  });

  it('thousands waiting on one signal add one abort listener, not one each', async () => {
    const s = new Semaphore(1);
    const controller = new AbortController();
    const add = vi.spyOn(controller.signal, 'addEventListener');
    const held = gate();
    const runs = [s.run(() => held.promise, controller.signal), ...Array.from({ length: 5000 }, () => s.run(async () => undefined, controller.signal))];
    expect(add).toHaveBeenCalledTimes(1);
    held.resolve();
    await Promise.all(runs);
  });
});
