/**
 * The packaged app (`electron-builder --dir`: app.asar, fuses flipped) in real Electron: its
 * fuses say no file:// privileges; its window appears, loads the page from app://atlas (out of
 * app.asar, with the security headers), shows the welcome screen with the bridge and without
 * Node, and with a damaged data file shows the recovery screen instead of nothing. Runs wherever
 * the Electron binary is installed (the app is packaged first when dist/ has no current one);
 * elsewhere it is reported as skipped, never as passed. On Linux without a display, run it under
 * xvfb-run. See packaged-app.ts for why the app.asar is driven by a fused copy of Electron.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { SKIP_MESSAGE, findElectronBinary } from './electron-binary';
import { ensurePackagedApp, fusesOf, makeDriver, type Driver, type PackagedApp } from './packaged-app';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const binary = findElectronBinary();

test.skip(!binary.installed, SKIP_MESSAGE);
test.describe.configure({ mode: 'serial' });

let packaged: PackagedApp;
let driver: Driver | undefined;
let app: ElectronApplication | undefined;
const profiles: string[] = [];

/** A throw-away profile: the smoke test must not see or change the user's accounts. */
function profile(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ami-atlas-smoke-'));
  profiles.push(dir);
  return dir;
}

async function launch(userData: string): Promise<Page> {
  app = await electron.launch({ executablePath: driver!.executablePath, args: [packaged.asar, `--user-data-dir=${userData}`], cwd: os.tmpdir() });
  return app.firstWindow();
}

test.beforeAll(async () => {
  if (!binary.installed) return;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    throw new Error('No display for Electron: run this under xvfb-run (e.g. xvfb-run -a npm run test:electron)');
  }
  test.setTimeout(10 * 60_000); // packaging, when dist/ has no current app
  packaged = ensurePackagedApp(repoRoot, binary);
  driver = await makeDriver(binary);
});

test.afterEach(async () => {
  await app?.close();
  app = undefined;
});

test.afterAll(() => {
  driver?.dispose();
  for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
});

test('the packaged executable has no file:// privileges and no inspector', async () => {
  const fuses = await fusesOf(packaged.executable);
  expect(fuses).toMatchObject({ GrantFileProtocolExtraPrivileges: 'disabled', EnableNodeCliInspectArguments: 'disabled', RunAsNode: 'disabled', OnlyLoadAppFromAsar: 'enabled' });
  expect((await fusesOf(driver!.executablePath)).GrantFileProtocolExtraPrivileges).toBe('disabled');
});

test('the window appears with the welcome screen, loaded from app://atlas out of app.asar', async () => {
  const page = await launch(profile());
  await expect(page).toHaveURL('app://atlas/index.html');
  await expect(page).toHaveTitle('AMI Atlas');
  await expect(page.getByRole('button', { name: 'Open demo workspace' })).toBeVisible();
  const win = await app!.evaluate(({ BrowserWindow }) => {
    const w = BrowserWindow.getAllWindows()[0];
    return w ? { title: w.getTitle(), visible: w.isVisible() } : null;
  });
  expect(win).toEqual({ title: 'AMI Atlas', visible: true });
});

test('the page has the bridge and no Node, and its files come with the security headers', async () => {
  const page = await launch(profile());
  await expect(page.getByRole('button', { name: 'Open demo workspace' })).toBeVisible();
  const seen = await page.evaluate(async () => {
    const res = await fetch('/index.html');
    const outside = await fetch('/..%2f..%2fpackage.json').then((r) => r.status);
    return {
      atlas: typeof (globalThis as { atlas?: unknown }).atlas,
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      csp: res.headers.get('content-security-policy'),
      nosniff: res.headers.get('x-content-type-options'),
      outside,
    };
  });
  expect(seen).toMatchObject({ atlas: 'object', require: 'undefined', process: 'undefined', nosniff: 'nosniff', outside: 403 });
  expect(seen.csp).toContain("script-src 'self'");
});

test('a damaged data file opens the recovery screen, not an empty or invisible window', async () => {
  const userData = profile();
  writeFileSync(path.join(userData, 'atlas.sqlite'), 'This was a database once. '.repeat(400));
  const page = await launch(userData);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('atlas.sqlite is no longer a database');
  await expect(page.getByTestId('recovery-screen')).toContainText(userData);
  expect(await app!.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isVisible())).toBe(true);
  await page.getByRole('button', { name: 'Start fresh' }).click();
  await expect(page.getByRole('button', { name: 'Open demo workspace' })).toBeVisible();
});
