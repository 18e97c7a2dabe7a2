/**
 * Copying and deregistering in the real renderer, through the preview bridge, against the real
 * core and the emulator: copy one AMI of a production account to two regions, follow both jobs
 * to 100 %, open one copy from its job, deregister it with its snapshots, and see the grid, the
 * emulator and the audit log agree. Expectations come from the emulator's world.
 */
import { expect, test } from './fixtures';
import type { ImageRecord } from '../../emulator/world/model';
import { hasExplicitLaunchPermission } from '../../emulator/world/visibility';
import { confirmProduction, shot, useDemoPreview } from './demo-fixture';

test.describe.configure({ mode: 'serial' });

const OWNER = 'acme-production';
const SOURCE_REGION = 'us-east-1';
const DESTINATIONS = ['us-west-2', 'eu-west-1'];

const demo = useDemoPreview();

const world = () => demo.emulator.world;
const account = (name: string) => world().accounts.find((a) => a.name === name)!;
const ownedIn = (region: string) => world().imagesIn(region).filter((i) => i.ownerId === account(OWNER).accountId && i.state !== 'deregistered');

/** An owned image to copy: available, EBS-backed (its copies are encrypted with each region's default key). */
function copyable(image: ImageRecord): boolean {
  return image.state === 'available' && image.rootDeviceType === 'ebs' && image.deprecationTime === null && image.blockDevices.some((d) => d.ebs?.snapshotId);
}

test('copy one AMI to two regions, follow both jobs to 100 %, then deregister one copy with its snapshots', async ({ page }) => {
  test.setTimeout(120_000);
  await demo.openDemo(page);
  const source = ownedIn(SOURCE_REGION).find(copyable);
  expect(source).toBeDefined();

  await page.locator(`[data-testid="account-item"][data-account-id="${await demo.entryId(OWNER)}"]`).click();
  await page.getByLabel('Region').selectOption(SOURCE_REGION);
  await page.getByRole('tab', { name: 'Owned' }).click();
  await expect(page.getByTestId('status-bar')).toContainText(`${OWNER}/${SOURCE_REGION}`);
  await page.getByPlaceholder(/Search AMIs/).fill(source!.imageId);
  const row = page.locator(`[data-testid="ami-row"][data-image-id="${source!.imageId}"]`);
  await expect(row).toHaveCount(1);
  await row.click();

  // Copy dialog: exactly the two destination regions, the default name template and key.
  await page.getByTestId('copy-selection').click();
  const dialog = page.getByTestId('copy-dialog');
  await expect(dialog).toBeVisible();
  const boxes = dialog.getByTestId('copy-region');
  await expect(boxes.first()).toBeVisible();
  for (const box of await boxes.all()) if (await box.isChecked()) await box.uncheck();
  // The image's own region is shown but cannot be chosen (the account is the same).
  await expect(dialog.locator(`[data-testid="copy-region"][data-region="${SOURCE_REGION}"]`)).toBeDisabled();
  for (const region of DESTINATIONS) await dialog.locator(`[data-testid="copy-region"][data-region="${region}"]`).check();
  await expect(dialog.getByTestId('copy-name-template')).toHaveValue('{name}-{region}');
  for (const region of DESTINATIONS) await expect(dialog.getByTestId('copy-name-preview')).toContainText(`${source!.name}-${region}`);
  await shot(page, 'copy-dialog');

  await dialog.getByTestId('copy-review').click();
  const items = dialog.getByTestId('copy-plan-item');
  await expect(items).toHaveCount(2);
  for (const region of DESTINATIONS) {
    const item = dialog.locator(`[data-testid="copy-plan-item"][data-region="${region}"]`);
    await expect(item).toContainText(`${source!.name}-${region}`);
    await expect(item).toContainText('Will copy');
  }
  await expect(dialog.getByTestId('copy-start')).toBeDisabled();
  await shot(page, 'copy-review');
  await confirmProduction(dialog);
  await dialog.getByTestId('copy-start').click();
  await expect(dialog).toBeHidden();

  // Jobs drawer: both copies, live, to 100 %.
  const panel = page.getByTestId('jobs-panel');
  await expect(panel).toBeVisible();
  const jobRow = (region: string) => panel.locator(`[data-testid="job-row"][data-region="${region}"]`);
  for (const region of DESTINATIONS) await expect(jobRow(region)).toHaveCount(1);
  await expect(page.getByTestId('jobs-indicator')).toContainText(/cop(y|ies) running|queued/);
  await expect(panel.getByTestId('job-progress').first()).toHaveAttribute('aria-valuenow', /^([1-9]\d?)$/, { timeout: 20_000 });
  await shot(page, 'jobs-panel');
  for (const region of DESTINATIONS) {
    await expect(jobRow(region).getByTestId('job-progress')).toHaveAttribute('aria-valuenow', '100', { timeout: 60_000 });
    await expect(jobRow(region)).toHaveAttribute('data-state', 'available');
  }
  await expect(page.getByTestId('job-toast').first()).toBeVisible();

  // Both copies exist in the emulator, available, with the names the review showed.
  const copies = DESTINATIONS.map((region) => ({ region, image: ownedIn(region).find((i) => i.name === `${source!.name}-${region}`) }));
  for (const { image } of copies) expect(image?.state).toBe('available');
  const target = copies[0]!;
  const newId = target.image!.imageId;
  await expect(jobRow(target.region).getByTestId('job-new-image')).toHaveText(newId);
  const snapshotIds = target.image!.blockDevices.map((d) => d.ebs?.snapshotId).filter((s): s is string => !!s);
  expect(snapshotIds.length).toBeGreaterThan(0);

  // The new image id opens that copy in the grid: its region, Owned, selected.
  await jobRow(target.region).getByTestId('job-new-image').click();
  await expect(panel).toBeHidden();
  await expect(page.getByTestId('status-bar')).toContainText(`${OWNER}/${target.region}`);
  await expect(page.getByTestId('ami-detail').getByTestId('detail-image-id')).toHaveText(newId);
  await expect(page.locator(`[data-testid="ami-row"][data-image-id="${newId}"]`)).toHaveAttribute('aria-selected', 'true');

  // Deregister it with its snapshots: the sheet shows usage and which snapshots go.
  await page.getByTestId('image-actions').click();
  await page.getByRole('menuitem', { name: 'Deregister…' }).click();
  const sheet = page.getByTestId('lifecycle-sheet');
  await expect(sheet.getByTestId('lifecycle-usage-item')).toHaveCount(1);
  await expect(sheet.getByTestId('lifecycle-usage-item')).toContainText('Not in use');
  await sheet.getByLabel('Also delete its snapshots').check();
  for (const id of snapshotIds) await expect(sheet.getByTestId('lifecycle-snapshots')).toContainText(id);
  await expect(sheet.getByTestId('lifecycle-snapshots')).toContainText('will be deleted');
  await expect(sheet.getByTestId('lifecycle-confirm')).toBeDisabled();
  await confirmProduction(sheet);
  await shot(page, 'deregister-confirm');
  await sheet.getByTestId('lifecycle-confirm').click();
  await expect(sheet.locator('[data-testid="lifecycle-result"][data-outcome="changed"]')).toHaveCount(1);
  await sheet.getByTestId('lifecycle-done').click();

  // Grid, emulator and audit log agree: the copy is gone from that region, its snapshots too.
  await expect(page.locator(`[data-testid="ami-row"][data-image-id="${newId}"]`)).toHaveCount(0);
  await expect(page.getByTestId('status-bar')).toContainText(`${ownedIn(target.region).length} AMIs`);
  expect(world().image(target.region, newId)?.state ?? 'deregistered').toBe('deregistered');
  for (const id of snapshotIds) expect(world().snapshot(target.region, id)?.state ?? 'deleted').not.toBe('completed');
  // The other copy is untouched.
  expect(world().image(copies[1]!.region, copies[1]!.image!.imageId)?.state).toBe('available');

  const audit = await page.evaluate(async () => {
    const answer = await window.atlas!.invoke('audit:list', { limit: 100 });
    return answer.ok ? (answer.data as Array<{ action: string; imageId: string; outcome: string; snapshotIds: string[]; region: string }>) : [];
  });
  const deregistered = audit.find((e) => e.action === 'deregister' && e.imageId === newId);
  expect(deregistered).toMatchObject({ outcome: 'ok', region: target.region });
  expect(deregistered?.snapshotIds.sort()).toEqual([...snapshotIds].sort());
  expect(audit.filter((e) => e.action === 'copy').length).toBeGreaterThanOrEqual(2);

  // The audit log view lists the same entry.
  await page.keyboard.press('ControlOrMeta+Shift+L');
  await expect(page.locator(`[data-testid="audit-entry"][data-image-id="${newId}"][data-action="deregister"]`)).toBeVisible();
});

test('shared with me, by keyboard: the review excludes what cannot be copied and says why; a running copy is cancelled', async ({ page }) => {
  test.setTimeout(90_000);
  const RECIPIENT = 'globex-prod';
  const REGION = 'eu-central-1';
  await demo.openDemo(page);
  const me = account(RECIPIENT);
  const snapshotsOf = (image: ImageRecord) =>
    image.blockDevices.map((d) => d.ebs?.snapshotId).filter((s): s is string => !!s).map((id) => world().snapshot(REGION, id)!);
  const canCreateVolumes = (image: ImageRecord) => snapshotsOf(image).every((s) => s.createVolumePermissions.some((p) => p.userId === me.accountId || p.group === 'all'));
  const shared = world()
    .imagesIn(REGION)
    .filter((i) => i.ownerId !== me.accountId && i.state === 'available' && hasExplicitLaunchPermission(me, i) && i.productCodes.length === 0 && snapshotsOf(i).length > 0);
  const allowed = shared.find(canCreateVolumes);
  const refused = shared.find((i) => !canCreateVolumes(i));
  expect(allowed && refused).toBeTruthy();

  await page.locator(`[data-testid="account-item"][data-account-id="${await demo.entryId(RECIPIENT)}"]`).click();
  await page.getByLabel('Region').selectOption(REGION);
  await page.getByRole('tab', { name: 'Shared with me' }).click();
  await expect(page.getByTestId('status-bar')).toContainText('shared with me');
  const row = (image: ImageRecord) => page.locator(`[data-testid="ami-row"][data-image-id="${image.imageId}"]`);
  await row(allowed!).click();
  await row(refused!).click({ modifiers: ['ControlOrMeta'] });
  await expect(page.locator('[data-testid="ami-row"][aria-selected="true"]')).toHaveCount(2);
  await page.getByRole('grid', { name: 'AMIs' }).focus();

  // Ctrl/Cmd+Shift+C: into this account, the images' own region chosen; Enter reviews.
  await page.keyboard.press('ControlOrMeta+Shift+C');
  const dialog = page.getByTestId('copy-dialog');
  await expect(dialog).toContainText('Shared with me');
  await expect(dialog.locator(`[data-testid="copy-region"][data-region="${REGION}"]`)).toBeChecked();
  await expect(dialog.getByTestId('copy-name-template')).toBeFocused();
  await page.keyboard.press('Enter');

  const item = (image: ImageRecord) => dialog.locator('[data-testid="copy-plan-item"]').filter({ hasText: image.imageId });
  await expect(item(allowed!)).toContainText('Will copy');
  await expect(item(refused!)).toHaveAttribute('data-blocked', 'true');
  await expect(item(refused!).getByTestId('copy-blocker')).toHaveAttribute('data-code', 'SNAPSHOT_ACCESS');
  await expect(dialog.getByTestId('copy-start')).toHaveText('Start 1 copy');
  await shot(page, 'copy-review-blocked');

  // The production name, then Enter starts the one copy that can be made.
  await expect(dialog.getByTestId('prod-guard-input')).toBeFocused();
  await page.keyboard.type(RECIPIENT);
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();

  const panel = page.getByTestId('jobs-panel');
  const job = panel.locator('[data-testid="job-row"]').filter({ hasText: allowed!.imageId });
  await expect(job).toHaveCount(1);
  await expect(job).toHaveAttribute('data-state', 'copying', { timeout: 15_000 });
  const newId = (await job.getByTestId('job-new-image').textContent())!.trim();
  await job.getByRole('button', { name: /^Cancel the copy of/ }).click();
  // Stopping it changes the production destination (its half-made image goes): its name first.
  const stop = page.getByTestId('confirm-sheet');
  await expect(stop).toContainText(`Stop the copy of ${allowed!.name}`);
  await expect(stop.getByTestId('confirm-button')).toBeDisabled();
  await confirmProduction(stop);
  await stop.getByTestId('confirm-button').click();
  await expect(job).toHaveAttribute('data-state', 'cancelled', { timeout: 20_000 });
  await expect(job.getByRole('button', { name: /^Cancel the copy of/ })).toHaveCount(0);
  // Cancelling a running copy deregisters the image AWS was making.
  expect(world().image(REGION, newId)?.state ?? 'deregistered').toBe('deregistered');

  // Esc closes the drawer; Ctrl/Cmd+Shift+J opens it again; "Clear finished" forgets the job.
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await page.keyboard.press('ControlOrMeta+Shift+J');
  await expect(panel).toBeVisible();
  await panel.getByTestId('jobs-clear-finished').click();
  await expect(job).toHaveCount(0);
});

test('encryption that changes what copies can do: a mixed selection says why it is on, the AWS managed key is named as unshareable, a customer managed key is offered', async ({ page }) => {
  test.setTimeout(60_000);
  const OWNER_ = 'acme-staging';
  const REGION = 'us-east-1';
  const DESTINATION = 'us-west-2';
  await demo.openDemo(page);
  const mine = world()
    .imagesIn(REGION)
    .filter((i) => i.ownerId === account(OWNER_).accountId && copyable(i) && i.productCodes.length === 0);
  const encrypted = (i: ImageRecord) => i.blockDevices.some((d) => d.ebs?.encrypted);
  const day = (i: ImageRecord) => /\d{4}-\d{2}-\d{2}/.exec(i.name)?.[0];
  // One encrypted and one unencrypted image built the same day: a search for the day lists both.
  const locked = mine.find((i) => encrypted(i) && mine.some((p) => !encrypted(p) && day(p) === day(i)))!;
  const open = mine.find((p) => !encrypted(p) && day(p) === day(locked))!;
  expect(locked && open).toBeTruthy();

  await page.locator(`[data-testid="account-item"][data-account-id="${await demo.entryId(OWNER_)}"]`).click();
  await page.getByLabel('Region').selectOption(REGION);
  await page.getByRole('tab', { name: 'Owned' }).click();
  await page.getByPlaceholder(/Search AMIs/).fill(day(locked)!);
  await page.locator(`[data-testid="ami-row"][data-image-id="${locked.imageId}"]`).click();
  await page.locator(`[data-testid="ami-row"][data-image-id="${open.imageId}"]`).click({ modifiers: ['ControlOrMeta'] });
  await page.getByTestId('copy-selection').click();
  const dialog = page.getByTestId('copy-dialog');
  for (const box of await dialog.getByTestId('copy-region').all()) if (await box.isChecked()) await box.uncheck();
  await dialog.locator(`[data-testid="copy-region"][data-region="${DESTINATION}"]`).check();

  // Why encryption is on, and that it can be turned off for the unencrypted image.
  await expect(dialog.getByTestId('copy-encryption-why')).toHaveText(
    '1 of the 2 images is encrypted, and a copy of an encrypted image is always encrypted. Encryption is on so that the copy of the other image is encrypted too; turn it off to copy it unencrypted.',
  );
  await expect(dialog.getByLabel('Encrypt the copy of the unencrypted image too')).toBeEnabled();
  // The default key: said to be unshareable, with the customer managed key of every destination offered.
  const notice = dialog.getByTestId('copy-managed-key');
  await expect(notice).toContainText('Copies encrypted with the AWS managed key (aws/ebs) can never be shared with another account');
  await expect(dialog.getByTestId('copy-use-customer-key')).toHaveText('Use alias/ami-encryption');
  await dialog.getByTestId('copy-use-customer-key').click();
  await expect(dialog.getByTestId('copy-kms-key')).toHaveValue('alias/ami-encryption');
  await expect(notice).toBeHidden();

  // Back to the default key: the review says it once, for both copies, and goes back to choose.
  await dialog.getByTestId('copy-kms-key').selectOption('');
  await expect(notice).toBeVisible();
  await dialog.getByTestId('copy-review').click();
  await expect(dialog.getByTestId('copy-review-managed-key')).toContainText(
    'All 2 copies will be encrypted with the AWS managed key (aws/ebs) and can never be shared with another account',
  );
  await expect(dialog.getByTestId('copy-plan-item').filter({ hasText: 'AWS managed key (aws/ebs) · cannot be shared' })).toHaveCount(2);
  await dialog.getByTestId('copy-choose-key').click();
  await expect(dialog.getByTestId('copy-kms-key')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});
