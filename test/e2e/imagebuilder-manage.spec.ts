/**
 * Managing pipelines in the real renderer, through the preview bridge, against the real core and
 * the emulator's seeded pipelines: edit a pipeline's schedule (a cron expression Image Builder
 * cannot read is refused beside the field, from the keyboard), disable it, and delete it with
 * its recipe — the infrastructure and distribution another pipeline uses are kept, saying by whom;
 * clone one (refused into an account that lacks its components, one stood in for by a component
 * picked from the target's, then made where all is there);
 * and a production account's name typed before an edit or a disable.
 */
import { expect, test, type Page } from './fixtures';
import { IMAGE_BUILDER_FIXTURES } from '../../emulator/world/imagebuilder-fixtures';
import { useDemoPreview } from './demo-fixture';
import { imageBuilderState } from '../../emulator/world/imagebuilder-state';

test.describe.configure({ mode: 'serial' });

const STAGING = IMAGE_BUILDER_FIXTURES.staging;
const demo = useDemoPreview();

/** With MANAGE_SHOTS set to a folder, light and dark screenshots of what the test shows. */
async function look(page: Page, name: string): Promise<void> {
  const folder = process.env.MANAGE_SHOTS;
  if (!folder) return;
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.waitForTimeout(100);
    await page.screenshot({ path: `${folder}/${name}-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: null });
}

async function openBuilder(page: Page, accountName: string, region: string) {
  await page.locator(`[data-testid="account-item"][data-account-id="${await demo.entryId(accountName)}"]`).click();
  await page.getByLabel('Region').selectOption(region);
  await page.keyboard.press('ControlOrMeta+Shift+B');
  await expect(page.getByTestId('builder-view')).toBeVisible();
  await expect(page.getByTestId('builder-status')).toContainText(`${accountName}/${region}`);
}

const pipelineRow = (page: Page, name: string) => page.locator(`[data-testid="pipeline-row"][data-name="${name}"]`);

test('edit the schedule from the keyboard, disable the pipeline, then delete it with its recipe', async ({ page }) => {
  test.setTimeout(120_000);
  await demo.openDemo(page);
  await openBuilder(page, STAGING.accountName, STAGING.region);
  await pipelineRow(page, STAGING.pipelineName).click();
  const detail = page.getByTestId('pipeline-detail');
  await expect(detail.getByTestId('pipeline-recipe')).toContainText(STAGING.componentName);

  // Edit: focus starts in the form; an unreadable cron is refused beside the field, the dialog stays.
  await detail.getByTestId('pipeline-edit').click();
  const edit = page.getByTestId('edit-pipeline-dialog');
  await expect(edit).toBeVisible();
  await expect(edit.getByTestId('edit-description')).toBeFocused();
  await expect(edit.getByTestId('edit-recipe')).toHaveValue(/image-recipe\/app-base\/2\.1\.0$/);
  await edit.getByTestId('edit-schedule').fill('cron(0 5 * *)');
  await page.keyboard.press('Enter');
  await expect(edit.locator('.field-error')).toContainText('not a valid cron expression');
  await expect(edit.getByTestId('edit-schedule')).toHaveAttribute('aria-invalid', 'true');
  await look(page, 'builder-manage-edit-error');
  await edit.getByTestId('edit-schedule').fill('cron(0 5 ? * MON-FRI *)');
  await expect(edit.getByTestId('edit-summary')).toContainText('schedule cron(0 5 ? * MON-FRI *)');
  await page.keyboard.press('Enter');
  await expect(edit).toBeHidden();
  await expect(page.getByTestId('pipeline-manage-notice')).toContainText(`schedule: ${STAGING.scheduleExpression} → cron(0 5 ? * MON-FRI *)`);
  await expect(pipelineRow(page, STAGING.pipelineName).locator('td[title="cron(0 5 ? * MON-FRI *)"]')).toBeVisible();

  // Esc closes an edit without changing anything.
  await detail.getByTestId('pipeline-edit').click();
  await expect(edit).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(edit).toBeHidden();

  // Disable: a non-production account, so no sheet; the list says so.
  await detail.getByTestId('pipeline-toggle').click();
  await expect(pipelineRow(page, STAGING.pipelineName)).toContainText('disabled');
  await expect(detail.getByTestId('pipeline-toggle')).toHaveText(/Enable/);
  await expect(page.getByTestId('pipeline-manage-notice')).toContainText('status: ENABLED → DISABLED');

  // Delete with its parts: the recipe can go, the shared configurations cannot (and say why).
  await detail.getByTestId('pipeline-delete').click();
  const del = page.getByTestId('delete-pipeline-dialog');
  await expect(del).toBeVisible();
  await expect(del.getByTestId('delete-recipe')).toBeEnabled();
  await expect(del.getByTestId('delete-infrastructure')).toBeDisabled();
  await expect(del.getByTestId('delete-distribution')).toBeDisabled();
  await expect(del).toContainText(`kept: used by pipeline ${STAGING.failingPipelineName}`);
  await expect(del.getByTestId('delete-list').locator('li')).toHaveCount(1);
  await del.getByTestId('delete-recipe').check();
  await expect(del.getByTestId('delete-list').locator('li')).toHaveCount(2);
  await expect(del.getByTestId('delete-list')).toContainText(`${STAGING.recipeName} ${STAGING.recipeVersion}`);
  await look(page, 'builder-manage-delete');
  await del.getByTestId('delete-confirm').click();

  const outcomes = del.getByTestId('delete-outcomes');
  await expect(outcomes.locator('[data-kind="pipeline"]')).toHaveAttribute('data-outcome', 'deleted');
  await expect(outcomes.locator('[data-kind="recipe"]')).toHaveAttribute('data-outcome', 'deleted');
  await expect(del.getByTestId('delete-done')).toBeFocused();
  await look(page, 'builder-manage-deleted');
  await page.keyboard.press('Enter');
  await expect(del).toBeHidden();
  await expect(pipelineRow(page, STAGING.pipelineName)).toHaveCount(0);
  await expect(pipelineRow(page, STAGING.failingPipelineName)).toBeVisible();

  // The emulator's world agrees: the recipe went, the shared infrastructure stayed.
  const ib = imageBuilderState(demo.emulator.world);
  expect(ib.recipes.some((r) => r.name === STAGING.recipeName && r.region === STAGING.region)).toBe(false);
  expect(ib.infrastructure.some((i) => i.name === STAGING.infrastructureName)).toBe(true);
});

test('clone a pipeline: what another account lacks is listed by name and Clone stays off; where all is there it is cloned and listed', async ({ page }) => {
  test.setTimeout(90_000);
  await demo.openDemo(page);
  await openBuilder(page, STAGING.accountName, STAGING.region);
  await pipelineRow(page, STAGING.failingPipelineName).click();
  const detail = page.getByTestId('pipeline-detail');
  await expect(detail.getByTestId('pipeline-recipe')).toBeVisible();
  await detail.getByTestId('pipeline-clone').click();
  const clone = page.getByTestId('clone-pipeline-dialog');
  await expect(clone).toBeVisible();
  await expect(clone.getByTestId('clone-account')).toBeFocused();
  await expect(clone.getByTestId('clone-name')).toHaveValue(`${STAGING.failingPipelineName}-copy`);
  // The same account and region: everything is there.
  await expect(clone.getByTestId('clone-ready')).toBeVisible();
  await clone.getByTestId('clone-account').selectOption({ label: 'globex-dev' });
  await clone.getByTestId('clone-region').selectOption('eu-central-1');
  await expect(clone.getByTestId('clone-missing')).toContainText(`the component ${STAGING.componentName} (the account's own) does not exist in globex-dev in eu-central-1`);
  await expect(clone.getByTestId('clone-confirm')).toBeDisabled();
  await look(page, 'builder-manage-clone');

  // A component the target lacks can be stood in for by one it has, picked from its list.
  const choice = clone.locator(`[data-testid="clone-component-choice"][data-component="${STAGING.componentName}"]`);
  await expect(choice.locator('option').first()).toHaveText('Match by name: missing');
  const reboot = await choice.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).find((v) => v.includes(':aws:component/reboot-linux/')));
  expect(reboot).toBeTruthy();
  await choice.selectOption(reboot!);
  await expect(clone.getByText(`The component ${STAGING.componentName} is replaced by reboot-linux`)).toBeVisible();
  await expect(clone.getByTestId('clone-check')).not.toContainText(`the component ${STAGING.componentName} (the account's own) does not exist`);
  await look(page, 'builder-manage-clone-chosen');

  // Back to its own account and region: ready; Enter from the list clones, Done (focused) closes.
  await clone.getByTestId('clone-account').selectOption({ label: STAGING.accountName });
  await clone.getByTestId('clone-region').selectOption(STAGING.region);
  await expect(clone.getByTestId('clone-ready')).toBeVisible();
  await clone.getByTestId('clone-region').focus();
  await page.keyboard.press('Enter');
  await expect(clone.getByTestId('clone-done')).toContainText(`${STAGING.failingPipelineName}-copy was created in ${STAGING.accountName}`);
  await expect(clone.getByTestId('clone-finish')).toBeFocused();
  await look(page, 'builder-manage-cloned');
  await page.keyboard.press('Enter');
  await expect(clone).toBeHidden();
  await expect(pipelineRow(page, `${STAGING.failingPipelineName}-copy`)).toBeVisible();
});

test('a production account: editing asks for its name before Save, disabling through the confirm sheet', async ({ page }) => {
  test.setTimeout(90_000);
  const HUB = IMAGE_BUILDER_FIXTURES.hub;
  await demo.openDemo(page);
  await openBuilder(page, HUB.accountName, HUB.region);
  await pipelineRow(page, HUB.pipelineName).click();
  const detail = page.getByTestId('pipeline-detail');
  await expect(detail.getByTestId('pipeline-recipe')).toBeVisible();

  await detail.getByTestId('pipeline-edit').click();
  const edit = page.getByTestId('edit-pipeline-dialog');
  await edit.getByTestId('edit-description').fill('Weekly golden Ubuntu, reviewed');
  const save = edit.getByTestId('edit-save');
  await expect(save).toBeDisabled();
  await edit.getByTestId('prod-guard-input').fill(HUB.accountName);
  await expect(save).toBeEnabled();
  await save.click();
  await expect(edit).toBeHidden();
  await expect(detail).toContainText('Weekly golden Ubuntu, reviewed');

  await detail.getByTestId('pipeline-toggle').click();
  const sheet = page.getByTestId('confirm-sheet');
  await expect(sheet).toContainText('status ENABLED → DISABLED');
  await sheet.getByTestId('prod-guard-input').fill(HUB.accountName);
  await sheet.getByTestId('confirm-button').click();
  await expect(pipelineRow(page, HUB.pipelineName)).toContainText('disabled');
});
