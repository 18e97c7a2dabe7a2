/**
 * The `ami-atlas` command: headless commands over the same core as the desktop app:
 * `ami-atlas inventory export`, `ami-atlas cleanup plan` and `ami-atlas sso populate` (see `--help`).
 */
import { parseCliArgs, USAGE } from './cli/args';
import { CLEANUP_USAGE, parseCleanupArgs } from './cli/cleanup-args';
import { runCleanupPlan } from './cli/cleanup-plan';
import { exitOnSignals } from './cli/exit-on-signals';
import { askMfaOnTerminal, EXIT, runInventoryExport } from './cli/run';
import { parseSsoArgs, SSO_USAGE } from './cli/sso-args';
import { runSsoPopulate } from './cli/sso-populate';
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
  if (argv[0] === 'sso') {
    const sso = parseSsoArgs(argv);
    if (sso.kind === 'help') {
      process.stdout.write(SSO_USAGE);
      return EXIT.ok;
    }
    if (sso.kind === 'usage-error') {
      process.stderr.write(`ami-atlas: ${sso.message}\n\n${SSO_USAGE}`);
      return EXIT.usage;
    }
    return runSsoPopulate(sso.args, { stdout: process.stdout, stderr: process.stderr });
  }
  if (argv[0] === 'cleanup') {
    const cleanup = parseCleanupArgs(argv);
    if (cleanup.kind === 'help') {
      process.stdout.write(CLEANUP_USAGE);
      return EXIT.ok;
    }
    if (cleanup.kind === 'usage-error') {
      process.stderr.write(`ami-atlas: ${cleanup.message}\n\n${CLEANUP_USAGE}`);
      return EXIT.usage;
    }
    return runCleanupPlan(cleanup.args, { stdout: process.stdout, stderr: process.stderr, askMfa: askMfaOnTerminal });
  }
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
