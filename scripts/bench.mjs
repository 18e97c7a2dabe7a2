// `npm run bench`: builds the renderer (the grid benchmark drives the built app), then runs
// test/bench/run.ts under tsx. Not part of `npm test`: it takes minutes and its figures depend
// on the machine. Arguments pass through, e.g. `npm run bench -- --only scan --full`;
// `--no-build` skips the build when .vite is fresh.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const build = !args.includes('--no-build');
const passOn = args.filter((a) => a !== '--no-build');

function run(command, commandArgs) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

if (build) {
  const code = await run(process.execPath, ['scripts/build.mjs']);
  if (code !== 0) process.exit(code);
}
// SQLite in Node prints an experimental warning in every process; it says nothing about the figures.
process.exit(await run(process.execPath, ['--disable-warning=ExperimentalWarning', '--import', 'tsx', 'test/bench/run.ts', ...passOn]));
