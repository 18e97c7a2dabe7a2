/**
 * Scan benchmark: the real core (createAppCore, the demo-workspace path that adds one access-key
 * entry per emulator identity, then inventory:scan) against the large world served by an
 * emulator in another process with per-call latency and throttling.
 *
 * Ideal wall time = calls that did work ÷ the scanner's overall concurrency × latency: what a
 * scanner that always keeps every slot busy would take. Throttled answers are not counted as
 * work, so retries and back-off show up as distance from the ideal. Rows are compared with the
 * seeded world's truth by (account, region, view, image id).
 */
import { createAppCore } from '../../electron/core/app-core';
import { MemorySecretStore } from '../../electron/core/accounts/secret-store';
import { DEFAULT_SCAN_LIMITS, type ScanLimits } from '../../electron/core/inventory/scanner';
import { createLargeWorld, type LargeWorldShape } from '../../emulator';
import type { Events } from '../../shared/contract';
import type { ScanStatus } from '../../shared/inventory';
import { startEmulatorChild } from './emulator-client';
import { ms, seconds, verdict, type Figure } from './report';
import { scanTruth, truthKey, truthRows } from './world';

export interface ScanBenchOptions {
  world: LargeWorldShape;
  seed: number;
  latencyMs: number;
  throttleRate: number;
  /** EC2's token buckets per account, region and action in the emulator (default on). */
  ec2Throttling?: boolean;
  /** Overrides of the scanner's limits; default: what the app ships with. */
  limits?: Partial<ScanLimits>;
  /** The scan is cancelled (and fails the figure) after this long. */
  timeoutMs: number;
  /** Names the figures (default "Scan"). */
  label?: string;
}

const BENCH = 'scan';

export async function scanBench(o: ScanBenchOptions): Promise<Figure[]> {
  const { accounts, regions, imagesPerAccountRegion } = o.world;
  const shape = `${accounts} accounts × ${regions} regions × ${imagesPerAccountRegion} AMIs, ${o.latencyMs} ms latency, ${Math.round(o.throttleRate * 100)} % throttling${o.ec2Throttling === false ? '' : ', EC2 token buckets'}`;
  const limits: ScanLimits = { ...DEFAULT_SCAN_LIMITS, ...o.limits };

  const truthStarted = performance.now();
  const truth = scanTruth(createLargeWorld(o.seed, o.world));
  const expected = truthRows(truth);
  const truthMs = performance.now() - truthStarted;

  const emulator = await startEmulatorChild({ seed: o.seed, world: o.world, latencyMs: o.latencyMs, throttleRate: o.throttleRate, ...(o.ec2Throttling === undefined ? {} : { ec2Throttling: o.ec2Throttling }) });
  const core = createAppCore({
    databaseFile: ':memory:',
    secrets: new MemorySecretStore(),
    info: { name: 'AMI Atlas', version: 'bench', platform: process.platform, host: 'preview' },
    startDemoWorld: async () => ({
      endpoint: emulator.url,
      accounts: emulator.identities.map((i) => ({
        name: i.accountName,
        clientName: i.clientName,
        clientColor: i.clientColor,
        production: i.production,
        accessKeyId: i.accessKeyId,
        secretAccessKey: i.secretAccessKey,
        defaultRegion: i.defaultRegion,
      })),
      close: async () => undefined,
    }),
    scanLimits: limits,
  });

  const found = new Map<string, Set<string>>();
  let rowsReceived = 0;
  const stop = core.onEvent((event, payload) => {
    if (event !== 'inventory:targetRows') return;
    const { rows } = payload as Events['inventory:targetRows'];
    for (const row of rows) {
      const key = truthKey(row.awsAccountId ?? '?', row.region, row.view);
      let set = found.get(key);
      if (!set) found.set(key, (set = new Set()));
      set.add(row.imageId);
      rowsReceived++;
    }
  });

  try {
    await core.handlers['demo:open']({});
    const before = await emulator.stats();
    const started = performance.now();
    const first = await core.handlers['inventory:scan']({});
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), o.timeoutMs);
    });
    const outcome = await Promise.race([core.inventory.scanFinished(), timedOut]);
    clearTimeout(timer);
    let final: ScanStatus | null;
    if (outcome === 'timeout') {
      final = await core.handlers['inventory:cancel']({ scanId: first.scanId });
    } else {
      final = outcome;
    }
    const wallMs = performance.now() - started;
    const after = await emulator.stats();

    const requests = after.requests - before.requests;
    const throttled = after.throttled - before.throttled;
    const work = requests - throttled;
    const idealMs = (work / limits.maxCalls) * o.latencyMs;
    const ratio = wallMs / idealMs;

    // Rows are judged on targets that finished: a scan cut off by the time limit has not lost
    // the rows of targets it never reached, but a failed target has lost all of its rows.
    const ws = await core.handlers['workspace:get']({});
    const awsIdOf = new Map(ws.accounts.map((a) => [a.id, a.awsAccountId ?? '?']));
    const targets = final?.targets ?? [];
    const doneKeys = targets.filter((t) => t.state === 'done').map((t) => truthKey(awsIdOf.get(t.account) ?? '?', t.region, t.view));
    const failedTargets = targets.filter((t) => t.state === 'failed');
    let missing = 0;
    let extra = 0;
    let expectedDone = 0;
    for (const key of doneKeys) {
      const want = truth.get(key) ?? new Set<string>();
      const got = found.get(key) ?? new Set<string>();
      expectedDone += want.size;
      for (const id of want) if (!got.has(id)) missing++;
      for (const id of got) if (!want.has(id)) extra++;
    }
    let lostToFailures = 0;
    for (const t of failedTargets) lostToFailures += truth.get(truthKey(awsIdOf.get(t.account) ?? '?', t.region, t.view))?.size ?? 0;
    const done = outcome !== 'timeout';
    const allTargets = accounts * regions * 2;
    const progress = `${doneKeys.length.toLocaleString('en-US')} of ${allTargets.toLocaleString('en-US')} targets done`;
    const failedNote =
      failedTargets.length > 0
        ? `; ${failedTargets.length} targets failed (${lostToFailures.toLocaleString('en-US')} rows), e.g. ${failedTargets[0]?.errorCode ?? ''}: ${(failedTargets[0]?.error ?? '').slice(0, 100)}`
        : '';
    const lost = missing + lostToFailures;

    return [
      {
        bench: BENCH,
        figure: `${o.label ?? 'Scan'} wall time vs ideal (${shape})`,
        target: '≤ 1.5× ideal',
        measured: done
          ? `${ratio.toFixed(2)}× (${seconds(wallMs)} vs ideal ${seconds(idealMs)})`
          : `${ratio.toFixed(1)}× over the first ${seconds(wallMs)} (ideal for the calls made: ${seconds(idealMs)}); cut off with ${progress}`,
        verdict: verdict(done && ratio <= 1.5),
        note:
          `${work.toLocaleString('en-US')} calls did work (${(work / (wallMs / 1000)).toFixed(0)}/s; ideal ${((limits.maxCalls * 1000) / o.latencyMs).toFixed(0)}/s) + ${throttled.toLocaleString('en-US')} throttled; ` +
          `scanner concurrency ${limits.maxCalls} overall, ${limits.maxCallsPerAccount} per account, ${limits.maxTargets} targets at once; world of ${expected.toLocaleString('en-US')} rows built in ${ms(emulator.buildMs)} (expected rows computed in ${ms(truthMs)})`,
      },
      {
        bench: BENCH,
        figure: `${o.label ?? 'Scan'} rows lost (${shape})`,
        target: '0 (rows scanned = world truth)',
        measured: `${lost.toLocaleString('en-US')} lost, ${extra.toLocaleString('en-US')} extra (${progress}; ${expectedDone.toLocaleString('en-US')} rows expected in them)`,
        verdict: verdict(lost === 0 && extra === 0 && doneKeys.length > 0),
        note: `${rowsReceived.toLocaleString('en-US')} rows streamed in inventory:targetRows events${failedNote}`,
      },
    ];
  } finally {
    stop();
    await core.close();
    await emulator.close();
  }
}
