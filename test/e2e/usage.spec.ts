/**
 * Where owned AMIs are used, in the real renderer over the demo workspace: Check usage reads
 * every place with a progress bar, then the In use column and facet show each owned AMI's answer
 * (counts as the core stored them); "Unused" shows exactly the unused ones; an AMI its owner does
 * not use but an account it is shared with launches from a template version says so in its
 * details, by account name and region.
 */
import { expect, test, type Page } from './fixtures';
import { USAGE_FIXTURE } from '../../emulator';
import type { StoredAmiUsage } from '../../shared/contract/usage';
import { formatCount } from '../../renderer/lib/format';
import { shot, useDemoPreview } from './demo-fixture';

test.describe.configure({ mode: 'serial' });

const demo = useDemoPreview();

/** The first number in the inventory status bar: the rows shown. */
async function shownCount(page: Page): Promise<number> {
  const text = (await page.getByTestId('inventory-status').textContent()) ?? '';
  return Number((text.match(/[\d,]+/)?.[0] ?? 'NaN').replace(/,/g, ''));
}

test('Check usage fills the In use column and facet, "Unused" shows the unused AMIs, and the details say where one is used', async ({ page }) => {
  test.setTimeout(180_000);
  await demo.openDemo(page);
  await demo.preview.core.handlers['inventory:scan']({});
  await demo.preview.core.inventory.scanFinished();
  await page.getByRole('button', { name: 'Inventory' }).click();
  await expect.poll(() => shownCount(page)).toBeGreaterThan(0);

  // Never checked: the facet says so and the stored answers are empty.
  expect(await demo.preview.core.handlers['usage:stored']({})).toEqual([]);
  await page.getByTestId('facet-inUse').click();
  await expect(page.getByRole('menu', { name: 'In use' })).toContainText('Not checked yet');
  await page.keyboard.press('Escape');

  const check = page.getByTestId('check-usage');
  await expect(check).toHaveAttribute('title', /every owned AMI/);
  // Slow answers, so the check is seen under way: a bar counting account-regions read of the total.
  const bar = page.getByRole('progressbar', { name: 'Usage check' });
  demo.emulator.setKnobs({ latencyMs: 120 });
  try {
    await check.click();
    await expect(bar).toBeVisible();
    await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
    const max = Number(await bar.getAttribute('aria-valuemax'));
    expect(max).toBeGreaterThan(1);
    await expect(page.getByTestId('usage-progress')).toContainText(new RegExp(`Checking usage: \\d+ of ${formatCount(max)} account-regions read`));
    await expect(check).toBeDisabled();
    await shot(page, 'usage-progress');
    await expect(page.getByRole('columnheader', { name: 'In use' })).toBeVisible({ timeout: 90_000 });
  } finally {
    demo.emulator.setKnobs({ latencyMs: 0 });
  }
  await expect(bar).toHaveCount(0);
  await expect(check).toHaveText('Check usage');

  const stored: StoredAmiUsage[] = await demo.preview.core.handlers['usage:stored']({});
  expect(stored.length).toBeGreaterThan(0);
  const count = (state: StoredAmiUsage['inUse']) => stored.filter((u) => u.inUse === state).length;
  expect(count('yes')).toBeGreaterThan(0);
  expect(count('no')).toBeGreaterThan(0);

  // The facet counts AMIs as the core answered them.
  await page.getByTestId('facet-inUse').click();
  const menu = page.getByRole('menu', { name: 'In use' });
  for (const [state, label] of [['yes', 'In use'], ['no', 'Unused'], ['unknown', 'Unknown']] as const) {
    const option = menu.locator(`[data-testid="facet-option"][data-value="${state}"]`);
    await expect(option).toContainText(label);
    await expect(option.locator('.menu-count')).toHaveText(formatCount(count(state)));
  }
  await shot(page, 'usage-facet');
  const all = await shownCount(page);
  // "Unused": exactly the unused AMIs, each saying so.
  await menu.locator('[data-testid="facet-option"][data-value="no"]').click();
  await page.keyboard.press('Escape');
  await expect.poll(() => shownCount(page)).toBe(count('no'));
  await expect(page.getByTestId('filter-chip').filter({ hasText: 'In use: Unused' })).toBeVisible();
  const cells = page.locator('[data-testid="inventory-row"] .cell-inUse');
  await expect(cells.first()).toHaveText('Unused');
  for (const text of await cells.allTextContents()) expect(text).toBe('Unused');
  await expect(cells.first().locator('span')).toHaveAttribute('title', /Checked /);
  await shot(page, 'usage-column');

  // Clearing the filter shows every AMI again.
  await page.getByTestId('filter-chip').filter({ hasText: 'In use: Unused' }).getByRole('button').click();
  await expect.poll(() => shownCount(page)).toBe(all);

  // The hub's AMI used only by acme-staging's ci-runner template, version 1.
  const { ownerName, accountName, region, launchTemplateName } = USAGE_FIXTURE.sharedAndUsedElsewhere;
  const ws = await demo.preview.core.handlers['workspace:get']({});
  const hub = ws.accounts.find((a) => a.name === ownerName)!;
  const target = stored.find((u) => u.account === hub.id && u.region === region && u.references.length === 1 && u.references[0]!.resource === launchTemplateName);
  expect(target).toBeTruthy();
  await page.keyboard.press('/');
  await page.keyboard.type(target!.imageId);
  const row = page.locator(`[data-testid="inventory-row"][data-image-id="${target!.imageId}"]`).first();
  await expect(row.locator('.cell-inUse')).toHaveText('In use');
  await row.click();
  await row.press('Enter');
  const detail = page.getByTestId('ami-detail');
  await detail.getByRole('tab', { name: 'Used by' }).click();
  const tab = detail.getByTestId('usage-tab');
  await expect(tab.getByTestId('usage-state')).toHaveText('In use');
  const reference = tab.getByTestId('usage-reference');
  await expect(reference).toHaveCount(1);
  await expect(reference).toContainText('Launch template');
  await expect(reference).toContainText(launchTemplateName);
  await expect(reference).toContainText(`${accountName} · ${region}`);
  await expect(reference).toContainText('version 1');
  // The demo's accounts talk to the emulator, not AWS: no console link is offered for them.
  await expect(reference.getByRole('button', { name: /Copy the AWS Console link/ })).toBeDisabled();
  await expect(reference.getByRole('button', { name: new RegExp(`Open ${launchTemplateName} in the AWS Console`) })).toBeDisabled();
  await shot(page, 'usage-tab');

  // An unknown answer names each place it could not read and why; the tab stays chosen.
  const unknown = stored.find((u) => u.inUse === 'unknown')!;
  expect(unknown).toBeTruthy();
  await page.getByTestId('filter-chip').first().getByRole('button').click();
  await page.keyboard.press('/');
  await page.keyboard.type(unknown.imageId);
  const unknownRow = page.locator(`[data-testid="inventory-row"][data-image-id="${unknown.imageId}"]`).first();
  await expect(unknownRow.locator('.cell-inUse')).toHaveText('Unknown');
  await unknownRow.click();
  await unknownRow.press('Enter');
  await expect(tab.getByTestId('usage-state')).toHaveText('Unknown');
  await expect(tab.getByTestId('usage-unreadable')).toHaveCount(unknown.unreadable.length);
  await expect(tab.getByTestId('usage-unreadable').first()).toContainText(unknown.unreadable[0]!.reason);
});
