/**
 * The AMI grid's columns in the real renderer: a column's edge dragged makes it narrower and the
 * width is kept after a reload; a cut-off name and a cut-off cell without a hover text of its
 * own show their whole text on hover; Alt+←/→ on a focused heading resizes down to the least
 * width; a double-click on the edge fits the column to the names drawn; the inventory grid keeps
 * widths of its own.
 */
import { useDemoPreview } from './demo-fixture';
import { expect, test, type Locator, type Page } from './fixtures';

const ACCOUNT = 'acme-production';
const REGION = 'us-east-1';
const demo = useDemoPreview();

const header = (page: Page, label: string) => page.getByRole('columnheader', { name: label, exact: true });
const handle = (page: Page, key: string) => page.locator(`[data-testid="column-resize"][data-column="${key}"]`);
const width = async (locator: Locator) => Math.round((await locator.boundingBox())!.width);
/** Whether an element's text runs past its box (an ellipsis is drawn). */
const cutOff = (locator: Locator) => locator.evaluate((el) => el.scrollWidth > el.clientWidth);

async function openAccount(page: Page) {
  await demo.openDemo(page);
  await page.locator(`[data-testid="account-item"][data-account-id="${await demo.entryId(ACCOUNT)}"]`).click();
  await page.getByLabel('Region').selectOption(REGION);
  await expect(page.getByTestId('ami-row').first()).toBeVisible();
}

test('drag a column edge: narrower, kept after a reload; a cut-off name shows whole on hover', async ({ page }) => {
  await openAccount(page);
  await page.evaluate(() => localStorage.removeItem('atlas.columnWidths.v1'));
  const name = header(page, 'Name');
  const before = await width(name);
  const edge = (await handle(page, 'name').boundingBox())!;
  const [x, y] = [edge.x + edge.width / 2, edge.y + edge.height / 2];
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x - 60, y, { steps: 5 });
  await page.mouse.move(x - (before - 120), y, { steps: 5 });
  await page.mouse.up();
  await expect.poll(() => width(name)).toBe(120);
  // The header's sort did not change with the drag.
  await expect(name).toHaveAttribute('aria-sort', /none|ascending|descending/);

  // The names are cut off now; hovering one gives its whole text.
  const longest = page.getByTestId('ami-row').locator('span.cell-name').first();
  expect(await cutOff(longest)).toBe(true);
  const text = (await longest.textContent())!;
  expect(text.length).toBeGreaterThan(10);
  await longest.hover();
  await expect(longest).toHaveAttribute('title', new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));

  await page.reload();
  await expect(page.getByTestId('ami-row').first()).toBeVisible();
  await expect.poll(() => width(header(page, 'Name'))).toBe(120);
});

test('Alt+← on a focused heading narrows to the least width; a cut-off cell gets its text on hover; double-click fits', async ({ page }) => {
  await openAccount(page);
  await page.evaluate(() => localStorage.removeItem('atlas.columnWidths.v1'));
  await page.reload();
  await expect(page.getByTestId('ami-row').first()).toBeVisible();

  const arch = header(page, 'Arch');
  const start = await width(arch);
  await arch.getByRole('button').focus();
  await page.keyboard.press('Alt+ArrowRight');
  await expect.poll(() => width(arch)).toBe(start + 16);
  for (let i = 0; i < 4; i++) await page.keyboard.press('Alt+ArrowLeft');
  await expect.poll(() => width(arch)).toBe(40);
  // Focus stayed on the heading and the rows were not sorted by the keys.
  await expect(arch.getByRole('button')).toBeFocused();
  await expect(arch).toHaveAttribute('aria-sort', 'none');

  // "x86_64" does not fit 40 px: its cell (which has no hover text of its own) gets one.
  const archCells = page.getByTestId('ami-row').locator('.cell-architecture');
  const cell = archCells.first();
  const value = (await cell.textContent())!.trim();
  expect(await cutOff(cell)).toBe(true);
  await cell.hover();
  await expect(cell).toHaveAttribute('title', value);

  // A double-click on the edge fits the column to what the rows show: nothing cut off.
  await handle(page, 'architecture').dblclick();
  await expect.poll(() => width(arch)).toBeGreaterThan(40);
  const anyCut = await archCells.evaluateAll((cells) => cells.some((c) => c.scrollWidth > c.clientWidth || [...c.querySelectorAll('*')].some((e) => e.scrollWidth > e.clientWidth)));
  expect(anyCut).toBe(false);
  await cell.hover();
  await page.mouse.move(0, 0);
  await cell.hover();
  await expect(cell).not.toHaveAttribute('title', value);

  await page.screenshot({ path: '/tmp/shots/grid/grid-header-after-light.png', clip: { x: 0, y: 0, width: 1440, height: 260 } });
});

test('the inventory grid keeps its own widths: a column dragged wider there stays after a reload, the AMI grid untouched', async ({ page }) => {
  test.setTimeout(120_000);
  await openAccount(page);
  await page.evaluate(() => localStorage.setItem('atlas.columnWidths.v1', JSON.stringify({ amis: { name: 300 } })));
  await page.getByRole('button', { name: 'Inventory' }).click();
  await page.getByRole('button', { name: 'Scan' }).click();
  await expect.poll(async () => (await demo.preview.core.handlers['inventory:summary']({})).running?.state ?? 'idle', { timeout: 90_000 }).toBe('idle');
  await expect(page.getByTestId('inventory-row').first()).toBeVisible();

  const region = header(page, 'Region');
  const before = await width(region);
  const edge = (await handle(page, 'region').boundingBox())!;
  const [x, y] = [edge.x + edge.width / 2, edge.y + edge.height / 2];
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 64, y, { steps: 6 });
  await page.mouse.up();
  await expect.poll(() => width(region)).toBe(before + 64);
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('atlas.columnWidths.v1') ?? '{}') as Record<string, Record<string, number>>);
  expect(saved).toEqual({ amis: { name: 300 }, inventory: { region: before + 64 } });

  await page.reload();
  await page.getByRole('button', { name: 'Inventory' }).click();
  await expect(page.getByTestId('inventory-row').first()).toBeVisible();
  await expect.poll(() => width(header(page, 'Region'))).toBe(before + 64);
  await page.getByRole('button', { name: 'AMIs' }).click();
  await expect(page.getByTestId('ami-row').first()).toBeVisible();
  await expect.poll(() => width(header(page, 'Name'))).toBe(300);
});
