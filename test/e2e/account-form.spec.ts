/**
 * The add-account form when a submit fails, in the real renderer through the preview bridge,
 * against the real core and the emulator: the schema's refusal is said in words next to each
 * field, focus lands on the first field in error, and everything typed stays (the secret too);
 * a key pair the emulator's STS rejects keeps the input as well, and one fix adds the account.
 */
import { expect, test, type Locator } from './fixtures';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HUB_ACCOUNT_NAME, startEmulator, type RunningEmulator } from '../../emulator';
import { startPreview, type RunningPreview } from '../../electron/preview/server';

test.describe.configure({ mode: 'serial' });

const rendererDir = fileURLToPath(new URL('../../.vite/renderer/main_window', import.meta.url));
let emulator: RunningEmulator;
let preview: RunningPreview;
let home: string;
const savedHome = process.env.HOME;

test.beforeAll(async () => {
  home = await mkdtemp(path.join(tmpdir(), 'atlas-e2e-account-form-'));
  process.env.HOME = home;
  emulator = await startEmulator({ port: 0 });
  preview = await startPreview({
    rendererDir,
    startDemoWorld: async () => {
      throw new Error('the demo is not used here');
    },
    profileFiles: { configFile: path.join(home, 'config'), credentialsFile: path.join(home, 'credentials') },
    openUrl: () => undefined,
  });
});

test.afterAll(async () => {
  await preview?.close();
  await emulator?.close();
  await rm(home, { recursive: true, force: true });
  process.env.HOME = savedHome;
});

/** The field's message as assistive technology reads it: through the input's aria-describedby. */
async function describedBy(input: Locator): Promise<string> {
  const ids = (await input.getAttribute('aria-describedby')) ?? '';
  expect(ids, 'the input points at its message').not.toBe('');
  return (await input.page().locator(`[id="${ids}"]`).textContent()) ?? '';
}

test('a refused submit keeps what was typed, says why in words and focuses the field to fix', async ({ page }) => {
  const hub = emulator.identities.find((i) => i.accountName === HUB_ACCOUNT_NAME)!;
  await page.goto(preview.url);
  const form = page.getByRole('form', { name: 'Add an account with an access key' });
  const name = form.getByLabel('Account name');
  const client = form.getByLabel('Client', { exact: true });
  const keyId = form.getByLabel('Access key ID');
  const secret = form.getByLabel('Secret access key');
  const region = form.getByLabel('Default region');
  const endpoint = form.getByLabel('Endpoint (optional)');

  // 1. A key ID too short and an empty client: the schema refuses both; focus goes to the first.
  await name.fill('Acme Prod');
  await keyId.fill('AKIA123');
  await secret.fill(hub.secretAccessKey);
  await region.fill('eu-west-1');
  await endpoint.fill(emulator.url);
  await form.getByRole('button', { name: 'Add account' }).click();

  await expect(client).toBeFocused();
  await expect(client).toHaveAttribute('aria-invalid', 'true');
  expect(await describedBy(client)).toBe('Name the client this account belongs to, such as Acme (up to 100 characters).');
  await expect(keyId).toHaveAttribute('aria-invalid', 'true');
  expect(await describedBy(keyId)).toBe('Enter the 20-character access key ID (it starts with AKIA or ASIA).');
  await expect(form).not.toContainText(/too small|invalid|expected string|>=/i);
  await expect(name).toHaveValue('Acme Prod');
  await expect(keyId).toHaveValue('AKIA123');
  await expect(secret).toHaveValue(hub.secretAccessKey);
  await expect(region).toHaveValue('eu-west-1');
  await expect(endpoint).toHaveValue(emulator.url);
  await expect(name).not.toHaveAttribute('aria-invalid', 'true');

  // 2. Well-formed, but the secret is wrong: the emulator's STS rejects the pair. Still all kept.
  await client.fill('Acme');
  await keyId.fill(hub.accessKeyId);
  const wrongSecret = `${hub.secretAccessKey.slice(0, -4)}XXXX`;
  await secret.fill(wrongSecret);
  await form.getByRole('button', { name: 'Add account' }).click();
  await expect(form.getByRole('alert')).toBeVisible();
  await expect(keyId).toBeFocused();
  // The key fields point at what AWS said, and it names the account and the region by name.
  await expect(keyId).toHaveAttribute('aria-invalid', 'true');
  expect(await describedBy(keyId)).toMatch(/Credentials rejected in Acme Prod · US East \(N\. Virginia\) us-east-1/);
  await expect(secret).toHaveAttribute('aria-invalid', 'true');
  await expect(secret).toHaveValue(wrongSecret);
  await expect(keyId).toHaveValue(hub.accessKeyId);
  await expect(name).toHaveValue('Acme Prod');
  await expect(client).toHaveValue('Acme');
  await expect(client).not.toHaveAttribute('aria-invalid', 'true');

  // 3. Fixing the one wrong thing is enough.
  await secret.fill(hub.secretAccessKey);
  await form.getByRole('button', { name: 'Add account' }).click();
  await expect(page.getByTestId('account-item')).toHaveCount(1);
  await expect(page.getByTestId('current-account')).toContainText('Acme Prod');
});
