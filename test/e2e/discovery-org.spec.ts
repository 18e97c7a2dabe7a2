/**
 * Adding accounts in bulk in the real renderer, through the preview bridge, against the
 * emulator's organization (Acme's, with 30 more member accounts): read it through the
 * management account, filter, pick 20 and add them through OrganizationAccountAccessRole under
 * a new client; a suspended account is shown and cannot be picked; a member account is told
 * which account can list the organization. Then one role name in three accounts from one
 * source path: two verified, one failure that says what to fix. Screenshots of both dialogs,
 * light and dark, go to test-results/discovery-org/.
 */
import { expect, test, type Page } from './fixtures';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, type EmulatorIdentity, type RunningEmulator } from '../../emulator';
import { startPreview, type RunningPreview } from '../../electron/preview/server';

test.describe.configure({ mode: 'serial' });

const rendererDir = fileURLToPath(new URL('../../.vite/renderer/main_window', import.meta.url));
const shotsDir = fileURLToPath(new URL('../../test-results/discovery-org/', import.meta.url));
let emulator: RunningEmulator;
let preview: RunningPreview;
let home: string;
const savedHome = process.env.HOME;

const who = (name: string): EmulatorIdentity => emulator.identities.find((i) => i.accountName === name)!;

async function account(name: string) {
  const found = (await preview.core.handlers['workspace:get']({})).accounts.find((a) => a.name === name);
  if (!found) throw new Error(`no account ${name}`);
  return found;
}

async function addKey(accountName: string, clientName: string): Promise<void> {
  const key = who(accountName);
  await preview.core.handlers['accounts:addAccessKey']({
    name: accountName,
    clientName,
    accessKeyId: key.accessKeyId,
    secretAccessKey: key.secretAccessKey,
    defaultRegion: 'us-east-1',
    endpoint: emulator.url,
  });
}

/** The dialog at 1440×900 in the light and the dark theme (the app follows the system's). */
async function shots(page: Page, name: string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    // Reduced motion: no colour transition caught half-way.
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    await page.screenshot({ path: path.join(shotsDir, `${name}-${theme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const suspendedName = 'directory-005';

test.beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'atlas-e2e-discovery-org-'));
  process.env.HOME = home;
  emulator = await startEmulator({ port: 0, ssoDirectory: { accounts: 30 } });
  emulator.setOrganizationStatus(emulator.sso.accounts.find((a) => a.accountName === suspendedName)!.accountId, 'SUSPENDED');
  const config = path.join(home, 'config');
  const credentials = path.join(home, 'credentials');
  await writeFile(config, '');
  await writeFile(credentials, '');
  preview = await startPreview({
    rendererDir,
    startDemoWorld: async () => {
      throw new Error('the demo is not used here');
    },
    profileFiles: { configFile: config, credentialsFile: credentials },
  });
  await addKey('acme-production', 'Acme Corp');
  await addKey('acme-staging', 'Acme Corp');
  await addKey('initech-shared-services', 'Initech');
});

test.afterAll(async () => {
  await preview?.close();
  await emulator?.close();
  await rm(home, { recursive: true, force: true });
  process.env.HOME = savedHome;
});

test('reads the organization through its management account and adds 20 of its accounts through one role', async ({ page }) => {
  await page.goto(preview.url);
  await expect(page.getByTestId('account-item')).toHaveCount(3);

  // From "Add an account": the bulk ways in replace the dialog.
  await page.getByRole('button', { name: 'Add account' }).first().click();
  const addDialog = page.getByTestId('add-account-dialog');
  await expect(addDialog.getByTestId('bulk-add-links')).toBeVisible();
  await shots(page, 'add-account-links');
  await addDialog.getByRole('button', { name: 'From AWS Organizations…' }).click();
  await expect(addDialog).toBeHidden();
  const dialog = page.getByTestId('org-discovery-dialog');
  await expect(dialog).toBeVisible();

  await dialog.getByLabel('Read through').selectOption((await account('acme-production')).id);
  await dialog.getByRole('button', { name: 'Read the organization' }).click();
  await expect(dialog.getByLabel('Filter')).toBeFocused();
  const rows = dialog.getByTestId('org-row');
  await expect(rows).toHaveCount(32);
  await expect(dialog.getByTestId('org-counts')).toHaveText('32 accounts · 1 suspended · 2 in your workspace');

  // Accounts the workspace has are named and cannot be picked; so is the suspended one, with why.
  const row = (name: string) => dialog.locator(`[data-testid="org-row"][data-account-name="${name}"]`);
  await expect(row('acme-staging')).toContainText('Workloads / NonProd');
  await expect(row('acme-staging')).toContainText(`${who('acme-staging').accountId.slice(0, 4)}-${who('acme-staging').accountId.slice(4, 8)}-`);
  await expect(row('acme-staging')).toContainText('In workspace as acme-staging');
  await expect(row('acme-staging').getByRole('checkbox')).toBeDisabled();
  await expect(row(suspendedName)).toHaveAttribute('data-status', 'SUSPENDED');
  await expect(row(suspendedName)).toContainText('Suspended');
  await expect(row(suspendedName).getByRole('checkbox')).toBeDisabled();
  await expect(row(suspendedName).locator('.org-status')).toHaveAttribute('title', /^Suspended/);

  // Filter, select all shown, twice: the selection outlives the filter.
  const filter = dialog.getByLabel('Filter');
  await filter.fill('directory-01');
  await expect(rows).toHaveCount(10);
  await dialog.getByLabel('Select all shown accounts').check();
  await filter.fill('directory-02');
  await expect(rows).toHaveCount(10);
  await dialog.getByLabel('Select all shown accounts').check();
  await filter.fill('aws+directory-00');
  await expect(rows).toHaveCount(9);
  // The suspended account is not picked by "select all".
  await dialog.getByLabel('Select all shown accounts').check();
  await expect(row(suspendedName).getByRole('checkbox')).not.toBeChecked();
  await dialog.getByLabel('Select all shown accounts').uncheck();
  await filter.fill('');
  await expect(rows).toHaveCount(32);
  await expect(dialog.getByTestId('org-selection-note')).toHaveText('20 accounts selected.');

  await expect(dialog.getByLabel('Role name')).toHaveValue('OrganizationAccountAccessRole');
  // The client defaults to the source account's; a new name makes a new client.
  const client = dialog.getByLabel('Client', { exact: true });
  await expect(client).toHaveValue('Acme Corp');
  await client.fill('Acme Org');
  await expect(dialog.getByText('A new client Acme Org is created.')).toBeVisible();
  await shots(page, 'org-filled');

  await expect(dialog.getByRole('button', { name: 'Add 20 accounts' })).toBeEnabled();
  // They are all under Workloads / Prod: marked production unless the user says not.
  await expect(dialog.getByTestId('org-mark-production')).toBeChecked();
  await expect(dialog.getByText('Mark the 20 accounts under a production OU as production')).toBeVisible();
  // Enter in a field adds (Enter in the filter only filters).
  await dialog.getByLabel('Role name').press('Enter');
  // One request for all: the dialog says it is busy, and with how many, until it answers.
  await page.screenshot({ path: path.join(shotsDir, 'org-adding-light.png') });
  await expect(dialog.getByTestId('org-results')).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByTestId('bulk-result')).toHaveCount(20);
  await expect(dialog.locator('[data-testid="bulk-result"][data-state="verified"]')).toHaveCount(20);
  await expect(dialog.getByTestId('bulk-summary')).toHaveText('20 accounts added and verified.');
  await shots(page, 'org-results');

  // Add more: read again, the 20 are now the workspace's.
  await dialog.getByRole('button', { name: 'Add more' }).click();
  await expect(rows).toHaveCount(32);
  await expect(dialog.getByTestId('org-counts')).toHaveText('32 accounts · 1 suspended · 22 in your workspace');
  await expect(row('directory-015')).toContainText('In workspace as directory-015');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  // In the sidebar, under the client chosen.
  const added = (await preview.core.handlers['workspace:get']({})).accounts.filter((a) => /^directory-0[12]\d$/.test(a.name));
  expect(added).toHaveLength(20);
  const acmeOrg = (await preview.core.handlers['workspace:get']({})).clients.find((c) => c.name === 'Acme Org')!;
  expect(added.every((a) => a.clientId === acmeOrg.id && a.health === 'ok' && a.paths[0]?.roleArn?.endsWith(':role/OrganizationAccountAccessRole'))).toBe(true);
  expect(added.every((a) => a.production)).toBe(true);
  await page.getByTestId('sidebar-filter').fill('directory-02');
  await expect(page.getByTestId('account-item')).toHaveCount(10);
  await expect(page.getByTestId('sidebar-tree')).toContainText('Acme Org');
  await page.getByTestId('sidebar-filter').fill('');
});

test('a member account is told which account can list the organization', async ({ page }) => {
  await page.goto(preview.url);
  const staging = await account('acme-staging');
  // From the account's settings: the dialog opens for it and reads at once.
  await page.locator(`[data-testid="account-item"][data-account-id="${staging.id}"]`).click({ button: 'right' });
  await page.screenshot({ path: path.join(shotsDir, 'account-settings-light.png') });
  await page.getByTestId('account-settings').getByTestId('add-org-accounts').click();
  const dialog = page.getByTestId('org-discovery-dialog');
  await expect(dialog.getByLabel('Read through')).toHaveValue(staging.id);
  const failure = dialog.getByTestId('org-read-error');
  await expect(failure).toContainText("acme-staging cannot list its organization's accounts: only the management account");
  await expect(failure).toContainText('What to do');
  await expect(dialog.getByTestId('org-row')).toHaveCount(0);
  await shots(page, 'org-member-refused');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('the same role in three accounts from one source path: two verified, one failure with the fix', async ({ page }) => {
  await page.goto(preview.url);
  await page.getByRole('button', { name: 'Add account' }).first().click();
  await page.getByTestId('add-account-dialog').getByRole('button', { name: 'Same role in many accounts…' }).click();
  const dialog = page.getByTestId('bulk-roles-dialog');
  await expect(dialog).toBeVisible();

  const hub = await account('initech-shared-services');
  await dialog.getByLabel('Assumed from').selectOption(hub.paths[0]!.id);
  await expect(dialog.getByLabel('Client', { exact: true })).toHaveValue('Initech');
  await dialog.getByLabel('Role name').fill('OrganizationAccountAccessRole');

  // Lines are checked as typed, each message naming its line.
  const lines = dialog.getByLabel('Accounts, one a line');
  await lines.fill(`${who('globex-prod').accountId} globex-prod\n12345 typo\n${who('globex-prod').accountId},again`);
  await expect(dialog.getByTestId('line-issues')).toContainText('Line 2: 12345 has 5 digits; an AWS account id has 12.');
  await expect(dialog.getByTestId('line-issues')).toContainText('Line 3:');
  await expect(dialog.getByRole('button', { name: /^Add \d+ account/ })).toBeDisabled();

  await lines.fill([`${who('globex-prod').accountId} globex-prod`, `${who('globex-dev').accountId},globex-dev`, '123456789012 nowhere'].join('\n'));
  await expect(dialog.getByTestId('line-issues')).toBeHidden();
  await dialog.getByLabel('Client', { exact: true }).fill('Managed');
  await shots(page, 'bulk-filled');
  // Ctrl+Enter in the list adds (Enter is a new line there).
  await lines.press('Control+Enter');

  const results = dialog.getByTestId('bulk-result');
  await expect(results).toHaveCount(3, { timeout: 30_000 });
  await expect(dialog.locator('[data-testid="bulk-result"][data-state="verified"]')).toHaveCount(2);
  const failed = dialog.locator('[data-testid="bulk-result"][data-state="refused"]');
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText('nowhere');
  await expect(failed).toContainText('Check that OrganizationAccountAccessRole exists in 123456789012');
  await expect(dialog.getByTestId('bulk-summary')).toHaveText('2 accounts added and verified, 1 not added.');
  await shots(page, 'bulk-results');

  // Back to the form with the failed one only, to fix it.
  await dialog.getByRole('button', { name: 'Retry the failed one…' }).click();
  await expect(lines).toHaveValue('123456789012 nowhere');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  const managed = (await preview.core.handlers['workspace:get']({})).accounts.filter((a) => a.name === 'globex-prod' || a.name === 'globex-dev');
  expect(managed.map((a) => a.paths[0]?.roleArn).sort()).toEqual(
    ['globex-dev', 'globex-prod'].map((n) => `arn:aws:iam::${who(n).accountId}:role/OrganizationAccountAccessRole`).sort(),
  );
});
