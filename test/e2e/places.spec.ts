/**
 * The sidebar's places: "AMIs" (the active account's list) and Image Builder are places like the
 * inventory. Choosing an account from Image Builder goes to that account's AMIs; "AMIs" leaves
 * Image Builder too; Image Builder opened again shows the account chosen meanwhile.
 */
import { expect, test, type Page } from './fixtures';
import { IMAGE_BUILDER_FIXTURES } from '../../emulator/world/imagebuilder-fixtures';
import { useDemoPreview } from './demo-fixture';

const HUB = IMAGE_BUILDER_FIXTURES.hub;
const demo = useDemoPreview();

async function chooseAccount(page: Page, name: string): Promise<void> {
  await page.locator(`[data-testid="account-item"][data-account-id="${await demo.entryId(name)}"]`).click();
}

test('choosing an account or "AMIs" leaves Image Builder for the AMI list', async ({ page }) => {
  await demo.openDemo(page);
  const other = demo.emulator.identities.find((i) => i.accountName !== HUB.accountName)!.accountName;
  const amis = page.getByTestId('amis-entry');
  const builder = page.getByTestId('builder-view');
  const images = page.getByRole('region', { name: 'Images' });

  await chooseAccount(page, HUB.accountName);
  await expect(amis).toHaveAttribute('aria-current', 'page');
  await expect(amis).toContainText(HUB.accountName);
  await page.getByLabel('Region').selectOption(HUB.region);

  // Image Builder, then another account: its AMIs, not its pipelines.
  await page.keyboard.press('ControlOrMeta+Shift+B');
  await expect(builder).toBeVisible();
  await expect(amis).not.toHaveAttribute('aria-current', 'page');
  await chooseAccount(page, other);
  await expect(builder).toBeHidden();
  await expect(images).toBeVisible();
  await expect(amis).toHaveAttribute('aria-current', 'page');
  await expect(amis).toContainText(other);

  // Image Builder opens on the account chosen meanwhile; "AMIs" leaves it again.
  await page.getByTestId('builder-entry').click();
  await expect(page.getByTestId('builder-status')).toContainText(other);
  await amis.click();
  await expect(builder).toBeHidden();
  await expect(images).toBeVisible();
  await expect(page.getByTestId('builder-entry')).not.toHaveAttribute('aria-current', 'page');
});
