/**
 * Find and act: Ctrl+K finds an AMI of any account in the offline inventory and opens it in its
 * account, region and tab; the row menu and the detail pane copy its CLI command and ARN, and
 * offer its AWS Console page only where the account is in AWS (the demo's are not, and say so).
 * An AMI gone since the scan says so instead.
 */
import { expect, test, type Page } from './fixtures';
import { searchAmis } from '../../renderer/lib/quickSwitch';
import { useDemoPreview } from './demo-fixture';
import { regionLabel } from '../../shared/region-names';

test.describe.configure({ mode: 'serial' });

const demo = useDemoPreview();

async function accountsById() {
  const ws = await demo.preview.core.handlers['workspace:get']({});
  return new Map(ws.accounts.map((a) => [a.id, a]));
}

/** The name of the account the account view shows. */
async function currentAccountName(page: Page): Promise<string> {
  const name = ((await page.getByTestId('current-account').locator('.context-account').textContent()) ?? '').trim();
  expect(name).not.toBe('');
  return name;
}

async function findAmi(page: Page, query: string) {
  await page.keyboard.press('Control+k');
  const switcher = page.getByTestId('quick-switcher');
  await expect(switcher).toBeVisible();
  await page.getByLabel('Switch account or find an AMI').fill(query);
  return switcher;
}

test('Ctrl+K finds an AMI of another account and opens it there; its actions copy and open the right things', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(demo.preview.url).origin });
  await demo.openDemo(page);
  const currentName = await currentAccountName(page);

  // Before any scan the inventory is empty, and the switcher says where AMIs come from.
  const before = await findAmi(page, 'ami-0');
  await expect(before.getByTestId('quick-switcher-inventory-note')).toContainText('AMIs are searched in the inventory');
  await expect(before.getByTestId('quick-switcher-inventory-note')).toContainText('Scan');
  await page.keyboard.press('Escape');
  await expect(before).toBeHidden();

  await page.getByRole('button', { name: 'Scan' }).click();
  await expect.poll(async () => (await demo.preview.core.handlers['inventory:summary']({})).running?.state ?? 'idle', { timeout: 60_000 }).toBe('idle');
  const hide = page.getByTestId('scan-panel').getByRole('button', { name: 'Hide progress' });
  if (await hide.isVisible()) await hide.click();

  // An available AMI owned by an account that is not the current one, outside that account's default region.
  const accounts = await accountsById();
  const rows = await demo.inventoryRows();
  const sample = rows.find((r) => {
    const owner = accounts.get(r.account);
    return r.view === 'owned' && r.state === 'available' && owner && owner.name !== currentName && r.region !== owner.defaultRegion;
  });
  expect(sample, 'the demo world has an AMI to find').toBeTruthy();
  const target = sample!;
  const owner = accounts.get(target.account)!;

  const switcher = await findAmi(page, target.imageId);
  const option = switcher.locator(`[data-testid="quick-switcher-ami"][data-image-id="${target.imageId}"]`);
  await expect(option).toBeVisible();
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await expect(option).toContainText(owner.name);
  await expect(option).toContainText(target.region);
  await page.keyboard.press('Enter');
  await expect(switcher).toBeHidden();

  await expect(page.getByTestId('current-account')).toContainText(owner.name);
  await expect(page.getByLabel('Region')).toHaveValue(target.region);
  await expect(page.getByRole('tab', { name: 'Owned', selected: true })).toBeVisible();
  const detail = page.getByTestId('ami-detail');
  await expect(detail.getByTestId('detail-image-id')).toHaveText(target.imageId);
  const row = page.locator(`[data-testid="ami-row"][data-image-id="${target.imageId}"]`);
  await expect(row).toHaveAttribute('aria-selected', 'true');

  // The row menu: "Copy as AWS CLI command" puts the command for this account on the clipboard.
  await row.click({ button: 'right' });
  const menu = page.getByTestId('row-menu');
  for (const name of ['Open in AWS Console', 'Copy AMI ID', 'Copy ARN', 'Copy as AWS CLI command']) await expect(menu.getByRole('menuitem', { name })).toBeVisible();
  await menu.getByRole('menuitem', { name: 'Copy as AWS CLI command' }).click();
  // Demo accounts use key pairs (no profile) and talk to the emulator, so the command says where.
  const command = `aws ec2 describe-images --region ${target.region} --image-ids ${target.imageId} --endpoint-url ${demo.emulator.url}`;
  await expect(page.getByTestId('action-notice')).toContainText('Copied the AWS CLI command');
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(command);
  expect(command).not.toContain(owner.id);

  // The detail pane's "⋯": the ARN, and the console page opened by main in the image's region.
  await detail.getByTestId('detail-links').click();
  await page.getByTestId('row-menu').getByRole('menuitem', { name: 'Copy ARN' }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(`arn:aws:ec2:${target.region}::image/${target.imageId}`);
  // The demo's accounts are not in AWS: the console item is there, says why it is not offered, and does nothing.
  await detail.getByTestId('detail-links').click();
  const consoleItem = page.getByTestId('row-menu').getByRole('menuitem', { name: /Open in AWS Console/ });
  await expect(consoleItem).toHaveAttribute('aria-disabled', 'true');
  await expect(consoleItem).toContainText(`talks to ${new URL(demo.emulator.url).host}, not AWS`);
  await consoleItem.click({ force: true });
  await expect(page.getByTestId('row-menu')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('action-notice').and(page.getByRole('alert'))).toHaveCount(0);
});

test('an AMI deregistered since the scan: the account view opens and says it is not there', async ({ page }) => {
  await demo.openDemo(page);
  const accounts = await accountsById();
  const rows = await demo.inventoryRows();
  const currentName = await currentAccountName(page);
  // Found by its name this time: one the switcher lists among its first few.
  const gone = rows.find(
    (r) => r.view === 'owned' && r.state === 'available' && r.name.length > 3 && accounts.get(r.account)?.name !== currentName && searchAmis(rows, r.name).rows.includes(r),
  )!;
  expect(gone).toBeTruthy();
  const record = demo.emulator.world.imagesIn(gone.region).find((i) => i.imageId === gone.imageId)!;
  // Changed outside the app, as someone in the AWS Console would.
  record.state = 'deregistered';

  const switcher = await findAmi(page, gone.name);
  const option = switcher.locator(`[data-testid="quick-switcher-ami"][data-image-id="${gone.imageId}"]`);
  await option.click();
  await expect(switcher).toBeHidden();
  const owner = accounts.get(gone.account)!;
  await expect(page.getByTestId('current-account')).toContainText(owner.name);
  await expect(page.getByLabel('Region')).toHaveValue(gone.region);
  const banner = page.getByRole('alert').filter({ hasText: gone.imageId });
  await expect(banner).toContainText(`is not in the Owned list of ${owner.name} in ${regionLabel(gone.region)}`);
  await expect(banner).not.toContainText(owner.id);
  await expect(page.getByTestId('ami-detail')).toBeHidden();
});
