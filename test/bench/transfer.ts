/**
 * Main → renderer transfer: 100,000 inventory rows read by a Chromium page through the preview
 * bridge (the same router and core as the desktop app, over its WebSocket) by the inventory
 * store's own code (readAllRows, bundled for the page: its pages, as many ahead, decoded and
 * grouped by target). A page crosses as the app's do: the router's answer carries the page's
 * UTF-8 bytes (electron/ipc/wire.ts), fetched by the page as a binary body and decoded once. The
 * page is a blank one with only the bridge, so the figure is the transport, the core's paging
 * and the decoding, not the app's rendering (the grid benchmark covers that).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { startPreview } from '../../electron/preview/server';
import { createLargeWorld } from '../../emulator';
import type { InventorySummary } from '../../shared/contract';
import { batchTargets } from '../../shared/inventory';
import { PAGE_SIZE } from '../../renderer/features/inventory/readRows';
import { launchChromium, newBenchPage } from './browser';
import { mib, ms, verdict, type Figure } from './report';
import type { PageRead } from './transfer-page';
import { seedInventoryDatabase } from './world';

const BENCH = 'transfer';
const ROWS = 100_000;
const RUNS = 3;

export async function transferBench(_options: { rendererDir: string }): Promise<Figure[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-bench-transfer-'));
  const databaseFile = path.join(dir, 'atlas.db');
  const pageDir = path.join(dir, 'page');
  await mkdir(pageDir);
  // The store's reading as a page global, from a file of the page's own origin: the app's
  // content security policy refuses inline scripts.
  await build({
    configFile: false,
    logLevel: 'warn',
    mode: 'production',
    build: {
      outDir: pageDir,
      emptyOutDir: false,
      lib: { entry: fileURLToPath(new URL('./transfer-page.ts', import.meta.url)), formats: ['iife'], name: 'transferPage', fileName: () => 'read.js' },
    },
  });
  await writeFile(path.join(pageDir, 'index.html'), '<!doctype html><html><head><title>bench</title><script src="read.js"></script></head><body></body></html>');
  seedInventoryDatabase(databaseFile, createLargeWorld(1, { accounts: 50, regions: 16, imagesPerAccountRegion: 200 }), ROWS, 'http://127.0.0.1:9');

  const preview = await startPreview({
    rendererDir: pageDir,
    databaseFile,
    startDemoWorld: () => Promise.reject(new Error('no demo in this benchmark')),
  });
  const browser = await launchChromium();
  try {
    const page = await newBenchPage(browser);
    await page.goto(preview.url);
    await page.waitForFunction(() => 'atlas' in window && 'transferPage' in window);
    const summary = await preview.core.handlers['inventory:summary']({});
    const read = (): Promise<PageRead> =>
      page.evaluate(
        (summary) => (window as unknown as { transferPage: { readEveryRow(s: InventorySummary): Promise<PageRead> } }).transferPage.readEveryRow(summary),
        summary,
      );

    await read(); // warm-up: first SQLite reads and the page's JIT
    // The main-process share: the same pages straight from the core, without the bridge.
    const coreStarted = performance.now();
    for (const batch of batchTargets(summary.targets, PAGE_SIZE)) await preview.core.handlers['inventory:rows']({ targets: batch });
    const coreMs = performance.now() - coreStarted;
    const runs: PageRead[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await read());
    const sorted = [...runs].sort((a, b) => a.ms - b.ms);
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const worst = sorted[sorted.length - 1]!;
    return [
      {
        bench: BENCH,
        figure: '100,000 rows main → renderer (preview bridge, inventory:rows pages)',
        target: '< 1 s',
        measured: `${ms(median.ms)} median, ${ms(worst.ms)} worst of ${RUNS}`,
        verdict: verdict(median.received === ROWS && worst.ms < 1000),
        note:
          `${median.received.toLocaleString('en-US')} rows in ${median.pages} pages of whole targets (about ${PAGE_SIZE.toLocaleString('en-US')} rows each), ` +
          `${mib(median.bytes)} of UTF-8 JSON per run as binary bodies, read, decoded and grouped by the store's own code; ` +
          `the core alone (SQLite pages, stored packed rows joined by SQLite) takes ${ms(coreMs)} of it`,
      },
    ];
  } finally {
    await browser.close();
    await preview.close();
    await rm(dir, { recursive: true, force: true });
  }
}
