/**
 * The demo is a workspace of its own: with the user's own accounts in place (a client called
 * Acme Corp, like one of the demo's), the demo opens and closes at any time, and the two never
 * merge — no second "Acme Corp", no demo account among the user's, nothing of the demo left
 * once it is closed.
 */
import { fileURLToPath } from 'node:url';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { startPreview, type RunningPreview } from '../../electron/preview/server';
import { expect, test, type Page } from './fixtures';
import { demoWorldOf } from '../../electron/demo/start-demo-emulator';

const rendererDir = fileURLToPath(new URL('../../.vite/renderer/main_window', import.meta.url));

test.describe.configure({ mode: 'serial' });

let emulator: RunningEmulator;
let preview: RunningPreview;

test.beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  preview = await startPreview({
    rendererDir,
    startDemoWorld: async () => demoWorldOf(emulator),
  });
  // The user's own account: a client called like one of the demo's.
  const mine = emulator.identities.find((i) => i.accountName === 'globex-dev')!;
  await preview.core.handlers['accounts:addAccessKey']({
    name: 'my build account',
    clientName: 'Acme Corp',
    accessKeyId: mine.accessKeyId,
    secretAccessKey: mine.secretAccessKey,
    defaultRegion: 'eu-central-1',
    endpoint: emulator.url,
  });
});

test.afterAll(async () => {
  await preview?.close();
  await emulator?.close();
});

const clients = (page: Page) => page.getByTestId('client-row');

test('the demo opens beside the user’s accounts without mixing with them, and closes again', async ({ page }) => {
  await page.goto(preview.url);
  await expect(page.getByTestId('account-item')).toHaveCount(1);
  await expect(clients(page)).toHaveText(['Acme Corp']);

  // Open the demo: only its clients and accounts, one "Acme Corp" (its own), a badge that says so.
  await page.getByTestId('open-demo').click();
  await expect(page.getByTestId('demo-workspace')).toBeVisible();
  await expect(page.getByTestId('account-item')).toHaveCount(emulator.identities.length);
  await expect(clients(page).filter({ hasText: 'Acme Corp' })).toHaveCount(1);
  await expect(page.getByTestId('account-item').filter({ hasText: 'my build account' })).toHaveCount(0);
  await expect(page.getByTestId('close-demo')).toHaveText('Back to my accounts');

  // Back: the user's workspace as it was, nothing of the demo in it.
  await page.getByTestId('close-demo').click();
  await expect(page.getByTestId('demo-workspace')).toBeHidden();
  await expect(page.getByTestId('account-item')).toHaveCount(1);
  await expect(page.getByTestId('account-item')).toContainText('my build account');
  await expect(clients(page)).toHaveText(['Acme Corp']);
  const ws = await preview.core.handlers['workspace:get']({});
  expect(ws.demo).toBe(false);
  expect(ws.clients.map((c) => c.name)).toEqual(['Acme Corp']);

  // And again, at any time.
  await page.getByTestId('open-demo').click();
  await expect(page.getByTestId('account-item')).toHaveCount(emulator.identities.length);
  await page.getByTestId('close-demo').click();
  await expect(page.getByTestId('account-item')).toHaveCount(1);
});

test('a failure nobody waited for is told, and the app keeps working', async ({ page }) => {
  await page.goto(preview.url);
  await expect(page.getByTestId('account-item')).toHaveCount(1);
  // What the last-resort handler reports for, e.g., a rejection no request was waiting for.
  preview.core.reportFault('the inventory scan', new Error('Could not finish saving: the disk is full.'));
  const notice = page.getByTestId('fault-notice');
  await expect(notice).toContainText('Something failed in the inventory scan');
  await expect(notice).toContainText('the disk is full');
  await expect(notice).toContainText('AMI Atlas kept running');
  // Still answering: the switcher opens and lists the account; the notice goes when dismissed.
  await page.keyboard.press('Control+k');
  await expect(page.getByTestId('quick-switcher')).toContainText('my build account');
  await page.keyboard.press('Escape');
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
});
