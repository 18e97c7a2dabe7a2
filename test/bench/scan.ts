/**
 * Scan benchmark: the real core (createAppCore on an app database file whose workspace has one
 * access-key account per emulator identity, then inventory:scan) against a large world served by an emulator
 * in another process with per-call latency and EC2's token buckets (and, for the fault scan,
 * random throttling).
 *
 * A scan lists every target first (the grid complete: `ScanStatus.listedAt`), then reads each
 * owned image's launch permissions; the core sends a target's rows again once they are read.
 * Everything the user would see is judged from those `inventory:targetRows` events against
 * what the seeded world holds (computed in the emulator's process from the world it serves):
 * when every row was there, when every owned row had its launch permission, rows lost, and
 * permissions wrong. Times are compared with two bounds no scheduling can beat (scan-bounds.ts):
 * EC2's token buckets and this machine's CPU cost per call, measured against the same emulator
 * just before the scan.
 */
import os from 'node:os';
import { createAppCore } from '../../electron/core/app-core';
import { MemorySecretStore } from '../../electron/core/accounts/secret-store';
import { DEFAULT_SCAN_LIMITS, type ScanLimits } from '../../electron/core/inventory/scanner';
import type { LargeWorldShape } from '../../emulator';
import type { Events } from '../../shared/contract';
import type { InventoryRow, ScanStatus } from '../../shared/inventory';
import { measureCallCost } from './call-cost';
import { startEmulatorChild } from './emulator-client';
import { mib, ms, seconds, verdict, type Figure } from './report';
import { seedScanWorkspace } from './scan-workspace';
import { scanBounds, totalCalls, type CallCost, type ScanBounds } from './scan-bounds';
import { permissionKey, truthRowCount } from './scan-truth';

type Gc = () => void;
const gcOf = (): Gc | undefined => (globalThis as { gc?: Gc }).gc;

export interface ScanBenchOptions {
  world: LargeWorldShape;
  seed: number;
  latencyMs: number;
  throttleRate: number;
  /** EC2's token buckets per account, region and action in the emulator (default on). */
  ec2Throttling?: boolean;
  /** Overrides of the scanner's limits; default: what the app ships with. */
  limits?: Partial<ScanLimits>;
  /** The scan is cancelled (and fails its figures) after this long. */
  timeoutMs: number;
  /** Names the figures (default "Scan"). */
  label?: string;
  /**
   * Measure this machine's CPU per call against the same emulator (no latency, no throttling)
   * before the scan, for the client-CPU bound; or use a cost measured earlier in the run.
   */
  callCost?: { calibrate: { attributeCalls: number; pageCalls: number } } | { measured: CallCost };
}

/** Milliseconds from the scan's start. */
export interface ScanMeasurement {
  label: string;
  shape: string;
  /** The scan ended by itself (not cut off by the time limit). */
  finished: boolean;
  wallMs: number;
  /** ScanStatus.listedAt; null when the scanner does not say it (or never got there). */
  listedAtMs: number | null;
  /** The first moment every row of the world had arrived in inventory:targetRows. */
  rowsCompleteMs: number | null;
  /** The first moment every owned row had arrived with its launch permission. */
  permissionsCompleteMs: number | null;
  requests: number;
  throttled: number;
  /** CPU time of this process (the core and the benchmark's bookkeeping) and of the emulator's during the scan. */
  clientCpuMs: number;
  serverCpuMs: number;
  expectedRows: number;
  expectedOwned: number;
  rowsReceived: number;
  lost: number;
  extra: number;
  /** Owned rows whose last launch permission differs from the world's. */
  permissionsWrong: number;
  /** Owned rows still without a launch permission at the end. */
  permissionsPending: number;
  targets: number;
  targetsDone: number;
  failedNote: string;
  cacheRows: number;
  baselineRss: number;
  peakRss: number;
  /** When the peak was sampled, from the scan's start. */
  peakRssAtMs: number;
  peakHeapUsed: number;
  memorySamples: number;
  bounds: ScanBounds;
  callCost: CallCost | null;
  limits: string;
  /** The machine's load average (1, 5, 15 min) just before the scan: other work on the same cores. */
  load: number[];
  buildMs: number;
  truthMs: number;
}

const BENCH = 'scan';
const n = (value: number): string => value.toLocaleString('en-US');
/** Rows can only be complete when the scanner says so if their event came no later than this after it. */
const LISTED_AT_SLACK_MS = 100;

/** The names the scanner's limit of calls in flight overall has had (old scanner first). */
const OVERALL_LIMIT_NAMES = ['maxCalls', 'maxInFlight'];

/**
 * `--scan-concurrency N` as the scanner's options: its limit of calls in flight overall set to N
 * (with the scanner whose targets each held a call slot, `maxCalls`, its targets at once too, as
 * before). Throws when the scanner has no such limit.
 */
export function overallLimit(value: number): Partial<ScanLimits> {
  const keys = Object.keys(DEFAULT_SCAN_LIMITS);
  const name = OVERALL_LIMIT_NAMES.find((k) => keys.includes(k));
  if (!name) throw new Error(`--scan-concurrency: the scanner's limits (${keys.join(', ')}) have no overall in-flight limit`);
  const names = name === 'maxCalls' && keys.includes('maxTargets') ? [name, 'maxTargets'] : [name];
  return Object.fromEntries(names.map((k) => [k, value])) as Partial<ScanLimits>;
}

function limitsText(limits: Partial<ScanLimits>): string {
  const all: Record<string, unknown> = { ...DEFAULT_SCAN_LIMITS, ...limits };
  return Object.entries(all)
    .filter(([k, v]) => typeof v === 'number' && k !== 'progressIntervalMs')
    .map(([k, v]) => `${k} ${String(v)}`)
    .join(', ');
}

export async function measureScan(o: ScanBenchOptions): Promise<ScanMeasurement> {
  const { accounts, regions, imagesPerAccountRegion } = o.world;
  const ec2Throttling = o.ec2Throttling ?? true;
  const shape =
    `${n(accounts)} accounts × ${regions} regions × ${n(imagesPerAccountRegion)} AMIs, ${o.latencyMs} ms latency` +
    `${ec2Throttling ? ', EC2 token buckets' : ''}${o.throttleRate > 0 ? `, ${Math.round(o.throttleRate * 100)} % random throttling` : ''}`;
  const limits = o.limits ?? {};

  const emulator = await startEmulatorChild({ seed: o.seed, world: o.world, latencyMs: o.latencyMs, throttleRate: o.throttleRate, ec2Throttling });
  const secrets = new MemorySecretStore();
  const workspace = await seedScanWorkspace(emulator.identities, emulator.url, secrets);
  const core = createAppCore({
    databaseFile: workspace.databaseFile,
    secrets,
    info: { name: 'AMI Atlas', version: 'bench', platform: process.platform, host: 'preview' },
    startDemoWorld: () => Promise.reject(new Error('the scan benchmark reads the user workspace, not the demo')),
    resumeJobs: false,
    ssoRefreshAtStart: null,
    ...(Object.keys(limits).length > 0 ? { scanLimits: limits } : {}),
  });

  let sampler: NodeJS.Timeout | undefined;
  let stopEvents = (): void => undefined;
  try {
    const { truth, ms: truthMs } = await emulator.truth();
    const expectedRows = truthRowCount(truth);
    const expectedOwned = truth.permissions.size;
    const wanted = new Map<string, Set<string>>();
    for (const p of truth.places) {
      wanted.set(`${p.accountId}|${p.region}|owned`, new Set(p.owned));
      wanted.set(`${p.accountId}|${p.region}|shared`, new Set(p.shared));
    }

    let callCost: CallCost | null = null;
    if (o.callCost && 'measured' in o.callCost) callCost = o.callCost.measured;
    else if (o.callCost) {
      // Only the client's work: no latency, no throttling of either kind; then the scan's settings
      // again, which also fills every token bucket.
      await emulator.setKnobs({ latencyMs: 0, throttleRate: 0, ec2Throttling: { enabled: false } });
      callCost = await measureCallCost({
        endpoint: emulator.url,
        identities: emulator.identities,
        truth,
        ...o.callCost.calibrate,
        inFlight: 16,
        places: 16,
        serverCpuMs: async () => (await emulator.stats()).cpuMs,
      });
      await emulator.setKnobs({ latencyMs: o.latencyMs, throttleRate: o.throttleRate, ec2Throttling: { enabled: ec2Throttling } });
    }
    const bounds = scanBounds(truth, o.latencyMs, callCost);

    // What arrived, per target, and each owned row's state: 0 pending, 1 right, 2 wrong.
    const found = new Map<string, Set<string>>();
    const permission = new Map<string, 0 | 1 | 2>();
    const counts = { distinct: 0, owned: 0, pending: 0, wrong: 0, events: 0 };
    let started = 0;
    let rowsCompleteMs: number | null = null;
    let permissionsCompleteMs: number | null = null;
    let listedSeenMs: number | null = null;
    const judge = (row: InventoryRow): 0 | 1 | 2 => {
      if (row.launchPermission === null) return 0;
      return truth.permissions.get(row.imageId) === permissionKey(row.launchPermission, row.sharedWith) ? 1 : 2;
    };
    stopEvents = core.onEvent((event, payload) => {
      if (event === 'inventory:progress') {
        const status = payload as ScanStatus;
        if (listedSeenMs === null && status.listedAt) listedSeenMs = performance.now() - started;
        return;
      }
      const judgeOne = (imageId: string, now: 0 | 1 | 2) => {
        const before = permission.get(imageId);
        if (before === now) return;
        if (before === 0) counts.pending--;
        else if (before === 2) counts.wrong--;
        if (now === 0) counts.pending++;
        else if (now === 2) counts.wrong++;
        permission.set(imageId, now);
      };
      if (event === 'inventory:targetPermissions') {
        // Phase two sends only the rows it read: judged as they arrive.
        const { permissions } = payload as Events['inventory:targetPermissions'];
        counts.events += permissions.length;
        for (const u of permissions) {
          if (u.access === null) continue;
          judgeOne(u.imageId, truth.permissions.get(u.imageId) === permissionKey(u.access.launchPermission, u.access.sharedWith) ? 1 : 2);
        }
        if (permissionsCompleteMs === null && counts.owned >= expectedOwned && counts.pending === 0) permissionsCompleteMs = performance.now() - started;
        return;
      }
      if (event !== 'inventory:targetRows') return;
      const { target, rows } = payload as Events['inventory:targetRows'];
      for (const row of rows) {
        counts.events++;
        const key = `${row.awsAccountId ?? '?'}|${row.region}|${target.view}`;
        let set = found.get(key);
        if (!set) found.set(key, (set = new Set()));
        if (!set.has(row.imageId)) {
          set.add(row.imageId);
          counts.distinct++;
          if (target.view === 'owned') counts.owned++;
        }
        if (target.view !== 'owned') continue;
        judgeOne(row.imageId, judge(row));
      }
      const at = performance.now() - started;
      if (rowsCompleteMs === null && counts.distinct >= expectedRows) rowsCompleteMs = at;
      if (permissionsCompleteMs === null && counts.owned >= expectedOwned && counts.pending === 0) permissionsCompleteMs = at;
    });

    gcOf()?.();
    const before = await emulator.stats();
    const baselineRss = process.memoryUsage.rss();
    let peakRss = baselineRss;
    let peakRssAt = 0;
    let peakHeapUsed = process.memoryUsage().heapUsed;
    let memorySamples = 0;
    sampler = setInterval(() => {
      const m = process.memoryUsage();
      if (m.rss > peakRss) {
        peakRss = m.rss;
        peakRssAt = performance.now();
      }
      peakHeapUsed = Math.max(peakHeapUsed, m.heapUsed);
      memorySamples++;
    }, 50);

    const load = os.loadavg();
    const cpuBefore = process.cpuUsage();
    const startedAt = Date.now();
    started = performance.now();
    const first = await core.handlers['inventory:scan']({});
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), o.timeoutMs);
    });
    const outcome = await Promise.race([core.inventory.scanFinished(), timedOut]);
    clearTimeout(timer);
    const final: ScanStatus | null = outcome === 'timeout' ? await core.handlers['inventory:cancel']({ scanId: first.scanId }) : outcome;
    const wallMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    clearInterval(sampler);
    sampler = undefined;
    const after = await emulator.stats();

    // Rows are judged on targets that finished: a scan cut off by the time limit has not lost the
    // rows of targets it never reached, but a failed target has lost all of its rows.
    const ws = await core.handlers['workspace:get']({});
    const awsIdOf = new Map(ws.accounts.map((a) => [a.id, a.awsAccountId ?? '?']));
    const targets = final?.targets ?? [];
    let missing = 0;
    let extra = 0;
    let lostToFailures = 0;
    let targetsDone = 0;
    const failed = targets.filter((t) => t.state === 'failed');
    for (const t of targets) {
      const key = `${awsIdOf.get(t.account) ?? '?'}|${t.region}|${t.view}`;
      const want = wanted.get(key) ?? new Set<string>();
      if (t.state === 'failed') {
        lostToFailures += want.size;
        continue;
      }
      if (t.state !== 'done') continue;
      targetsDone++;
      const got = found.get(key) ?? new Set<string>();
      for (const id of want) if (!got.has(id)) missing++;
      for (const id of got) if (!want.has(id)) extra++;
    }
    const permissionFailures = targets.filter((t) => t.permissions?.error);
    const failedNote = [
      failed.length > 0 ? `${failed.length} targets failed (${n(lostToFailures)} rows), e.g. ${failed[0]?.errorCode ?? ''}: ${(failed[0]?.error ?? '').slice(0, 100)}` : '',
      permissionFailures.length > 0
        ? `${permissionFailures.length} targets could not read some permissions, e.g. ${permissionFailures[0]?.permissions?.errorCode ?? ''}: ${(permissionFailures[0]?.permissions?.error ?? '').slice(0, 100)}`
        : '',
    ]
      .filter(Boolean)
      .join('; ');
    const summary = await core.handlers['inventory:summary']({});
    const listedAt = final?.listedAt ? Date.parse(final.listedAt) - startedAt : null;

    return {
      label: o.label ?? 'Scan',
      shape,
      finished: outcome !== 'timeout',
      wallMs,
      listedAtMs: listedAt ?? listedSeenMs,
      rowsCompleteMs,
      permissionsCompleteMs,
      requests: after.requests - before.requests,
      throttled: after.throttled - before.throttled,
      clientCpuMs: (cpu.user + cpu.system) / 1000,
      serverCpuMs: after.cpuMs - before.cpuMs,
      expectedRows,
      expectedOwned,
      rowsReceived: counts.events,
      lost: missing + lostToFailures,
      extra,
      permissionsWrong: counts.wrong,
      permissionsPending: expectedOwned - (counts.owned - counts.pending),
      targets: targets.length,
      targetsDone,
      failedNote,
      cacheRows: summary.total,
      baselineRss,
      peakRss,
      peakRssAtMs: peakRssAt > 0 ? peakRssAt - started : 0,
      peakHeapUsed,
      memorySamples,
      bounds,
      callCost,
      limits: limitsText(limits),
      load,
      buildMs: emulator.buildMs,
      truthMs,
    };
  } finally {
    if (sampler) clearInterval(sampler);
    stopEvents();
    await core.close();
    await emulator.close();
    await workspace.remove();
  }
}

const pct = (part: number, whole: number): string => `${whole > 0 ? ((part / whole) * 100).toFixed(2) : '0'} %`;

/** When the grid was complete: the scanner's listedAt, else the moment every row had arrived. */
function gridMs(m: ScanMeasurement): number | null {
  return m.listedAtMs ?? m.rowsCompleteMs;
}

/** listedAt is only true if every row had arrived by then (allowing for the event's own delivery). */
function gridCrossCheck(m: ScanMeasurement): { ok: boolean; text: string } {
  if (m.listedAtMs === null) {
    return m.rowsCompleteMs === null
      ? { ok: false, text: 'the rows never all arrived' }
      : { ok: true, text: `the scanner does not say listedAt: the moment all ${n(m.expectedRows)} rows had arrived` };
  }
  if (m.rowsCompleteMs === null) return { ok: false, text: `listedAt at ${seconds(m.listedAtMs)}, but the rows never all arrived` };
  const late = m.rowsCompleteMs - m.listedAtMs;
  return late <= LISTED_AT_SLACK_MS
    ? { ok: true, text: `listedAt; all ${n(m.expectedRows)} rows had arrived at ${seconds(m.rowsCompleteMs)}` }
    : { ok: false, text: `listedAt at ${seconds(m.listedAtMs)}, but the last rows arrived ${ms(late)} later` };
}

function rowsFigure(m: ScanMeasurement, figure: string): Figure {
  const progress = `${n(m.targetsDone)} of ${n(m.targets)} targets done`;
  return {
    bench: BENCH,
    figure,
    target: '0 (rows scanned = world truth; every owned row with its true launch permission)',
    measured:
      `${n(m.lost)} lost, ${n(m.extra)} extra of ${n(m.expectedRows)}; ${n(m.permissionsWrong)} permissions wrong, ` +
      `${n(m.permissionsPending)} of ${n(m.expectedOwned)} not read${m.finished ? '' : ` (cut off: ${progress})`}`,
    verdict: verdict(m.finished && m.lost === 0 && m.extra === 0 && m.permissionsWrong === 0 && m.permissionsPending === 0 && m.targetsDone > 0),
    note: `${progress}; ${n(m.rowsReceived)} rows streamed in inventory:targetRows events; ${n(m.cacheRows)} rows in the cache at the end${m.failedNote ? `; ${m.failedNote}` : ''}`,
  };
}

function boundsText(b: ScanBounds, which: 'grid' | 'all'): string {
  const bucket = which === 'grid' ? b.bucketGridMs : b.bucketAllMs;
  const cpu = which === 'grid' ? b.cpuGridMs : b.cpuAllMs;
  return `token buckets ${seconds(bucket)}, client CPU ${cpu === null ? 'not measured' : seconds(cpu)}`;
}

function callsText(m: ScanMeasurement): string {
  const c = m.bounds.calls;
  return (
    `${n(totalCalls(c))} calls needed (${n(c.regions)} DescribeRegions, ${n(c.describeImages)} DescribeImages pages of ${n(c.imagesListed)} images, ` +
    `${n(c.describeImageAttribute)} DescribeImageAttribute); ${n(m.requests)} requests made, ${n(m.throttled)} throttled`
  );
}

/** Where the CPU went: a scan near the client-CPU bound keeps its process busy; the emulator's share is the test rig's. */
function cpuText(m: ScanMeasurement): string {
  const serverBound = m.bounds.serverCpuAllMs === null ? '' : ` (its calibrated cost for these calls: ${seconds(m.bounds.serverCpuAllMs)})`;
  return (
    `CPU during the scan: this process ${seconds(m.clientCpuMs)} (${Math.round((m.clientCpuMs / m.wallMs) * 100)} % of one core), ` +
    `the emulator's ${seconds(m.serverCpuMs)}${serverBound}, on ${os.cpus().length} cores, load average before ${m.load.map((l) => l.toFixed(2)).join(' ')}`
  );
}

/** The full picture of the scan with EC2's token buckets and no random throttling. */
export function mainFigures(m: ScanMeasurement): Figure[] {
  const grid = gridMs(m);
  const check = gridCrossCheck(m);
  const bound = Math.max(m.bounds.bucketAllMs, m.bounds.cpuAllMs ?? 0);
  const all = m.finished && m.permissionsPending === 0 ? m.wallMs : null;
  const title = (what: string) => `${m.label}: ${what} (${m.shape})`;
  return [
    {
      bench: BENCH,
      figure: title('every AMI in the grid'),
      target: '≤ 30 s',
      measured: grid === null ? `not complete after ${seconds(m.wallMs)}` : `${seconds(grid)} (${check.text})`,
      verdict: verdict(grid !== null && grid <= 30_000 && check.ok),
      note: `bounds for the listing: ${boundsText(m.bounds, 'grid')}; scanner ${m.limits}`,
    },
    {
      bench: BENCH,
      figure: title('all launch permissions read'),
      target: '≤ 1.3 × max(token-bucket bound, client-CPU bound)',
      measured:
        all === null
          ? `not finished after ${seconds(m.wallMs)} (${n(m.permissionsPending)} owned rows without their permission)`
          : `${seconds(all)}, ${(all / bound).toFixed(2)}× the bound ${seconds(bound)} (${boundsText(m.bounds, 'all')})`,
      verdict: verdict(all !== null && m.callCost !== null && all <= 1.3 * bound),
      note:
        `${callsText(m)}; every owned row had its permission in the events at ${m.permissionsCompleteMs === null ? 'never' : seconds(m.permissionsCompleteMs)}; ` +
        `${cpuText(m)}; CPU per call: ${m.callCost?.detail ?? 'not measured'}`,
    },
    {
      bench: BENCH,
      figure: title('throttled calls'),
      target: '< 2 % of calls',
      measured: `${pct(m.throttled, m.requests)} (${n(m.throttled)} RequestLimitExceeded of ${n(m.requests)} requests${m.finished ? '' : `, the scan cut off at ${seconds(m.wallMs)}`})`,
      verdict: verdict(m.requests > 0 && m.throttled / m.requests < 0.02),
      note: 'counted by the emulator: every request it received during the scan, and every one it answered with a throttling error (random throttling is off here, so all are token buckets)',
    },
    rowsFigure(m, title('rows lost, permissions wrong')),
    {
      bench: BENCH,
      figure: title('peak main-process memory'),
      target: '< 1 GiB RSS',
      measured: `${mib(m.peakRss)} RSS (heap used at most ${mib(m.peakHeapUsed)})`,
      verdict: verdict(m.memorySamples > 0 && m.peakRss < 2 ** 30),
      note:
        `sampled every 50 ms (${n(m.memorySamples)} samples) in the process the core runs in; the peak at ${seconds(m.peakRssAtMs)} ` +
        `(${m.listedAtMs !== null && m.peakRssAtMs > m.listedAtMs ? 'reading permissions' : 'listing'}); ${mib(m.baselineRss)} RSS before the scan ` +
        `(the core with its workspace open, and the benchmark's copy of the world's truth); world of ${n(m.expectedRows)} rows built in ${ms(m.buildMs)}, its truth computed in ${ms(m.truthMs)}`,
    },
  ];
}

/** The scan under random throttling as well: it must still lose nothing, however long it takes. */
export function faultFigures(m: ScanMeasurement): Figure[] {
  const title = (what: string) => `${m.label}: ${what} (${m.shape})`;
  return [
    rowsFigure(m, title('rows lost, permissions wrong')),
    {
      bench: BENCH,
      figure: title('all launch permissions read'),
      target: 'report (finishes)',
      measured: m.finished
        ? `${seconds(m.wallMs)}; grid complete at ${gridMs(m) === null ? 'never' : seconds(gridMs(m)!)}; ${pct(m.throttled, m.requests)} of calls throttled`
        : `not finished after ${seconds(m.wallMs)}`,
      verdict: verdict(m.finished),
      note: `${callsText(m)}; bounds without the random throttling: ${boundsText(m.bounds, 'all')}; ${cpuText(m)}; scanner ${m.limits}`,
    },
  ];
}

/** Many accounts with few regions and images: the listing must still be quick and complete. */
export function wideFigures(m: ScanMeasurement): Figure[] {
  const grid = gridMs(m);
  const check = gridCrossCheck(m);
  const title = (what: string) => `${m.label}: ${what} (${m.shape})`;
  return [
    {
      bench: BENCH,
      figure: title('every AMI in the grid'),
      target: '≤ 60 s',
      measured: grid === null ? `not complete after ${seconds(m.wallMs)}` : `${seconds(grid)} (${check.text})`,
      verdict: verdict(grid !== null && grid <= 60_000 && check.ok),
      note:
        `all permissions read ${m.finished && m.permissionsPending === 0 ? `at ${seconds(m.wallMs)}` : `not by ${seconds(m.wallMs)}`} (bounds ${boundsText(m.bounds, 'all')}); ` +
        `${pct(m.throttled, m.requests)} throttled; ${callsText(m)}; ${cpuText(m)}; peak RSS ${mib(m.peakRss)}; scanner ${m.limits}`,
    },
    rowsFigure(m, title('rows lost, permissions wrong')),
  ];
}

/** One scan's figures (the main scan's set); the scan suite (scan-suite.ts) picks sets per scan. */
export async function scanBench(o: ScanBenchOptions): Promise<Figure[]> {
  return mainFigures(await measureScan(o));
}
