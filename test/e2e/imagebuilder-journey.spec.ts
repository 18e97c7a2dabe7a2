/**
 * A pipeline owner's whole path, in the real renderer against the real core and the emulator:
 * write a component, use it in a new pipeline through every step of the wizard by keyboard alone
 * (the schedule's next runs and the instance profile's check on the way), run the pipeline to
 * AVAILABLE, find the run in the pipeline's history and open its AMI in the account that owns it.
 */
import { expect, test, type Locator, type Page } from './fixtures';
import { IMAGE_BUILDER_FIXTURES } from '../../emulator/world/imagebuilder-fixtures';
import { STARTER_DOCUMENT } from '../../shared/component-document';
import { useDemoPreview } from './demo-fixture';

const STAGING = IMAGE_BUILDER_FIXTURES.staging;
const demo = useDemoPreview({ port: 0, imageBuildSeconds: 4 });

/** Presses Tab until the element has focus: the keyboard path a person takes. */
async function tabTo(page: Page, target: Locator, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('write a component, build a pipeline with it by keyboard, run it, and open its AMI from the history', async ({ page }) => {
  test.setTimeout(180_000);
  const component = `journey-${Date.now().toString(36)}`;
  const pipeline = `${component}-pipeline`;
  const owner = demo.emulator.identities.find((i) => i.accountName === STAGING.accountName)!;
  const parent = demo.emulator.world
    .imagesIn(STAGING.region)
    .find((i) => i.ownerId === owner.accountId && i.state === 'available' && i.platform !== 'windows')!;

  await demo.openDemo(page);
  await page.locator(`[data-testid="account-item"][data-account-id="${await demo.entryId(STAGING.accountName)}"]`).click();
  await page.getByLabel('Region').selectOption(STAGING.region);
  await page.keyboard.press('ControlOrMeta+Shift+B');
  await expect(page.getByTestId('builder-status')).toContainText(`${STAGING.accountName}/${STAGING.region}`);

  // 1. The component, written as YAML.
  await page.getByRole('tab', { name: 'Components' }).click();
  await page.getByTestId('builder-new-component').click();
  const editor = page.getByTestId('component-editor');
  await editor.getByLabel('Name', { exact: true }).fill(component);
  await editor.getByLabel('What changed in this version').fill('First version');
  await editor.getByTestId('component-document').fill(STARTER_DOCUMENT);
  await expect(editor.getByTestId('component-create')).toBeEnabled();
  await editor.getByTestId('component-create').click();
  await expect(page.getByTestId('authoring-notice')).toContainText(`Created ${component} 1.0.0`);

  // 2. The wizard, keyboard only.
  await page.getByRole('tab', { name: 'Pipelines' }).click();
  await page.getByTestId('builder-create').click();
  const wizard = page.getByTestId('builder-wizard');
  const step = wizard.getByTestId('wizard-step');
  await expect(wizard.getByTestId('wizard-name')).toBeFocused();
  await page.keyboard.type(pipeline);
  await page.keyboard.press('Enter');
  await expect(step).toHaveAttribute('data-step', 'base');
  await expect(wizard.getByTestId('wizard-parent')).toBeFocused();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(parent.imageId);
  await expect(step).toContainText('Linux');
  await page.keyboard.press('Enter');
  await expect(step).toHaveAttribute('data-step', 'components');
  const ours = wizard.getByTestId('picker-build').locator(`[data-testid="component-add"][data-name="${component}"]`);
  await tabTo(page, ours);
  await page.keyboard.press('Enter');
  await expect(wizard.getByTestId('picker-build').getByTestId('chosen-components').locator(`li[data-name="${component}"]`)).toHaveCount(1);
  await tabTo(page, wizard.getByTestId('wizard-next'));
  await page.keyboard.press('Enter');
  await expect(step).toHaveAttribute('data-step', 'tests');
  await tabTo(page, wizard.getByTestId('picker-test').locator('[data-testid="component-add"][data-name="simple-boot-test-linux"]'));
  await page.keyboard.press('Enter');
  await tabTo(page, wizard.getByTestId('wizard-next'));
  await page.keyboard.press('Enter');
  await expect(step).toHaveAttribute('data-step', 'infrastructure');
  // The default instance profile is checked for the policies Image Builder needs.
  await expect(step.getByTestId('instance-profile-check').locator('[data-status="ok"]')).toContainText('EC2InstanceProfileForImageBuilder has the role');
  await tabTo(page, wizard.getByTestId('wizard-next'));
  await page.keyboard.press('Enter');
  await expect(step).toHaveAttribute('data-step', 'distribution');
  await tabTo(page, wizard.getByTestId('wizard-next'));
  await page.keyboard.press('Enter');
  await expect(step).toHaveAttribute('data-step', 'schedule');
  // A radio group is one tab stop: the arrows choose within it.
  const custom = wizard.getByTestId('schedule-custom');
  for (let i = 0; i < 4 && !(await custom.isChecked()); i++) await page.keyboard.press('ArrowDown');
  await expect(custom).toBeChecked();
  await tabTo(page, wizard.getByTestId('schedule-cron'));
  await page.keyboard.type('cron(0 6 ? * MON *)');
  await expect(step.getByTestId('schedule-run')).toHaveCount(5);
  await page.keyboard.press('Enter');
  await expect(step).toHaveAttribute('data-step', 'review');
  await expect(wizard.getByTestId('wizard-review')).toContainText(component);
  await tabTo(page, wizard.getByTestId('wizard-create'));
  await page.keyboard.press('Enter');
  await expect(wizard.getByTestId('wizard-created')).toBeVisible({ timeout: 20_000 });
  await tabTo(page, wizard.getByTestId('wizard-done'));
  await page.keyboard.press('Enter');
  await expect(wizard).toBeHidden();

  // 3. Run it to AVAILABLE.
  const row = page.locator(`[data-testid="pipeline-row"][data-name="${pipeline}"]`);
  await expect(row).toHaveAttribute('aria-selected', 'true');
  const detail = page.getByTestId('pipeline-detail');
  await expect(detail.getByTestId('pipeline-recipe')).toContainText(component);
  await detail.getByTestId('run-pipeline').click();
  const run = page.locator(`[data-testid="run-row"][data-pipeline="${pipeline}"]`).first();
  await expect(run).toHaveAttribute('data-status', 'AVAILABLE', { timeout: 90_000 });

  // 4. The pipeline's history lists the run; its AMI opens in the account that owns it.
  await detail.getByRole('tab', { name: 'History' }).click();
  const build = detail.getByTestId('pipeline-history').getByTestId('history-build');
  await expect(build).toHaveCount(1, { timeout: 20_000 });
  await expect(build).toContainText('from this app');
  await expect(build).toHaveAttribute('data-status', 'AVAILABLE', { timeout: 20_000 });
  const ami = build.locator(`[data-testid="history-ami"][data-region="${STAGING.region}"]`).first();
  const imageId = (await ami.textContent())!.trim();
  expect(demo.emulator.world.image(STAGING.region, imageId)?.ownerId).toBe(owner.accountId);
  await ami.click();
  await expect(page.getByTestId('status-bar')).toContainText(`${STAGING.accountName}/${STAGING.region}`);
  await expect(page.getByTestId('ami-detail').getByTestId('detail-image-id')).toHaveText(imageId);
});
