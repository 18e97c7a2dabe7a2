/**
 * Sharing AMIs in the real renderer, through the preview bridge, against the real core and the
 * emulator: pick three owned AMIs, drag them onto a client, confirm the sheet, and see them in
 * each recipient's "Shared with me"; undo from the audit log and see them gone; then the same
 * share by keyboard alone through "Share with…". Expectations come from the emulator's world.
 */
import { expect, test, type Page } from './fixtures';
import type { ImageRecord } from '../../emulator/world/model';
import { hasExplicitLaunchPermission } from '../../emulator/world/visibility';
import { confirmProduction, shot, useDemoPreview } from './demo-fixture';

test.describe.configure({ mode: 'serial' });

const OWNER = 'acme-staging';
const CLIENT = 'Initech';
const RECIPIENTS = ['initech-shared-services', 'initech-sandbox'];
const REGION = 'us-east-1';

const demo = useDemoPreview();
/** The three images shared by drag and drop. */
let dragged: ImageRecord[] = [];

const world = () => demo.emulator.world;
const account = (name: string) => world().accounts.find((a) => a.name === name)!;

/** An image the recipients can be given and will list: available, EBS, no aws/ebs key, not theirs yet. */
function shareable(image: ImageRecord): boolean {
  if (image.state !== 'available' || image.rootDeviceType !== 'ebs' || image.deprecationTime !== null) return false;
  if (image.productCodes.length > 0 || image.launchPermissions.some((p) => p.group === 'all')) return false;
  if (RECIPIENTS.some((name) => hasExplicitLaunchPermission(account(name), image))) return false;
  return image.blockDevices.every((d) => {
    if (!d.ebs?.encrypted) return true;
    const key = d.ebs.kmsKeyId ? world().kmsKey(d.ebs.kmsKeyId) : undefined;
    return key?.managedBy === 'customer';
  });
}

async function workspaceIds() {
  const ws = await demo.preview.core.handlers['workspace:get']({});
  const entry = (name: string) => ws.accounts.find((a) => a.name === name)!.id;
  return { entry, client: (name: string) => ws.clients.find((c) => c.name === name)!.id };
}

async function showList(page: Page, accountName: string, view: 'Owned' | 'Shared with me') {
  const { entry } = await workspaceIds();
  await page.locator(`[data-testid="account-item"][data-account-id="${entry(accountName)}"]`).click();
  await page.getByLabel('Region').selectOption(REGION);
  await page.getByRole('tab', { name: view }).click();
  await expect(page.getByTestId('status-bar')).toContainText(view === 'Owned' ? `${accountName}/${REGION}` : 'shared with me');
  await expect(page.getByTestId('status-bar')).not.toContainText('Loading');
}

/** Whether `accountName`'s "Shared with me" list in REGION shows the image (searched by id). */
async function expectShared(page: Page, accountName: string, images: readonly ImageRecord[], shown: boolean) {
  await showList(page, accountName, 'Shared with me');
  const search = page.getByPlaceholder(/Search AMIs/);
  for (const image of images) {
    await search.fill(image.imageId);
    if (shown) await expect(page.locator(`[data-testid="ami-row"][data-image-id="${image.imageId}"]`)).toHaveCount(1);
    else await expect(page.getByTestId('ami-row')).toHaveCount(0);
  }
  await search.fill('');
}

test('drag three owned AMIs onto a client, confirm, and each recipient sees them', async ({ page }) => {
  await demo.openDemo(page);
  await showList(page, OWNER, 'Owned');
  const rows = page.getByTestId('ami-row');
  await expect(rows.first()).toBeVisible();

  // Three rows on screen (the grid is virtualized) that the recipients can be given.
  const byId = new Map(world().imagesIn(REGION).map((i) => [i.imageId, i]));
  const onScreen = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-image-id') ?? ''));
  dragged = onScreen.map((id) => byId.get(id)).filter((i): i is ImageRecord => !!i && i.ownerId === account(OWNER).accountId && shareable(i)).slice(0, 3);
  expect(dragged).toHaveLength(3);

  const row = (image: ImageRecord) => page.locator(`[data-testid="ami-row"][data-image-id="${image.imageId}"]`);
  await row(dragged[0]!).click();
  await row(dragged[1]!).click({ modifiers: ['ControlOrMeta'] });
  await row(dragged[2]!).click({ modifiers: ['ControlOrMeta'] });
  await expect(page.locator('[data-testid="ami-row"][aria-selected="true"]')).toHaveCount(3);
  await expect(page.getByTestId('share-selection')).toHaveText(/Share 3 AMIs with…/);
  // The detail pane follows the focused (last clicked) row.
  await expect(page.getByTestId('ami-detail').getByTestId('detail-image-id')).toHaveText(dragged[2]!.imageId);

  const { client } = await workspaceIds();
  const clientRow = page.locator(`[data-testid="client-row"][data-client-id="${client(CLIENT)}"]`);
  // Drag by hand (press, move, release) so the drop target's highlight can be seen mid-drag.
  await row(dragged[1]!).hover();
  await page.mouse.down();
  const box = (await clientRow.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 8 });
  await expect(clientRow).toHaveClass(/is-drop-target/);
  await shot(page, 'share-drag');
  await page.mouse.up();

  const sheet = page.getByTestId('share-sheet');
  await expect(sheet).toBeVisible();
  await expect(sheet).toContainText(`Share 3 AMIs with ${CLIENT}`);
  const items = sheet.getByTestId('share-plan-item');
  await expect(items).toHaveCount(3);
  for (const image of dragged) {
    const item = sheet.locator(`[data-testid="share-plan-item"][data-image-id="${image.imageId}"]`);
    for (const name of RECIPIENTS) await expect(item).toContainText(name);
  }
  // The change is made in the owner account, and the sheet says through which path and as whom.
  const actor = account(OWNER);
  await expect(sheet.getByTestId('acting-as')).toHaveText(new RegExp(`${OWNER} through access key …${actor.accessKeyId.slice(-4)} as `));
  await shot(page, 'share-sheet');

  await confirmProduction(sheet);
  await sheet.getByTestId('share-apply').click();
  const results = sheet.getByTestId('share-result');
  await expect(results).toHaveCount(3);
  for (const image of dragged) await expect(sheet.locator(`[data-testid="share-result"][data-image-id="${image.imageId}"]`)).toHaveAttribute('data-outcome', 'changed');
  await sheet.getByTestId('share-done').click();
  await expect(sheet).toHaveCount(0);

  // The emulator agrees, and each recipient lists the three.
  for (const image of dragged) for (const name of RECIPIENTS) expect(hasExplicitLaunchPermission(account(name), world().imagesIn(REGION).find((i) => i.imageId === image.imageId)!)).toBe(true);
  for (const name of RECIPIENTS) await expectShared(page, name, dragged, true);
});

test('the audit log lists the shares; undo takes them back', async ({ page }) => {
  expect(dragged).toHaveLength(3);
  await demo.openDemo(page);
  await page.keyboard.press('ControlOrMeta+Shift+L');
  const log = page.getByTestId('audit-log');
  await expect(log).toBeVisible();
  const entryOf = (image: ImageRecord) => log.locator(`[data-testid="audit-entry"][data-image-id="${image.imageId}"][data-action="share"]`);
  for (const image of dragged) await expect(entryOf(image).first()).toBeVisible();
  await shot(page, 'audit-log');

  for (const image of dragged) {
    const undoable = entryOf(image).filter({ has: page.getByTestId('audit-undo') });
    while ((await undoable.count()) > 0) {
      const before = await undoable.count();
      await undoable.first().getByTestId('audit-undo').click();
      const confirm = page.getByTestId('confirm-sheet');
      await expect(confirm).toBeVisible();
      await confirmProduction(confirm);
      await confirm.getByTestId('confirm-button').click();
      await expect(undoable).toHaveCount(before - 1);
    }
    await expect(log.locator(`[data-testid="audit-entry"][data-image-id="${image.imageId}"][data-action="undo"]`).first()).toBeVisible();
  }

  for (const name of RECIPIENTS) await expectShared(page, name, dragged, false);
});

test('share by keyboard alone: search, select, Share with…, confirm', async ({ page }) => {
  await demo.openDemo(page);
  await showList(page, OWNER, 'Owned');
  const image = world()
    .imagesIn(REGION)
    .filter((i) => i.ownerId === account(OWNER).accountId && shareable(i))
    .find((i) => !dragged.some((d) => d.imageId === i.imageId))!;
  expect(image).toBeDefined();

  await page.keyboard.press('/');
  await page.keyboard.type(image.imageId);
  await expect(page.getByTestId('ami-row')).toHaveCount(1);
  await page.keyboard.press('Enter'); // to the results
  await page.keyboard.press('ArrowDown'); // focus and select the row
  const focused = page.locator(`[data-testid="ami-row"][data-image-id="${image.imageId}"]`);
  await expect(focused).toHaveAttribute('aria-selected', 'true');
  // Space toggles the focused row.
  await page.keyboard.press('Space');
  await expect(focused).toHaveAttribute('aria-selected', 'false');
  await page.keyboard.press('Space');
  await expect(focused).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ControlOrMeta+Shift+S');

  const picker = page.getByTestId('share-picker');
  await expect(picker).toBeVisible();
  await page.keyboard.type('initech sandbox');
  await expect(picker.getByTestId('share-picker-option').first()).toContainText('initech-sandbox');
  await page.keyboard.press('Enter');

  const sheet = page.getByTestId('share-sheet');
  await expect(sheet.getByTestId('share-plan-item')).toHaveCount(1);
  const apply = sheet.getByTestId('share-apply');
  const inputs = sheet.getByTestId('prod-guard-input');
  if ((await inputs.count()) > 0) {
    // Focus moves to the first name field when the plan arrives; Tab goes to the next one.
    await expect(inputs.first()).toBeFocused();
    for (let i = 0; i < (await inputs.count()); i++) {
      const name = /^Type (.+) to confirm$/.exec((await inputs.nth(i).getAttribute('aria-label')) ?? '')![1]!;
      if (i > 0) await page.keyboard.press('Tab');
      await page.keyboard.type(name);
    }
    await expect(apply).toBeEnabled();
    await page.keyboard.press('Enter');
  } else {
    await expect(apply).toBeEnabled();
    await expect(sheet.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(apply).toBeFocused();
    await page.keyboard.press('Enter');
  }
  await expect(sheet.getByTestId('share-result')).toHaveAttribute('data-outcome', 'changed');
  await expect(sheet.getByTestId('share-done')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(sheet).toHaveCount(0);

  await expectShared(page, 'initech-sandbox', [image], true);
});

test('the row menu offers "Share with…" for owned rows; Ctrl+A picks every visible row', async ({ page }) => {
  await demo.openDemo(page);
  await showList(page, OWNER, 'Owned');
  const rows = page.getByTestId('ami-row');
  await rows.first().click();
  await page.keyboard.press('ControlOrMeta+a');
  const total = demo.emulator.world.imagesIn(REGION).filter((i) => i.ownerId === account(OWNER).accountId && i.state !== 'deregistered').length;
  await expect(page.getByTestId('selection-count')).toHaveText(`${total} selected`);
  // The first Esc closes the detail pane the click opened; the second goes back to one row.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('ami-detail')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('selection-count')).toHaveCount(0);

  await rows.nth(1).click({ button: 'right' });
  const menu = page.getByTestId('row-menu');
  await expect(menu.getByRole('menuitem', { name: /Share with…/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('share-picker')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('share-picker')).toHaveCount(0);

  // Not in "Shared with me": those images belong to someone else.
  await page.getByRole('tab', { name: 'Shared with me' }).click();
  await page.keyboard.press('ControlOrMeta+Shift+S');
  await expect(page.getByTestId('share-picker')).toHaveCount(0);
});
