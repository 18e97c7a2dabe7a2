/**
 * The real renderer in Debian's Chromium, through the preview bridge, against the real core
 * and the emulator: a first run opens the demo workspace, browses AMIs and reads details.
 * Every expectation is computed from the emulator's own world.
 */
import { expect, test, type Page } from './fixtures';
import { fileURLToPath } from 'node:url';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { hasExplicitLaunchPermission } from '../../emulator/world/visibility';
import type { ImageRecord } from '../../emulator/world/model';
import { startPreview, type RunningPreview } from '../../electron/preview/server';
import { demoWorldOf } from '../../electron/demo/start-demo-emulator';

const rendererDir = fileURLToPath(new URL('../../.vite/renderer/main_window', import.meta.url));

// One core and emulator serve the whole file; the secret scan at the end reads every message.
test.describe.configure({ mode: 'serial' });

let emulator: RunningEmulator;
let preview: RunningPreview;
const outgoing: string[] = [];

test.beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  preview = await startPreview({
    rendererDir,
    startDemoWorld: async () => demoWorldOf(emulator),
    onOutgoing: (json) => outgoing.push(json),
  });
});

test.afterAll(async () => {
  await preview?.close();
  await emulator?.close();
});

const owned = (accountId: string, region: string) =>
  emulator.world.imagesIn(region).filter((i) => i.ownerId === accountId && i.state !== 'deregistered');

async function entryId(awsAccountId: string): Promise<string> {
  const ws = await preview.core.handlers['workspace:get']({});
  const entry = ws.accounts.find((a) => a.awsAccountId === awsAccountId);
  if (!entry) throw new Error(`no entry for ${awsAccountId}`);
  return entry.id;
}

/** The first page load offers the demo; later loads find it already open in the core. */
async function openDemo(page: Page) {
  await page.goto(preview.url);
  const demoButton = page.getByRole('button', { name: 'Open demo workspace' });
  await expect(demoButton.or(page.getByTestId('account-item').first())).toBeVisible();
  if (await demoButton.isVisible()) await demoButton.click();
  await expect(page.getByTestId('account-item')).toHaveCount(emulator.identities.length);
}

test('first run: open the demo, pick an account and region, browse AMIs and read details', async ({ page }) => {
  await openDemo(page);

  // The account and region with the most owned AMIs, so the list really scrolls.
  const candidates = emulator.world.accounts.flatMap((a) => a.regions.map((r) => ({ account: a, region: r, images: owned(a.accountId, r) })));
  const { account, region, images } = candidates.sort((x, y) => y.images.length - x.images.length)[0]!;
  expect(images.length).toBeGreaterThan(40);

  await page.locator(`[data-testid="account-item"][data-account-id="${await entryId(account.accountId)}"]`).click();
  await page.getByLabel('Region').selectOption(region);

  await expect(page.getByTestId('status-bar')).toContainText(`${images.length} AMIs`);
  const rows = page.getByTestId('ami-row');
  await expect(rows.first()).toBeVisible();
  const truthIds = new Set(images.map((i) => i.imageId));
  for (const id of await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-image-id')))) expect(truthIds.has(id!)).toBe(true);
  // Virtualized: the DOM holds only the rows in view, not all of them.
  expect(await rows.count()).toBeLessThan(images.length);

  // An image shared with one of our other accounts, with EBS snapshots.
  const image = images.find(
    (i: ImageRecord) =>
      i.state === 'available' &&
      i.blockDevices.some((b) => b.ebs?.snapshotId) &&
      i.launchPermissions.some((p) => p.userId && emulator.world.accountById(p.userId)),
  )!;
  expect(image).toBeDefined();

  await page.keyboard.press('/');
  await page.keyboard.type(image.imageId);
  await expect(rows).toHaveCount(1);
  await rows.first().click();

  const detail = page.getByTestId('ami-detail');
  await expect(detail.getByTestId('detail-image-id')).toHaveText(image.imageId);
  await expect(detail).toContainText(image.name);

  await detail.getByRole('tab', { name: /Storage/ }).click();
  for (const device of image.blockDevices) {
    if (device.ebs?.snapshotId) await expect(detail).toContainText(device.ebs.snapshotId);
  }

  await detail.getByRole('tab', { name: /Permissions/ }).click();
  for (const p of image.launchPermissions) {
    const known = p.userId ? emulator.world.accountById(p.userId) : undefined;
    if (known) await expect(detail).toContainText(known.name);
  }

  await detail.getByRole('tab', { name: /Tags/ }).click();
  for (const tag of image.tags) await expect(detail).toContainText(tag.key);

  if (process.env.UPDATE_SCREENSHOTS) {
    await detail.getByRole('tab', { name: /Overview/ }).click();
    await page.keyboard.press('Escape');
    await page.getByPlaceholder(/Search/).fill('');
    await rows.nth(2).click();
    await page.screenshot({ path: fileURLToPath(new URL('../../docs/screenshots/main.png', import.meta.url)) });
  }
});

test('shared with me lists exactly what other accounts shared', async ({ page }) => {
  await openDemo(page);
  const candidates = emulator.world.accounts.flatMap((a) =>
    a.regions.map((r) => ({
      account: a,
      region: r,
      shared: emulator.world.imagesIn(r).filter((i) => i.ownerId !== a.accountId && i.state !== 'deregistered' && hasExplicitLaunchPermission(a, i)),
    })),
  );
  const { account, region, shared } = candidates.sort((x, y) => y.shared.length - x.shared.length)[0]!;
  expect(shared.length).toBeGreaterThan(0);

  await page.locator(`[data-testid="account-item"][data-account-id="${await entryId(account.accountId)}"]`).click();
  await page.getByLabel('Region').selectOption(region);
  await page.getByRole('tab', { name: 'Shared with me' }).click();
  await expect(page.getByTestId('status-bar')).toContainText(`${shared.length} AMIs`);
  const first = await page.getByTestId('ami-row').first().getAttribute('data-image-id');
  expect(shared.map((i) => i.imageId)).toContain(first);
});

test('no message to the page ever carries a secret', () => {
  expect(outgoing.length).toBeGreaterThan(10);
  const all = outgoing.join('\n');
  for (const identity of emulator.identities) expect(all).not.toContain(identity.secretAccessKey);
});
