/**
 * A process that starts an export and is stopped in the middle of it (run by
 * export-partials.test.ts): `exit` calls process.exit, `signal` waits for the parent's SIGINT with
 * the CLI's signal handling. It prints "started" once the temporary file holds some bytes.
 */
import { writeAtomically } from '../../electron/core/inventory/export-file';
import { exitOnSignals } from '../../electron/cli/exit-on-signals';

const [how, file] = process.argv.slice(2) as ['exit' | 'signal', string];
if (how === 'signal') exitOnSignals();

void writeAtomically(file, async (out) => {
  await new Promise<void>((resolve) => out.write('imageId\r\n', () => resolve()));
  process.stdout.write('started\n');
  if (how === 'exit') process.exit(0);
  setInterval(() => {}, 1000); // the rest of the rows never come
  await new Promise(() => {});
});
