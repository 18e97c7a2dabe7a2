/**
 * The `ami-atlas` command: headless commands over the same core as the desktop app.
 * Today: `ami-atlas inventory export` (see `--help`).
 */
import { parseCliArgs, USAGE } from './cli/args';
import { exitOnSignals } from './cli/exit-on-signals';
import { askMfaOnTerminal, EXIT, runInventoryExport } from './cli/run';
import { installLastResort } from './core/faults';

// node:sqlite announces itself as experimental on every start; a CLI's stderr is for progress.
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warning.name !== 'ExperimentalWarning') process.stderr.write(`${warning.name}: ${warning.message}\n`);
});

// A failure nobody waits for is said in one line, and the run ends as unusable rather than with
// a raw stack trace (or, worse, looking like success).
installLastResort((what, error) => {
  process.stderr.write(`ami-atlas: ${what} failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = EXIT.unusable;
  // An exception thrown out of nowhere leaves the run in an unknown state: stop (temporary
  // export files are removed on exit).
  if (what === 'the app') process.exit(EXIT.unusable);
});

// Ctrl+C during an export leaves no temporary file behind.
exitOnSignals();

async function main(argv: string[]): Promise<number> {
  const parsed = parseCliArgs(argv);
  switch (parsed.kind) {
    case 'help':
      process.stdout.write(USAGE);
      return EXIT.ok;
    case 'usage-error':
      process.stderr.write(`ami-atlas: ${parsed.message}\n\n${USAGE}`);
      return EXIT.usage;
    case 'export':
      return runInventoryExport(parsed.args, { stdout: process.stdout, stderr: process.stderr, askMfa: askMfaOnTerminal });
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`ami-atlas: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = EXIT.unusable;
  },
);
