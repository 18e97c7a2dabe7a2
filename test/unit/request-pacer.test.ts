import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { ec2RequestLimit } from '../../electron/core/aws/ec2-request-limits';
import { RequestPacer } from '../../electron/core/inventory/request-pacer';

const small = { capacity: 5, refillPerSecond: 50 };

/** Runs `n` calls on a lane, each `ms` long; resolves with when each one started (ms since `t0`). */
function burst(pacer: RequestPacer, lane: { key: string; action: string }, n: number, t0: number, ms = 1, priority: 'first' | 'background' = 'first'): Promise<number[]> {
  return Promise.all(Array.from({ length: n }, () => pacer.run(lane, priority, async () => {
    const started = performance.now() - t0;
    await sleep(ms);
    return started;
  })));
}

describe('request pacer', () => {
  it('lets a full bucket through at once, then paces a lane at its refill rate', async () => {
    const pacer = new RequestPacer({ maxInFlight: 100, limitFor: () => small });
    const t0 = performance.now();
    const starts = await burst(pacer, RequestPacer.lane('a', 'r1', 'DescribeImageAttribute'), 15, t0);
    const sorted = starts.sort((x, y) => x - y);
    // Five at once from the full bucket…
    expect(sorted[4]!).toBeLessThan(60);
    // …then ten more at 50 a second: the last no earlier than 200 ms in.
    expect(sorted[14]!).toBeGreaterThanOrEqual(190);
    expect(sorted[14]!).toBeLessThan(400);
  });

  it('paces each account, region and action apart: a busy lane does not hold up another', async () => {
    const pacer = new RequestPacer({ maxInFlight: 100, limitFor: () => small });
    const t0 = performance.now();
    const busy = burst(pacer, RequestPacer.lane('a', 'r1', 'DescribeImageAttribute'), 20, t0);
    const otherRegion = await burst(pacer, RequestPacer.lane('a', 'r2', 'DescribeImageAttribute'), 5, t0);
    const otherAction = await burst(pacer, RequestPacer.lane('a', 'r1', 'DescribeImages'), 5, t0);
    expect(Math.max(...otherRegion, ...otherAction)).toBeLessThan(100);
    expect(Math.max(...(await busy))).toBeGreaterThanOrEqual(290);
  });

  it('never has more calls in flight than allowed, and lanes take turns', async () => {
    const pacer = new RequestPacer({ maxInFlight: 2, limitFor: () => ({ capacity: 1000, refillPerSecond: 1000 }) });
    const order: string[] = [];
    let inFlight = 0;
    let peak = 0;
    const call = (lane: string) =>
      pacer.run(RequestPacer.lane(lane, 'r1', 'DescribeImages'), 'first', async () => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        order.push(lane);
        await sleep(2);
        inFlight -= 1;
      });
    // Lane a queues 20 calls before b queues 3: b still gets its turns early, not after all of a's.
    const all = [...Array.from({ length: 20 }, () => call('a')), ...Array.from({ length: 3 }, () => call('b'))];
    await Promise.all(all);
    expect(peak).toBe(2);
    expect(order.lastIndexOf('b')).toBeLessThan(10);
    expect(pacer.stats).toMatchObject({ calls: 23, peakInFlight: 2 });
  });

  it('starts first-priority calls before background ones whenever both wait', async () => {
    const pacer = new RequestPacer({ maxInFlight: 1, limitFor: () => ({ capacity: 1000, refillPerSecond: 1000 }) });
    const order: string[] = [];
    const call = (lane: string, priority: 'first' | 'background') =>
      pacer.run(RequestPacer.lane(lane, 'r1', priority === 'first' ? 'DescribeImages' : 'DescribeImageAttribute'), priority, async () => {
        order.push(`${priority} ${lane}`);
        await sleep(2);
      });
    const background = Array.from({ length: 4 }, (_, i) => call(`b${i}`, 'background'));
    const first = Array.from({ length: 3 }, (_, i) => call(`f${i}`, 'first'));
    await Promise.all([...background, ...first]);
    // The first background call took the only slot before anything else was queued; then the listing goes first.
    expect(order).toEqual(['background b0', 'first f0', 'first f1', 'first f2', 'background b1', 'background b2', 'background b3']);
  });

  it('after AWS throttles a lane anyway, it waits for tokens and slows down, then earns its rate back', async () => {
    const pacer = new RequestPacer({ maxInFlight: 10, limitFor: () => small });
    const lane = RequestPacer.lane('a', 'r1', 'DescribeImages');
    const t0 = performance.now();
    await burst(pacer, lane, 1, t0);
    pacer.throttled(lane);
    expect(pacer.stats.throttled).toBe(1);
    // The bucket is empty and refills at half the rate (25/s): the next call waits about 40 ms.
    const [next] = await burst(pacer, lane, 1, performance.now());
    expect(next!).toBeGreaterThanOrEqual(35);
    for (let i = 0; i < 30; i++) pacer.succeeded(lane);
    await sleep(120); // the bucket fills again (5 tokens)
    const starts = await burst(pacer, lane, 25, performance.now());
    // Back at 50/s: five at once, twenty more in about 400 ms (at the halved rate it would take 800).
    expect(Math.max(...starts)).toBeLessThan(600);
  });

  it('gives up waiting when the scan is cancelled, and runs nothing it had not started', async () => {
    const pacer = new RequestPacer({ maxInFlight: 1, limitFor: () => small });
    const abort = new AbortController();
    let ran = 0;
    const lane = RequestPacer.lane('a', 'r1', 'DescribeImages');
    const calls = Array.from({ length: 5 }, () => pacer.run(lane, 'first', async () => {
      ran += 1;
      await sleep(20);
    }, abort.signal));
    await sleep(5);
    abort.abort(new Error('cancelled'));
    const outcomes = await Promise.allSettled(calls);
    expect(outcomes.filter((o) => o.status === 'rejected')).toHaveLength(4);
    await sleep(30);
    expect(ran).toBe(1);
  });
});

describe('the buckets the app paces EC2 by', () => {
  it('are the documented ones, less a tenth left to other tools in the same account', () => {
    expect(ec2RequestLimit('DescribeImageAttribute')).toEqual({ capacity: 90, refillPerSecond: 18 });
    expect(ec2RequestLimit('DescribeImages')).toEqual({ capacity: 90, refillPerSecond: 18 });
    expect(ec2RequestLimit('ModifyImageAttribute')).toEqual({ capacity: 90, refillPerSecond: 4.5 });
    expect(ec2RequestLimit('CopyImage')).toEqual({ capacity: 90, refillPerSecond: 0.9 });
    expect(ec2RequestLimit('CreateImage')).toEqual({ capacity: 45, refillPerSecond: 4.5 });
  });
});
