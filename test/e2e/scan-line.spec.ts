/**
 * The scan as one line above the grid, in the real renderer over the demo workspace with one
 * account refused ec2:DescribeImages: the line says how many targets failed, the grid keeps all
 * its room (the line takes its own, the details cover nothing once closed), the details list
 * the failing account first with AWS's refusal in words, open and close by keyboard with focus
 * back on their button, and "Retry failed" scans that account again once it is allowed.
 */
import { expect, test } from './fixtures';
import { useDemoPreview } from './demo-fixture';
import { overlap } from './geometry';

test.describe.configure({ mode: 'serial' });

const demo = useDemoPreview();

test('a failed target: the line counts it, the details name the account first with why, the grid stays uncovered, a retry clears it', async ({ page }) => {
  test.setTimeout(180_000);
  await demo.openDemo(page);
  const denied = demo.emulator.identities.find((i) => i.accountName === 'acme-staging')!;
  demo.emulator.denyAction(denied.accountId, 'DescribeImages');

  await page.getByRole('button', { name: 'Inventory' }).click();
  await page.getByRole('button', { name: 'Scan', exact: true }).click();
  const line = page.getByTestId('scan-panel');
  await expect(line).toBeVisible();
  await demo.preview.core.inventory.scanFinished();
  const { targets } = await demo.preview.core.handlers['inventory:summary']({});
  const failed = targets.filter((t) => t.state === 'failed');
  expect(failed.length).toBeGreaterThan(0);
  await expect(line.getByTestId('scan-phase-line')).toHaveText(new RegExp(`^Scanned ${targets.length} targets · ${failed.length} failed`));

  // One line: the grid starts below it and nothing of the line lies over the grid.
  const grid = page.getByRole('grid', { name: 'Inventory' });
  await expect(grid).toBeVisible();
  const lineBox = (await line.boundingBox())!;
  expect(lineBox.height).toBeLessThan(48);
  expect(await overlap(line, grid)).toBe(false);

  // The ended scan's toast links to the details (it is dismissed by its own Show).
  const toast = page.getByTestId('scan-toast');
  await expect(toast).toContainText(`Scan finished: ${failed.length} targets failed`);
  await expect(toast).toContainText('acme-staging');
  await toast.getByRole('button', { name: 'Show' }).click();
  await expect(toast).toHaveCount(0);
  const details = page.getByTestId('scan-details');
  await expect(details).toBeVisible();
  await expect(details).toBeFocused();

  // The failing account first, its regions done of total, each failing region named with AWS's words.
  const first = details.getByTestId('scan-account').first();
  await expect(first).toHaveAttribute('data-status', 'failed');
  await expect(first).toContainText('acme-staging');
  // The same refusal in every region is said once, with every failing region named.
  const failedRegions = [...new Set(failed.map((t) => t.region))].sort();
  const problem = first.getByTestId('scan-problem');
  await expect(problem).toHaveCount(1);
  await expect(problem).toContainText(/not authorized|denied/i);
  await expect(problem).toContainText('ec2:DescribeImages');
  await expect(problem).toContainText('owned and shared');
  expect(((await problem.getByTestId('scan-problem-regions').textContent()) ?? '').split(', ').sort()).toEqual(failedRegions);
  await expect(first).toContainText(`0/${failedRegions.length} regions`);
  await expect(details.locator('[data-testid="scan-account"][data-status="failed"]')).toHaveCount(1);
  await expect(details.locator('[data-testid="scan-account"][data-status="done"]')).toHaveCount(demo.emulator.identities.length - 1);

  // Esc closes the details; focus back on their button; the grid is uncovered again.
  await page.keyboard.press('Escape');
  await expect(details).toHaveCount(0);
  const button = line.getByTestId('scan-details-button');
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  expect(await overlap(line, grid)).toBe(false);
  // The keyboard opens them too.
  await page.keyboard.press('Enter');
  await expect(details).toBeFocused();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Escape');
  await expect(button).toBeFocused();

  // Allowed again, "Retry failed" scans the failing account in those regions, and nothing fails.
  demo.emulator.allowAction(denied.accountId, 'DescribeImages');
  await line.getByTestId('scan-retry').click();
  await expect(line.getByTestId('scan-phase-line')).toHaveText(new RegExp(`^Scanned ${failed.length} targets$|^Scanned ${failed.length} targets · permissions`), { timeout: 60_000 });
  await expect(line.getByTestId('scan-retry')).toHaveCount(0);
  await expect(page.getByTestId('scan-toast')).toHaveCount(0);
});
