/**
 * Sidebar benchmark: the built renderer in Chromium (1440 × 900) through the preview bridge,
 * on an app database holding 500 accounts in 50 clients (written through the core's account
 * registry; every account points at a closed local port, so nothing waits on a network).
 * Timings are taken inside the page with performance.now():
 * - render: from the moment the answer to the page's first `workspace:get` arrives over the
 *   bridge to the first moment the sidebar's tree holds rows down to the bottom of its visible
 *   area. That is the app's whole first render of the shell with 500 accounts (top bar, image
 *   view and all), so it bounds the sidebar's own share from above. Median of five page loads.
 * - switcher keystroke: Ctrl+K, then real key presses into its box (timed from the keydown)
 *   until the option list shows the new number of accounts, computed here with the same
 *   ranking code the switcher uses. Only keystrokes that change the number are timed.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startPreview, type RunningPreview } from '../../electron/preview/server';
import { rankSwitch, switchCandidates, type SwitchCandidate } from '../../renderer/lib/quickSwitch';
import { manyAccountsWorld, seedManyAccounts } from '../fixtures/many-accounts';
import { launchChromium, newBenchPage } from './browser';
import { ms, notMeasured, verdict, type Figure } from './report';

const BENCH = 'sidebar';
const LOADS = 5;

const TARGETS = {
  render: ['Sidebar render, 500 accounts in 50 clients (workspace in → visible rows in the DOM)', '< 100 ms'],
  keystroke: ['Switcher keystroke over 500 accounts → option list updated, p95', '< 30 ms'],
} as const;

/** What the quick switcher shows at most; kept in step with QuickSwitcher's ACCOUNT_LIMIT. */
const SWITCHER_LIMIT = 50;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/**
 * Installed before the app's scripts: notes when the answer to the first `workspace:get`
 * arrives, then when the sidebar's tree first holds rows down to its visible bottom.
 */
const RENDER_PROBE = `(() => {
  const probe = { workspaceAt: 0, rowsAt: 0, frameAt: 0, rows: 0 };
  globalThis.__sidebarProbe = probe;
  const Native = globalThis.WebSocket;
  let workspaceRequest = null;
  globalThis.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (m) => {
        if (probe.workspaceAt || workspaceRequest === null || typeof m.data !== 'string') return;
        if (m.data.startsWith('{"id":' + workspaceRequest + ',')) probe.workspaceAt = performance.now();
      });
    }
    send(data) {
      if (workspaceRequest === null && typeof data === 'string' && data.includes('"channel":"workspace:get"')) {
        workspaceRequest = JSON.parse(data).id;
      }
      return super.send(data);
    }
  };
  const observer = new MutationObserver(() => {
    if (!probe.workspaceAt) return;
    const tree = document.querySelector('[data-testid="sidebar-tree"]');
    if (!tree) return;
    const rows = tree.querySelectorAll('[data-testid="client-row"], [data-testid="account-item"]');
    if (rows.length === 0) return;
    const bottom = tree.getBoundingClientRect().bottom;
    const last = rows[rows.length - 1].getBoundingClientRect();
    if (last.bottom < bottom && tree.scrollHeight > tree.clientHeight) return;
    probe.rowsAt = performance.now();
    probe.rows = rows.length;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => (probe.frameAt = performance.now()), 0));
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

interface RenderTiming {
  rows: number;
  /** Workspace answer in → rows in the DOM. */
  dom: number;
  /** … → the frame after (painted). */
  frame: number;
}

async function renderOnce(page: Page, preview: RunningPreview): Promise<RenderTiming> {
  await page.goto(preview.url);
  await page.waitForFunction(() => (globalThis as unknown as { __sidebarProbe: { frameAt: number } }).__sidebarProbe.frameAt > 0, null, { timeout: 30_000 });
  return page.evaluate(() => {
    const p = (globalThis as unknown as { __sidebarProbe: { workspaceAt: number; rowsAt: number; frameAt: number; rows: number } }).__sidebarProbe;
    return { rows: p.rows, dom: p.rowsAt - p.workspaceAt, frame: p.frameAt - p.workspaceAt };
  });
}

/** Records keydown times and changes in the number of switcher options, for timing keystrokes inside the page. */
async function installSwitcherProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const probe = { keydownAt: 0, changedAt: 0, count: -1 };
    (window as unknown as { __switchProbe: typeof probe }).__switchProbe = probe;
    window.addEventListener('keydown', () => (probe.keydownAt = performance.now()), { capture: true });
    const list = document.querySelector('[data-testid="quick-switcher"] [role="listbox"]');
    if (!list) throw new Error('no quick switcher list');
    const count = () => list.querySelectorAll('[data-testid="quick-switcher-option"]').length;
    probe.count = count();
    new MutationObserver(() => {
      const n = count();
      if (n !== probe.count) {
        probe.count = n;
        probe.changedAt = performance.now();
      }
    }).observe(list, { childList: true, subtree: true });
  });
}

async function keystrokeLatency(page: Page, expected: number): Promise<number | null> {
  return page.evaluate(
    (expected) =>
      new Promise<number | null>((resolve) => {
        const probe = (window as unknown as { __switchProbe: { keydownAt: number; changedAt: number; count: number } }).__switchProbe;
        const deadline = performance.now() + 3_000;
        const check = () => {
          if (probe.count === expected && probe.changedAt >= probe.keydownAt) resolve(probe.changedAt - probe.keydownAt);
          else if (performance.now() > deadline) resolve(null);
          else setTimeout(check, 1);
        };
        check();
      }),
    expected,
  );
}

async function typeAndTime(page: Page, candidates: readonly SwitchCandidate[], query: string, latencies: number[], misses: string[]): Promise<void> {
  const shownFor = (text: string) => Math.min(SWITCHER_LIMIT, rankSwitch(candidates, text, []).length);
  let previous = shownFor('');
  for (let i = 1; i <= query.length; i++) {
    const text = query.slice(0, i);
    const shown = shownFor(text);
    await page.keyboard.type(query[i - 1]!);
    if (shown === previous) {
      await page.waitForTimeout(40);
      continue;
    }
    previous = shown;
    const latency = await keystrokeLatency(page, shown);
    if (latency === null) misses.push(JSON.stringify(text));
    else latencies.push(latency);
  }
  // Back to an empty box, one Backspace at a time: widening is timed too.
  for (let i = query.length - 1; i >= 0; i--) {
    const text = query.slice(0, i);
    const shown = shownFor(text);
    await page.keyboard.press('Backspace');
    if (shown === previous) {
      await page.waitForTimeout(40);
      continue;
    }
    previous = shown;
    const latency = await keystrokeLatency(page, shown);
    if (latency === null) misses.push(`${JSON.stringify(text)} (Backspace)`);
    else latencies.push(latency);
  }
}

export async function sidebarBench(options: { rendererDir: string }): Promise<Figure[]> {
  if (!existsSync(path.join(options.rendererDir, 'index.html'))) {
    const why = 'no built renderer (npm run build)';
    return Object.values(TARGETS).map(([figure, target]) => notMeasured(BENCH, figure, target, why));
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-bench-sidebar-'));
  const databaseFile = path.join(dir, 'atlas.db');
  const world = manyAccountsWorld(50);
  seedManyAccounts(databaseFile, world, 'http://127.0.0.1:9');
  const preview = await startPreview({
    rendererDir: options.rendererDir,
    databaseFile,
    startDemoWorld: () => Promise.reject(new Error('no demo in this benchmark')),
  });
  const browser = await launchChromium();
  const figures: Figure[] = [];
  try {
    const page = await newBenchPage(browser);
    await page.addInitScript(RENDER_PROBE);
    // One load to warm the page's caches (scripts compiled, SQLite pages read), then the measured ones.
    await renderOnce(page, preview);
    const loads: RenderTiming[] = [];
    for (let i = 0; i < LOADS; i++) loads.push(await renderOnce(page, preview));
    const dom = percentile(
      loads.map((l) => l.dom),
      50,
    );
    const frame = percentile(
      loads.map((l) => l.frame),
      50,
    );
    figures.push({
      bench: BENCH,
      figure: TARGETS.render[0],
      target: TARGETS.render[1],
      measured: `${ms(dom)} (median of ${LOADS}; worst ${ms(Math.max(...loads.map((l) => l.dom)))})`,
      verdict: verdict(dom < 100),
      note: `${world.accounts.length} accounts in ${world.clients.length} clients, ${loads[0]?.rows ?? 0} rows drawn; the next frame ${ms(frame)} after the workspace arrived; includes the rest of the shell's first render`,
    });

    // The switcher: open it with Ctrl+K, type names, a client and account, and id digits.
    const workspace = await preview.core.handlers['workspace:get']({});
    const candidates = switchCandidates(workspace, {}, {});
    await page.keyboard.press('Control+k');
    await page.waitForSelector('[data-testid="quick-switcher"] [role="listbox"]');
    await installSwitcherProbe(page);
    const latencies: number[] = [];
    const misses: string[] = [];
    const pick = (i: number) => world.accounts[i % world.accounts.length]!;
    const queries = [pick(137).name, `${pick(260).client.toLowerCase().split(' ')[0]} prod`, pick(411).awsAccountId.slice(0, 8), `shared ${pick(50).client.toLowerCase().slice(0, 4)}`, pick(333).alias ?? pick(333).name];
    for (const query of queries) await typeAndTime(page, candidates, query, latencies, misses);
    const p95 = percentile(latencies, 95);
    figures.push({
      bench: BENCH,
      figure: TARGETS.keystroke[0],
      target: TARGETS.keystroke[1],
      measured: latencies.length > 0 ? `${ms(p95)} (median ${ms(percentile(latencies, 50))}, max ${ms(Math.max(...latencies))})` : '-',
      verdict: latencies.length > 0 && misses.length === 0 ? verdict(p95 < 30) : 'fail',
      note: `${latencies.length} timed keystrokes (typing and Backspace) over ${world.accounts.length} accounts${misses.length ? `; no update within 3 s for: ${misses.join(', ')}` : ''}`,
    });
    return figures;
  } finally {
    await browser.close();
    await preview.close();
    await rm(dir, { recursive: true, force: true });
  }
}
