/**
 * The region picker, the top bar and the quick switcher in the real renderer on the demo world
 * (whose opt-in regions are eu-south-1, enabled, and af-south-1, ap-east-1, me-central-1, not):
 * regions by name and code, the opt-in regions apart, the ones the account has not enabled
 * marked with its name and not selectable, typing a name or a short code picks a region; the
 * copy dialog lists the not-enabled regions without letting them be chosen; the switcher shows
 * each account's client colour; an account chosen there whose client was folded is unfolded and
 * in view.
 */
import { useDemoPreview } from './demo-fixture';
import { expect, test, type Page } from './fixtures';

const ACCOUNT = 'acme-production';
const demo = useDemoPreview();

async function openAccount(page: Page, name = ACCOUNT) {
  await demo.openDemo(page);
  await page.locator(`[data-testid="account-item"][data-account-id="${await demo.entryId(name)}"]`).click();
  await expect(page.getByTestId('current-account')).toContainText(name);
}

test('regions by name and code, opt-in regions apart, not-enabled ones marked and not pickable; typing picks', async ({ page }) => {
  await openAccount(page);
  const picker = page.getByLabel('Region');
  await expect(picker.locator('option[value="eu-west-1"]')).toHaveText('Europe (Ireland) · eu-west-1');
  await expect(picker.locator('optgroup[label="Enabled in every account"] option[value="us-east-1"]')).toHaveText(/^US East \(N\. Virginia\) · us-east-1/);
  // eu-south-1 is opted in: its own group, selectable.
  const optIn = picker.locator('optgroup[label="Opt-in regions"] option[value="eu-south-1"]');
  await expect(optIn).toHaveText('Europe (Milan) · eu-south-1');
  await expect(optIn).toBeEnabled();
  // af-south-1 is not: listed under the account's name, disabled.
  const notEnabled = picker.locator(`optgroup[label="Opt-in regions not enabled for ${ACCOUNT}"] option[value="af-south-1"]`);
  await expect(notEnabled).toHaveText(`Africa (Cape Town) · af-south-1 — not enabled for ${ACCOUNT}`);
  await expect(notEnabled).toBeDisabled();
  await expect(picker.locator('optgroup[label="Opt-in regions"] option[value="af-south-1"]')).toHaveCount(0);
  await page.screenshot({ path: '/tmp/shots/grid/topbar-after-light.png', clip: { x: 0, y: 0, width: 1440, height: 60 } });

  // Type-to-select by name and by short code, on the focused picker.
  await picker.focus();
  await page.keyboard.type('frankf');
  await expect(picker).toHaveValue('eu-central-1');
  await page.waitForTimeout(1000);
  await page.keyboard.type('apse2');
  await expect(picker).toHaveValue('ap-southeast-2');
  await expect(page.getByTestId('status-bar')).toContainText(`${ACCOUNT}/ap-southeast-2`);
});

test('the copy dialog lists the regions the account has not enabled, and none can be chosen', async ({ page }) => {
  await openAccount(page);
  await page.getByLabel('Region').selectOption('us-east-1');
  await page.getByRole('tab', { name: 'Owned' }).click();
  await page.getByTestId('ami-row').first().click();
  await page.getByTestId('copy-selection').click();
  const dialog = page.getByTestId('copy-dialog');
  await expect(dialog).toBeVisible();
  const blocked = dialog.locator('[data-testid="copy-region"][data-region="af-south-1"]');
  await expect(blocked).toBeDisabled();
  await expect(dialog.locator('label', { has: page.locator('[data-testid="copy-region"][data-region="af-south-1"]') })).toHaveAttribute('title', new RegExp(`Not enabled for ${ACCOUNT}`));
  await expect(dialog.locator('label', { has: page.locator('[data-region="eu-west-1"]') })).toContainText('Europe (Ireland)');
  await expect(dialog.locator('[data-testid="copy-region"][data-region="eu-south-1"]')).toBeEnabled();
});

test('the top bar names the whole account on hover; the search placeholder fits at 1024 and 1280 px', async ({ page }) => {
  await openAccount(page, 'initech-shared-services');
  await expect(page.getByTestId('current-account-name')).toHaveAttribute('title', 'initech-shared-services');
  const search = page.getByRole('searchbox', { name: 'Search AMIs' });
  for (const width of [1280, 1024]) {
    await page.setViewportSize({ width, height: 800 });
    const fits = await search.evaluate((input: HTMLInputElement) => {
      const style = getComputedStyle(input);
      const canvas = document.createElement('canvas').getContext('2d')!;
      canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      return canvas.measureText(input.placeholder).width <= room;
    });
    expect(fits, `the placeholder fits at ${width} px`).toBe(true);
    await page.screenshot({ path: `/tmp/shots/grid/topbar-${width}-after.png`, clip: { x: 0, y: 0, width, height: 60 } });
  }
});

test('the switcher shows each account’s client colour; the chosen account is unfolded and in view', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 420 });
  await openAccount(page);
  const workspace = await demo.preview.core.handlers['workspace:get']({});
  const target = workspace.accounts.find((a) => a.name === 'initech-sandbox')!;
  const client = workspace.clients.find((c) => c.id === target.clientId)!;
  // Its client folded first.
  const clientRow = page.locator(`[data-testid="client-row"][data-client-id="${client.id}"]`);
  await clientRow.scrollIntoViewIfNeeded();
  await clientRow.click();
  await expect(clientRow).toHaveAttribute('aria-expanded', 'false');
  await page.getByTestId('client-row').first().scrollIntoViewIfNeeded();

  await page.keyboard.press('Control+k');
  const options = page.getByTestId('quick-switcher-option');
  await expect(options.first()).toBeVisible();
  for (const account of workspace.accounts) {
    const color = workspace.clients.find((c) => c.id === account.clientId)!.color;
    await expect(page.locator(`[data-testid="quick-switcher-option"][data-account-id="${account.id}"] .client-dot`)).toHaveAttribute('data-client-color', color!);
  }
  await page.screenshot({ path: '/tmp/shots/grid/switcher-after-light.png' });
  await page.getByLabel('Switch account').fill(target.name);
  await expect(options.first()).toHaveAttribute('data-account-id', target.id);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('current-account')).toContainText(target.name);
  await expect(clientRow).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator(`[data-testid="account-item"][data-account-id="${target.id}"]`)).toBeInViewport();
});
