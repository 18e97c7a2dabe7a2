// `npm test`: every suite, in order, with a summary. A failing step does not hide the others.
import { spawnSync } from 'node:child_process';

const steps = [
  ['typecheck', 'npm', ['run', '-s', 'typecheck']],
  ['lint', 'npm', ['run', '-s', 'lint']],
  ['unit + integration', 'npx', ['vitest', 'run', '--project', 'unit', '--project', 'integration']],
  ['keychain (real gnome-keyring)', 'npm', ['run', '-s', 'test:keychain']],
  ['build', 'npm', ['run', '-s', 'build']],
  ['e2e (Chromium via preview bridge)', 'npm', ['run', '-s', 'test:e2e']],
  ['security (electronegativity)', 'npm', ['run', '-s', 'test:security']],
  ['packaging config (electron-builder)', 'npm', ['run', '-s', 'test:builder', '--', '--require-build']],
  ['electron smoke', 'npm', ['run', '-s', 'test:electron']],
];

const only = process.argv.slice(2);
const results = [];
for (const [name, cmd, args] of steps) {
  if (only.length && !only.some((o) => name.startsWith(o))) continue;
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const run = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, NO_COLOR: '1' } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = run.status === 0;
  results.push({ name, ok, seconds });
  console.log(`━━ ${name}: ${ok ? 'passed' : `FAILED (exit ${run.status ?? run.signal})`} in ${seconds}s`);
}

console.log('\nSummary');
for (const r of results) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'}  ${r.name} (${r.seconds}s)`);
const failed = results.filter((r) => !r.ok).length;
console.log(`steps: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
