/**
 * Bulk tags in the real renderer, through the preview bridge, against the real core and the
 * emulator: 20 AMIs of one account picked with Shift+click (7 of them carrying a tag the rest do
 * not), a tag added, another changed and that one removed, on their snapshots too; all 20
 * changed, the emulator agreeing, the account view and the inventory grid showing the new tag,
 * the tag facet listing it, the audit log holding an entry per AMI; then the tag removed again
 * from the inventory, from the 20 AMIs its search shows.
 */
import { expect, test } from './fixtures';
import type { ImageRecord } from '../../emulator/world/model';
import { confirmProduction, shot, useDemoPreview } from './demo-fixture';

test.describe.configure({ mode: 'serial' });

const OWNER = 'acme-staging';
const REGION = 'us-east-1';

const demo = useDemoPreview();

const world = () => demo.emulator.world;
const image = (imageId: string): ImageRecord => world().image(REGION, imageId)!;
const tagOf = (tags: ReadonlyArray<{ key: string; value: string }>, key: string) => tags.find((t) => t.key === key)?.value;
const snapshotIds = (i: ImageRecord) => i.blockDevices.flatMap((d) => (d.ebs?.snapshotId ? [d.ebs.snapshotId] : []));

test('tag 20 AMIs with their snapshots, see the grid, facet and audit log follow, and remove the tag again', async ({ page }) => {
  test.setTimeout(120_000);
  await demo.openDemo(page);
  // The inventory first, so the tag facet and the grid have rows to follow.
  await demo.preview.core.handlers['inventory:scan']({});
  await demo.preview.core.inventory.scanFinished();

  const staging = await demo.entryId(OWNER);
  await page.locator(`[data-testid="account-item"][data-account-id="${staging}"]`).click();
  await page.getByLabel('Region').selectOption(REGION);
  await page.getByRole('tab', { name: 'Owned' }).click();
  await expect(page.getByTestId('status-bar')).toContainText(`${OWNER}/${REGION}`);
  const rows = page.getByTestId('ami-row');
  await expect(rows.nth(19)).toBeVisible();
  const ids = (await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-image-id') ?? ''))).slice(0, 20);
  expect(ids).toHaveLength(20);

  // A mixed selection: 7 of the 20 have an Owner tag (set beforehand, as another tool would).
  await demo.preview.core.handlers['lifecycle:tag']({ images: ids.slice(0, 7).map((imageId) => ({ account: staging, region: REGION, imageId })), set: [{ key: 'Owner', value: 'ana' }], remove: [], snapshotsToo: false });
  await expect.poll(() => page.evaluate(() => document.querySelectorAll('[data-testid="ami-row"]').length)).toBeGreaterThan(19);

  // Pick 20 rows: a click, then Shift+click on the 20th.
  await page.locator(`[data-testid="ami-row"][data-image-id="${ids[0]}"]`).click();
  await page.locator(`[data-testid="ami-row"][data-image-id="${ids[19]}"]`).click({ modifiers: ['Shift'] });
  await page.getByTestId('image-actions').click();
  await page.getByRole('menuitem', { name: 'Edit tags of 20 AMIs…' }).click();

  const sheet = page.getByTestId('tag-sheet');
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole('heading', { name: 'Edit tags of 20 AMIs' })).toBeVisible();
  await expect(sheet.locator('[data-testid="tag-row"][data-key="Owner"]')).toContainText('on 7 of 20');
  await expect(sheet.locator('[data-testid="tag-row"][data-key="Name"] [data-testid="tag-value"]')).toHaveAttribute('placeholder', '(various)');
  await expect(sheet.getByTestId('tag-apply')).toBeDisabled();

  // Esc closes it; the keyboard opens it again from the toolbar's Actions menu.
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await page.locator(`[data-testid="ami-row"][data-image-id="${ids[19]}"]`).focus();
  await page.getByTestId('image-actions').focus();
  await page.keyboard.press('Enter');
  await page.getByRole('menuitem', { name: 'Edit tags of 20 AMIs…' }).press('Enter');
  await expect(sheet).toBeVisible();

  // From the keyboard: the new row's key has the focus; a reserved key is refused in words.
  await expect(sheet.getByTestId('tag-new-key')).toBeFocused();
  await page.keyboard.type('aws:cost');
  await expect(sheet.getByTestId('tag-problem')).toHaveText('“aws:cost” starts with “aws:”, which AWS keeps for its own tags.');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('CostCentre');
  await page.keyboard.press('Tab');
  await page.keyboard.type('cc-42');
  await expect(sheet.getByTestId('tag-problem')).toHaveCount(0);
  // Team changes on all 20, on their snapshots too.
  await sheet.locator('[data-testid="tag-row"][data-key="Team"] [data-testid="tag-value"]').fill('hygiene');
  await sheet.getByLabel('Also on their snapshots').check();
  // Owner goes from the 7 that have it.
  await sheet.locator('[data-testid="tag-row"][data-key="Owner"] [data-testid="tag-remove"]').click();
  await expect(sheet.locator('[data-testid="tag-row"][data-key="Owner"]')).toHaveAttribute('data-state', 'remove');
  const summary = sheet.getByTestId('tag-summary');
  await expect(summary).toContainText('All 20 AMIs will change, with their snapshots');
  await expect(summary).toContainText('CostCentre = cc-42: added to 20 AMIs');
  await expect(summary).toContainText('Team = hygiene: changed on');
  await expect(summary).toContainText('Owner: removed from 7 AMIs');
  await shot(page, 'tag-sheet');

  await sheet.getByTestId('tag-apply').click();
  await expect(sheet.getByTestId('tag-results-summary')).toHaveText('20 changed · 0 unchanged · 0 failed');
  await expect(sheet.locator('[data-testid="tag-result"][data-outcome="changed"]')).toHaveCount(20);
  await expect(sheet.getByTestId('tag-done')).toBeFocused();
  await shot(page, 'tag-results');
  for (const id of ids) {
    const tags = image(id).tags;
    expect(tagOf(tags, 'CostCentre'), id).toBe('cc-42');
    expect(tagOf(tags, 'Team'), id).toBe('hygiene');
    expect(tagOf(tags, 'Owner'), id).toBeUndefined();
    for (const s of snapshotIds(image(id))) expect(tagOf(world().snapshot(REGION, s)!.tags, 'CostCentre'), s).toBe('cc-42');
  }
  await page.keyboard.press('Enter');
  await expect(sheet).toBeHidden();

  // The account view's search finds the 20 by the new tag, and the detail pane shows it.
  await page.getByPlaceholder(/Search AMIs/).fill('cc-42');
  await expect(rows).toHaveCount(20);
  await rows.first().dblclick();
  await page.getByRole('tab', { name: /Tags/ }).click();
  await expect(page.getByTestId('ami-detail').locator('.tags-table')).toContainText('CostCentre');
  await page.getByPlaceholder(/Search AMIs/).fill('');

  // Inventory: the grid's Tags column and the tag facet, without a rescan.
  await page.getByRole('button', { name: /^Inventory/ }).click();
  await page.getByRole('button', { name: /Columns/ }).click();
  await page.getByRole('menuitemcheckbox', { name: 'Tags' }).click();
  await page.keyboard.press('Escape');
  await page.getByTestId('facet-tag').click();
  await page.getByLabel('Tag key or key=value').fill('CostCentre');
  const option = page.locator('[data-testid="facet-option"][data-value="CostCentre=cc-42"]');
  await expect(option).toContainText('20');
  await option.click();
  await page.keyboard.press('Escape');
  const inventoryRows = page.getByTestId('inventory-row');
  await expect(inventoryRows).toHaveCount(20);
  await expect(inventoryRows.first()).toContainText('CostCentre=cc-42');
  await expect(inventoryRows.first()).toContainText('Team=hygiene');

  // The audit log: an entry per AMI, in acme-staging, with the snapshots.
  await page.keyboard.press('ControlOrMeta+Shift+L');
  const tagged = page.locator('[data-testid="audit-entry"][data-action="tag"]');
  await expect(tagged.first()).toBeVisible();
  for (const id of ids) await expect(page.locator(`[data-testid="audit-entry"][data-action="tag"][data-image-id="${id}"]`).first()).toContainText(OWNER);
  await expect(page.locator(`[data-testid="audit-entry"][data-action="tag"][data-image-id="${ids[10]}"]`).first()).toContainText('CostCentre=cc-42 added');

  // Remove it again, from the inventory: the 20 AMIs the facet shows, in one sheet.
  await page.getByRole('button', { name: /^Inventory/ }).click();
  await expect(inventoryRows).toHaveCount(20);
  await page.getByTestId('inventory-edit-tags').click();
  await expect(sheet.getByRole('heading', { name: 'Edit tags of 20 AMIs' })).toBeVisible();
  await sheet.locator('[data-testid="tag-row"][data-key="CostCentre"] [data-testid="tag-remove"]').click();
  await expect(sheet.getByTestId('tag-summary')).toContainText('CostCentre: removed from 20 AMIs');
  await sheet.getByLabel('Also on their snapshots').check();
  await sheet.getByTestId('tag-apply').click();
  await expect(sheet.getByTestId('tag-results-summary')).toHaveText('20 changed · 0 unchanged · 0 failed');
  await sheet.getByTestId('tag-done').click();
  await expect(inventoryRows).toHaveCount(0);
  for (const id of ids) {
    expect(tagOf(image(id).tags, 'CostCentre'), id).toBeUndefined();
    for (const s of snapshotIds(image(id))) expect(tagOf(world().snapshot(REGION, s)!.tags, 'CostCentre'), s).toBeUndefined();
  }
});

test('one AMI of a production account, from its details in the inventory: its name typed, the tag set', async ({ page }) => {
  await demo.openDemo(page);
  await demo.preview.core.handlers['inventory:scan']({});
  await demo.preview.core.inventory.scanFinished();
  const prod = world().accounts.find((a) => a.name === 'acme-production')!;
  const target = world().imagesIn(REGION).find((i) => i.ownerId === prod.accountId && i.state === 'available')!;
  await page.getByRole('button', { name: /^Inventory/ }).click();
  await page.keyboard.press('/');
  await page.keyboard.type(target.imageId);
  const row = page.locator(`[data-testid="inventory-row"][data-image-id="${target.imageId}"]`);
  await expect(row).toHaveCount(1);
  await row.dblclick();
  await page.getByTestId('inventory-detail-actions').getByTestId('detail-edit-tags').click();
  const sheet = page.getByTestId('tag-sheet');
  await expect(sheet.getByRole('heading', { name: `Edit tags of ${target.name}` })).toBeVisible();
  await expect(sheet).toContainText('acme-production');
  await sheet.getByTestId('tag-new-key').fill('Reviewed');
  await sheet.getByTestId('tag-new-value').fill('2026-q4');
  await expect(sheet.getByTestId('tag-apply')).toBeDisabled();
  await expect(sheet).toContainText('Type the production account name to continue.');
  await confirmProduction(sheet);
  await sheet.getByTestId('tag-apply').click();
  await expect(sheet.getByTestId('tag-results-summary')).toHaveText('1 changed · 0 unchanged · 0 failed');
  expect(tagOf(image(target.imageId).tags, 'Reviewed')).toBe('2026-q4');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  // The detail pane reads the image again: its Tags tab has the new tag.
  await page.getByRole('tab', { name: /Tags/ }).click();
  await expect(page.getByTestId('ami-detail').locator('.tags-table')).toContainText('Reviewed');
});
