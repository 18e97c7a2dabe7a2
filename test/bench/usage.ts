/**
 * Usage analysis benchmark: the core's `usage:analyze` (the app's limits: 8 account-regions read
 * at once, the SDK's retries) over the large world served by an emulator in another process with
 * per-call latency and throttling. The inventory it analyzes is seeded into the app database
 * straight from the world (every owned AMI, as a scan would store it) instead of scanned first.
 *
 * Ideal wall time = calls that did work ÷ 8 × latency: every slot always busy. Throttled answers
 * are not counted as work, so retries and back-off show as distance from the ideal.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createAppCore } from '../../electron/core/app-core';
import { AccountRegistry, secretKeyFor } from '../../electron/core/accounts/registry';
import { MemorySecretStore } from '../../electron/core/accounts/secret-store';
import { openDatabase } from '../../electron/core/db/database';
import { createLargeWorld, type LargeWorldShape } from '../../emulator';
import { startEmulatorChild } from './emulator-client';
import { ms, seconds, verdict, type Figure } from './report';
import { seedInventoryDatabase } from './world';

const BENCH = 'usage';
/** Account-regions the app reads at once (UsageService's default). */
const APP_LIMIT = 8;

export interface UsageBenchOptions {
  world: LargeWorldShape;
  latencyMs: number;
  throttleRate: number;
  timeoutMs: number;
}

export async function usageBench(o: UsageBenchOptions): Promise<Figure[]> {
  const { accounts, regions, imagesPerAccountRegion } = o.world;
  const shape = `${accounts} accounts × ${regions} regions × ${imagesPerAccountRegion} AMIs, ${o.latencyMs} ms latency, ${Math.round(o.throttleRate * 100)} % throttling`;
  const world = createLargeWorld(1, o.world);
  const emulator = await startEmulatorChild({ seed: 1, world: o.world, latencyMs: o.latencyMs, throttleRate: o.throttleRate });
  const dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-bench-usage-'));
  try {
    const file = path.join(dir, 'atlas.sqlite');
    const seeded = seedInventoryDatabase(file, world, Number.MAX_SAFE_INTEGER, emulator.url);
    // The key pairs' secrets, where the app would keep them.
    const secrets = new MemorySecretStore();
    const db = openDatabase(file);
    const secretOf = new Map(emulator.identities.map((i) => [i.accessKeyId, i.secretAccessKey]));
    for (const p of new AccountRegistry(db).listPaths()) await secrets.set(secretKeyFor(p.id), secretOf.get(p.accessKeyId ?? '') ?? '');
    db.close();

    const core = createAppCore({
      databaseFile: file,
      secrets,
      info: { name: 'AMI Atlas', version: 'bench', platform: process.platform, host: 'preview' },
      startDemoWorld: () => Promise.reject(new Error('no demo in this benchmark')),
      ssoRefreshAtStart: null,
      resumeJobs: false,
    });
    let places = 0;
    const stop = core.onEvent((event, payload) => {
      if (event === 'usage:progress') places = (payload as { total: number }).total;
    });
    try {
      const before = await emulator.stats();
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      const outcome = await Promise.race([
        core.handlers['usage:analyze']({}),
        new Promise<'timeout'>((resolve) => {
          timer = setTimeout(() => resolve('timeout'), o.timeoutMs);
        }),
      ]);
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      const after = await emulator.stats();
      const requests = after.requests - before.requests;
      const throttled = after.throttled - before.throttled;
      const work = requests - throttled;
      const idealMs = (work / APP_LIMIT) * o.latencyMs;
      if (outcome === 'timeout') {
        return [
          {
            bench: BENCH,
            figure: `Usage analysis wall time (${shape})`,
            target: 'report',
            measured: `not finished after ${seconds(wallMs)}`,
            verdict: 'fail',
            note: `${requests.toLocaleString('en-US')} calls made so far (${throttled.toLocaleString('en-US')} throttled) over ${places} account-regions`,
          },
        ];
      }
      const count = (state: string) => outcome.filter((u) => u.inUse === state).length;
      const unreadable = new Set(outcome.flatMap((u) => u.unreadable.filter((r) => r.account !== null).map((r) => `${r.account}|${r.region}`)));
      return [
        {
          bench: BENCH,
          figure: `Usage analysis wall time (${shape})`,
          target: 'report (≤ 1.5× ideal at 8 account-regions at once)',
          measured: `${seconds(wallMs)} (${(wallMs / idealMs).toFixed(2)}× ideal ${seconds(idealMs)})`,
          verdict: verdict(wallMs <= idealMs * 1.5),
          note:
            `${outcome.length.toLocaleString('en-US')} AMIs of ${seeded.rows.length.toLocaleString('en-US')} rows over ${places} account-regions; ${requests.toLocaleString('en-US')} calls ` +
            `(${work.toLocaleString('en-US')} did work, ${(work / places).toFixed(1)} per account-region, ${throttled.toLocaleString('en-US')} throttled); ` +
            `${count('yes')} in use, ${count('no')} unused, ${count('unknown')} unknown; ${unreadable.size} account-regions of the workspace unreadable; ${ms(wallMs / Math.max(1, places))} per account-region`,
        },
      ];
    } finally {
      stop();
      await core.close();
    }
  } finally {
    await emulator.close();
    await rm(dir, { recursive: true, force: true });
  }
}
