/**
 * Runs one benchmark in a fresh process (so one benchmark's heap and RSS never colour the
 * next) and sends its figures to the parent over IPC.
 */
import type { Figure } from './report';

export type BenchName = 'scan' | 'csv' | 'transfer' | 'grid' | 'sidebar' | 'retention' | 'usage';

export interface BenchRequest {
  name: BenchName;
  full: boolean;
  scanConcurrency: number | null;
  rendererDir: string;
}

export type BenchReply = { type: 'figures'; figures: Figure[] } | { type: 'error'; message: string };

async function run(request: BenchRequest): Promise<Figure[]> {
  switch (request.name) {
    case 'scan': {
      const { scanBench } = await import('./scan');
      const limits = request.scanConcurrency ? { limits: { maxCalls: request.scanConcurrency, maxTargets: request.scanConcurrency } } : {};
      // The full world takes many minutes at the app's concurrency; the default run keeps every
      // account, region and view but fewer AMIs per target (the same calls per AMI).
      const main = await scanBench({
        seed: 1,
        world: { accounts: 50, regions: 16, imagesPerAccountRegion: request.full ? 200 : 20 },
        latencyMs: 50,
        throttleRate: 0.05,
        ...limits,
        timeoutMs: request.full ? 20 * 60_000 : 90_000,
      });
      // The same scanner without throttling, small: tells scheduling apart from retry behaviour.
      const reference = await scanBench({
        seed: 1,
        world: { accounts: 50, regions: 16, imagesPerAccountRegion: 5 },
        latencyMs: 50,
        throttleRate: 0,
        ec2Throttling: false,
        ...limits,
        timeoutMs: 60_000,
        label: 'Reference scan, no throttling:',
      });
      return [...main, ...reference];
    }
    case 'csv': {
      const { csvBench } = await import('./csv');
      return csvBench();
    }
    case 'transfer': {
      const { transferBench } = await import('./transfer');
      return transferBench({ rendererDir: request.rendererDir });
    }
    case 'grid': {
      const { gridBench } = await import('./grid');
      return gridBench({ rendererDir: request.rendererDir });
    }
    case 'sidebar': {
      const { sidebarBench } = await import('./sidebar');
      return sidebarBench({ rendererDir: request.rendererDir });
    }
    case 'retention': {
      const { retentionBench } = await import('./retention');
      return retentionBench();
    }
    case 'usage': {
      const { usageBench } = await import('./usage');
      // The whole large world: every owned AMI's account-regions, read at the app's limits.
      return usageBench({ world: { accounts: 50, regions: 16, imagesPerAccountRegion: 200 }, latencyMs: 50, throttleRate: 0.05, timeoutMs: 8 * 60_000 });
    }
  }
}

process.once('message', (request: BenchRequest) => {
  run(request).then(
    (figures) => process.send?.({ type: 'figures', figures } satisfies BenchReply, () => process.exit(0)),
    (error: unknown) =>
      process.send?.({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies BenchReply, () => process.exit(1)),
  );
});
