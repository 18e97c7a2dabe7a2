/**
 * Naming the image's own account as a recipient, in the real renderer against the demo world:
 * the permissions editor and the "Share with…" picker both say that account is the image's owner
 * (by its name) and can already launch it; nothing is shared and no "already shared" is claimed.
 */
import { expect, test, type Page } from './fixtures';
import { useDemoPreview } from './demo-fixture';

test.describe.configure({ mode: 'serial' });

const OWNER = 'acme-staging';
const REGION = 'us-east-1';
const demo = useDemoPreview();
const ownerAccountId = () => demo.emulator.world.accounts.find((a) => a.name === OWNER)!.accountId;

function ownedImage() {
  const image = demo.emulator.world.imagesIn(REGION).find((i) => i.ownerId === ownerAccountId() && i.state === 'available');
  expect(image, `an image of ${OWNER} in ${REGION}`).toBeDefined();
  return image!;
}

async function showOwned(page: Page, imageId: string) {
  await demo.openDemo(page);
  await page.locator(`[data-testid="account-item"][data-account-id="${await demo.entryId(OWNER)}"]`).click();
  await page.getByLabel('Region').selectOption(REGION);
  await page.getByRole('tab', { name: 'Owned' }).click();
  await expect(page.getByTestId('status-bar')).not.toContainText('Loading');
  await page.getByPlaceholder(/Search AMIs/).fill(imageId);
  await expect(page.getByTestId('ami-row')).toHaveCount(1);
}

test('the permissions editor says the owner is the owner', async ({ page }) => {
  const image = ownedImage();
  await showOwned(page, image.imageId);
  await page.locator(`[data-testid="ami-row"][data-image-id="${image.imageId}"]`).click();
  const detail = page.getByTestId('ami-detail');
  await detail.getByRole('tab', { name: /Permissions/ }).click();
  const editor = detail.getByTestId('permissions-editor');
  const before = await editor.getByTestId('permission-entry').count();

  await editor.getByTestId('perm-add-input').fill(ownerAccountId());
  await editor.getByTestId('perm-add-button').click();
  await expect(editor.getByTestId('perm-add-error')).toHaveText(`${OWNER} is this image's owner: it can already launch it.`);
  await expect(editor.getByTestId('perm-add-input')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('confirm-sheet')).toBeHidden();
  await expect(editor).not.toContainText(/already shared/i);
  await expect(editor.getByTestId('permission-entry')).toHaveCount(before);
});

test('the Share with… picker names the owner instead of finding nothing', async ({ page }) => {
  const image = ownedImage();
  await showOwned(page, image.imageId);
  const row = page.locator(`[data-testid="ami-row"][data-image-id="${image.imageId}"]`);
  await row.click();
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ControlOrMeta+Shift+S');
  const picker = page.getByTestId('share-picker');
  await expect(picker).toBeVisible();
  await page.keyboard.type(ownerAccountId());
  await expect(picker.getByTestId('share-picker-option')).toHaveCount(0);
  await expect(picker.getByRole('status')).toHaveText(`${OWNER} is this image's owner: it can already launch it.`);
});
