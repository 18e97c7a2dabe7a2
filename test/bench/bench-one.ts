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
    case 'scan':
      // The scan benchmarks have a process of their own (scan-one.ts), started by run.ts.
      throw new Error('The scan benchmarks run in scan-one.ts.');
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
