/**
 * Main → renderer transfer: 100,000 inventory rows read by a Chromium page through the preview
 * bridge (the same router and core as the desktop app, over its WebSocket), in inventory:rows
 * pages of the size the renderer's inventory store asks for and as many ahead as it asks for,
 * each turned into row objects with the same shared code the store uses (unpackPage). The page
 * is a blank one with only the bridge, so the figure is the transport, the core's paging and the
 * decoding, not the app's rendering (the grid benchmark covers that).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startPreview } from '../../electron/preview/server';
import { createLargeWorld } from '../../emulator';
import { batchTargets, parseJsonText, unpackGroups, unpackPage, unpackRow } from '../../shared/inventory';
import { launchChromium, newBenchPage } from './browser';
import { mib, ms, verdict, type Figure } from './report';
import { seedInventoryDatabase } from './world';

const BENCH = 'transfer';
const ROWS = 100_000;
/** renderer/store/inventory.ts asks for pages of this many rows, this many at a time. */
const PAGE_SIZE = 10_000;
const PAGES_AHEAD = 3;
const RUNS = 3;

interface PageRead {
  ms: number;
  received: number;
  pages: number;
}

export async function transferBench(_options: { rendererDir: string }): Promise<Figure[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-bench-transfer-'));
  const databaseFile = path.join(dir, 'atlas.db');
  const pageDir = path.join(dir, 'page');
  await mkdir(pageDir);
  // The store's decoding, as page globals (these functions only call each other), from a file of
  // the page's own origin: the app's content security policy refuses inline scripts.
  await writeFile(path.join(pageDir, 'decode.js'), [parseJsonText, unpackRow, unpackGroups, unpackPage].map((f) => f.toString()).join('\n'));
  await writeFile(path.join(pageDir, 'index.html'), '<!doctype html><html><head><title>bench</title><script src="decode.js"></script></head><body></body></html>');
  seedInventoryDatabase(databaseFile, createLargeWorld(1, { accounts: 50, regions: 16, imagesPerAccountRegion: 200 }), ROWS, 'http://127.0.0.1:9');

  let bytes = 0;
  let counting = false;
  const preview = await startPreview({
    rendererDir: pageDir,
    databaseFile,
    startDemoWorld: () => Promise.reject(new Error('no demo in this benchmark')),
    onOutgoing: (json) => {
      if (counting) bytes += Buffer.byteLength(json);
    },
  });
  const browser = await launchChromium();
  try {
    const page = await newBenchPage(browser);
    await page.goto(preview.url);
    await page.waitForFunction(() => 'atlas' in window);
    await page.waitForFunction(() => 'unpackPage' in window);
    // Like the store: whole targets in batches of about a page, planned from the summary.
    const { targets } = await preview.core.handlers['inventory:summary']({});
    const batches = batchTargets(targets, PAGE_SIZE);
    const read = (): Promise<PageRead> =>
      page.evaluate(async ({ batches, ahead }) => {
        interface Envelope {
          ok: boolean;
          data?: { groups: string; count: number; total: number };
          error?: { message: string };
        }
        const win = window as unknown as {
          atlas: { invoke(channel: string, input: unknown): Promise<Envelope> };
          unpackPage(data: NonNullable<Envelope['data']>): unknown[];
        };
        const atlas = win.atlas;
        const started = performance.now();
        let pages = 0;
        const rows: unknown[] = [];
        // `ahead` requests out before the first answer, as the store sends them.
        const requests: Promise<Envelope>[] = [];
        for (let k = 0; k < batches.length; k++) {
          while (requests.length < Math.min(k + ahead, batches.length)) {
            requests.push(atlas.invoke('inventory:rows', { targets: batches[requests.length] }));
          }
          const envelope = await (requests[k] as Promise<Envelope>);
          if (!envelope.ok || !envelope.data) throw new Error(envelope.error?.message ?? 'inventory:rows failed');
          pages++;
          for (const row of win.unpackPage(envelope.data)) rows.push(row);
        }
        return { ms: performance.now() - started, received: rows.length, pages };
      }, { batches, ahead: PAGES_AHEAD });

    await read(); // warm-up: first SQLite reads and the page's JIT
    // The main-process share: the same pages straight from the core, without the bridge.
    const coreStarted = performance.now();
    for (const batch of batches) await preview.core.handlers['inventory:rows']({ targets: batch });
    const coreMs = performance.now() - coreStarted;
    const runs: PageRead[] = [];
    counting = true;
    for (let i = 0; i < RUNS; i++) runs.push(await read());
    counting = false;
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
          `${median.received.toLocaleString('en-US')} rows in ${median.pages} pages of whole targets (about ${PAGE_SIZE.toLocaleString('en-US')} rows each), ${mib(bytes / RUNS)} of JSON per run; ` +
          `the core alone (SQLite pages, stored packed rows joined by SQLite) takes ${ms(coreMs)} of it`,
      },
    ];
  } finally {
    await browser.close();
    await preview.close();
    await rm(dir, { recursive: true, force: true });
  }
}
