/**
 * The packaged app refuses command-line switches that would let another program look inside it
 * or run code in it — it holds AWS secrets: remote debugging (DevTools over a port or a pipe),
 * Node's inspector, V8 flags, and Chromium's launch prefixes that run any command as a child
 * process. It exits with a message before anything else happens. Run unpackaged (development),
 * they are allowed. No `electron` import, so it is unit-tested as it is; electron/main.ts calls it
 * first. The electron fuses (electron-builder.config.cjs: EnableNodeCliInspectArguments,
 * EnableNodeOptionsEnvironmentVariable and RunAsNode off) close the Node-side doors as well.
 */

/** Switch names as Chromium and Node read them (without dashes, lower case). */
export const REFUSED_SWITCHES: readonly string[] = [
  // DevTools protocol from outside
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'remote-debugging-io-pipes',
  'remote-allow-origins',
  'auto-open-devtools-for-tabs',
  // Node's inspector
  'inspect',
  'inspect-brk',
  'inspect-brk-node',
  'inspect-port',
  'inspect-wait',
  'inspect-publish-uid',
  'debug',
  'debug-brk',
  'debug-port',
  // V8 flags (natives syntax, inspector, snapshots…)
  'js-flags',
  // Commands Chromium runs in front of its child processes
  'renderer-cmd-prefix',
  'gpu-launcher',
  'utility-cmd-prefix',
  'browser-subprocess-path',
  'ppapi-plugin-launcher',
];

const REFUSED = new Set(REFUSED_SWITCHES);

/**
 * The refused switches in `args` (the command line after the executable), as given. Chromium
 * reads switches written with "--" or "-" (and "/" on Windows, where names are not case
 * sensitive), with or without "=value"; so are they read here, everywhere on the line.
 */
export function refusedSwitchesIn(args: readonly string[], platform: NodeJS.Platform = process.platform): string[] {
  const found: string[] = [];
  for (const arg of args) {
    const match = (platform === 'win32' ? /^(?:--?|\/)([^=]+)/ : /^--?([^=]+)/).exec(arg);
    if (match && REFUSED.has(match[1]!.toLowerCase())) found.push(arg.split('=')[0]!);
  }
  return found;
}

export interface LaunchCheck {
  /** app.isPackaged: an installed build, not `npm start`. */
  packaged: boolean;
  argv?: readonly string[];
  platform?: NodeJS.Platform;
  exit?: (code: number) => never;
  say?: (line: string) => void;
}

/** Exits (status 2) when the packaged app was started with a refused switch; returns otherwise. */
export function refuseDebugSwitches(check: LaunchCheck): void {
  if (!check.packaged) return;
  const argv = check.argv ?? process.argv;
  // argv[0] is the executable; a packaged app has no script argument after it.
  const found = [...new Set(refusedSwitchesIn(argv.slice(1), check.platform))];
  if (found.length === 0) return;
  const say = check.say ?? ((line: string) => process.stderr.write(`${line}\n`));
  say(
    `AMI Atlas does not start with ${found.join(', ')}: debugging switches would let other programs ` +
      'read the AWS credentials it holds. Start it without them (they work when running from source, npm start).',
  );
  (check.exit ?? ((code: number) => process.exit(code)))(2);
}
