/**
 * A small world as the command line meets it (`ami-atlas inventory export`): a fresh core on a
 * database file, accounts added, a scan of every account, region and view, then the CSV of
 * every column written to a file. Timed from creating the core to the file being closed, against
 * the emulator with 50 ms latency and EC2's token buckets. The export's AMIs are checked against
 * the world: every image the accounts can see, once.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createAppCore } from '../../electron/core/app-core';
import { demoWorldOf } from '../../electron/demo/start-demo-emulator';
import { MemorySecretStore } from '../../electron/core/accounts/secret-store';
import type { LargeWorldShape } from '../../emulator';
import { INVENTORY_COLUMNS } from '../../shared/inventory';
import { startEmulatorChild } from './emulator-client';
import { mib, ms, verdict, type Figure } from './report';

export interface ExportBenchOptions {
  world: LargeWorldShape;
  seed: number;
  latencyMs: number;
  /** Pass when the whole run takes at most this long. */
  targetMs: number;
  timeoutMs: number;
}

export async function scanExportBench(o: ExportBenchOptions): Promise<Figure[]> {
  const { accounts, regions, imagesPerAccountRegion } = o.world;
  const figure = `CLI-like scan and CSV export (${accounts} accounts × ${regions} regions × ${imagesPerAccountRegion} AMIs, ${o.latencyMs} ms latency, EC2 token buckets)`;
  const emulator = await startEmulatorChild({ seed: o.seed, world: o.world, latencyMs: o.latencyMs, throttleRate: 0 });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-bench-export-'));
  try {
    const { truth } = await emulator.truth();
    const visible = new Set(truth.places.flatMap((p) => [...p.owned, ...p.shared]));
    const file = path.join(dir, 'inventory.csv');

    const started = performance.now();
    const core = createAppCore({
      databaseFile: path.join(dir, 'cli.sqlite'),
      secrets: new MemorySecretStore(),
      info: { name: 'AMI Atlas', version: 'bench', platform: process.platform, host: 'preview' },
      startDemoWorld: async () => demoWorldOf(emulator),
      resumeJobs: false,
      ssoRefreshAtStart: null,
    });
    let rows = 0;
    let timer: NodeJS.Timeout | undefined;
    const marks = { accounts: 0, scan: 0, csv: 0 };
    try {
      const run = async () => {
        await core.handlers['demo:open']({});
        const opened = performance.now();
        await core.handlers['inventory:scan']({});
        const status = await core.inventory.scanFinished();
        if (!status) throw new Error('the scan did not run');
        const failed = status.targets.filter((t) => t.state !== 'done');
        if (failed.length > 0) throw new Error(`${failed.length} targets not done, e.g. ${failed[0]?.error ?? failed[0]?.state ?? ''}`);
        const scanned = performance.now();
        rows = await core.inventory.exportTo(createWriteStream(file), { columns: [...INVENTORY_COLUMNS], filter: null, bom: false, familyPattern: null });
        Object.assign(marks, { accounts: opened - started, scan: scanned - opened, csv: performance.now() - scanned });
      };
      const outcome = await Promise.race([
        run().then(() => 'done' as const),
        new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), o.timeoutMs);
        }),
      ]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        return [{ bench: 'scan', figure, target: `about 1 s (≤ ${ms(o.targetMs)})`, measured: `not done after ${ms(o.timeoutMs)}`, verdict: 'fail' }];
      }
    } finally {
      await core.close();
    }
    const wallMs = performance.now() - started;
    const size = (await stat(file)).size;
    const right = rows === visible.size;
    return [
      {
        bench: 'scan',
        figure,
        target: `about 1 s (≤ ${ms(o.targetMs)}), every AMI once`,
        measured: `${ms(wallMs)}; ${rows.toLocaleString('en-US')} AMIs written of ${visible.size.toLocaleString('en-US')}`,
        verdict: verdict(wallMs <= o.targetMs && right),
        note: `core and accounts ${ms(marks.accounts)}, scan ${ms(marks.scan)}, CSV ${ms(marks.csv)} (${mib(size)}); a fresh database file, as a first CLI run`,
      },
    ];
  } finally {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  }
}
