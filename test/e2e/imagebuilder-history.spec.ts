/**
 * A pipeline's history in the real renderer, through the preview bridge, against the real core
 * and the emulator's seeded builds: the History tab lists builds this app never started
 * (scheduled and by hand, failed with the reason), a build's workflows and steps open, an AMI
 * owned by another account opens in that account, the logs' console links say why the demo's
 * accounts cannot use them, and a long history pages with "Load more".
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from './fixtures';
import { IMAGE_BUILDER_FIXTURES } from '../../emulator/world/imagebuilder-fixtures';
import { confirmProduction, useDemoPreview } from './demo-fixture';

test.describe.configure({ mode: 'serial' });

const STAGING = IMAGE_BUILDER_FIXTURES.staging;
const demo = useDemoPreview();

/** With HISTORY_SHOTS=<dir>, screenshots in light and dark there (never into the docs). */
async function look(page: Page, name: string): Promise<void> {
  const dir = process.env.HISTORY_SHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.waitForTimeout(100);
    await page.screenshot({ path: `${dir}/${name}-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: null });
}

async function openHistory(page: Page, accountName: string, region: string, pipeline: string) {
  await page.locator(`[data-testid="account-item"][data-account-id="${await demo.entryId(accountName)}"]`).click();
  await page.getByLabel('Region').selectOption(region);
  await page.keyboard.press('ControlOrMeta+Shift+B');
  await expect(page.getByTestId('builder-view')).toBeVisible();
  await page.locator(`[data-testid="pipeline-row"][data-name="${pipeline}"]`).click();
  const detail = page.getByTestId('pipeline-detail');
  // Keyboard: the tab pair is one tab stop; the arrow moves to History and shows it.
  const definition = detail.getByRole('tab', { name: 'Definition' });
  await expect(definition).toHaveAttribute('aria-selected', 'true');
  await definition.focus();
  await page.keyboard.press('ArrowRight');
  await expect(detail.getByRole('tab', { name: 'History' })).toHaveAttribute('aria-selected', 'true');
  await expect(detail.getByRole('tab', { name: 'History' })).toBeFocused();
  return detail.getByTestId('pipeline-history');
}

test("a pipeline's history lists builds the app never started; a build's steps open; its AMI opens in the account that owns it", async ({ page }) => {
  test.setTimeout(120_000);
  await demo.openDemo(page);
  const history = await openHistory(page, STAGING.accountName, STAGING.region, STAGING.pipelineName);
  const builds = history.getByTestId('history-build');
  await expect(builds.first()).toBeVisible();
  expect(await builds.count()).toBeGreaterThanOrEqual(8);
  // None of them was started here: the app follows no run at all.
  expect(await demo.preview.core.handlers['builder:runs']({})).toEqual([]);
  await expect(history.getByText('from this app')).toHaveCount(0);
  await expect(history.locator('[data-build-type="SCHEDULED"]').first()).toBeVisible();
  await expect(history.locator('[data-build-type="USER_INITIATED"]').first()).toContainText('started by hand');

  // A failed build says why, and its steps open to the failed one.
  const failed = history.locator('[data-testid="history-build"][data-status="FAILED"]').first();
  await expect(failed.getByTestId('history-reason')).toContainText(STAGING.componentName);
  await failed.getByTestId('history-steps').locator('summary').click();
  const buildWorkflow = failed.locator('[data-testid="history-workflow"][data-type="BUILD"]');
  await expect(buildWorkflow).toHaveAttribute('data-status', 'FAILED');
  await expect(buildWorkflow.locator('[data-testid="history-step"][data-status="FAILED"]')).toContainText('ApplyBuildComponents');
  await expect(failed.locator('[data-testid="history-workflow"][data-type="TEST"]')).toHaveAttribute('data-status', 'SKIPPED');
  // The demo's accounts talk to the emulator: the console links say so instead of opening.
  const cloudWatch = failed.getByTestId('history-log-cloudwatch');
  await expect(cloudWatch).toBeDisabled();
  await expect(cloudWatch).toHaveAttribute('title', /not AWS/);
  await expect(failed.getByTestId('history-log-s3')).toContainText(`s3://${STAGING.s3Logs.bucket}/${STAGING.s3Logs.prefix}`);
  await buildWorkflow.scrollIntoViewIfNeeded();
  await look(page, 'builder-history');

  // An AMI a past build copied into acme-production opens there, selected.
  const production = await demo.entryId(STAGING.sharedWithAccountName);
  const ami = history.locator(`[data-testid="history-ami"][data-account="${production}"]`).first();
  await expect(ami).toBeVisible();
  const imageId = (await ami.textContent())!.trim();
  const region = (await ami.getAttribute('data-region'))!;
  expect(demo.emulator.world.image(region, imageId)?.ownerId).toBe(demo.emulator.identities.find((i) => i.accountName === STAGING.sharedWithAccountName)!.accountId);
  await ami.click();
  await expect(page.getByTestId('status-bar')).toContainText(`${STAGING.sharedWithAccountName}/${region}`);
  await expect(page.getByTestId('ami-detail').getByTestId('detail-image-id')).toHaveText(imageId);
});

test('a pipeline with no build says what to do; a run started then is in its history, marked as started here', async ({ page }) => {
  test.setTimeout(90_000);
  await demo.openDemo(page);
  const hub = IMAGE_BUILDER_FIXTURES.hub;
  const history = await openHistory(page, hub.accountName, hub.region, hub.pipelineName);
  await expect(history.getByTestId('history-empty')).toContainText('No runs yet: Run pipeline');
  await look(page, 'builder-history-empty');

  // Run it (a production account: its name typed); the history reads again and lists the build.
  await page.getByTestId('pipeline-detail').getByTestId('run-pipeline').click();
  const sheet = page.getByTestId('confirm-sheet');
  await confirmProduction(sheet);
  await sheet.getByTestId('confirm-button').click();
  const build = history.getByTestId('history-build');
  await expect(build).toHaveCount(1, { timeout: 20_000 });
  await expect(build).toContainText('from this app');
  await expect(build).toHaveAttribute('data-build-type', 'USER_INITIATED');
});

test('a long history shows its first page and "Load more" reads the rest, each build once', async ({ page }) => {
  test.setTimeout(90_000);
  const hub = IMAGE_BUILDER_FIXTURES.hub;
  // Runs started elsewhere (the CLI, the console) until the history needs a second page.
  const cli = demo.emulator.identities.find((i) => i.accountName === hub.accountName)!;
  const { ImagebuilderClient, ListImagePipelinesCommand, StartImagePipelineExecutionCommand } = await import('@aws-sdk/client-imagebuilder');
  const client = new ImagebuilderClient({ endpoint: demo.emulator.url, region: hub.region, maxAttempts: 1, credentials: { accessKeyId: cli.accessKeyId, secretAccessKey: cli.secretAccessKey } });
  const pipelines = await client.send(new ListImagePipelinesCommand({ filters: [{ name: 'name', values: [hub.failingPipelineName] }] }));
  const imagePipelineArn = pipelines.imagePipelineList![0]!.arn!;
  for (let i = 0; i < 27; i++) await client.send(new StartImagePipelineExecutionCommand({ imagePipelineArn }));

  await demo.openDemo(page);
  const history = await openHistory(page, hub.accountName, hub.region, hub.failingPipelineName);
  const builds = history.getByTestId('history-build');
  await expect(builds.first()).toBeVisible();
  const firstPage = await builds.count();
  expect(firstPage).toBeLessThan(27);
  const more = history.getByTestId('history-more');
  await expect(more).toBeVisible();
  await more.focus();
  await page.keyboard.press('Enter');
  await expect(more).toHaveCount(0, { timeout: 15_000 });
  const versions = await builds.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-arn')));
  expect(versions.length).toBeGreaterThanOrEqual(27);
  expect(new Set(versions).size).toBe(versions.length);
});
