/**
 * A scan in two phases, in the real renderer over the demo workspace, with one account denied
 * ec2:DescribeImageAttribute: the listing completes the grid, that account's owned AMIs stay
 * "permissions pending" (the reason on hover), the scan's details show its account as failing in
 * the permissions phase, the status bar and the export count them (the CSV says so in
 * Visibility), and the share matrix says pending in their cells, never "not shared".
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { expect, test } from './fixtures';
import { permissionsPending } from '../../shared/ami-rows';
import { formatCount } from '../../renderer/lib/format';
import { shownCount, useDemoPreview } from './demo-fixture';

test.describe.configure({ mode: 'serial' });

const demo = useDemoPreview();

test('permissions that cannot be read stay pending, said so in the grid, the scan panel, the export and the share matrix', async ({ page }) => {
  test.setTimeout(180_000);
  await demo.openDemo(page);
  const denied = demo.emulator.identities.find((i) => i.accountName === 'acme-staging')!;
  demo.emulator.denyAction(denied.accountId, 'DescribeImageAttribute');
  const deniedEntry = await demo.entryId('acme-staging');

  await page.getByRole('button', { name: 'Inventory' }).click();
  // Every phase the scan panel's line goes through, in order, with its words when it began.
  await page.evaluate(() => {
    const seen: Array<{ phase: string; words: string }> = [];
    (window as unknown as { phasesSeen: typeof seen }).phasesSeen = seen;
    const note = () => {
      const line = document.querySelector('[data-testid="scan-phase-line"]');
      const phase = line?.getAttribute('data-phase');
      if (line && phase && seen[seen.length - 1]?.phase !== phase) seen.push({ phase, words: line.textContent ?? '' });
    };
    new MutationObserver(note).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-phase'] });
  });
  await page.getByRole('button', { name: 'Scan', exact: true }).click();
  const panel = page.getByTestId('scan-panel');
  await expect(panel).toBeVisible();
  await demo.preview.core.inventory.scanFinished();
  const seen = () => page.evaluate(() => (window as unknown as { phasesSeen: Array<{ phase: string; words: string }> }).phasesSeen);
  await expect.poll(async () => (await seen()).at(-1)?.phase).toBe('over');
  // Listing first; the permissions phase (when the page saw it: it may be brief) only once the grid was complete.
  const phases = await seen();
  expect([['listing', 'over'], ['listing', 'permissions', 'over']]).toContainEqual(phases.map((p) => p.phase));
  expect(phases[0]!.words).toMatch(/^Scanning [\d,]+ of [\d,]+ targets?( · [\d,]+ failed)?$/);
  const reading = phases.find((p) => p.phase === 'permissions');
  if (reading) expect(reading.words).toMatch(/^Grid complete · reading launch permissions: [\d,]+ of [\d,]+ AMIs?( · [\d,]+ failed)?$/);

  // The grid is complete: every AMI listed, and exactly the denied account's owned AMIs pending.
  const rows = await demo.inventoryRows();
  const pending = rows.filter(permissionsPending);
  expect(pending.length).toBeGreaterThan(0);
  expect(new Set(pending.map((r) => r.account))).toEqual(new Set([deniedEntry]));
  await expect.poll(() => shownCount(page)).toBe(rows.length);

  // The scan line and its details: the permissions phase's failures first, by account and region.
  await expect(page.getByTestId('scan-phase-line')).toHaveText(new RegExp(`permissions pending for ${formatCount(pending.length)} AMIs?`));
  await panel.getByTestId('scan-details-button').click();
  const failedAccounts = panel.locator('[data-testid="scan-account"][data-status="failed"]');
  await expect(failedAccounts).toHaveCount(1);
  await expect(failedAccounts.first()).toContainText('acme-staging');
  await expect(failedAccounts.first()).toContainText('Permissions failed');
  await expect(panel.getByTestId('scan-account').first()).toHaveAttribute('data-status', 'failed');
  await expect(panel.getByTestId('scan-phase-permissions')).toContainText('failure');
  await page.keyboard.press('Escape');
  await page.getByTestId('scan-toast').getByRole('button', { name: 'Dismiss' }).click();
  await panel.getByRole('button', { name: 'Hide progress' }).click();

  // The status bar counts them; searching the grid's words finds exactly them.
  await expect(page.getByTestId('inventory-permissions-pending')).toHaveText(`permissions pending for ${formatCount(pending.length)} AMIs`);
  await page.getByPlaceholder(/Search/).first().fill('permissions pending');
  await expect.poll(() => shownCount(page)).toBe(pending.length);
  const cell = page.getByTestId('visibility-pending').first();
  await expect(cell).toHaveText('permissions pending');
  await expect(cell).toHaveAttribute('title', /^Launch permissions could not be read: /);

  // The export says before how many are pending, and after, how many it wrote as pending.
  await page.getByRole('button', { name: 'Export CSV…' }).click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog.getByTestId('export-pending')).toContainText(`${formatCount(pending.length)} AMI`);
  await expect(dialog.getByTestId('export-when-read')).toHaveCount(0); // no scan to wait for
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const result = dialog.getByTestId('export-result');
  await expect(result).toContainText(`${formatCount(pending.length)} AMI`);
  const file = (await result.locator('.mono').textContent())!;
  const csv = parse(await readFile(file, 'utf8'), { columns: true }) as Array<Record<string, string>>;
  expect(csv).toHaveLength(pending.length);
  expect(new Set(csv.map((r) => r.visibility))).toEqual(new Set(['permissions pending']));
  await dialog.locator('.form-actions').getByRole('button', { name: 'Close' }).click();

  // The share matrix: the denied account's AMIs say pending, never "not shared".
  await page.getByTestId('share-matrix-entry').click();
  await page.getByTestId('matrix-rows').selectOption('client');
  await page.getByTestId('matrix-client').selectOption({ label: 'Acme Corp' });
  const note = page.getByTestId('matrix-pending-note');
  await expect(note).toContainText(/permissions were not read by the last scan; their cells say pending/);
  const pendingCells = page.locator('[data-testid="matrix-cell"][data-state="pending"]');
  await expect(pendingCells.first()).toBeVisible();
  const stagingRows = page.locator('[data-testid="matrix-row"]').filter({ has: page.locator('td.matrix-owner', { hasText: 'acme-staging' }) });
  await expect(stagingRows.first()).toBeVisible();
  for (const row of await stagingRows.all()) {
    const states = await row.locator('[data-testid="matrix-cell"]').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-state')));
    expect(states.filter((s) => s !== 'owner' && s !== 'public').every((s) => s === 'pending')).toBe(true);
  }
});
