/**
 * Clean-up in the real renderer over the demo workspace: a client's unused AMIs older than 90
 * days (usage checked first), the plan with its saving, price date and caveat, saved plans and
 * the CSV; applying it through the review sheet (the place had no Recycle Bin rule, so one is
 * made first; the production account is named), progress and per-AMI results; one AMI restored
 * from the Recycle Bin and back in the account's list. Then orphaned snapshots: listed with the
 * AMI they were made for, one deleted.
 */
import { expect, test, type Page } from './fixtures';
import { DEFAULT_RULES, type RetentionPlan } from '../../shared/retention';
import type { Workspace } from '../../shared/model';
import { CLEANUP_FIXTURE } from '../../emulator/world/cleanup-fixtures';
import { formatUsd } from '../../renderer/lib/format';
import { exactTime } from '../../renderer/lib/time';
import { costCaveat, totalsLine } from '../../renderer/features/cleanup/places';
import { confirmProduction, shot, useDemoPreview } from './demo-fixture';
import { regionLabel } from '../../shared/region-names';

const demo = useDemoPreview();

async function scanned(page: Page): Promise<Workspace> {
  await demo.openDemo(page);
  await demo.preview.core.handlers['inventory:scan']({});
  await demo.preview.core.inventory.scanFinished();
  return demo.preview.core.handlers['workspace:get']({});
}

/** Reads the snapshot shots into /tmp as well, so they can be looked at without UPDATE_SCREENSHOTS. */
async function look(page: Page, name: string): Promise<void> {
  const dir = process.env.CLEANUP_SHOTS;
  if (dir) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await page.waitForTimeout(100);
      await page.screenshot({ path: `${dir}/${name}${scheme === 'dark' ? '-dark' : ''}.png` });
    }
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: null });
  }
  await shot(page, name);
}

test('unused AMIs older than 90 days in a client: check usage, the plan and its saving, apply behind a new Recycle Bin rule, restore one', async ({ page }) => {
  test.setTimeout(180_000);
  const ws = await scanned(page);
  const acme = ws.clients.find((c) => c.name === 'Acme Corp')!;
  const rules = { ...DEFAULT_RULES, scope: { clients: [acme.id], accounts: [], regions: [] } };

  // Ctrl+Shift+X opens the place; the rules are the defaults (newest 3 kept, older than 90 days, not in use).
  await page.keyboard.press('Control+Shift+X');
  const view = page.getByTestId('cleanup-view');
  await expect(view).toBeVisible();
  await expect(page.getByTestId('cleanup-entry')).toHaveAttribute('aria-current', 'page');
  await page.getByTestId('rules-client').selectOption({ label: acme.name });
  await expect(page.getByTestId('rules-accounts')).toHaveText('All 2 accounts');

  // Nothing is known to be unused yet: the plan says AMIs were kept for that, and offers the check.
  const usageLine = page.getByTestId('usage-line');
  await expect(usageLine).toContainText(/\d+ AMIs? kept because their usage is not checked/);
  await expect(page.getByTestId('plan-kept')).toContainText('use not checked yet');
  await usageLine.getByRole('button', { name: 'Check usage' }).click();
  await expect(usageLine).toContainText(/Usage last checked .* for \d+ AMIs/, { timeout: 60_000 });

  // The plan the page shows is the core's for these rules: every candidate older than 90 days and unused.
  const plan: RetentionPlan = await demo.preview.core.handlers['retention:plan']({ rules });
  expect(plan.candidates.length).toBeGreaterThan(0);
  const at = Date.parse(plan.at);
  for (const c of plan.candidates) {
    expect(c.clientName).toBe(acme.name);
    expect(c.inUse).toBe('no');
    expect(at - Date.parse(c.creationDate!)).toBeGreaterThan(90 * 86_400_000);
  }
  await expect(page.getByTestId('plan-totals')).toHaveText(totalsLine(plan));
  await expect(page.getByTestId('plan-totals')).toContainText(`about ${formatUsd(plan.totalMonthlyCost)}/month saved`);
  await expect(page.getByTestId('plan-caveat')).toHaveText(costCaveat(plan.pricesAsOf));
  await expect(page.getByTestId('plan-caveat')).toContainText('Snapshots are incremental');
  await expect(page.getByTestId('plan-row')).toHaveCount(plan.candidates.length);
  const first = plan.candidates[0]!;
  const firstRow = page.locator(`[data-testid="plan-row"][data-image-id="${first.imageId}"]`);
  await expect(firstRow).toContainText(first.accountName);
  await expect(firstRow).toContainText(first.region);
  await expect(firstRow.locator('.cell-cost')).toHaveText(formatUsd(first.monthlyCost!));
  // A header sorts by its column: Created, oldest first, then (again) newest first.
  const byAge = [...plan.candidates].sort((a, b) => Date.parse(a.creationDate!) - Date.parse(b.creationDate!));
  expect(byAge.length).toBeGreaterThan(1);
  const created = page.getByTestId('plan-grid').getByRole('button', { name: 'Created' });
  await created.click();
  await expect(page.getByTestId('plan-row').first()).toHaveAttribute('data-image-id', byAge[0]!.imageId);
  await created.click();
  await expect(page.getByTestId('plan-row').first()).toHaveAttribute('data-image-id', byAge.at(-1)!.imageId);
  await firstRow.click();
  for (const reason of first.reasons) await expect(page.getByTestId('candidate-detail')).toContainText(reason);

  // Bad input is explained under its field, and the plan waits for it.
  const older = page.getByLabel('Older than');
  await older.fill('ninety');
  await expect(page.getByText('Older than must be a whole number (or empty for no such rule), not “ninety”.')).toBeVisible();
  await older.fill('90');
  await expect(page.getByText(/Older than must be/)).toHaveCount(0);

  // Saved plans: save, change, overwrite, run again; the CSV holds the plan's AMIs.
  await page.getByTestId('plan-name').fill('Acme unused');
  await page.getByTestId('plan-save').click();
  await expect(page.getByTestId('saved-plan-select').locator('option:checked')).toHaveText('Acme unused');
  await page.getByLabel('Keep newest').fill('5');
  await expect(page.getByTestId('saved-plans')).toContainText('changed since saved');
  await page.getByTestId('plan-save').click();
  await expect(page.getByTestId('saved-plans')).not.toContainText('changed since saved');
  const saved = await demo.preview.core.handlers['retention:saved']({});
  expect(saved.map((p) => [p.name, p.rules.keepNewest])).toEqual([['Acme unused', 5]]);
  await page.getByLabel('Keep newest').fill('3');
  await page.getByRole('button', { name: 'Re-run' }).click();
  await expect(page.getByLabel('Keep newest')).toHaveValue('5');
  await page.getByLabel('Keep newest').fill('3');
  await expect(page.getByTestId('plan-totals')).toHaveText(totalsLine(plan));
  await look(page, 'cleanup-plan');

  // Apply: the review names each place; this one has no Recycle Bin rule, so a rule is made first.
  await page.getByTestId('plan-apply').click();
  const sheet = page.getByTestId('apply-sheet');
  await expect(sheet).toBeVisible();
  const places = new Map(plan.candidates.map((c) => [`${c.accountName} ${c.region}`, c]));
  await expect(sheet.getByTestId('apply-place')).toHaveCount(places.size);
  await expect(sheet.getByTestId('acting-as')).toContainText(first.accountName);
  const uncovered = sheet.locator('[data-testid="apply-place"][data-coverage="not-covered"]');
  await expect(uncovered.first()).toContainText('Not covered: deregistered AMIs cannot be restored');
  await expect(sheet.getByTestId('apply-confirm')).toBeDisabled();
  await expect(sheet.getByTestId('apply-accept')).toBeVisible();
  await confirmProduction(sheet);
  await look(page, 'cleanup-apply');
  const rows = sheet.getByTestId('apply-place');
  for (let i = 0; i < (await rows.count()); i++) {
    const place = rows.nth(i);
    if ((await place.getAttribute('data-coverage')) === 'covered') continue;
    await place.getByLabel('Retention days').fill('7');
    await place.getByTestId('create-rule').click();
    await expect(place).toHaveAttribute('data-coverage', 'covered', { timeout: 20_000 });
    await expect(place.getByTestId('apply-coverage')).toHaveText(/AMIs kept 7 days, snapshots 7 days in the Recycle Bin/);
  }
  await expect(sheet.getByTestId('apply-accept')).toHaveCount(0);
  await expect(sheet.getByTestId('apply-confirm')).toBeEnabled();
  await sheet.getByTestId('apply-confirm').click();

  // Per-AMI results: every one deregistered, its snapshots said.
  await expect(sheet.getByTestId('apply-result')).toHaveCount(plan.candidates.length, { timeout: 60_000 });
  await expect(sheet.locator('[data-testid="apply-result"][data-outcome="deregistered"]')).toHaveCount(plan.candidates.length);
  await expect(sheet.getByTestId('apply-summary')).toContainText(`${plan.candidates.length} deregistered · 0 skipped · 0 failed`);
  await sheet.getByTestId('apply-open-bin').click();
  await expect(sheet).toHaveCount(0);
  for (const c of plan.candidates) {
    const listed = await demo.preview.core.handlers['images:list']({ account: c.account, region: c.region, view: 'owned' });
    expect(listed.images.map((i) => i.imageId)).not.toContain(c.imageId);
  }

  // The Recycle Bin holds them: restore one (production named), and it is back in its account's list.
  await expect(page.getByRole('tab', { name: 'Recycle Bin' })).toHaveAttribute('aria-selected', 'true');
  const binRow = page.locator(`[data-testid="bin-row"][data-image-id="${first.imageId}"]`);
  await expect(binRow).toBeVisible({ timeout: 30_000 });
  await expect(binRow).toContainText(first.accountName);
  await expect(binRow).toContainText(first.name);
  // The rule made in the review keeps it 7 days from when it entered the bin.
  const bin = await demo.preview.core.handlers['cleanup:recycleBin']({ places: [{ account: first.account, region: first.region }] });
  const held = bin.images.find((i) => i.imageId === first.imageId)!;
  expect(Date.parse(held.recycleBinExitTime!) - Date.parse(held.recycleBinEnterTime!)).toBe(7 * 86_400_000);
  await expect(binRow.locator('time').last()).toHaveAttribute('title', exactTime(held.recycleBinExitTime));
  const seeded = page.locator('[data-testid="bin-row"]', { hasText: CLEANUP_FIXTURE.inBin.imageName });
  await expect(seeded).toContainText(CLEANUP_FIXTURE.inBin.accountName);
  await expect(page.getByTestId('bin-place').filter({ hasText: CLEANUP_FIXTURE.noRules.accountName }).filter({ hasText: CLEANUP_FIXTURE.noRules.region })).toContainText(
    'Not covered: deregistered AMIs cannot be restored',
  );
  await look(page, 'cleanup-recycle-bin');
  await binRow.getByTestId('bin-restore').click();
  const restore = page.getByTestId('restore-sheet');
  await expect(restore.getByTestId('restore-confirm')).toBeDisabled();
  await confirmProduction(restore);
  await restore.getByTestId('restore-confirm').click();
  await expect(restore.getByTestId('restore-result')).toContainText(first.imageId, { timeout: 20_000 });
  await restore.getByRole('button', { name: 'Done' }).click();
  await expect(binRow).toHaveCount(0);

  await page.getByTestId('account-item').filter({ hasText: first.accountName }).first().click();
  await expect(page.getByTestId('cleanup-view')).toHaveCount(0);
  await page.keyboard.press('/');
  await page.keyboard.type(first.imageId);
  await expect(page.locator(`[data-image-id="${first.imageId}"]`).first()).toBeVisible({ timeout: 20_000 });

  // Back in Clean-up, the plan as it is now goes to a CSV.
  await page.keyboard.press('Control+Shift+X');
  await page.getByRole('tab', { name: 'Plan' }).click();
  const now: RetentionPlan = await demo.preview.core.handlers['retention:plan']({ rules });
  await expect(page.getByTestId('plan-row')).toHaveCount(now.candidates.length);
  // The saved plan is forgotten on request (nothing in AWS changes).
  await page.getByTestId('saved-plans').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('saved-plan-select').locator('option:checked')).toHaveText('None saved yet');
  expect(await demo.preview.core.handlers['retention:saved']({})).toEqual([]);
  await page.getByTestId('plan-export').click();
  await expect(page.getByTestId('saved-plans')).toContainText(`Wrote ${now.candidates.length === 1 ? '1 AMI' : `${now.candidates.length} AMIs`} to `);
});

test('orphaned snapshots: each with its account, region, size and the AMI it was made for; two deleted, a production one named first', async ({ page }) => {
  test.setTimeout(120_000);
  const ws = await scanned(page);
  await page.getByTestId('cleanup-entry').click();
  await page.getByRole('tab', { name: 'Orphaned snapshots' }).click();

  // The page lists what the core finds, the demo's seeded orphans among them.
  const { snapshots: orphans } = await demo.preview.core.handlers['cleanup:orphans']({});
  for (const seeded of CLEANUP_FIXTURE.orphans) {
    const like = (o: (typeof orphans)[number]) => o.accountName === seeded.accountName && o.region === seeded.region && o.sizeGiB === seeded.sizeGiB;
    expect(orphans.filter(like).length, `${seeded.accountName} ${seeded.region} ${seeded.sizeGiB} GiB`).toBeGreaterThan(0);
  }
  const rows = page.getByTestId('orphan-row');
  await expect(rows).toHaveCount(orphans.length);
  const row = (o: (typeof orphans)[number]) => page.locator(`[data-testid="orphan-row"][data-snapshot-id="${o.snapshotId}"]`);
  for (const o of orphans) {
    await expect(row(o)).toContainText(o.accountName);
    await expect(row(o)).toContainText(o.region);
    await expect(row(o)).toContainText(o.imageId);
    await expect(row(o)).toContainText(`${o.sizeGiB} GiB`);
    await expect(row(o)).toContainText(formatUsd(o.monthlyCost!));
  }

  // One of the seeded ones and one in a production account: the sheet asks for the production name.
  const production = new Set(ws.accounts.filter((a) => a.production).map((a) => a.id));
  const plain = orphans.find((o) => o.accountName === 'globex-dev' && o.region === 'eu-west-1')!;
  const guarded = orphans.find((o) => production.has(o.account))!;
  expect(guarded, 'an orphaned snapshot in a production account').toBeTruthy();
  await row(plain).getByRole('checkbox').check();
  await row(guarded).getByRole('checkbox').check();
  await expect(page.getByTestId('orphans-delete')).toHaveText('Delete 2 snapshots…');
  await page.getByTestId('orphans-delete').click();
  const sheet = page.getByTestId('snapshot-sheet');
  await expect(sheet).toContainText(plain.snapshotId);
  await expect(sheet).toContainText(guarded.snapshotId);
  await expect(sheet.getByTestId('acting-as')).toContainText(plain.accountName);
  await expect(sheet.getByTestId('acting-as')).toContainText(guarded.accountName);
  await expect(sheet.getByTestId('snapshot-confirm')).toBeDisabled();
  await confirmProduction(sheet);
  await sheet.getByTestId('snapshot-confirm').click();
  await expect(sheet.locator('[data-testid="snapshot-result"][data-outcome="deleted"]')).toHaveCount(2, { timeout: 20_000 });
  await sheet.getByTestId('snapshot-done').click();
  await expect(rows).toHaveCount(orphans.length - 2);
  await expect(row(plain)).toHaveCount(0);
  const { snapshots: after } = await demo.preview.core.handlers['cleanup:orphans']({});
  expect(after.map((o) => o.snapshotId)).not.toContain(plain.snapshotId);
  expect(after.map((o) => o.snapshotId)).not.toContain(guarded.snapshotId);
});

test('orphaned snapshots in a place that cannot be read: the place is named with its account and region, the rest still listed', async ({ page }) => {
  test.setTimeout(120_000);
  const ws = await scanned(page);
  const globex = ws.accounts.find((a) => a.name === 'globex-dev')!;
  const seeded = CLEANUP_FIXTURE.orphans.find((o) => o.accountName === 'globex-dev')!;
  demo.emulator.denyAction(globex.awsAccountId!, 'DescribeSnapshots', [seeded.region]);
  try {
    await page.getByTestId('cleanup-entry').click();
    await page.getByRole('tab', { name: 'Orphaned snapshots' }).click();
    const unread = page.getByTestId('orphans-unread');
    await expect(unread).toContainText('1 place could not be read');
    await expect(unread).toContainText(`globex-dev (${globex.awsAccountId}) · ${regionLabel(seeded.region)}`);
    // The other places' orphans are still there, as the core answers them.
    const { snapshots, unread: notRead } = await demo.preview.core.handlers['cleanup:orphans']({});
    expect(notRead).toHaveLength(1);
    expect(snapshots.length).toBeGreaterThan(0);
    expect(snapshots.some((o) => o.accountName === 'globex-dev' && o.region === seeded.region)).toBe(false);
    await expect(page.getByTestId('orphan-row')).toHaveCount(snapshots.length);
    await look(page, 'cleanup-orphans-unread');
  } finally {
    demo.emulator.allowAction(globex.awsAccountId!, 'DescribeSnapshots');
  }
});
