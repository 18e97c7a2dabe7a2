/**
 * Launch permissions one by one, in the real renderer through the preview bridge, against the
 * real core and the emulator: add an account in the detail pane's editor and the recipient sees
 * the image; remove it and it is gone; "Make public" where the region blocks public sharing
 * explains instead; toggle a cell of the share matrix and the recipient sees it; the recipient
 * leaves the share and the image disappears. Expectations come from the emulator's world.
 */
import { expect, test, type Locator, type Page } from './fixtures';
import type { ImageRecord } from '../../emulator/world/model';
import { hasExplicitLaunchPermission } from '../../emulator/world/visibility';
import { shot, useDemoPreview } from './demo-fixture';

test.describe.configure({ mode: 'serial' });

const OWNER = 'acme-staging';
/** Another client's account (another organization): it can only see what is shared with it by id. */
const RECIPIENT = 'initech-sandbox';
/** Same client as the owner: the matrix's column. */
const TEAMMATE = 'acme-production';
const REGION = 'us-east-1';
const BLOCKED_REGION = 'us-west-2';

const demo = useDemoPreview();

const world = () => demo.emulator.world;
const account = (name: string) => world().accounts.find((a) => a.name === name)!;

/** An owned image anyone could be given: available, EBS, unencrypted, no product codes, private, not shared with `names`. */
function shareable(image: ImageRecord, owner: string, names: readonly string[]): boolean {
  if (image.ownerId !== account(owner).accountId) return false;
  if (image.state !== 'available' || image.rootDeviceType !== 'ebs' || image.deprecationTime !== null) return false;
  if (image.productCodes.length > 0 || image.launchPermissions.some((p) => p.group === 'all')) return false;
  if (names.some((name) => hasExplicitLaunchPermission(account(name), image))) return false;
  return image.blockDevices.every((d) => !d.ebs?.encrypted);
}

function pickImage(region: string, names: readonly string[], skip: readonly string[] = []): ImageRecord {
  const image = world()
    .imagesIn(region)
    .find((i) => shareable(i, OWNER, names) && !skip.includes(i.imageId));
  expect(image, `a shareable image of ${OWNER} in ${region}`).toBeDefined();
  return image!;
}

async function showList(page: Page, accountName: string, region: string, view: 'Owned' | 'Shared with me') {
  await page.locator(`[data-testid="account-item"][data-account-id="${await demo.entryId(accountName)}"]`).click();
  await page.getByLabel('Region').selectOption(region);
  await page.getByRole('tab', { name: view }).click();
  await expect(page.getByTestId('status-bar')).toContainText(`${accountName}/${region}`);
  await expect(page.getByTestId('status-bar')).not.toContainText('Loading');
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(page.getByRole('button', { name: 'Refresh' })).toBeEnabled();
}

const row = (page: Page, imageId: string) => page.locator(`[data-testid="ami-row"][data-image-id="${imageId}"]`);

/** Opens the owner's image in the detail pane, on the Permissions tab. */
async function openEditor(page: Page, region: string, image: ImageRecord): Promise<Locator> {
  await showList(page, OWNER, region, 'Owned');
  await page.getByPlaceholder(/Search AMIs/).fill(image.imageId);
  await row(page, image.imageId).click();
  const detail = page.getByTestId('ami-detail');
  await expect(detail.getByTestId('detail-image-id')).toHaveText(image.imageId);
  await detail.getByRole('tab', { name: /Permissions/ }).click();
  const editor = detail.getByTestId('permissions-editor');
  await expect(editor).toBeVisible();
  return editor;
}

/** Answers the confirm sheet, typing whatever names it asks for. */
async function confirmSheet(page: Page, expectText: RegExp | string) {
  const sheet = page.getByTestId('confirm-sheet');
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText(expectText);
  const inputs = sheet.getByTestId('prod-guard-input');
  for (let i = 0; i < (await inputs.count()); i++) {
    const label = (await inputs.nth(i).getAttribute('aria-label')) ?? '';
    await inputs.nth(i).fill(/^Type (.+) to confirm$/.exec(label)![1]!);
  }
  await sheet.getByTestId('confirm-button').click();
  await expect(sheet).toBeHidden();
}

async function expectShared(page: Page, accountName: string, region: string, image: ImageRecord, shown: boolean) {
  await showList(page, accountName, region, 'Shared with me');
  await page.getByPlaceholder(/Search AMIs/).fill(image.imageId);
  await expect(row(page, image.imageId)).toHaveCount(shown ? 1 : 0);
}

let sharedInEditor: ImageRecord | undefined;

test('add an account in the editor, the recipient sees it; remove it, and it is gone', async ({ page }) => {
  const image = pickImage(REGION, [RECIPIENT, TEAMMATE]);
  sharedInEditor = image;
  const recipientId = account(RECIPIENT).accountId;
  await demo.openDemo(page);
  const editor = await openEditor(page, REGION, image);

  // What was typed is checked before anything is sent.
  const input = editor.getByTestId('perm-add-input');
  await input.fill('12345');
  await editor.getByTestId('perm-add-button').click();
  await expect(editor.getByTestId('perm-add-error')).toHaveText('An account id has 12 digits; "12345" has 5.');

  await input.fill(`${recipientId.slice(0, 4)}-${recipientId.slice(4, 8)}-${recipientId.slice(8)}`);
  await expect(editor.getByTestId('perm-add-error')).toBeHidden();
  await editor.getByTestId('perm-add-button').click();
  await confirmSheet(page, /share with/);
  await expect(editor.getByTestId('perm-result').first()).toHaveAttribute('data-outcome', 'changed');
  await expect(editor.locator(`[data-testid="permission-entry"][data-entity="${recipientId}"]`)).toContainText(RECIPIENT);
  expect(world().image(REGION, image.imageId)?.launchPermissions.some((p) => p.userId === recipientId)).toBe(true);
  await shot(page, 'sharing-editor');

  // The same again: nothing to change, and the editor says so without sending anything.
  await input.fill(recipientId);
  await editor.getByTestId('perm-add-button').click();
  await expect(editor.getByTestId('perm-add-error')).toContainText('Already shared with');

  await expectShared(page, RECIPIENT, REGION, image, true);
  await expect(row(page, image.imageId).getByTestId('shared-by')).toHaveText(OWNER);

  const again = await openEditor(page, REGION, image);
  await again.getByRole('button', { name: new RegExp(`^Remove ${RECIPIENT}`) }).click();
  await confirmSheet(page, /stop sharing with/);
  await expect(again.getByTestId('perm-result').first()).toHaveAttribute('data-outcome', 'changed');
  await expect(again.locator(`[data-testid="permission-entry"][data-entity="${recipientId}"]`)).toHaveCount(0);
  await expectShared(page, RECIPIENT, REGION, image, false);
});

test('"Make public" where the region blocks public sharing explains how to change that instead', async ({ page }) => {
  const image = pickImage(BLOCKED_REGION, []);
  world().setImagePublicSharingBlocked(account(OWNER).accountId, BLOCKED_REGION, true);
  await demo.openDemo(page);
  const editor = await openEditor(page, BLOCKED_REGION, image);
  await editor.getByTestId('make-public').click();
  const notice = editor.getByTestId('block-public-access');
  await expect(notice).toContainText(`Public sharing is blocked in ${BLOCKED_REGION}`);
  await expect(notice).toContainText(`aws ec2 disable-image-block-public-access --region ${BLOCKED_REGION}`);
  await expect(page.getByTestId('confirm-sheet')).toHaveCount(0);
  expect(world().image(BLOCKED_REGION, image.imageId)?.launchPermissions.some((p) => p.group === 'all')).toBe(false);
  await shot(page, 'sharing-editor-blocked');

  // Unblocked, the same button asks for the image name before anything is made public.
  world().setImagePublicSharingBlocked(account(OWNER).accountId, BLOCKED_REGION, false);
  await notice.getByRole('button', { name: 'Check again' }).click();
  const sheet = page.getByTestId('confirm-sheet');
  await expect(sheet).toBeVisible();
  await expect(sheet.getByTestId('prod-guard-input')).toHaveAttribute('aria-label', `Type ${image.name} to confirm`);
  await expect(sheet.getByTestId('confirm-button')).toBeDisabled();
  await sheet.getByRole('button', { name: 'Cancel' }).click();
  await expect(sheet).toBeHidden();
  expect(world().image(BLOCKED_REGION, image.imageId)?.launchPermissions.some((p) => p.group === 'all')).toBe(false);
});

let matrixImage: ImageRecord | undefined;

test('toggle a cell of the share matrix, and the teammate sees the image', async ({ page }) => {
  test.setTimeout(150_000);
  const image = pickImage(REGION, [TEAMMATE, RECIPIENT], sharedInEditor ? [sharedInEditor.imageId] : []);
  matrixImage = image;
  await demo.openDemo(page);
  await page.locator(`[data-testid="account-item"][data-account-id="${await demo.entryId(OWNER)}"]`).click();
  await page.keyboard.press('Control+Shift+M');
  const view = page.getByTestId('share-matrix-view');
  await expect(view).toBeVisible();
  await expect(page.getByTestId('matrix-client')).toHaveValue((await demo.preview.core.handlers['workspace:get']({})).accounts.find((a) => a.name === OWNER)!.clientId);

  // Never scanned: the view says so and offers the scan.
  await expect(view).toContainText('has not been scanned yet');
  await view.getByTestId('matrix-scan').click();
  await expect.poll(async () => (await demo.preview.core.handlers['inventory:summary']({})).running?.state ?? 'idle', { timeout: 90_000 }).toBe('idle');
  await page.getByTestId('scan-panel').getByRole('button', { name: 'Hide progress' }).click();
  await expect(page.getByTestId('matrix-status')).toContainText('as of', { timeout: 20_000 });
  await expect(view.getByTestId('matrix-row').first()).toBeVisible();
  await shot(page, 'share-matrix');
  // The matrix draws only the rows in view: narrow it to the image before looking for its row.
  await page.getByPlaceholder(/Search AMIs/).fill(image.imageId);
  await expect(view.getByTestId('matrix-row')).toHaveCount(1);
  const matrixRow = view.locator(`[data-testid="matrix-row"][data-image-id="${image.imageId}"]`);
  await expect(matrixRow).toHaveCount(1);

  const teammate = await demo.entryId(TEAMMATE);
  const cell = matrixRow.locator(`[data-testid="matrix-cell"][data-account="${teammate}"]`);
  await expect(cell).toHaveAttribute('data-state', 'none');
  await expect(matrixRow.locator(`[data-testid="matrix-cell"][data-account="${await demo.entryId(OWNER)}"]`)).toHaveAttribute('data-state', 'owner');

  // Keyboard: focus the grid, walk to the teammate's column, Space toggles.
  await view.getByTestId('share-matrix').focus();
  const columns = await view.locator('thead [data-account]').evaluateAll((els) => els.map((e) => e.getAttribute('data-account')));
  await page.keyboard.press('Home');
  for (let i = 0; i < columns.indexOf(teammate); i++) await page.keyboard.press('ArrowRight');
  await expect(cell).toHaveClass(/is-active/);
  await page.keyboard.press('Space');
  await confirmSheet(page, /share with/);
  await expect(cell).toHaveAttribute('data-state', 'account');
  await expect(view.getByTestId('matrix-note')).toHaveAttribute('data-kind', 'success');
  expect(world().image(REGION, image.imageId)?.launchPermissions.some((p) => p.userId === account(TEAMMATE).accountId)).toBe(true);

  await page.getByPlaceholder(/Search AMIs/).fill('');
  await expectShared(page, TEAMMATE, REGION, image, true);
});

test('the recipient leaves the share, and the image is gone from its list', async ({ page }) => {
  const image = matrixImage;
  test.skip(!image, 'needs the image shared by the matrix test');
  await demo.openDemo(page);
  await expectShared(page, TEAMMATE, REGION, image!, true);

  // The detail pane names who shared it and offers to leave.
  await row(page, image!.imageId).click();
  const foot = page.getByTestId('leave-share-foot');
  await expect(foot.getByTestId('detail-shared-by')).toHaveText(OWNER);
  await shot(page, 'sharing-leave');
  await page.keyboard.press('Escape');

  // The row's context menu: Leave share… → confirm → gone.
  await row(page, image!.imageId).click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Leave share…' }).click();
  await confirmSheet(page, /Leave/);
  await expect(row(page, image!.imageId)).toHaveCount(0);
  expect(world().image(REGION, image!.imageId)?.launchPermissions.some((p) => p.userId === account(TEAMMATE).accountId)).toBe(false);

  // Read again from AWS: still gone.
  await expectShared(page, TEAMMATE, REGION, image!, false);
});
