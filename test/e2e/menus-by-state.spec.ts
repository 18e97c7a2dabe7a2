/**
 * The row menu and the detail pane offer only what applies to the image, in the real renderer
 * against the emulator's world: an available image (Disable and Deprecate, no Enable), a disabled
 * one (Enable, no Disable), one with a deprecation time (Cancel deprecation, "Change
 * deprecation…") and one without, an image shared with me (nothing that writes); Delete on a
 * shared image and `c` on a disabled one say why instead of acting. Then the 90-day preset
 * schedules exactly that.
 */
import { expect, test, type Page } from './fixtures';
import type { ImageRecord } from '../../emulator/world/model';
import { hasExplicitLaunchPermission } from '../../emulator/world/visibility';
import { confirmProduction, useDemoPreview } from './demo-fixture';

test.describe.configure({ mode: 'serial' });

const demo = useDemoPreview();
const world = () => demo.emulator.world;
const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1'];
const DAY = 86_400_000;

interface Found {
  account: string;
  region: string;
  image: ImageRecord;
}

/** The first owned image of any account and region that matches. */
function ownedWhere(match: (image: ImageRecord) => boolean): Found {
  for (const account of world().accounts) {
    for (const region of REGIONS) {
      const image = world()
        .imagesIn(region)
        .find((i) => i.ownerId === account.accountId && match(i));
      if (image) return { account: account.name, region, image };
    }
  }
  throw new Error('the demo world has no such image');
}

async function openList(page: Page, found: Found, tab: 'Owned' | 'Shared with me') {
  await page.locator(`[data-testid="account-item"][data-account-id="${await demo.entryId(found.account)}"]`).click();
  await page.getByLabel('Region').selectOption(found.region);
  await page.getByRole('tab', { name: tab }).click();
  await expect(page.getByTestId('status-bar')).toContainText(`${found.account}/${found.region}`);
  await page.getByPlaceholder(/Search AMIs/).fill(found.image.imageId);
  await expect(page.locator('[data-testid="ami-row"]')).toHaveCount(1);
}

const row = (page: Page, image: ImageRecord) => page.locator(`[data-testid="ami-row"][data-image-id="${image.imageId}"]`);
const menu = (page: Page) => page.getByTestId('row-menu');
const item = (page: Page, label: string) => menu(page).getByRole('menuitem', { name: new RegExp(`^${label}`) });

/** The labels of the open menu's items, without their shortcuts or the reason an item is not offered. */
async function menuLabels(page: Page): Promise<string[]> {
  await expect(menu(page)).toBeVisible();
  return menu(page)
    .locator('.menu-item-label')
    .evaluateAll((labels) => labels.map((label) => label.firstChild?.textContent ?? ''));
}

async function rowMenuLabels(page: Page, image: ImageRecord): Promise<string[]> {
  await row(page, image).click({ button: 'right' });
  const labels = await menuLabels(page);
  await page.keyboard.press('Escape');
  await expect(menu(page)).toBeHidden();
  return labels;
}

/** The detail pane's foot: its buttons, then the labels of its "More actions" menu. */
async function detailLabels(page: Page, image: ImageRecord): Promise<{ buttons: string[]; more: string[] }> {
  await row(page, image).click();
  const pane = page.getByTestId('ami-detail');
  await expect(pane.getByTestId('detail-image-id')).toHaveText(image.imageId);
  const foot = pane.getByTestId('detail-actions');
  if ((await foot.count()) === 0) return { buttons: [], more: [] };
  const buttons = (await foot.locator('.detail-actions-row > button.button').allTextContents()).map((t) => t.trim());
  const moreButton = foot.getByTestId('detail-more-actions');
  if ((await moreButton.count()) === 0) return { buttons, more: [] };
  await moreButton.click();
  const more = await menuLabels(page);
  await page.keyboard.press('Escape');
  await expect(menu(page)).toBeHidden();
  return { buttons, more };
}

const WRITES = ['Share with…', 'Edit tags…', 'Deprecate…', 'Change deprecation…', 'Cancel deprecation…', 'Enable…', 'Disable…', 'Deregister…', 'Deregistration protection on…', 'Deregistration protection off…'];

test('an available image offers Disable and Deprecate, not Enable nor Cancel deprecation; a disabled one offers Enable, not Disable', async ({ page }) => {
  await demo.openDemo(page);
  const available = ownedWhere((i) => i.state === 'available' && i.deprecationTime === null);
  await openList(page, available, 'Owned');
  const labels = await rowMenuLabels(page, available.image);
  expect(labels).toEqual(expect.arrayContaining(['Share with…', 'Copy to regions…', 'Deprecate…', 'Disable…', 'Deregister…']));
  expect(labels).not.toContain('Enable…');
  expect(labels).not.toContain('Cancel deprecation…');
  expect(labels).not.toContain('Change deprecation…');
  const detail = await detailLabels(page, available.image);
  expect(detail.buttons).toEqual(['Copy…', 'Edit tags…', 'Deregister…']);
  expect(detail.more).toEqual(expect.arrayContaining(['Deprecate…', 'Disable…']));
  expect(detail.more).not.toContain('Enable…');
  expect(detail.more).not.toContain('Cancel deprecation…');

  const disabled = ownedWhere((i) => i.state === 'disabled');
  await openList(page, disabled, 'Owned');
  const disabledLabels = await rowMenuLabels(page, disabled.image);
  expect(disabledLabels).toEqual(expect.arrayContaining(['Enable…', 'Deregister…', 'Edit tags…']));
  // AWS refuses to disable it again, to share it or to copy it.
  for (const label of ['Disable…', 'Share with…', 'Copy to regions…']) expect(disabledLabels).not.toContain(label);
  const disabledDetail = await detailLabels(page, disabled.image);
  expect(disabledDetail.buttons).toEqual(['Edit tags…', 'Deregister…']);
  expect(disabledDetail.more).toContain('Enable…');
  expect(disabledDetail.more).not.toContain('Disable…');
  // The detail has read its protection (off): only the switch that changes something is offered.
  expect(disabled.image.deregistrationProtection ?? 'disabled').toBe('disabled');
  expect(disabledDetail.more).toContain('Deregistration protection on…');
  expect(disabledDetail.more).not.toContain('Deregistration protection off…');
  // The toolbar asks the same: Share and Copy unavailable, the Actions menu as the row's.
  await expect(page.getByTestId('share-selection')).toBeDisabled();
  await expect(page.getByTestId('copy-selection')).toBeDisabled();
  await page.getByTestId('image-actions').click();
  expect(await menuLabels(page)).toEqual(['Edit tags…', ...disabledDetail.more, 'Deregister…']);
  await page.keyboard.press('Escape');
  // And the copy key says why instead of opening the copy dialog.
  await page.getByRole('grid', { name: 'AMIs' }).focus();
  await page.keyboard.press('c');
  await expect(page.getByTestId('action-not-applicable')).toHaveText('Copy: Only an available image can be copied; this one is disabled.');
  await expect(page.getByTestId('copy-dialog')).toHaveCount(0);
});

test('Cancel deprecation only where a deprecation time is set, and Deprecate then reads Change deprecation', async ({ page }) => {
  await demo.openDemo(page);
  const deprecated = ownedWhere((i) => i.state === 'available' && i.deprecationTime !== null);
  await openList(page, deprecated, 'Owned');
  const labels = await rowMenuLabels(page, deprecated.image);
  expect(labels).toEqual(expect.arrayContaining(['Change deprecation…', 'Cancel deprecation…']));
  expect(labels).not.toContain('Deprecate…');
  const detail = await detailLabels(page, deprecated.image);
  expect(detail.more).toEqual(expect.arrayContaining(['Change deprecation…', 'Cancel deprecation…']));

  // The sheet names the time already set, in UTC.
  await row(page, deprecated.image).click({ button: 'right' });
  await item(page, 'Change deprecation…').click();
  const sheet = page.getByTestId('lifecycle-sheet');
  await expect(sheet).toContainText(`Change deprecation of ${deprecated.image.name}`);
  await expect(sheet.getByTestId('lifecycle-deprecate-current')).toContainText(`${new Date(Date.parse(deprecated.image.deprecationTime!)).toISOString().slice(0, 16).replace('T', ' ')} UTC`);
  await sheet.getByRole('button', { name: 'Cancel' }).click();
  await expect(sheet).toBeHidden();
});

test('an image shared with me: nothing that writes, in the row menu or the detail pane; Delete says why', async ({ page }) => {
  await demo.openDemo(page);
  let found: Found | null = null;
  for (const account of world().accounts) {
    for (const region of REGIONS) {
      const image = world()
        .imagesIn(region)
        .find((i) => i.ownerId !== account.accountId && i.state === 'available' && hasExplicitLaunchPermission(account, i));
      if (image && !found) found = { account: account.name, region, image };
    }
  }
  expect(found).not.toBeNull();
  await openList(page, found!, 'Shared with me');
  const labels = await rowMenuLabels(page, found!.image);
  expect(labels).toEqual(expect.arrayContaining(['Open details', 'Copy into this account…', 'Copy AMI ID', 'Open in AWS Console']));
  for (const label of WRITES) expect(labels).not.toContain(label);

  const detail = await detailLabels(page, found!.image);
  expect(detail.buttons).toEqual([]);
  await expect(page.getByTestId('ami-detail').getByRole('button', { name: /Deregister|Disable|Deprecate|Edit tags/ })).toHaveCount(0);
  await expect(page.getByTestId('image-actions')).toHaveCount(0);

  // The Delete key does not deregister another account's image: it says why.
  await page.getByRole('grid', { name: 'AMIs' }).focus();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('action-not-applicable')).toHaveText('Deregister: Only the account that owns it can deregister it.');
  await expect(page.getByTestId('lifecycle-sheet')).toHaveCount(0);
});

test('the 90-day preset fills the date, the review shows it in UTC, and that is the time AWS keeps', async ({ page }) => {
  await demo.openDemo(page);
  const target = ownedWhere((i) => i.state === 'available' && i.deprecationTime === null);
  await openList(page, target, 'Owned');
  await row(page, target.image).click({ button: 'right' });
  await item(page, 'Deprecate…').click();
  const sheet = page.getByTestId('lifecycle-sheet');
  await expect(sheet.locator('[data-testid="deprecate-preset"][aria-pressed="true"]')).toHaveAttribute('data-preset', 'in-30');

  const before = Date.now();
  await sheet.locator('[data-testid="deprecate-preset"][data-preset="in-90"]').click();
  const after = Date.now();
  await expect(sheet.locator('[data-testid="deprecate-preset"][aria-pressed="true"]')).toHaveAttribute('data-preset', 'in-90');
  const review = sheet.getByTestId('lifecycle-deprecate-review');
  const iso = (await review.getAttribute('data-iso'))!;
  const at = Date.parse(iso);
  // 90 days of 24 hours from the click, to the minute.
  expect(at).toBeGreaterThanOrEqual(Math.floor(before / 60_000) * 60_000 + 90 * DAY);
  expect(at).toBeLessThanOrEqual(after + 90 * DAY);
  await expect(review).toContainText(`${iso.slice(0, 16).replace('T', ' ')} UTC`);
  // The field shows it (local time) and stays editable.
  await expect(sheet.getByTestId('lifecycle-deprecate-at')).toBeEditable();
  const field = await sheet.getByTestId('lifecycle-deprecate-at').inputValue();
  expect(new Date(field).getTime()).toBe(at);

  await confirmProduction(sheet);
  await sheet.getByTestId('lifecycle-confirm').click();
  await expect(sheet.locator('[data-testid="lifecycle-result"][data-outcome="changed"]')).toHaveCount(1);
  await sheet.getByTestId('lifecycle-done').click();
  expect(Date.parse(world().image(target.region, target.image.imageId)!.deprecationTime!)).toBe(at);

  // The row now has a deprecation time: its menu offers to change or cancel it.
  await expect
    .poll(async () => rowMenuLabels(page, target.image), { timeout: 15_000 })
    .toEqual(expect.arrayContaining(['Change deprecation…', 'Cancel deprecation…']));
});
