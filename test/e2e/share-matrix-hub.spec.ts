/**
 * The share matrix from a hub account, in the browser against the demo workspace: choose the
 * hub's images as rows, pick initech-shared-services by name, scan, see every client's accounts
 * as columns (grouped, foldable), share a golden image with another client's account from its
 * cell (production confirmation included), and find the choice remembered after a reload.
 * Expectations come from the emulator's world.
 */
import type { ImageRecord } from '../../emulator/world/model';
import { confirmProduction, useDemoPreview } from './demo-fixture';
import { expect, test, type Page } from './fixtures';

test.describe.configure({ mode: 'serial' });

const HUB = 'initech-shared-services';
/** Another client's account (Globex), which the golden images have not reached yet. */
const RECIPIENT = 'globex-dev';
const REGION = 'us-east-1';

const demo = useDemoPreview();

const world = () => demo.emulator.world;
const account = (name: string) => world().accounts.find((a) => a.name === name)!;
const formatted = (id: string) => `${id.slice(0, 4)}-${id.slice(4, 8)}-${id.slice(8)}`;

/** A golden image of the hub anyone could be given, not shared with the recipient yet. */
function goldenImage(): ImageRecord {
  const image = world()
    .imagesIn(REGION)
    .find(
      (i) =>
        i.ownerId === account(HUB).accountId &&
        i.state === 'available' &&
        i.rootDeviceType === 'ebs' &&
        i.productCodes.length === 0 &&
        i.launchPermissions.length > 0 &&
        i.launchPermissions.every((p) => p.group !== 'all' && p.userId !== account(RECIPIENT).accountId && !p.organizationArn) &&
        i.blockDevices.every((d) => !d.ebs?.encrypted),
    );
  expect(image, `a shareable image of ${HUB} in ${REGION}`).toBeDefined();
  return image!;
}

async function openMatrix(page: Page) {
  await page.keyboard.press('Control+Shift+M');
  const view = page.getByTestId('share-matrix-view');
  await expect(view).toBeVisible();
  return view;
}

test("a hub's images × every client's accounts: share a golden image with another client's account", async ({ page }) => {
  test.setTimeout(150_000);
  const image = goldenImage();
  await demo.openDemo(page);
  const view = await openMatrix(page);

  // Rows: the images of one hub account, picked by client, name and 12-digit id.
  await page.getByTestId('matrix-rows').selectOption('hub');
  const hubPicker = page.getByTestId('matrix-hub');
  await expect(hubPicker).toBeVisible();
  await expect(page.getByTestId('matrix-client')).toHaveCount(0);
  const hubLabel = `Initech · ${HUB} · ${formatted(account(HUB).accountId)}`;
  await hubPicker.selectOption({ label: hubLabel });
  await expect(hubPicker).toHaveValue(await demo.entryId(HUB));
  await expect(hubPicker.locator('option')).toHaveCount(demo.emulator.identities.length);

  // Never scanned: the view says so for the hub and offers the scan.
  await expect(view).toContainText(`${HUB} has not been scanned yet`);
  await view.getByTestId('matrix-scan').click();
  await expect.poll(async () => (await demo.preview.core.handlers['inventory:summary']({})).running?.state ?? 'idle', { timeout: 90_000 }).toBe('idle');
  await page.getByTestId('scan-panel').getByRole('button', { name: 'Hide progress' }).click();
  const status = page.getByTestId('matrix-status');
  await expect(status).toContainText('as of', { timeout: 20_000 });
  const owned = world()
    .accounts.find((a) => a.name === HUB)!
    .regions.flatMap((r) => world().imagesIn(r).filter((i) => i.ownerId === account(HUB).accountId && i.state !== 'deregistered'));
  await expect(status).toContainText(`${owned.length} AMIs × ${demo.emulator.identities.length} accounts`);
  await expect(status).toContainText(`Images of ${HUB}`);

  // Columns: every account of every client, each client named once over its accounts.
  const grid = view.getByTestId('share-matrix');
  await expect(grid.locator('thead [data-account]')).toHaveCount(demo.emulator.identities.length);
  for (const client of ['Acme Corp', 'Globex', 'Initech']) await expect(grid.getByRole('button', { name: client, exact: true })).toHaveAttribute('aria-expanded', 'true');

  // Narrow to the image: the matrix draws only the rows in view.
  await page.getByPlaceholder(/Search AMIs/).fill(image.imageId);
  const row = view.locator(`[data-testid="matrix-row"][data-image-id="${image.imageId}"]`);
  await expect(view.getByTestId('matrix-row')).toHaveCount(1);
  await expect(row.locator(`[data-testid="matrix-cell"][data-account="${await demo.entryId(HUB)}"]`)).toHaveAttribute('data-state', 'owner');
  for (const p of image.launchPermissions) {
    const teammate = world().accounts.find((a) => a.accountId === p.userId);
    if (teammate) await expect(row.locator(`[data-testid="matrix-cell"][data-account="${await demo.entryId(teammate.name)}"]`)).toHaveAttribute('data-state', 'account');
  }

  // Fold Globex from the keyboard: one column saying how many of its accounts can launch it.
  const globex = grid.getByRole('button', { name: 'Globex', exact: true });
  await globex.focus();
  await page.keyboard.press('Enter');
  await expect(globex).toHaveAttribute('aria-expanded', 'false');
  await expect(row.getByTestId('matrix-client-cell')).toHaveAttribute('aria-label', `${image.name} for Globex: 0 of 2 accounts can launch it`);
  await page.keyboard.press('Enter');
  await expect(row.getByTestId('matrix-client-cell')).toHaveCount(0);

  // Share with the other client's account from its cell; the hub is production, so confirm by name.
  const cell = row.locator(`[data-testid="matrix-cell"][data-account="${await demo.entryId(RECIPIENT)}"]`);
  await expect(cell).toHaveAttribute('data-state', 'none');
  await cell.click();
  const sheet = page.getByTestId('confirm-sheet');
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText(`Share ${image.name} with ${RECIPIENT}`);
  await expect(sheet.getByTestId('confirm-button')).toBeDisabled();
  await confirmProduction(sheet);
  await sheet.getByTestId('confirm-button').click();
  await expect(sheet).toBeHidden();
  await expect(cell).toHaveAttribute('data-state', 'account');
  await expect(view.getByTestId('matrix-note')).toHaveAttribute('data-kind', 'success');

  // AWS's truth, and what the recipient now lists.
  expect(world().image(REGION, image.imageId)?.launchPermissions).toContainEqual({ userId: account(RECIPIENT).accountId });
  const shared = await demo.preview.core.handlers['images:list']({ account: await demo.entryId(RECIPIENT), region: REGION, view: 'shared' });
  expect(shared.images.map((i) => i.imageId)).toContain(image.imageId);

  // The choice is remembered: after a reload the matrix opens on the same hub.
  await page.reload();
  await expect(page.getByTestId('account-item').first()).toBeVisible();
  await openMatrix(page);
  await expect(page.getByTestId('matrix-rows')).toHaveValue('hub');
  await expect(page.getByTestId('matrix-hub')).toHaveValue(await demo.entryId(HUB));
  await expect(page.getByTestId('matrix-status')).toContainText(`Images of ${HUB}`);
});
