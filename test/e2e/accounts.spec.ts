/**
 * Accounts in the real renderer, through the preview bridge, against the emulator: add a key
 * pair, a role assumed from it and an SSO profile (signed in through the emulator's own
 * verification page in the browser), answer an MFA prompt, switch with Ctrl+K; a second way
 * into an account joins it, a revoked read path gives way to the other path and the account
 * says so, and a removed path leaves the account with the one it has. Every message to the page
 * is scanned for secret material.
 */
import { approveSignIn, expect, test, type Page } from './fixtures';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HUB_ACCOUNT_NAME, ROLE_NAMES, startEmulator, type EmulatorIdentity, type RunningEmulator } from '../../emulator';
import { startPreview, type RunningPreview } from '../../electron/preview/server';

test.describe.configure({ mode: 'serial' });

const rendererDir = fileURLToPath(new URL('../../.vite/renderer/main_window', import.meta.url));
let emulator: RunningEmulator;
let preview: RunningPreview;
let home: string;
const outgoing: string[] = [];
const opened: string[] = [];
const savedHome = process.env.HOME;

const who = (name: string): EmulatorIdentity => emulator.identities.find((i) => i.accountName === name)!;
const roleArn = (accountName: string, role: string) => emulator.roles.find((r) => r.accountName === accountName && r.name === role)!.arn;
const ownedIn = (accountId: string, region: string) =>
  emulator.world.imagesIn(region).filter((i) => i.ownerId === accountId && i.state !== 'deregistered');

async function entryId(name: string): Promise<string> {
  return (await account(name)).id;
}

async function account(name: string) {
  const found = (await preview.core.handlers['workspace:get']({})).accounts.find((a) => a.name === name);
  if (!found) throw new Error(`no account ${name}`);
  return found;
}

/** With UPDATE_SCREENSHOTS set, the docs' screenshots are taken along the way. */
const shot = async (page: Page, name: string) => {
  if (process.env.UPDATE_SCREENSHOTS) await page.screenshot({ path: fileURLToPath(new URL(`../../docs/screenshots/${name}.png`, import.meta.url)) });
};

const accountItem = (page: Page, id: string) => page.locator(`[data-testid="account-item"][data-account-id="${id}"]`);

test.beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'atlas-e2e-accounts-'));
  // The SSO token cache lives under HOME, as for the AWS CLI.
  process.env.HOME = home;
  emulator = await startEmulator({ port: 0 });
  const hub = who(HUB_ACCOUNT_NAME);
  const config = path.join(home, 'config');
  await writeFile(
    config,
    [
      `[sso-session atlas]\nsso_start_url = ${emulator.sso.startUrl}\nsso_region = ${emulator.sso.region}\nsso_registration_scopes = sso:account:access`,
      `[profile acme-staging-sso]\nsso_session = atlas\nsso_account_id = ${who('acme-staging').accountId}\nsso_role_name = ReadOnlyAccess\nregion = us-east-1\nendpoint_url = ${emulator.url}`,
      `[profile hub-mfa]\nrole_arn = ${roleArn('globex-dev', ROLE_NAMES.hubJump)}\nsource_profile = hub\nmfa_serial = ${hub.mfaSerial}\nregion = eu-central-1\nendpoint_url = ${emulator.url}`,
    ].join('\n\n') + '\n',
  );
  const credentials = path.join(home, 'credentials');
  await writeFile(credentials, `[hub]\naws_access_key_id = ${hub.accessKeyId}\naws_secret_access_key = ${hub.secretAccessKey}\n`);
  preview = await startPreview({
    rendererDir,
    startDemoWorld: async () => {
      throw new Error('the demo is not used here');
    },
    profileFiles: { configFile: config, credentialsFile: credentials },
    openUrl: (url) => void opened.push(url),
    onOutgoing: (json) => outgoing.push(json),
  });

});

test.afterAll(async () => {
  await preview?.close();
  await emulator?.close();
  await rm(home, { recursive: true, force: true });
  process.env.HOME = savedHome;
});

test('add a key pair, a role from it and an SSO profile; MFA; Ctrl+K; a revoked account says why', async ({ page, browser }) => {
  page.on('crash', () => console.error('the app page crashed'));
  const hub = who(HUB_ACCOUNT_NAME);
  await page.goto(preview.url);

  // 1. An access key pair, from the first-run screen.
  const form = page.getByRole('form', { name: 'Add an account with an access key' });
  await form.getByLabel('Account name').fill('hub keys');
  await form.getByLabel('Client', { exact: true }).fill('Initech');
  await form.getByLabel('Access key ID').fill(hub.accessKeyId);
  await form.getByLabel('Secret access key').fill(hub.secretAccessKey);
  await form.getByLabel('Default region').fill('us-east-1');
  await form.getByLabel('Endpoint (optional)').fill(emulator.url);
  await form.getByRole('button', { name: 'Add account' }).click();
  await expect(page.getByTestId('account-item')).toHaveCount(1);
  const hubId = await entryId('hub keys');
  await expect(accountItem(page, hubId)).toHaveAttribute('data-health', 'ok');
  await expect(page.getByTestId('current-account')).toContainText('hub keys');

  // 2. A role assumed from it: the source is the hub's key pair.
  await page.getByRole('button', { name: 'Add account' }).click();
  const dialog = page.getByTestId('add-account-dialog');
  await dialog.getByRole('tab', { name: 'Role' }).click();
  await dialog.getByLabel('Assumed from').selectOption((await account('hub keys')).paths[0]!.id);
  await dialog.getByLabel('Role ARN').fill(roleArn('globex-prod', 'OrganizationAccountAccessRole'));
  await dialog.getByLabel('Account name').fill('globex prod (org role)');
  await dialog.getByLabel('Client', { exact: true }).fill('Globex');
  await expect(dialog.getByText('A new client Globex is created.')).toBeVisible();
  await dialog.getByLabel('Default region').fill('eu-central-1');
  await dialog.getByRole('button', { name: 'Add role' }).click();
  await expect(dialog).toBeHidden();
  const roleId = await entryId('globex prod (org role)');
  await expect(accountItem(page, roleId)).toHaveAttribute('data-health', 'ok');

  // 3. AWS CLI profiles: an SSO profile (needs sign-in) and an MFA-protected role.
  await page.getByRole('button', { name: 'Add account' }).click();
  await dialog.getByRole('tab', { name: 'AWS CLI profiles' }).click();
  for (const profile of ['acme-staging-sso', 'hub-mfa']) {
    await dialog.getByLabel(`Import ${profile}`).check();
    await dialog.getByLabel(`Client for ${profile}`).fill(profile === 'hub-mfa' ? 'Globex' : 'Acme');
  }
  await dialog.getByRole('button', { name: /^Import \d+ profile/ }).click();
  // The MFA-protected role asks for a code, naming the account and profile.
  const mfa = page.getByTestId('mfa-prompt');
  await expect(mfa).toBeVisible();
  await expect(mfa).toContainText('hub-mfa');
  await expect(mfa).toContainText(hub.mfaSerial);
  await shot(page, 'mfa-prompt');
  await mfa.getByLabel('MFA code').fill(emulator.mfaCode(hub.mfaSerial));
  await expect(mfa).toBeHidden();
  await expect(dialog.getByTestId('import-result')).toHaveCount(2);
  await expect(dialog.locator('[data-testid="import-result"][data-state="verified"]')).toHaveCount(1);
  await expect(dialog.locator('[data-testid="import-result"][data-state="unverified"]')).toHaveCount(1);
  await dialog.getByRole('button', { name: 'Done' }).click();

  // SSO: the account says it needs sign-in; one click starts the device flow in the browser.
  const ssoId = await entryId('acme-staging-sso');
  await accountItem(page, ssoId).click();
  const banner = page.getByTestId('health-banner');
  await expect(banner).toHaveAttribute('data-fix', 'sso-sign-in');
  await banner.getByTestId('health-fix').click();
  const sheet = page.getByTestId('sso-sign-in');
  const userCode = (await sheet.getByTestId('sso-user-code').textContent())?.trim() ?? '';
  expect(userCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  await shot(page, 'sso-sign-in');
  await expect.poll(() => opened.length).toBeGreaterThan(0);
  await approveSignIn(browser, opened.at(-1)!, userCode);
  // The sheet confirms and then gets out of the way; the account turning healthy is what counts.
  await expect(accountItem(page, ssoId)).toHaveAttribute('data-health', 'ok', { timeout: 15_000 });
  const stagingImages = ownedIn(who('acme-staging').accountId, 'us-east-1');
  await page.getByLabel('Region').selectOption('us-east-1');
  await expect(page.getByTestId('status-bar')).toContainText(`${stagingImages.length} AMIs`);

  // 4. Ctrl+K: fuzzy switch to the role account and a region in one go.
  await page.keyboard.press('Control+k');
  await expect(page.getByTestId('quick-switcher')).toBeVisible();
  await page.getByLabel('Switch account').fill('globex org eu-west-1');
  await shot(page, 'quick-switcher');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('quick-switcher')).toBeHidden();
  await expect(page.getByTestId('current-account')).toContainText('globex prod (org role)');
  await expect(page.getByLabel('Region')).toHaveValue('eu-west-1');
  await expect(page.getByTestId('status-bar')).toContainText(`${ownedIn(who('globex-prod').accountId, 'eu-west-1').length} AMIs`);

  // 5. A second way into acme-staging: a key pair joins the account instead of making another.
  const staging = who('acme-staging');
  await page.getByRole('button', { name: 'Add account' }).click();
  await dialog.getByLabel('Account name').fill('staging keys');
  await dialog.getByLabel('Client', { exact: true }).fill('acme');
  await expect(dialog.getByText('Adds to the existing client Acme.')).toBeVisible();
  await dialog.getByLabel('Access key ID').fill(staging.accessKeyId);
  await dialog.getByLabel('Secret access key').fill(staging.secretAccessKey);
  await dialog.getByLabel('Default region').fill('us-east-1');
  await dialog.getByLabel('Endpoint (optional)').fill(emulator.url);
  await dialog.getByRole('button', { name: 'Add account' }).click();
  await expect(dialog.getByTestId('joined-account')).toContainText('acme-staging-sso');
  await expect(dialog.getByTestId('joined-account')).toContainText('was already in your workspace');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('account-item')).toHaveCount(4);
  expect((await account('acme-staging-sso')).paths).toHaveLength(2);

  // Its settings list both paths; the key pair becomes the read path.
  await accountItem(page, ssoId).click({ button: 'right' });
  const settings = page.getByTestId('account-settings');
  const keyCard = settings.locator('[data-testid="path-card"][data-path-kind="access-key"]');
  await expect(settings.getByTestId('path-card')).toHaveCount(2);
  await keyCard.getByTestId('read-path').click();
  await expect(keyCard).toContainText('Read path');
  await shot(page, 'access-paths');
  await page.keyboard.press('Escape');

  // The key is revoked: reads go through the SSO path, and the account says so with the key's fix.
  emulator.revokeAccessKey(staging.accessKeyId);
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(page.getByTestId('status-bar')).toContainText(`${stagingImages.length} AMIs`);
  await expect(banner).toHaveAttribute('data-fix', 'update-keys');
  await expect(banner).toHaveAttribute('data-degraded', '');
  await expect(banner).toContainText('Read through profile acme-staging-sso');
  await expect(banner).toContainText(staging.accountId);
  await expect(accountItem(page, ssoId)).toHaveAttribute('data-health', 'ok');
  await expect(accountItem(page, ssoId).getByTestId('path-warning')).toBeVisible();
  await shot(page, 'needs-sign-in');
  await accountItem(page, roleId).click();
  await expect(page.getByTestId('ami-row').first()).toBeVisible();
  await expect(accountItem(page, roleId)).toHaveAttribute('data-health', 'ok');

  // The revoked path is removed: the account keeps its SSO path, inventory and history.
  await accountItem(page, ssoId).click({ button: 'right' });
  await keyCard.getByTestId('remove-path').click();
  await page.getByRole('button', { name: 'Remove path' }).click();
  await expect(settings.getByTestId('path-card')).toHaveCount(1);
  await page.keyboard.press('Escape');

  // 6. Every session expires (SSO tokens, role sessions): the SSO account asks for sign-in again,
  // while the role account quietly renews its session from the hub's keys.
  emulator.expireSessions({ temporaryCredentials: true, ssoAccessTokens: true, ssoRefreshTokens: true });
  await accountItem(page, ssoId).click();
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(banner).toHaveAttribute('data-fix', 'sso-sign-in');
  await expect(banner).toContainText(/SSO/);
  await accountItem(page, roleId).click();
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(page.getByTestId('status-bar')).toContainText(`${ownedIn(who('globex-prod').accountId, 'eu-west-1').length} AMIs`);
  await expect(accountItem(page, roleId)).toHaveAttribute('data-health', 'ok');
});

test('no message to the page ever carried a secret, a session token or an SSO token', async () => {
  expect(outgoing.length).toBeGreaterThan(20);
  const all = outgoing.join('\n');
  for (const identity of emulator.identities) expect(all).not.toContain(identity.secretAccessKey);
  const cacheDir = path.join(home, '.aws', 'sso', 'cache');
  const tokens: string[] = [];
  for (const file of await readdir(cacheDir)) {
    const json = JSON.parse(await readFile(path.join(cacheDir, file), 'utf8')) as Record<string, unknown>;
    for (const key of ['accessToken', 'refreshToken', 'clientSecret']) if (typeof json[key] === 'string') tokens.push(json[key] as string);
  }
  expect(tokens.length).toBeGreaterThan(0);
  for (const token of tokens) expect(all).not.toContain(token);
  // Temporary credentials never leave main either: no session token or ASIA key id appears.
  expect(all).not.toMatch(/ASIA[A-Z0-9]{16}/);
});
