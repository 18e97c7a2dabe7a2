/**
 * A damaged data file in the real renderer: the app opens on a recovery screen that says what
 * happened (the file's name and folder) instead of nothing, restores the last automatic backup
 * — the account is back and reads AWS with the key still in the keychain — or starts fresh from
 * the keyboard; either way the damaged file is kept beside it, renamed.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { AccountRegistry, secretKeyFor } from '../../electron/core/accounts/registry';
import { MemorySecretStore } from '../../electron/core/accounts/secret-store';
import { openDatabase } from '../../electron/core/db/database';
import { makeBackup } from '../../electron/core/db/recovery';
import { startPreview, type RunningPreview } from '../../electron/preview/server';
import { rendererDir } from './demo-fixture';
import { expect, test } from './fixtures';

test.describe.configure({ mode: 'serial' });

const GARBAGE = Buffer.from('This was a database once. '.repeat(400));

let emulator: RunningEmulator;
let dir: string;
let file: string;
let preview: RunningPreview | undefined;
// Stands in for the OS keychain, which outlives the app's files.
let keychain: MemorySecretStore;

test.beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});

test.afterAll(async () => {
  await emulator?.close();
});

test.beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'atlas-recovery-e2e-'));
  file = path.join(dir, 'atlas.sqlite');
  keychain = new MemorySecretStore();
});

test.afterEach(async () => {
  await preview?.close();
  preview = undefined;
  rmSync(dir, { recursive: true, force: true });
});

async function open(): Promise<RunningPreview> {
  preview = await startPreview({
    rendererDir,
    databaseFile: file,
    secrets: keychain,
    startDemoWorld: async () => {
      throw new Error('the demo is not used here');
    },
  });
  return preview;
}

/** The user's data as the app left it: one account of the emulator world, its key in the keychain. */
async function seedAccount(): Promise<string> {
  const identity = emulator.identities.find((i) => i.accountName === 'globex-dev')!;
  const db = openDatabase(file);
  const registry = new AccountRegistry(db);
  const client = registry.ensureClient('Globex');
  const account = registry.addAccount({ name: 'globex build', clientId: client.id, defaultRegion: identity.defaultRegion, endpoint: emulator.url, awsAccountId: identity.accountId });
  const accessPath = registry.addPath(account.id, { kind: 'access-key', accessKeyId: identity.accessKeyId, endpoint: emulator.url });
  db.close();
  await keychain.set(secretKeyFor(accessPath.id), identity.secretAccessKey);
  return account.id;
}

const keptAside = () => readdirSync(dir).filter((n) => /^atlas\.damaged-.*\.sqlite$/.test(n));

test('a file that is no longer a database: the recovery screen restores the last backup and the app opens with the account', async ({ page }) => {
  const accountId = await seedAccount();
  await makeBackup(file, 'before-update');
  const latest = await makeBackup(file, 'daily', { now: () => new Date(Date.now() + 60_000) });
  writeFileSync(file, GARBAGE);
  rmSync(`${file}-wal`, { force: true });
  rmSync(`${file}-shm`, { force: true });
  await open();

  await page.goto(preview!.url);
  const screen = page.getByTestId('recovery-screen');
  await expect(screen.getByRole('heading', { level: 1 })).toHaveText('atlas.sqlite is no longer a database');
  await expect(screen).toContainText('That file no longer holds a database');
  await expect(screen).toContainText(dir);
  await expect(screen).toContainText('is not deleted: it is renamed atlas.damaged-‹date and time›.sqlite');
  await expect(screen).toContainText('Secret access keys stay in your system keychain');
  // Both backups are offered, the latest chosen.
  const backups = screen.getByRole('radio');
  await expect(backups).toHaveCount(2);
  await expect(screen.getByRole('radio', { checked: true })).toHaveValue(latest.name);
  await expect(screen.getByText('latest')).toBeVisible();

  await screen.getByRole('button', { name: /^Restore the backup from / }).click();

  // The app, with the account from the backup; it reads AWS with the key the keychain kept.
  await expect(page.getByTestId('recovery-screen')).toBeHidden();
  const account = page.locator(`[data-testid="account-item"][data-account-id="${accountId}"]`);
  await expect(account).toContainText('globex build');
  const notice = page.getByTestId('recovered-notice');
  await expect(notice).toContainText('Restored the backup from');
  const [kept] = keptAside();
  expect(kept).toMatch(/^atlas\.damaged-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.sqlite$/);
  await expect(notice).toContainText(`The old file is kept as ${kept} in ${dir}`);
  expect(readFileSync(path.join(dir, kept!))).toEqual(GARBAGE);
  await account.click();
  await expect(page.getByTestId('ami-row').first()).toBeVisible();
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toBeHidden();
});

test('a damaged database with no backup: start fresh from the keyboard and land on the welcome screen', async ({ page }) => {
  // A real database of the current layout, then pages in its middle overwritten.
  const db = openDatabase(file);
  db.exec('CREATE TABLE filler (x TEXT); CREATE INDEX filler_x ON filler (x);');
  const insert = db.prepare('INSERT INTO filler VALUES (?)');
  for (let i = 0; i < 3000; i++) insert.run(`row ${i} ${'.'.repeat(60)}`);
  db.close();
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(4096 * 4, 0x5a), 0, 4096 * 4, 4096 * 6);
  closeSync(fd);
  const damaged = readFileSync(file);
  await open();

  await page.goto(preview!.url);
  const screen = page.getByTestId('recovery-screen');
  const title = screen.getByRole('heading', { level: 1 });
  await expect(title).toHaveText('atlas.sqlite is damaged');
  await expect(screen).toContainText('There is no automatic backup to restore');
  await expect(screen).toContainText(path.join(dir, 'backups'));
  // The title has focus; Tab reaches the choice, Enter makes it.
  await expect(title).toBeFocused();
  const fresh = screen.getByRole('button', { name: 'Start fresh' });
  for (let i = 0; i < 10 && !(await fresh.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(fresh).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page.getByRole('button', { name: 'Open demo workspace' })).toBeVisible();
  await expect(page.getByTestId('recovered-notice')).toContainText('Started fresh');
  const [kept] = keptAside();
  await expect(page.getByTestId('recovered-notice')).toContainText(`The old file is kept as ${kept}`);
  expect(readFileSync(path.join(dir, kept!))).toEqual(damaged);
});
