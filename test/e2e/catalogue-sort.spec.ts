/**
 * A catalogue tab browses like the inventory: the Amazon images of the active account and
 * region come newest first, a click on "Name" sorts them by name, the status line says the
 * order is within the pages loaded, and another region searches again there.
 */
import { useDemoPreview } from './demo-fixture';
import { expect, test, type Page } from './fixtures';

const ACCOUNT = 'acme-production';
const demo = useDemoPreview();

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** The ids of the catalogue rows drawn, top to bottom. */
async function shownIds(page: Page): Promise<string[]> {
  return page.getByTestId('catalogue-row').evaluateAll((rows) =>
    rows
      .map((r) => ({ index: Number(r.getAttribute('aria-rowindex')), id: r.getAttribute('data-image-id') ?? '' }))
      .sort((a, b) => a.index - b.index)
      .map((r) => r.id),
  );
}

test('Amazon images: newest first, then by name after a header click, searched again for another region', async ({ page }) => {
  await demo.openDemo(page);
  await page.locator(`[data-testid="account-item"][data-account-id="${await demo.entryId(ACCOUNT)}"]`).click();
  await page.getByLabel('Region').selectOption('us-east-1');
  await page.getByRole('button', { name: 'Inventory' }).click();
  await page.getByRole('tab', { name: 'Amazon' }).click();
  await expect(page.getByTestId('catalogue-row').first()).toBeVisible();

  // What AWS answered for the first page, in AWS's own order.
  const firstPage = await demo.preview.core.handlers['images:searchPublic']({ account: await demo.entryId(ACCOUNT), region: 'us-east-1', scope: 'amazon', nextToken: null });
  expect(firstPage.nextToken, 'the catalogue has more than one page').not.toBeNull();
  const byId = new Map(firstPage.images.map((i) => [i.imageId, i]));
  const status = page.getByTestId('catalogue-status');
  await expect(status).toContainText(`Sorted by Created (newest first) within the ${firstPage.images.length} images loaded`);
  await expect(status.getByRole('button', { name: 'Load more' })).toBeVisible();

  // Newest first by default: the rows drawn are the newest of the page, in order.
  const created = page.getByRole('columnheader', { name: 'Created', exact: true });
  await expect(created).toHaveAttribute('aria-sort', 'descending');
  const newest = (await shownIds(page)).map((id) => byId.get(id)?.creationDate ?? '');
  const expectedDates = firstPage.images.map((i) => i.creationDate ?? '').sort((a, b) => Date.parse(b) - Date.parse(a));
  expect(newest.length).toBeGreaterThan(10);
  expect(newest).toEqual(expectedDates.slice(0, newest.length));

  // A click on "Name" sorts by name, A to Z.
  await page.getByRole('button', { name: 'Name', exact: true }).click();
  await expect(page.getByRole('columnheader', { name: 'Name', exact: true })).toHaveAttribute('aria-sort', 'ascending');
  await expect(created).toHaveAttribute('aria-sort', 'none');
  await expect(status).toContainText('Sorted by Name (A to Z) within the');
  const names = (await shownIds(page)).map((id) => byId.get(id)?.name ?? '');
  const expectedNames = firstPage.images.map((i) => i.name).sort(collator.compare);
  expect(names).toEqual(expectedNames.slice(0, names.length));

  // Another region: the same search runs there; the rows are eu-west-1's, still by name.
  await page.getByLabel('Region').selectOption('eu-west-1');
  await expect(page.locator('.catalogue-where')).toContainText('eu-west-1');
  await expect(page.getByTestId('catalogue-row').first()).toHaveAttribute('data-region', 'eu-west-1');
  await expect(page.locator('[data-testid="catalogue-row"][data-region="us-east-1"]')).toHaveCount(0);
  await expect(page.getByRole('columnheader', { name: 'Name', exact: true })).toHaveAttribute('aria-sort', 'ascending');
});
