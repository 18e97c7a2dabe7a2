/**
 * The sidebar at scale, in the real renderer through the preview bridge: 500 accounts in 50
 * clients (written through the core's account registry; nothing reaches AWS). The filter
 * narrows to the right accounts (name, alias, id with dashes or spaces, client), folded clients
 * stay folded after a reload, arrow keys and Enter switch accounts, an account far down chosen
 * with Ctrl+K is opened and scrolled into view, Tab leaves the tree for the main area at once,
 * and Ctrl+K finds any of the 500.
 */
import { expect, test, type Page } from './fixtures';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AccountSummary, Workspace } from '../../shared/model';
import { startPreview, type RunningPreview } from '../../electron/preview/server';
import { groupAccounts, orderedAccounts } from '../../renderer/lib/workspace';
import { formatAccountId } from '../../renderer/lib/format';
import { manyAccountsWorld, seedManyAccounts } from '../fixtures/many-accounts';

test.describe.configure({ mode: 'serial' });

const rendererDir = fileURLToPath(new URL('../../.vite/renderer/main_window', import.meta.url));
let dir: string;
let preview: RunningPreview;
let workspace: Workspace;

/** With UPDATE_SCREENSHOTS set, the docs' screenshots are taken along the way. */
const shot = async (page: Page, name: string) => {
  if (process.env.UPDATE_SCREENSHOTS) await page.screenshot({ path: fileURLToPath(new URL(`../../docs/screenshots/${name}.png`, import.meta.url)) });
};

const filter = (page: Page) => page.getByTestId('sidebar-filter');
const accountItem = (page: Page, id: string) => page.locator(`[data-testid="account-item"][data-account-id="${id}"]`);
const clientRow = (page: Page, id: string) => page.locator(`[data-testid="client-row"][data-client-id="${id}"]`);
const byName = (name: string): AccountSummary => workspace.accounts.find((a) => a.name === name)!;
const clientOf = (account: AccountSummary) => workspace.clients.find((c) => c.id === account.clientId)!;
/** The account ids the sidebar draws now (the tree is virtualized: filter first to see them all). */
const drawnIds = (page: Page) => page.getByTestId('account-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-account-id') ?? ''));

async function open(page: Page) {
  await page.goto(preview.url);
  await expect(page.getByTestId('account-item').first()).toBeVisible();
}

test.beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'atlas-e2e-sidebar-'));
  const databaseFile = path.join(dir, 'atlas.db');
  // A closed local port: every account fails at once when used, never after a network wait.
  seedManyAccounts(databaseFile, manyAccountsWorld(50), 'http://127.0.0.1:9');
  preview = await startPreview({
    rendererDir,
    databaseFile,
    startDemoWorld: async () => {
      throw new Error('the demo is not used here');
    },
  });
  workspace = await preview.core.handlers['workspace:get']({});
  expect(workspace.accounts).toHaveLength(500);
  expect(workspace.clients).toHaveLength(50);
});

test.afterAll(async () => {
  await preview?.close();
  await rm(dir, { recursive: true, force: true });
});

test('only the rows in view are drawn; the filter narrows to the right accounts and says when nothing matches', async ({ page }) => {
  await open(page);
  const drawn = await page.getByTestId('account-item').count();
  expect(drawn).toBeGreaterThan(5);
  expect(drawn).toBeLessThan(80);
  await expect(filter(page)).toHaveAttribute('placeholder', 'Filter 500 accounts');
  await shot(page, 'sidebar-many-clients');

  // A client's name keeps all its accounts.
  const globex = workspace.clients.find((c) => c.name === 'Globex')!;
  const globexIds = workspace.accounts.filter((a) => a.clientId === globex.id).map((a) => a.id);
  await filter(page).fill('globex');
  await expect(page.getByTestId('account-item')).toHaveCount(globexIds.length);
  expect((await drawnIds(page)).sort()).toEqual([...globexIds].sort());
  await expect(page.getByTestId('sidebar-filter-status')).toHaveText(`${globexIds.length} of 500 accounts`);
  await shot(page, 'sidebar-filtered');

  // Client and account words together; an alias; the 12-digit id with dashes, with spaces, bare.
  await filter(page).fill('tyrell prod');
  await expect(page.getByTestId('account-item')).toHaveCount(1);
  await expect(accountItem(page, byName('tyrell-prod').id)).toBeVisible();
  const far = orderedAccounts(workspace).at(-3)!;
  const id = far.awsAccountId!;
  for (const typed of [formatAccountId(id), formatAccountId(id).replace(/-/g, ' '), id]) {
    await filter(page).fill(typed);
    await expect(page.getByTestId('account-item')).toHaveCount(1);
    await expect(accountItem(page, far.id)).toBeVisible();
  }
  const aliased = workspace.accounts.find((a) => a.alias && a.alias.includes('-dr-'))!;
  await filter(page).fill(aliased.alias!);
  expect(await drawnIds(page)).toContain(aliased.id);
  expect((await drawnIds(page)).every((accountId) => workspace.accounts.find((a) => a.id === accountId)!.alias?.includes(aliased.alias!))).toBe(true);

  // Nothing matches: say so, and how to get the list back.
  await filter(page).fill('no such account');
  await expect(page.getByTestId('account-item')).toHaveCount(0);
  await expect(page.getByTestId('sidebar-empty')).toContainText('No client or account matches “no such account”');
  await page.getByTestId('sidebar-empty').getByRole('button', { name: 'Clear filter' }).click();
  await expect(filter(page)).toHaveValue('');
  await expect(filter(page)).toBeFocused();
  await expect(page.getByTestId('account-item').first()).toBeVisible();

  // Typing in the tree types into the filter; Escape clears it.
  await page.getByTestId('account-item').first().focus();
  await page.keyboard.type('glob');
  await expect(filter(page)).toBeFocused();
  await expect(filter(page)).toHaveValue('glob');
  await expect(page.getByTestId('account-item')).toHaveCount(globexIds.length);
  await page.keyboard.press('Escape');
  await expect(filter(page)).toHaveValue('');
});

test('a folded client stays folded after a reload, and opens again from the keyboard', async ({ page }) => {
  await open(page);
  const [first, second] = groupAccounts(workspace);
  const client = second!.client!;
  const inside = second!.accounts[0]!;
  // The active account is in the first client; fold the second.
  await accountItem(page, first!.accounts[0]!.id).click();
  await expect(clientRow(page, client.id)).toHaveAttribute('aria-expanded', 'true');
  await expect(accountItem(page, inside.id)).toBeVisible();
  await clientRow(page, client.id).click();
  await expect(clientRow(page, client.id)).toHaveAttribute('aria-expanded', 'false');
  await expect(accountItem(page, inside.id)).toHaveCount(0);
  await shot(page, 'sidebar-folded');

  await page.reload();
  await expect(clientRow(page, client.id)).toHaveAttribute('aria-expanded', 'false');
  await expect(accountItem(page, inside.id)).toHaveCount(0);

  // Right opens it, Down enters it, Left goes back to the client and Left again folds it.
  await clientRow(page, client.id).focus();
  await page.keyboard.press('ArrowRight');
  await expect(clientRow(page, client.id)).toHaveAttribute('aria-expanded', 'true');
  await expect(clientRow(page, client.id)).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(accountItem(page, inside.id)).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(clientRow(page, client.id)).toBeFocused();
  await page.reload();
  await expect(clientRow(page, client.id)).toHaveAttribute('aria-expanded', 'true');
  await clientRow(page, client.id).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(clientRow(page, client.id)).toHaveAttribute('aria-expanded', 'false');
  await page.reload();
  await expect(clientRow(page, client.id)).toHaveAttribute('aria-expanded', 'false');
  // Opened again for the tests that follow.
  await clientRow(page, client.id).click();
  await expect(clientRow(page, client.id)).toHaveAttribute('aria-expanded', 'true');
});

test('arrow keys move through the tree and Enter switches; Home and End reach the ends', async ({ page }) => {
  await open(page);
  const ordered = orderedAccounts(workspace);
  await accountItem(page, ordered[0]!.id).click();
  await expect(page.getByTestId('current-account')).toContainText(ordered[0]!.name);
  await expect(accountItem(page, ordered[0]!.id)).toBeFocused();
  await expect(accountItem(page, ordered[0]!.id)).toHaveAttribute('aria-current', 'true');

  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(accountItem(page, ordered[2]!.id)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(accountItem(page, ordered[1]!.id)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('current-account')).toContainText(ordered[1]!.name);
  await expect(accountItem(page, ordered[1]!.id)).toHaveAttribute('aria-current', 'true');
  await expect(accountItem(page, ordered[0]!.id)).not.toHaveAttribute('aria-current', 'true');

  // End: the last account of the last client, 500 rows down, drawn and in view.
  const last = ordered.at(-1)!;
  await page.keyboard.press('End');
  await expect(accountItem(page, last.id)).toBeFocused();
  await expect(accountItem(page, last.id)).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('current-account')).toContainText(last.name);
  await page.keyboard.press('Home');
  await expect(page.getByTestId('client-row').first()).toBeFocused();
  await expect(page.getByTestId('client-row').first()).toBeInViewport();

  // Shift+F10 opens the focused account's settings, as before.
  await page.keyboard.press('ArrowDown');
  await expect(accountItem(page, ordered[0]!.id)).toBeFocused();
  await page.keyboard.press('Shift+F10');
  await expect(page.getByTestId('account-settings')).toBeVisible();
  await expect(page.getByTestId('account-settings')).toContainText(ordered[0]!.name);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('account-settings')).toBeHidden();
});

test('an account far down chosen with Ctrl+K is opened and scrolled into view, its client unfolded', async ({ page }) => {
  await open(page);
  const ordered = orderedAccounts(workspace);
  await accountItem(page, ordered[0]!.id).click();
  const target = ordered.at(-4)!;
  const client = clientOf(target);
  // Its client folded first: choosing the account must open it.
  await filter(page).fill(client.name);
  await clientRow(page, client.id).click();
  await filter(page).fill('');
  await clientRow(page, client.id).scrollIntoViewIfNeeded();
  await clientRow(page, client.id).click();
  await expect(clientRow(page, client.id)).toHaveAttribute('aria-expanded', 'false');
  await page.getByTestId('client-row').first().scrollIntoViewIfNeeded();
  await expect(accountItem(page, target.id)).toHaveCount(0);

  await page.keyboard.press('Control+k');
  await expect(page.getByTestId('quick-switcher')).toBeVisible();
  await page.getByLabel('Switch account').fill(target.name);
  await expect(page.getByTestId('quick-switcher-option').first()).toHaveAttribute('data-account-id', target.id);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('quick-switcher')).toBeHidden();
  await expect(page.getByTestId('current-account')).toContainText(target.name);
  await expect(clientRow(page, client.id)).toHaveAttribute('aria-expanded', 'true');
  await expect(accountItem(page, target.id)).toHaveAttribute('aria-current', 'true');
  await expect(accountItem(page, target.id)).toBeInViewport();
  await shot(page, 'sidebar-revealed');

  // After a reload the remembered account is in view too.
  await page.reload();
  await expect(accountItem(page, target.id)).toBeInViewport();
});

test('Tab leaves the tree for the main area in one or two presses; Shift+Tab comes back', async ({ page }) => {
  await open(page);
  const ordered = orderedAccounts(workspace);
  await filter(page).focus();
  await page.keyboard.press('Tab');
  // The tree is one tab stop: the active account's row.
  const active = page.locator('[data-testid="account-item"][aria-current="true"]');
  await expect(active).toBeFocused();
  await expect(active).toHaveAttribute('data-account-id', ordered[0]!.id);

  let presses = 0;
  const inMain = () => page.evaluate(() => !!document.activeElement?.closest('main'));
  while (presses < 2 && !(await inMain())) {
    await page.keyboard.press('Tab');
    presses++;
  }
  expect(await inMain(), 'focus is in the main area').toBe(true);
  expect(presses).toBeLessThanOrEqual(2);

  for (let i = 0; i < presses; i++) await page.keyboard.press('Shift+Tab');
  await expect(active).toBeFocused();
});

test('Ctrl+K finds any account among the 500: by name, alias or id, and lists the best when many match', async ({ page }) => {
  await open(page);
  const input = page.getByLabel('Switch account');
  const options = page.getByTestId('quick-switcher-option');
  await page.keyboard.press('Control+k');
  await expect(page.getByTestId('quick-switcher')).toBeVisible();
  // Many match an empty box: the first fifty are listed, and the rest are a word away.
  await expect(options).toHaveCount(50);
  await expect(page.getByTestId('quick-switcher-more')).toContainText('450 more accounts match');

  const ordered = orderedAccounts(workspace);
  const samples = [ordered[250]!, ordered[333]!, ordered[499]!];
  for (const account of samples) {
    await input.fill(account.name);
    await expect(options.first()).toHaveAttribute('data-account-id', account.id);
    await input.fill(formatAccountId(account.awsAccountId));
    await expect(options).toHaveCount(1);
    await expect(options.first()).toHaveAttribute('data-account-id', account.id);
  }
  const aliased = ordered.filter((a) => a.alias).at(-1)!;
  await input.fill(aliased.alias!);
  await expect(options.first()).toHaveAttribute('data-account-id', aliased.id);
  await expect(page.getByTestId('quick-switcher-more')).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('current-account')).toContainText(aliased.name);
  await expect(accountItem(page, aliased.id)).toBeInViewport();
});
