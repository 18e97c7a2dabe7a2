/**
 * Comparing two AMIs in the real renderer over the demo workspace: two rows picked in the account
 * view compare from the row menu and with `d`; a fact that differs (architecture) is marked in
 * the row, "Only differences" leaves only such rows, Esc closes. From an AMI's details, "Compare
 * with…" finds another AMI of another account by typing, all from the keyboard. Screenshots of
 * the comparison in light and dark.
 */
import { expect, test, type Page } from './fixtures';
import type { AmiSummary, Workspace } from '../../shared/model';
import { shot, useDemoPreview } from './demo-fixture';
import { regionLabel } from '../../shared/region-names';

test.describe.configure({ mode: 'serial' });

const demo = useDemoPreview();

interface Pair {
  account: string;
  accountName: string;
  region: string;
  a: AmiSummary;
  b: AmiSummary;
}

/** An account-region of the demo whose owned list has two available AMIs of different architectures, one encrypted. */
async function pairToCompare(): Promise<Pair> {
  const ws: Workspace = await demo.preview.core.handlers['workspace:get']({});
  for (const account of ws.accounts) {
    const region = account.defaultRegion;
    const { images } = await demo.preview.core.handlers['images:list']({ account: account.id, region, view: 'owned' });
    const available = images.filter((i) => i.state === 'available' && !i.deprecationTime && i.name);
    const a = available.find((i) => i.architecture === 'x86_64' && !i.encrypted);
    const b = available.find((i) => i.architecture === 'arm64' && i.encrypted);
    if (a && b) return { account: account.id, accountName: account.name, region, a, b };
  }
  throw new Error('the demo world has no account-region with an x86_64 and an encrypted arm64 AMI');
}

const row = (page: Page, imageId: string) => page.locator(`[data-testid="ami-row"][data-image-id="${imageId}"]`);

async function openList(page: Page, pair: Pair) {
  await page.locator(`[data-testid="account-item"][data-account-id="${pair.account}"]`).click();
  await page.getByLabel('Region').selectOption(pair.region);
  await expect(row(page, pair.a.imageId)).toBeVisible();
}

test('two picked AMIs compare side by side: the differences marked, only differences, Esc closes', async ({ page }) => {
  await demo.openDemo(page);
  const pair = await pairToCompare();
  await openList(page, pair);

  // Pick both rows, then the row menu's "Compare".
  await row(page, pair.a.imageId).click();
  await page.keyboard.press('Escape'); // the details opened by the click: closed, so the list keeps the keys
  await row(page, pair.b.imageId).click({ modifiers: ['Control'] });
  await row(page, pair.b.imageId).click({ button: 'right' });
  const menu = page.getByTestId('row-menu');
  await menu.getByRole('menuitem', { name: /^Compare/ }).click();

  const dialog = page.getByTestId('compare-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('compare-id-a')).toHaveText(pair.a.imageId);
  await expect(dialog.getByTestId('compare-id-b')).toHaveText(pair.b.imageId);
  await expect(dialog.getByTestId('compare-side-a')).toContainText(`${pair.accountName} · ${pair.region}`);

  // Architecture and encryption differ, and say so in the row (marked, with the words of each side).
  const arch = dialog.locator('[data-testid="compare-row"][data-key="platform.architecture"]');
  await expect(arch).toHaveAttribute('data-status', 'differs');
  await expect(arch).toHaveClass(/is-differs/);
  await expect(arch.getByRole('rowheader')).toContainText('≠');
  await expect(arch.getByRole('cell')).toHaveText(['x86_64', 'arm64']);
  const encryption = dialog.locator('[data-testid="compare-row"][data-key="storage.encrypted"]');
  await expect(encryption).toHaveAttribute('data-status', 'differs');
  await expect(encryption.getByRole('cell')).toHaveText(['Not encrypted', 'Encrypted']);
  // The encrypted side's key is named by its alias, read from the owner account's KMS keys.
  const kms = dialog.locator('[data-testid="compare-row"][data-key$=".kms"][data-status="differs"]').first();
  await expect(kms.getByRole('cell').nth(1)).toContainText('alias/');
  // Same owner: not marked.
  await expect(dialog.locator('[data-testid="compare-row"][data-key="image.owner"]')).toHaveAttribute('data-status', 'same');
  const summary = (await dialog.getByTestId('compare-summary').textContent()) ?? '';
  const differences = Number(/(\d+) difference/.exec(summary)?.[1]);
  expect(differences).toBeGreaterThan(1);
  await expect(dialog.locator('[data-testid="compare-row"][data-status="differs"]')).toHaveCount(differences);
  await shot(page, 'compare');

  // Only differences: every row left differs, and there are as many as the summary says.
  await dialog.getByTestId('compare-only-differences').check();
  await expect(dialog.locator('[data-testid="compare-row"]')).toHaveCount(differences);
  await expect(dialog.locator('[data-testid="compare-row"]:not([data-status="differs"])')).toHaveCount(0);
  await expect(dialog.locator('[data-testid="compare-row"][data-key="image.owner"]')).toHaveCount(0);
  await shot(page, 'compare-only-differences');
  await dialog.getByTestId('compare-only-differences').uncheck();

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // The key: `d` with the two rows picked compares them again.
  await page.locator('[data-grid-focus]').focus();
  await page.keyboard.press('d');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('compare-id-b')).toHaveText(pair.b.imageId);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('"Compare with…" from an AMI’s details, by keyboard: another account’s AMI found by typing', async ({ page }) => {
  await demo.openDemo(page);
  await demo.preview.core.handlers['inventory:scan']({});
  await demo.preview.core.inventory.scanFinished();
  const pair = await pairToCompare();
  const other = (await demo.inventoryRows()).find((r) => r.view === 'owned' && r.account !== pair.account && r.state === 'available' && r.name);
  expect(other, 'the inventory has an AMI of another account').toBeTruthy();
  const ws: Workspace = await demo.preview.core.handlers['workspace:get']({});
  const otherAccount = ws.accounts.find((a) => a.id === other!.account)!;
  await openList(page, pair);

  // Keyboard only: into the list, to the AMI, Enter opens its details; Tab to "Compare with…".
  await page.locator('[data-grid-focus]').focus();
  await page.keyboard.press('Home');
  const grid = page.locator('[data-grid-focus]');
  for (let i = 0; i < 500 && (await grid.getAttribute('aria-activedescendant')) !== `ami-row-${pair.a.imageId}`; i++) await page.keyboard.press('ArrowDown');
  await expect(grid).toHaveAttribute('aria-activedescendant', `ami-row-${pair.a.imageId}`);
  await page.keyboard.press('Enter');
  const detail = page.getByTestId('ami-detail');
  await expect(detail.getByTestId('detail-image-id')).toHaveText(pair.a.imageId);
  const compareButton = detail.getByTestId('detail-compare');
  for (let i = 0; i < 10 && !(await compareButton.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(compareButton).toBeFocused();
  await shot(page, 'compare-with-details');
  await page.keyboard.press('Enter');

  const picker = page.getByTestId('compare-picker');
  await expect(picker).toBeVisible();
  const input = picker.getByRole('combobox');
  await expect(input).toBeFocused();
  await page.keyboard.type(other!.imageId);
  const option = picker.locator(`[data-testid="compare-candidate"][data-image-id="${other!.imageId}"]`);
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await expect(option).toContainText(otherAccount.name);
  await shot(page, 'compare-with');
  await page.keyboard.press('Enter');

  const dialog = page.getByTestId('compare-dialog');
  await expect(dialog).toBeVisible();
  await expect(picker).toBeHidden();
  await expect(dialog.getByTestId('compare-id-a')).toHaveText(pair.a.imageId);
  await expect(dialog.getByTestId('compare-id-b')).toHaveText(other!.imageId);
  await expect(dialog.getByTestId('compare-side-b')).toContainText(`${otherAccount.name} · ${other!.region}`);
  // Another owner, named by the workspace's name for it.
  const owner = dialog.locator('[data-testid="compare-row"][data-key="image.owner"]');
  await expect(owner).toHaveAttribute('data-status', 'differs');
  await expect(owner.getByRole('cell').nth(1)).toContainText(otherAccount.name);
  // The first Tab stop is "Only differences"; Space turns it on.
  await expect(dialog.getByTestId('compare-only-differences')).toBeFocused();
  await page.keyboard.press('Space');
  await expect(dialog.locator('[data-testid="compare-row"]:not([data-status="differs"])')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // Back where it started.
  await expect(compareButton).toBeFocused();
});

test('an AMI whose account cannot read it says so, naming the account and region; Retry compares once it can', async ({ page }) => {
  await demo.openDemo(page);
  const pair = await pairToCompare();
  const rows = await demo.inventoryRows();
  const other = rows.find((r) => r.view === 'owned' && r.account !== pair.account && r.state === 'available' && r.name)!;
  const ws: Workspace = await demo.preview.core.handlers['workspace:get']({});
  const otherAccount = ws.accounts.find((a) => a.id === other.account)!;
  await openList(page, pair);

  // One row picked: `d` asks for the other AMI.
  await row(page, pair.a.imageId).click();
  await page.keyboard.press('Escape');
  await page.locator('[data-grid-focus]').focus();
  await page.keyboard.press('d');
  const picker = page.getByTestId('compare-picker');
  await expect(picker).toBeVisible();
  await page.keyboard.type(other.name);
  await expect(picker.locator(`[data-testid="compare-candidate"][data-image-id="${other.imageId}"]`)).toBeVisible();

  demo.emulator.denyAction(otherAccount.awsAccountId!, 'DescribeImages', [other.region]);
  try {
    await picker.locator(`[data-testid="compare-candidate"][data-image-id="${other.imageId}"]`).click();
    const dialog = page.getByTestId('compare-dialog');
    const error = dialog.getByTestId('compare-error-b');
    await expect(error).toContainText(`could not be read through ${otherAccount.name} in ${regionLabel(other.region)}`);
    await expect(error).toContainText('Access denied');
    await expect(dialog.getByTestId('compare-table').locator('[data-testid="compare-row"]')).toHaveCount(0);
    await shot(page, 'compare-unreadable');
  } finally {
    demo.emulator.allowAction(otherAccount.awsAccountId!, 'DescribeImages');
  }
  const dialog = page.getByTestId('compare-dialog');
  await dialog.getByTestId('compare-error-b').getByRole('button', { name: /Retry/ }).click();
  await expect(dialog.getByTestId('compare-error-b')).toHaveCount(0);
  await expect(dialog.locator('[data-testid="compare-row"][data-key="image.owner"]')).toHaveAttribute('data-status', 'differs');
  await expect(dialog.getByTestId('compare-id-b')).toHaveText(other.imageId);

  // "Compare with another…", then Esc: back to the same comparison, not closed.
  await dialog.getByTestId('compare-pick-another').click();
  await expect(picker).toBeVisible();
  await expect(dialog).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(picker).toBeHidden();
  await expect(dialog.getByTestId('compare-id-b')).toHaveText(other.imageId);
  await expect(dialog.locator('[data-testid="compare-row"][data-key="image.owner"]')).toHaveAttribute('data-status', 'differs');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
