/**
 * The scan benchmarks in a process of their own (run.ts forks it, as bench-one.ts for the
 * others), so the memory measured is the scan's: the main scan of the large world with EC2's
 * token buckets and nothing else (preceded by the CPU-per-call calibration its bound needs),
 * the same under random throttling (fault handling), optionally the wide world, and the small
 * world's CLI-like export.
 */
import type { Figure } from './report';
import { faultFigures, mainFigures, measureScan, overallLimit, wideFigures } from './scan';
import { scanExportBench } from './scan-export';

export interface ScanRequest {
  /** The main scan on 200 AMIs per target instead of 20. */
  full: boolean;
  /** Also the wide world: 1,000 accounts × 4 regions × 20 AMIs. */
  wide: boolean;
  scanConcurrency: number | null;
}

export type ScanReply = { type: 'figures'; figures: Figure[] } | { type: 'error'; message: string };

/** The main scan's world: every account, region and view of the large world; 20 AMIs per target unless full. */
export const mainWorld = (full: boolean) => ({ accounts: 50, regions: 16, imagesPerAccountRegion: full ? 200 : 20 });
export const WIDE_WORLD = { accounts: 1000, regions: 4, imagesPerAccountRegion: 20 };
export const SMALL_WORLD = { accounts: 4, regions: 2, imagesPerAccountRegion: 10 };

/** Each scan's own limit (the scan is cancelled and its figures fail past it). */
export function scanTimeouts(request: Pick<ScanRequest, 'full'>): { main: number; fault: number; wide: number; small: number } {
  return { main: request.full ? 15 * 60_000 : 120_000, fault: 60_000, wide: 6 * 60_000, small: 30_000 };
}

export async function scanSuite(request: ScanRequest): Promise<Figure[]> {
  const limits = request.scanConcurrency ? { limits: overallLimit(request.scanConcurrency) } : {};
  const timeouts = scanTimeouts(request);
  const main = await measureScan({
    seed: 1,
    world: mainWorld(request.full),
    latencyMs: 50,
    throttleRate: 0,
    ...limits,
    timeoutMs: timeouts.main,
    callCost: { calibrate: { attributeCalls: 3000, pageCalls: 300 } },
  });
  const figures = mainFigures(main);
  // Random throttling on top of the buckets, on fewer AMIs: the scanner's handling of faults.
  const fault = await measureScan({
    seed: 1,
    world: { accounts: 50, regions: 16, imagesPerAccountRegion: 5 },
    latencyMs: 50,
    throttleRate: 0.05,
    ...limits,
    timeoutMs: timeouts.fault,
    label: 'Fault scan',
    ...(main.callCost ? { callCost: { measured: main.callCost } } : {}),
  });
  figures.push(...faultFigures(fault));
  if (request.wide) {
    const wide = await measureScan({
      seed: 1,
      world: WIDE_WORLD,
      latencyMs: 50,
      throttleRate: 0,
      ...limits,
      timeoutMs: timeouts.wide,
      label: 'Wide world',
      ...(main.callCost ? { callCost: { measured: main.callCost } } : {}),
    });
    figures.push(...wideFigures(wide));
  }
  figures.push(...(await scanExportBench({ seed: 1, world: SMALL_WORLD, latencyMs: 50, targetMs: 1500, timeoutMs: timeouts.small })));
  return figures;
}

process.once('message', (request: ScanRequest) => {
  scanSuite(request).then(
    (figures) => process.send?.({ type: 'figures', figures } satisfies ScanReply, () => process.exit(0)),
    (error: unknown) =>
      process.send?.({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies ScanReply, () => process.exit(1)),
  );
});
