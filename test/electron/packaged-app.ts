/**
 * The packaged layout of the app, as `electron-builder --dir` leaves it in dist/ (what an
 * installer installs: main, preload and renderer inside app.asar, fuses flipped), and a way to
 * drive it.
 *
 * The installed executable itself cannot be driven: its fuses turn Node's inspector off and the
 * app refuses debugging switches (electron/launch-switches.ts), which is what any test driver
 * needs. So the packaged app.asar is run by a copy of the same Electron whose fuses match the
 * packaged one where it matters for the page — GrantFileProtocolExtraPrivileges off, so nothing
 * may lean on file:// — with only the inspector left on for the driver.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PRODUCT = 'AMI Atlas';
const EXECUTABLE = 'ami-atlas';

export interface PackagedApp {
  /** The installed executable (fuses flipped as electron-builder.config.cjs says). */
  executable: string;
  /** Its app.asar: everything the app runs. */
  asar: string;
}

function appAsarOf(executable: string): string {
  return process.platform === 'darwin'
    ? path.join(path.dirname(executable), '..', 'Resources', 'app.asar')
    : path.join(path.dirname(executable), 'resources', 'app.asar');
}

/** The unpacked app for this platform, when dist/ holds one. */
export function findPackagedApp(repoRoot: string): PackagedApp | null {
  const dist = path.join(repoRoot, 'dist');
  if (!existsSync(dist)) return null;
  for (const dir of readdirSync(dist)) {
    const base = path.join(dist, dir);
    const executable =
      process.platform === 'linux' && /^linux(-[a-z0-9]+)?-unpacked$/.test(dir)
        ? path.join(base, EXECUTABLE)
        : process.platform === 'win32' && /^win(-[a-z0-9]+)?-unpacked$/.test(dir)
          ? path.join(base, `${PRODUCT}.exe`)
          : process.platform === 'darwin' && /^mac(-[a-z0-9]+)?$/.test(dir)
            ? path.join(base, `${PRODUCT}.app`, 'Contents', 'MacOS', PRODUCT)
            : null;
    if (executable && existsSync(executable) && existsSync(appAsarOf(executable))) return { executable, asar: appAsarOf(executable) };
  }
  return null;
}

/**
 * The packaged app, made now with `electron-builder --dir` when dist/ has none or one older than
 * the build. Electron comes from the installed package (electronDist): nothing is downloaded for it.
 */
export function ensurePackagedApp(repoRoot: string, electron: { distDir: string; version: string }): PackagedApp {
  const built = path.join(repoRoot, '.vite', 'build', 'main.cjs');
  if (!existsSync(built)) throw new Error('.vite/build/main.cjs is missing: run npm run build first');
  const existing = findPackagedApp(repoRoot);
  if (existing && statSync(existing.asar).mtimeMs >= statSync(built).mtimeMs) return existing;
  const run = spawnSync(
    process.platform === 'win32' ? 'npx.cmd' : 'npx',
    ['electron-builder', '--dir', '--config', 'electron-builder.config.cjs', `-c.electronDist=${electron.distDir}`, `-c.electronVersion=${electron.version}`],
    { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' } },
  );
  if (run.status !== 0) throw new Error(`electron-builder --dir failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  const made = findPackagedApp(repoRoot);
  if (!made) throw new Error('electron-builder --dir finished, but dist/ holds no unpacked app for this platform');
  return made;
}

export interface Driver {
  /** Electron, fused like the packaged app for the page, that Playwright can drive. */
  executablePath: string;
  dispose(): void;
}

/** A copy of the installed Electron with GrantFileProtocolExtraPrivileges off, as in the packaged app. */
export async function makeDriver(electron: { distDir: string; executablePath: string }): Promise<Driver> {
  // electron-builder's own fuse library (it flips the packaged app's fuses with it).
  const { flipFuses, FuseV1Options, FuseVersion } = await import('@electron/fuses');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ami-atlas-driver-'));
  cpSync(electron.distDir, dir, { recursive: true, verbatimSymlinks: true });
  const executablePath = path.join(dir, path.relative(electron.distDir, electron.executablePath));
  const fuseTarget = process.platform === 'darwin' ? path.join(dir, 'Electron.app') : executablePath;
  await flipFuses(fuseTarget, { version: FuseVersion.V1, [FuseV1Options.GrantFileProtocolExtraPrivileges]: false, resetAdHocDarwinSignature: process.platform === 'darwin' });
  return { executablePath, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The fuse wire of an executable, by fuse name: 'enabled' or 'disabled'. */
export async function fusesOf(executable: string): Promise<Record<string, string>> {
  const { getCurrentFuseWire, FuseV1Options } = await import('@electron/fuses');
  const wire = (await getCurrentFuseWire(executable)) as unknown as Record<number, number>;
  const names = Object.entries(FuseV1Options).filter(([, v]) => typeof v === 'number') as Array<[string, number]>;
  return Object.fromEntries(names.map(([name, index]) => [name, wire[index] === 49 ? 'enabled' : wire[index] === 48 ? 'disabled' : String(wire[index])]));
}
