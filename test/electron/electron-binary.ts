/**
 * Finds the Electron executable the `electron` package installed, without side effects.
 * (`require('electron')` itself tries to download the binary when it is missing, which is slow,
 * needs the network, and is not what a check should do.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export const SKIP_MESSAGE = 'Electron binary not installed here: electron smoke test skipped';

export type ElectronBinary =
  | {
      installed: true;
      executablePath: string;
      /** The folder electron-builder takes Electron from (its `electronDist`), so packaging downloads nothing. */
      distDir: string;
      version: string;
    }
  | { installed: false; reason: string };

export function findElectronBinary(): ElectronBinary {
  let packageDir: string;
  try {
    packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  } catch {
    return { installed: false, reason: 'the electron package is not installed' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  // Same lookup as the electron package's index.js, including its override variable.
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const executablePath = override
    ? path.join(override, relative || 'electron')
    : relative
      ? path.join(packageDir, 'dist', relative)
      : '';
  if (!executablePath) return { installed: false, reason: 'the electron package has no binary (path.txt is missing)' };
  if (!existsSync(executablePath)) return { installed: false, reason: `${executablePath} does not exist` };
  const distDir = override ?? path.join(packageDir, 'dist');
  const version = (JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string }).version;
  return { installed: true, executablePath, distDir, version };
}
