/**
 * Starts the built app in real Electron (after `npm run build`) and checks the window comes up
 * locked down and rendered. Runs wherever the Electron binary is installed; elsewhere it is
 * reported as skipped, never as passed. On Linux without a display, run it under xvfb-run.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { SKIP_MESSAGE, findElectronBinary } from './electron-binary';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const mainBundle = path.join(repoRoot, '.vite', 'build', 'main.cjs');
const binary = findElectronBinary();

test.skip(!binary.installed, SKIP_MESSAGE);

let app: ElectronApplication;
let page: Page;
let userData: string;

test.beforeAll(async () => {
  if (!binary.installed) return;
  if (!existsSync(mainBundle)) throw new Error(`${path.relative(repoRoot, mainBundle)} is missing: run npm run build first`);
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    throw new Error('No display for Electron: run this under xvfb-run (e.g. xvfb-run -a npm run test:electron)');
  }
  // A throw-away profile: the smoke test must not see or change the user's accounts.
  userData = mkdtempSync(path.join(os.tmpdir(), 'ami-atlas-smoke-'));
  app = await electron.launch({
    executablePath: binary.executablePath,
    args: [mainBundle, `--user-data-dir=${userData}`],
    cwd: repoRoot,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  page = await app.firstWindow();
});

test.afterAll(async () => {
  await app?.close();
  if (userData) rmSync(userData, { recursive: true, force: true });
});

test('opens the AMI Atlas window with the welcome screen or the account sidebar', async () => {
  await expect(page).toHaveTitle('AMI Atlas');
  const windowTitle = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle());
  expect(windowTitle).toBe('AMI Atlas');

  const demoButton = page.getByRole('button', { name: 'Open demo workspace' });
  const sidebar = page.getByRole('navigation', { name: 'Clients and accounts' });
  await expect(demoButton.or(sidebar).first()).toBeVisible();
});

test('the page has the bridge and no Node', async () => {
  const globals = await page.evaluate(() => ({
    atlas: typeof (globalThis as { atlas?: unknown }).atlas,
    require: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
  }));
  expect(globals).toEqual({ atlas: 'object', require: 'undefined', process: 'undefined' });
});
