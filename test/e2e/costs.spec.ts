/**
 * What AMIs cost, in the real renderer over the demo workspace: after a scan, the inventory's
 * cost column says each AMI's estimated monthly snapshot cost with the caveat on its header, the
 * family facet picks a family's builds, the Costs totals for a client follow the filters and the
 * tier, say the caveat under the figures, and a row's details say its size and cost.
 */
import { expect, test, type Page } from './fixtures';
import { namesFrom, type AmiRow, type InventoryNames } from '../../shared/ami-rows';
import { costTotals } from '../../shared/costs';
import { applyFilter, EMPTY_FILTER, monthlyCostOf, type InventoryFilter } from '../../shared/inventory';
import { EBS_SNAPSHOT_PRICES_AS_OF } from '../../shared/pricing/ebs-snapshots';
import type { Workspace } from '../../shared/model';
import { formatCount, formatUsd } from '../../renderer/lib/format';
import { shot, shownCount, useDemoPreview } from './demo-fixture';

test.describe.configure({ mode: 'serial' });

const demo = useDemoPreview();

async function showColumn(page: Page, label: string, shown = true) {
  await page.getByRole('button', { name: 'Columns' }).click();
  const item = page.getByRole('menu', { name: 'Columns' }).getByRole('menuitemcheckbox', { name: label, exact: true });
  if (((await item.getAttribute('aria-checked')) === 'true') !== shown) await item.click();
  await page.keyboard.press('Escape');
}

test('cost column, family facet, totals per client that follow the filters, and the caveat wherever a figure is', async ({ page }) => {
  test.setTimeout(120_000);
  await demo.openDemo(page);
  await demo.preview.core.handlers['inventory:scan']({});
  await demo.preview.core.inventory.scanFinished();
  const rows = await demo.inventoryRows();
  const ws: Workspace = await demo.preview.core.handlers['workspace:get']({});
  const names: InventoryNames = namesFrom(ws.accounts);
  const filtered = (filter: Partial<InventoryFilter>) => applyFilter(rows, { ...EMPTY_FILTER, ...filter }, new Date(), names);

  await page.getByRole('button', { name: 'Inventory' }).click();
  await expect.poll(() => shownCount(page)).toBe(rows.length);

  // The cost column: an owned us-east-1 AMI's cost is its size at $0.05 per GB-month; the header
  // says how the figure is made and that snapshots are incremental.
  await showColumn(page, 'Est. cost / month');
  await showColumn(page, 'Family');
  const header = page.getByRole('columnheader', { name: 'Est. cost / month' });
  await expect(header.getByRole('button')).toHaveAttribute('title', /Snapshots are incremental: an AMI's snapshot may share blocks with others, so the bill can be lower/);
  await expect(header.getByRole('button')).toHaveAttribute('title', new RegExp(`as of ${EBS_SNAPSHOT_PRICES_AS_OF} for the standard tier`));
  const sample = rows.find((r) => r.view === 'owned' && r.region === 'us-east-1' && (r.snapshotSizeGiB ?? 0) > 0)!;
  expect(sample).toBeTruthy();
  await page.keyboard.press('/');
  await page.keyboard.type(sample.imageId);
  const sampleRow = page.locator(`[data-testid="inventory-row"][data-image-id="${sample.imageId}"]`).first();
  const costCell = sampleRow.locator('.cell-estimatedMonthlyUsd');
  await expect(costCell).toHaveText(formatUsd(sample.snapshotSizeGiB! * 0.05));
  await expect(costCell.locator('span')).toHaveAttribute('title', new RegExp(`${sample.snapshotSizeGiB} GiB × \\$0\\.05 per GB-month in us-east-1`));
  await expect(sampleRow.locator('.cell-family')).toHaveText(names.family(sample.name));

  // Its details say the size and the cost in both tiers, with the caveat.
  await sampleRow.click();
  const detail = page.getByTestId('ami-detail');
  await detail.getByRole('tab', { name: /Storage/ }).click();
  await expect(detail.getByTestId('storage-size')).toHaveText(`${formatCount(sample.snapshotSizeGiB!)} GiB`);
  await expect(detail.getByTestId('storage-cost-standard')).toContainText(`${formatUsd(sample.snapshotSizeGiB! * 0.05)} a month`);
  await expect(detail.getByTestId('storage-cost-archive')).toContainText(`${formatUsd(sample.snapshotSizeGiB! * 0.0125)} a month`);
  await expect(detail.getByTestId('storage-caveat')).toContainText('Snapshots are incremental');
  await expect(detail.getByTestId('storage-caveat')).toContainText('for the standard and archive tiers');
  await page.keyboard.press('Escape');
  const search = page.getByRole('searchbox').or(page.getByPlaceholder(/Search/)).first();
  await search.fill('');
  await expect.poll(() => shownCount(page)).toBe(rows.length);

  // The family facet: the golden Amazon Linux builds of every date are one family.
  const family = 'golden-al2023';
  const builds = filtered({ families: [family] });
  expect(new Set(builds.map((r) => r.name)).size, 'several builds of the family').toBeGreaterThan(1);
  await page.getByTestId('facet-families').click();
  await page.locator(`[data-testid="facet-option"][data-value="${family}"]`).click();
  await page.keyboard.press('Escape');
  await expect.poll(() => shownCount(page)).toBe(builds.length);
  await expect(page.getByTestId('filter-chip')).toHaveText(`Family: ${family}`);
  if (process.env.UPDATE_SCREENSHOTS) {
    // Room for the size and cost beside the name: the id and OS are a click away.
    await showColumn(page, 'Image ID', false);
    await showColumn(page, 'OS', false);
    await showColumn(page, 'Visibility', false);
    await showColumn(page, 'Size');
    await page.getByRole('grid', { name: 'Inventory' }).evaluate((grid) => grid.scrollTo(0, 0));
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.mouse.move(0, 0);
    await shot(page, 'costs-column');
  }

  // Costs: the totals of what the filter shows, per client.
  await page.getByTestId('inventory-costs-toggle').click();
  const panel = page.getByTestId('costs-panel');
  await expect(panel).toBeVisible();
  const clientOf = (account: string) => ws.accounts.find((a) => a.id === account)?.clientId ?? null;
  // The client whose hub builds the golden images.
  const owner = ws.clients.find((c) => c.id === clientOf(builds.find((r) => r.view === 'owned')!.account))!;
  expect(owner.name).toBe('Initech');
  const expectLine = async (shown: readonly AmiRow[], tier: 'standard' | 'archive') => {
    const totals = costTotals(shown, 'client', tier, { client: clientOf, family: names.family });
    const want = totals.lines.find((l) => l.key === owner.id)!;
    expect(want, 'the client owns AMIs in the view').toBeTruthy();
    const line = panel.locator(`[data-testid="costs-line"][data-key="${owner.id}"]`);
    await expect(line.locator('th')).toHaveText(owner.name);
    await expect(line.locator('td').nth(0)).toHaveText(formatCount(want.amis));
    await expect(line.locator('td').nth(1)).toHaveText(formatCount(want.gib));
    await expect(line.locator('td').nth(2)).toHaveText(formatUsd(want.usd));
    await expect(panel.getByTestId('costs-total').locator('td').nth(2)).toHaveText(formatUsd(totals.total.usd));
  };
  await expectLine(builds, 'standard');
  const caveat = panel.getByTestId('cost-caveat');
  await expect(caveat).toHaveText(
    `Snapshots are incremental: an AMI's snapshot may share blocks with others, so the bill can be lower; figures are list prices as of ${EBS_SNAPSHOT_PRICES_AS_OF} for the standard tier, before taxes and discounts.`,
  );

  // Without the filter: every AMI; the archive tier, from the keyboard; sorted by name.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expectLine(rows, 'standard');
  await page.mouse.move(0, 0);
  await shot(page, 'costs-totals');
  await panel.getByTestId('costs-tier').getByRole('radio', { name: 'Standard' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(panel.getByTestId('costs-tier').getByRole('radio', { name: 'Archive' })).toHaveAttribute('aria-checked', 'true');
  await expectLine(rows, 'archive');
  await expect(caveat).toContainText('for the archive tier');
  await panel.getByRole('columnheader', { name: 'Client' }).getByRole('button').click();
  const owning = costTotals(rows, 'client', 'archive', { client: clientOf, family: names.family }).lines.map((l) => ws.clients.find((c) => c.id === l.key)!.name);
  await expect(panel.getByTestId('costs-line').locator('th')).toHaveText(owning.sort((a, b) => a.localeCompare(b)));

  // Per family, a line's name shows its AMIs in the grid.
  await panel.getByTestId('costs-group').getByRole('radio', { name: 'Family' }).click();
  await expect(panel.getByTestId('family-pattern')).toBeVisible();
  await panel.locator(`[data-testid="costs-line"][data-key="${family}"] th button`).click();
  await expect(panel).toBeHidden();
  await expect.poll(() => shownCount(page)).toBe(builds.filter((r) => r.view === 'owned').length);
  // Costs agree with the grid's column: the family's owned AMIs at standard prices.
  const familyUsd = builds.filter((r) => r.view === 'owned').reduce((n, r) => n + (monthlyCostOf(r) ?? 0), 0);
  expect(familyUsd).toBeGreaterThan(0);
});
