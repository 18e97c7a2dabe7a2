/**
 * `npm run bench`: runs each benchmark in its own process with a time limit, prints figures
 * next to their targets with the machine they ran on, and updates docs/benchmarks.md.
 *
 *   npm run bench                      every benchmark, scan on 20 AMIs per target (about 6 min)
 *   npm run bench -- --full            scan on the full 200 AMIs per target (longer)
 *   npm run bench -- --wide            also scan the wide world (1,000 accounts × 4 regions × 20 AMIs)
 *   npm run bench -- --only csv,grid   some of them (csv, transfer, grid, sidebar, scan, retention, usage)
 *   npm run bench -- --no-docs         leave docs/benchmarks.md alone (runs with --only always do)
 *   npm run bench -- --scan-concurrency 64
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { BenchName, BenchReply, BenchRequest } from './bench-one';
import type { ScanReply, ScanRequest } from './scan-one';
import { machine, machineLine, notMeasured, resultsBlock, spliceResults, textTable, type Figure } from './report';

const ROOT = new URL('../../', import.meta.url);
const DOC = new URL('docs/benchmarks.md', ROOT);
const ONE = fileURLToPath(new URL('./bench-one.ts', import.meta.url));
/** The scan benchmarks (main, fault, wide, CLI-like export) have a process of their own. */
const SCAN_ONE = fileURLToPath(new URL('./scan-one.ts', import.meta.url));
const ALL: BenchName[] = ['csv', 'transfer', 'grid', 'sidebar', 'scan', 'retention', 'usage'];

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    full: { type: 'boolean', default: false },
    wide: { type: 'boolean', default: false },
    'no-docs': { type: 'boolean', default: false },
    'scan-concurrency': { type: 'string' },
    'renderer-dir': { type: 'string', default: fileURLToPath(new URL('.vite/renderer/main_window', ROOT)) },
  },
});

const chosen = values.only ? (values.only.split(',').map((s) => s.trim()) as BenchName[]) : ALL;
for (const name of chosen) {
  if (!ALL.includes(name)) {
    console.error(`unknown benchmark ${name}; choose from ${ALL.join(', ')}`);
    process.exit(2);
  }
}
const scanConcurrency = values['scan-concurrency'] ? Number(values['scan-concurrency']) : null;
if (scanConcurrency !== null && (!Number.isInteger(scanConcurrency) || scanConcurrency < 1 || scanConcurrency > 512)) {
  console.error('--scan-concurrency must be a whole number from 1 to 512');
  process.exit(2);
}

/** Each benchmark's wall-clock allowance, including setup; past it the process is stopped. */
const SCAN_LIMIT_MS = (values.full ? 20 * 60_000 : 330_000) + (values.wide ? 9 * 60_000 : 0);
const LIMIT_MS: Record<BenchName, number> = { csv: 60_000, transfer: 90_000, grid: 120_000, sidebar: 120_000, scan: SCAN_LIMIT_MS, retention: 180_000, usage: 10 * 60_000 };

const TARGETS: Record<BenchName, [string, string][]> = {
  scan: [
    ['Scan: every AMI in the grid', '≤ 30 s'],
    ['Scan: all launch permissions read', '≤ 1.3 × max(token-bucket bound, client-CPU bound)'],
    ['Scan: throttled calls', '< 2 % of calls'],
    ['Scan: rows lost, permissions wrong', '0'],
    ['Scan: peak main-process memory', '< 1 GiB RSS'],
    ['Fault scan: rows lost, permissions wrong', '0'],
    ...(values.wide ? ([['Wide world: every AMI in the grid', '≤ 60 s'], ['Wide world: rows lost, permissions wrong', '0']] as [string, string][]) : []),
    ['CLI-like scan and CSV export (4 accounts × 2 regions × 10 AMIs)', 'about 1 s'],
  ],
  csv: [
    ['Large world build, 160,000 AMIs', '< 2 s'],
    ['CSV export of 100,000 rows', '< 2 s'],
    ['CSV export memory, 10,000 vs 100,000 rows', 'does not grow with row count'],
  ],
  transfer: [['100,000 rows main → renderer', '< 1 s']],
  grid: [
    ['Grid first render, 100,000 AMIs', '< 500 ms'],
    ['Filter keystroke → updated rows (p95)', '< 50 ms'],
    ['DOM rows while scrolling', '< 200'],
  ],
  sidebar: [
    ['Sidebar render, 500 accounts in 50 clients', '< 100 ms'],
    ['Switcher keystroke over 500 accounts (p95)', '< 30 ms'],
  ],
  retention: [
    ['Retention plan, 160,000 owned AMIs, every rule', '< 2 s'],
    ['retention:plan through the core, 160,000 AMIs in SQLite', '< 2 s'],
  ],
  usage: [['Usage analysis wall time (50 accounts × 16 regions × 200 AMIs)', 'report']],
};

function runOne(name: BenchName): Promise<Figure[]> {
  const request: BenchRequest | ScanRequest =
    name === 'scan' ? { full: values.full, wide: values.wide, scanConcurrency } : { name, full: values.full, scanConcurrency, rendererDir: values['renderer-dir'] };
  return new Promise((resolve) => {
    const started = performance.now();
    // --expose-gc lets the memory figures start from a collected heap.
    const child = fork(name === 'scan' ? SCAN_ONE : ONE, [], { execArgv: [...process.execArgv, '--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const placeholders = (why: string) => TARGETS[name].map(([figure, target]) => notMeasured(name, figure, target, why));
    let figures: Figure[] | null = null;
    const timer = setTimeout(() => {
      figures ??= placeholders(`stopped after ${Math.round(LIMIT_MS[name] / 1000)} s`);
      child.kill('SIGKILL');
    }, LIMIT_MS[name]);
    child.on('message', (reply: BenchReply | ScanReply) => {
      if (reply.type === 'figures') figures ??= reply.figures;
      else {
        console.error(`[bench] ${name}: ${reply.message}`);
        figures ??= placeholders(`error: ${reply.message.split('\n')[0]?.slice(0, 160) ?? 'unknown'}`);
      }
    });
    // Resolved only once the process is gone, so benchmarks never overlap.
    child.on('exit', (code) => {
      clearTimeout(timer);
      console.error(`[bench] ${name} finished in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      resolve(figures ?? placeholders(`the benchmark process exited (code ${code}) without results`));
    });
    child.send(request);
    console.error(`[bench] ${name} started`);
  });
}

if (chosen.some((n) => n === 'grid' || n === 'transfer' || n === 'sidebar') && !existsSync(values['renderer-dir'])) {
  console.error(`[bench] no built renderer in ${values['renderer-dir']}: run npm run build first (npm run bench does).`);
}

const figures: Figure[] = [];
for (const name of chosen) figures.push(...(await runOne(name)));

const m = machine();
console.log('');
console.log(textTable(figures));
console.log('');
console.log(`Machine: ${machineLine(m)}`);
for (const f of figures) if (f.note) console.log(`  ${f.figure}: ${f.note}`);

// The page keeps one complete set of figures from one run, so partial runs do not touch it.
if (!values['no-docs'] && !values.only) {
  const doc = existsSync(DOC) ? await readFile(DOC, 'utf8') : '# Benchmarks\n';
  const args = process.argv.slice(2).filter((a) => a !== '--no-docs');
  await writeFile(DOC, spliceResults(doc, resultsBlock(figures, m, new Date(), `npm run bench${args.length ? ` -- ${args.join(' ')}` : ''}`)));
  console.log(`\nUpdated ${fileURLToPath(DOC).replace(fileURLToPath(ROOT), '')}`);
}
// A figure that could not be measured (an error, a time-out) is no pass either.
process.exit(figures.some((f) => f.verdict !== 'pass') ? 1 : 0);
