/**
 * Accounts from IAM Identity Center in the real renderer, against the emulator's access portal:
 * sign in through the portal's own verification page (in a separate browser, as the system
 * browser is to the app), pick accounts by filter and role, add them → they appear under their
 * client, Ctrl+K finds them; the portal then drops one and adds two → a look offers exactly the
 * two and flags the one, and nothing is deleted. The AWS config keeps what the user wrote.
 */
import { approveSignIn, expect, test, type Page } from './fixtures';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { startPreview, type RunningPreview } from '../../electron/preview/server';

test.describe.configure({ mode: 'serial' });

const rendererDir = fileURLToPath(new URL('../../.vite/renderer/main_window', import.meta.url));
const HAND_WRITTEN = '# my own\n[profile build]\nregion = eu-west-1\n';
let emulator: RunningEmulator;
let preview: RunningPreview;
let home: string;
let configFile: string;
const opened: string[] = [];
const savedHome = process.env.HOME;

/** With UPDATE_SCREENSHOTS set: the docs' (light) screenshot, and a dark one to look at beside it. */
const shot = async (page: Page, name: string) => {
  if (!process.env.UPDATE_SCREENSHOTS) return;
  await page.screenshot({ path: fileURLToPath(new URL(`../../docs/screenshots/${name}.png`, import.meta.url)) });
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await page.screenshot({ path: fileURLToPath(new URL(`../../test-results/discovery-sso/${name}-dark.png`, import.meta.url)) });
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: null });
};

test.beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'atlas-e2e-sso-'));
  // The token goes to ~/.aws/sso/cache of this home, as for the AWS CLI.
  process.env.HOME = home;
  emulator = await startEmulator({ port: 0, ssoDirectory: { accounts: 24 } });
  configFile = path.join(home, 'config');
  await writeFile(configFile, HAND_WRITTEN);
  const credentialsFile = path.join(home, 'credentials');
  await writeFile(credentialsFile, '');
  preview = await startPreview({
    rendererDir,
    startDemoWorld: async () => {
      throw new Error('the demo is not used here');
    },
    profileFiles: { configFile, credentialsFile },
    openUrl: (url) => void opened.push(url),
  });
});

test.afterAll(async () => {
  await preview?.close();
  await emulator?.close();
  await rm(home, { recursive: true, force: true });
  process.env.HOME = savedHome;
});

test('sign in to a portal, pick accounts by role, add them under a client; a later look offers what is new', async ({ page, browser }) => {
  await page.goto(preview.url);
  await page.getByTestId('welcome-sso').click();
  const dialog = page.getByTestId('sso-discovery-dialog');
  await expect(dialog).toBeVisible();

  // Words, not schema text, for a start URL that is not one.
  await dialog.getByLabel('Start URL').fill('my-org.awsapps.com/start');
  await dialog.getByTestId('portal-connect').click();
  await expect(dialog.getByText('The start URL begins with https://')).toBeVisible();
  await expect(dialog.getByLabel('Start URL')).toBeFocused();

  await dialog.getByLabel('Start URL').fill(emulator.sso.startUrl);
  await dialog.getByLabel('SSO region').fill(emulator.sso.region);
  await dialog.getByLabel('Client', { exact: true }).fill('Directory Co');
  await dialog.getByLabel('Endpoint (optional)').fill(emulator.url);
  await dialog.getByTestId('portal-connect').click();

  // No token yet: the device sign-in, approved in the user's own browser.
  const card = dialog.getByTestId('portal-card');
  await expect(card).toHaveAttribute('data-phase', 'signing-in');
  const userCode = ((await card.getByTestId('sso-user-code').textContent()) ?? '').trim();
  expect(userCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  await shot(page, 'sso-discovery-sign-in');
  await expect.poll(() => opened.length).toBeGreaterThan(0);
  await approveSignIn(browser, opened.at(-1)!, userCode);

  // Every account of the portal with its roles.
  await expect(card).toHaveAttribute('data-phase', 'ready', { timeout: 15_000 });
  const rows = dialog.getByTestId('directory-row');
  await expect(rows).toHaveCount(emulator.sso.accounts.length);
  await shot(page, 'sso-discovery');

  // Filter to nine directory accounts, then every shown account with ReadOnlyAccess.
  await dialog.getByTestId('directory-filter').fill('directory-00');
  await expect(rows).toHaveCount(9);
  await dialog.getByTestId('directory-role').selectOption('ReadOnlyAccess');
  await dialog.getByTestId('directory-select-role').click();
  // One more, found by its id, with a separate role for changes.
  const extra = emulator.sso.accounts.find((a) => a.accountName === 'directory-010')!;
  await dialog.getByTestId('directory-filter').fill(extra.accountId);
  await expect(rows).toHaveCount(1);
  await dialog.getByLabel(`Add ${extra.accountName}`).check();
  await dialog.getByLabel(`Write role for ${extra.accountName}`).selectOption('AdministratorAccess');
  await dialog.getByTestId('directory-filter').fill('');
  await expect(rows).toHaveCount(emulator.sso.accounts.length);
  await expect(dialog.getByTestId('directory-add')).toHaveText('Add 10 accounts');
  await expect(dialog).toContainText('Writes 11 profiles to your AWS config');
  await dialog.getByTestId('directory-add').click();

  const results = dialog.getByTestId('sso-add-result');
  await expect(results).toHaveCount(10, { timeout: 30_000 });
  await expect(dialog.locator('[data-testid="sso-add-result"][data-state="verified"]')).toHaveCount(10);
  await dialog.getByRole('button', { name: 'Done' }).click();

  // Under their client in the sidebar; Ctrl+K finds one among them.
  const client = page.locator('[data-testid="client-row"]', { hasText: 'Directory Co' });
  await expect(client).toBeVisible();
  await expect(page.getByTestId('account-item')).toHaveCount(10);
  // The sidebar's filter finds them by name, and by id.
  await page.getByTestId('sidebar-filter').fill('directory-00');
  await expect(page.getByTestId('account-item')).toHaveCount(9);
  await page.getByTestId('sidebar-filter').fill(extra.accountId);
  await expect(page.getByTestId('account-item')).toHaveCount(1);
  await page.getByTestId('sidebar-filter').fill('');
  await expect(page.getByTestId('account-item')).toHaveCount(10);
  await page.keyboard.press('Control+k');
  await expect(page.getByTestId('quick-switcher')).toBeVisible();
  await page.getByLabel('Switch account').fill('directory-007');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('current-account')).toContainText('directory-007');

  // The user's own profile and comment are untouched; the generated ones are there.
  const config = await readFile(configFile, 'utf8');
  expect(config.startsWith(HAND_WRITTEN)).toBe(true);
  expect(config.match(/^\[profile directory-0\d\d\.ReadOnlyAccess\]/gm)).toHaveLength(10);
  expect(config).toContain(`[profile ${extra.accountName}.AdministratorAccess]`);

  // The portal changes: one added account dropped, two new ones.
  const dropped = emulator.sso.accounts.find((a) => a.accountName === 'directory-003')!;
  emulator.sso.removeAccounts([dropped.accountId]);
  const joined = emulator.sso.addAccounts(2);
  await page.getByRole('button', { name: 'Add account' }).click();
  await page.getByTestId('bulk-add-links').getByRole('button', { name: 'From IAM Identity Center…' }).click();
  const changes = dialog.getByTestId('portal-changes');
  await changes.getByTestId('portal-look-again').click();
  await expect(changes.getByTestId('portal-offered')).toContainText('2 accounts with new roles (6 roles)');
  await expect(changes.getByTestId('portal-removed')).toHaveCount(1);
  await expect(changes.getByTestId('portal-removed')).toContainText('directory-003');
  await shot(page, 'sso-changes');
  // Review: the portal is read again and only what is new is listed.
  await changes.getByRole('button', { name: 'Review' }).click();
  await expect(card).toHaveAttribute('data-phase', 'ready', { timeout: 15_000 });
  await expect(rows).toHaveCount(2);
  expect((await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-account-id')))).sort()).toEqual(joined.map((a) => a.accountId).sort());
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // Flagged in the status bar, deleted nowhere.
  await expect(page.getByTestId('portal-changes-indicator')).toHaveText('IAM Identity Center: 2 new · 1 gone');
  await expect(page.getByTestId('account-item')).toHaveCount(10);
  // Dismissed offers are not made again.
  await page.getByTestId('portal-changes-indicator').click();
  await changes.getByRole('button', { name: 'Dismiss' }).click();
  await expect(changes.getByTestId('portal-offered')).toHaveCount(0);
  await changes.getByTestId('portal-look-again').click();
  await expect(changes).toContainText('nothing new');
  await expect(changes.getByTestId('portal-removed')).toHaveCount(1);
});
