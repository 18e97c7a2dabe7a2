/**
 * EC2 Image Builder in the real renderer, through the preview bridge, against the real core and
 * the emulator's seeded pipelines: run the working pipeline of a production account (its name
 * typed) through every stage to AVAILABLE and open its AMI in the grid; run the failing one and
 * see FAILED with the reason; create a pipeline with the wizard (the name typed again) and see it listed.
 */
import { expect, test, type Locator, type Page } from './fixtures';
import { IMAGE_BUILDER_FIXTURES } from '../../emulator/world/imagebuilder-fixtures';
import { confirmProduction, shot, useDemoPreview } from './demo-fixture';

test.describe.configure({ mode: 'serial' });

const HUB = IMAGE_BUILDER_FIXTURES.hub;
/** Who the wizard's pipeline shares its AMIs with (another of the demo's accounts). */
const SHARE_WITH = HUB.sharedWithAccountName;

const demo = useDemoPreview();
const world = () => demo.emulator.world;

/** Switches to an account and region, then opens Image Builder with its shortcut. */
async function openBuilder(page: Page, accountName: string, region: string) {
  await page.locator(`[data-testid="account-item"][data-account-id="${await demo.entryId(accountName)}"]`).click();
  await page.getByLabel('Region').selectOption(region);
  await page.keyboard.press('ControlOrMeta+Shift+B');
  await expect(page.getByTestId('builder-view')).toBeVisible();
  await expect(page.getByTestId('builder-entry')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('builder-status')).toContainText(`${accountName}/${region}`);
}

const pipelineRow = (page: Page, name: string) => page.locator(`[data-testid="pipeline-row"][data-name="${name}"]`);

/** Selects a pipeline, presses Run (typing the production name when asked), and returns its newest run row. */
async function runPipeline(page: Page, name: string): Promise<Locator> {
  await pipelineRow(page, name).click();
  await expect(pipelineRow(page, name)).toHaveAttribute('aria-selected', 'true');
  const detail = page.getByTestId('pipeline-detail');
  await expect(detail.getByTestId('pipeline-recipe')).toBeVisible();
  const before = await page.locator(`[data-testid="run-row"][data-pipeline="${name}"]`).count();
  await detail.getByTestId('run-pipeline').click();
  const sheet = page.getByTestId('confirm-sheet');
  if (await sheet.isVisible({ timeout: 2_000 }).catch(() => false)) {
    await confirmProduction(sheet);
    await sheet.getByTestId('confirm-button').click();
    await expect(sheet).toBeHidden();
  }
  const rows = page.locator(`[data-testid="run-row"][data-pipeline="${name}"]`);
  await expect(rows).toHaveCount(before + 1);
  return rows.first();
}

test('run the weekly golden pipeline to AVAILABLE and open its AMI in the grid', async ({ page }) => {
  test.setTimeout(120_000);
  await demo.openDemo(page);
  await openBuilder(page, HUB.accountName, HUB.region);
  await expect(pipelineRow(page, HUB.pipelineName)).toBeVisible();
  await expect(pipelineRow(page, HUB.failingPipelineName)).toBeVisible();

  // Detail: the recipe's component, both distribution regions, the share named by our account name.
  await pipelineRow(page, HUB.pipelineName).click();
  const detail = page.getByTestId('pipeline-detail');
  await expect(detail.getByTestId('pipeline-recipe')).toContainText(HUB.componentName);
  for (const region of HUB.distributionRegions) await expect(detail.locator(`[data-region="${region}"]`)).toBeVisible();
  await expect(detail.getByTestId('pipeline-distribution')).toContainText(HUB.sharedWithAccountName);

  const run = await runPipeline(page, HUB.pipelineName);
  // Caught mid-build: a stage past the first, not yet the end.
  await expect(run).toHaveAttribute('data-status', /^(BUILDING|TESTING|DISTRIBUTING|INTEGRATING)$/, { timeout: 20_000 });
  await expect(run.locator('[data-state="current"]')).toHaveCount(1);
  await expect(run.getByTestId('run-cancel')).toBeVisible();
  await shot(page, 'builder-running');

  await expect(run).toHaveAttribute('data-status', 'AVAILABLE', { timeout: 60_000 });
  await expect(run.locator('[data-state="done"]')).toHaveCount(6);
  await expect(run.getByTestId('run-cancel')).toHaveCount(0);
  await expect(page.getByTestId('builder-toast').filter({ hasText: 'Image build finished' })).toBeVisible();
  const amis = run.getByTestId('run-ami');
  await expect(amis).toHaveCount(HUB.distributionRegions.length);

  // The AMI of the build region opens in the grid: that account and region, Owned, selected.
  const ami = run.locator(`[data-testid="run-ami"][data-region="${HUB.region}"]`);
  const imageId = (await ami.textContent())!.trim();
  expect(world().imagesIn(HUB.region).find((i) => i.imageId === imageId)?.state).toBe('available');
  await ami.click();
  await expect(page.getByTestId('status-bar')).toContainText(`${HUB.accountName}/${HUB.region}`);
  await expect(page.getByTestId('ami-detail').getByTestId('detail-image-id')).toHaveText(imageId);
  await expect(page.locator(`[data-testid="ami-row"][data-image-id="${imageId}"]`)).toHaveAttribute('aria-selected', 'true');
});

test('run the hardened nightly pipeline and see it fail in testing with its reason', async ({ page }) => {
  test.setTimeout(120_000);
  await demo.openDemo(page);
  await openBuilder(page, HUB.accountName, HUB.region);
  const run = await runPipeline(page, HUB.failingPipelineName);
  await expect(run).toHaveAttribute('data-status', 'FAILED', { timeout: 60_000 });
  await expect(run.getByTestId('run-reason')).not.toBeEmpty();
  await expect(run.locator('[data-state="failed"]')).toHaveCount(1);
  await expect(run.locator('[data-state="failed"]')).toHaveAttribute('data-stage', 'TESTING');
  await expect(run.getByTestId('run-ami')).toHaveCount(0);
  await expect(page.getByTestId('builder-toast').filter({ hasText: 'Image build failed' })).toBeVisible();
  // The pipeline's last run now says so.
  await expect(pipelineRow(page, HUB.failingPipelineName).locator('[data-status="FAILED"]')).toBeVisible({ timeout: 15_000 });
});

test('create a pipeline with the wizard and see it listed and selected', async ({ page }) => {
  test.setTimeout(120_000);
  await demo.openDemo(page);
  await openBuilder(page, HUB.accountName, HUB.region);
  await expect(pipelineRow(page, HUB.pipelineName)).toBeVisible();
  const hub = world().accounts.find((a) => a.name === HUB.accountName)!;
  const parent = world()
    .imagesIn(HUB.region)
    .find((i) => i.ownerId === hub.accountId && i.state === 'available');
  expect(parent).toBeDefined();

  await page.getByTestId('builder-create').click();
  const wizard = page.getByTestId('builder-wizard');
  await expect(wizard).toBeVisible();
  const step = wizard.getByTestId('wizard-step');
  const name = `e2e-golden-${Date.now().toString(36)}`;

  // Output: Enter with no name stays and says why; with a name moves on.
  await expect(wizard.getByTestId('wizard-name')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(step).toHaveAttribute('data-step', 'output');
  await expect(step).toContainText('Name the pipeline.');
  await wizard.getByTestId('wizard-name').fill(name);
  await page.keyboard.press('Enter');
  await expect(step).toHaveAttribute('data-step', 'base');

  await wizard.getByTestId('wizard-parent').fill(parent!.imageId);
  await wizard.getByTestId('wizard-next').click();
  await expect(step).toHaveAttribute('data-step', 'components');
  const build = wizard.getByTestId('picker-build');
  await expect(build.getByTestId('component-add').first()).toBeVisible();
  await build.getByTestId('component-add').first().click();
  await expect(build.getByTestId('chosen-components').locator('li')).toHaveCount(1);
  await wizard.getByTestId('wizard-next').click();

  await expect(step).toHaveAttribute('data-step', 'tests');
  const tests = wizard.getByTestId('picker-test');
  await expect(tests.getByTestId('component-add').first()).toBeVisible();
  await tests.locator('[data-testid="component-add"]:not([data-name^="failing"])').first().click();
  await wizard.getByTestId('wizard-next').click();

  await expect(step).toHaveAttribute('data-step', 'infrastructure');
  await wizard.getByTestId('wizard-next').click();
  await expect(step).toHaveAttribute('data-step', 'distribution');
  await wizard.getByTestId('wizard-regions').getByLabel('us-west-2').check();
  await wizard.getByTestId('wizard-share').getByText(SHARE_WITH, { exact: true }).click();
  await wizard.getByTestId('wizard-next').click();

  await expect(step).toHaveAttribute('data-step', 'schedule');
  await wizard.getByTestId('schedule-custom').check();
  await wizard.getByTestId('schedule-cron').fill('cron(0 6 * * MON *)');
  await expect(step).toContainText('day-of-week must be ?');
  await wizard.getByTestId('schedule-preset').check();
  // Enter on a radio moves on too.
  await wizard.getByTestId('schedule-preset').press('Enter');

  await expect(step).toHaveAttribute('data-step', 'review');
  const review = wizard.getByTestId('wizard-review');
  await expect(review).toContainText(name);
  await expect(review).toContainText(parent!.imageId);
  await expect(review).toContainText('us-east-1, us-west-2');
  await expect(review).toContainText('Daily at 06:00 UTC');
  await expect(review).toContainText(SHARE_WITH);
  // A production account: Create waits for its name.
  await expect(wizard.getByTestId('wizard-create')).toBeDisabled();
  await shot(page, 'builder-wizard-review');
  await confirmProduction(wizard);
  await expect(wizard.getByTestId('wizard-create')).toBeEnabled();
  await wizard.getByTestId('wizard-create').click();

  await expect(wizard.getByTestId('wizard-created')).toBeVisible({ timeout: 20_000 });
  await expect(wizard.getByTestId('wizard-created')).toContainText('Pipeline');
  await wizard.getByTestId('wizard-done').click();
  await expect(wizard).toBeHidden();
  await expect(pipelineRow(page, name)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('pipeline-detail')).toContainText(name);
});
