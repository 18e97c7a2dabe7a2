/**
 * The packaged app refuses debugging switches (remote debugging, Node's inspector, V8 flags,
 * Chromium's launch prefixes) however Chromium would read them, and exits saying why; unpackaged
 * (npm start) they are allowed. electron/main.ts asks first, and the packaging check insists on the
 * fuses that close Node's own doors.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REFUSED_SWITCHES, refuseDebugSwitches, refusedSwitchesIn } from '../../electron/launch-switches';

const root = fileURLToPath(new URL('../..', import.meta.url));
const EXE = '/opt/AMI Atlas/ami-atlas';

/** What refuseDebugSwitches did: the exit status it asked for (null: none) and what it said. */
function launch(args: string[], packaged = true, platform: NodeJS.Platform = 'linux'): { exit: number | null; said: string } {
  let exit: number | null = null;
  let said = '';
  class Exited extends Error {}
  try {
    refuseDebugSwitches({
      packaged,
      platform,
      argv: [EXE, ...args],
      say: (line) => (said += line),
      exit: (code) => {
        exit = code;
        throw new Exited();
      },
    });
  } catch (error) {
    if (!(error instanceof Exited)) throw error;
  }
  return { exit, said };
}

describe('debugging switches', () => {
  it('are refused by the packaged app: it exits 2 naming them', () => {
    for (const args of [
      ['--remote-debugging-port=9222'],
      ['--remote-debugging-pipe'],
      ['--inspect'],
      ['--inspect=0.0.0.0:9229'],
      ['--inspect-brk=9229'],
      ['--inspect-port=9229'],
      ['--js-flags=--allow-natives-syntax'],
      ['--renderer-cmd-prefix=/bin/sh -c id'],
      ['--gpu-launcher=calc.exe'],
      ['--remote-allow-origins=*'],
      ['some-file.csv', '--debug=5858'],
    ]) {
      const { exit, said } = launch(args);
      expect(exit, args.join(' ')).toBe(2);
      expect(said).toContain(args.find((a) => a.startsWith('--'))!.split('=')[0]);
      expect(said).toMatch(/AWS credentials/);
    }
  });

  it('are found however Chromium reads them: one dash, any case, and / on Windows', () => {
    expect(refusedSwitchesIn(['-remote-debugging-port=9222'], 'linux')).toEqual(['-remote-debugging-port']);
    expect(refusedSwitchesIn(['--Remote-Debugging-Port=9222', '--INSPECT'], 'win32')).toEqual(['--Remote-Debugging-Port', '--INSPECT']);
    expect(refusedSwitchesIn(['/remote-debugging-port=9222', '/inspect'], 'win32')).toEqual(['/remote-debugging-port', '/inspect']);
    // A path is a path where / does not start switches.
    expect(refusedSwitchesIn(['/inspect'], 'linux')).toEqual([]);
    // Every listed switch, with and without a value.
    for (const name of REFUSED_SWITCHES) {
      expect(refusedSwitchesIn([`--${name}`]), name).toHaveLength(1);
      expect(refusedSwitchesIn([`--${name}=1`]), name).toHaveLength(1);
    }
  });

  it('leave other switches and arguments alone', () => {
    for (const args of [[], ['--no-sandbox'], ['--enable-features=WaylandWindowDecorations', '--ozone-platform-hint=auto'], ['-psn_0_12345'], ['--inspection-report'], ['--', 'file.csv'], ['--debugging-tips']]) {
      expect(launch(args), args.join(' ')).toEqual({ exit: null, said: '' });
    }
  });

  it('are allowed when the app runs unpackaged (npm start)', () => {
    expect(launch(['--remote-debugging-port=9222', '--inspect'], false)).toEqual({ exit: null, said: '' });
  });

  it('are checked by electron/main.ts before anything else, and the module stays free of electron', () => {
    const main = readFileSync(path.join(root, 'electron', 'main.ts'), 'utf8');
    const call = main.indexOf('refuseDebugSwitches({ packaged: app.isPackaged });');
    expect(call).toBeGreaterThan(0);
    // Before any other statement of main.ts runs (the imports above it only define things).
    const firstStatement = main.slice(0, call).split('\n').filter((line) => line.trim() && !/^(import |\/\/|\/\*\*| \*)/.test(line.trim()) && !line.trim().startsWith('*'));
    expect(firstStatement).toEqual([]);
    expect(readFileSync(path.join(root, 'electron', 'launch-switches.ts'), 'utf8')).not.toMatch(/from 'electron'|require\('electron'\)/);
  });
});

describe('the packaging check', () => {
  // Three runs of the check script: seconds on a busy machine.
  it("fails when a fuse would let the shipped binary take Node's --inspect or NODE_OPTIONS", { timeout: 60_000 }, () => {
    const copy = mkdtempSync(path.join(os.tmpdir(), 'atlas-fuses-'));
    try {
      for (const name of ['package.json', 'build']) cpSync(path.join(root, name), path.join(copy, name), { recursive: true });
      const config = readFileSync(path.join(root, 'electron-builder.config.cjs'), 'utf8');
      const run = () => spawnSync(process.execPath, [path.join(root, 'scripts', 'check-builder-config.mjs'), '--root', copy], { encoding: 'utf8' });

      writeFileSync(path.join(copy, 'electron-builder.config.cjs'), config);
      expect(run().status).toBe(0);

      writeFileSync(path.join(copy, 'electron-builder.config.cjs'), config.replace('enableNodeCliInspectArguments: false', 'enableNodeCliInspectArguments: true'));
      const inspect = run();
      expect(inspect.status).toBe(1);
      expect(inspect.stderr).toContain('electronFuses.enableNodeCliInspectArguments must be false, is true');

      writeFileSync(path.join(copy, 'electron-builder.config.cjs'), config.replace(/\n {2}electronFuses: \{[^}]*\},/, ''));
      const none = run();
      expect(none.status).toBe(1);
      expect(none.stderr).toContain('electronFuses is not set');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
