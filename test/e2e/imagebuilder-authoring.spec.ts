/**
 * Image Builder authoring in the real renderer, through the preview bridge, against the real
 * core and the emulator: open the Components tab by keyboard, write a component document with a
 * mistake (its line is named and "Create version" waits), fix it, create it and see it listed
 * with its version; make a new version prefilled with the next patch and the document; clone a
 * recipe into a new version with one more component and see both versions listed. The pipeline
 * wizard offers the new component. A production account waits for its typed name.
 */
import { expect, test, type Page } from './fixtures';
import { IMAGE_BUILDER_FIXTURES } from '../../emulator/world/imagebuilder-fixtures';
import { STARTER_DOCUMENT } from '../../shared/component-document';
import { shot, useDemoPreview } from './demo-fixture';

test.describe.configure({ mode: 'serial' });

const STAGING = IMAGE_BUILDER_FIXTURES.staging;
const demo = useDemoPreview();

async function openBuilder(page: Page, accountName: string, region: string) {
  await page.locator(`[data-testid="account-item"][data-account-id="${await demo.entryId(accountName)}"]`).click();
  await page.getByLabel('Region').selectOption(region);
  await page.keyboard.press('ControlOrMeta+Shift+B');
  await expect(page.getByTestId('builder-view')).toBeVisible();
  await expect(page.getByTestId('builder-status')).toContainText(`${accountName}/${region}`);
}

/** Light and dark screenshots for looking at the screens (not compared). */
async function look(page: Page, name: string) {
  if (!process.env.AUTHORING_SHOTS) return;
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
    await page.waitForTimeout(100);
    await page.screenshot({ path: `${process.env.AUTHORING_SHOTS}/${name}-${scheme}.png` });
  }
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: null });
}

test('write a component with a mistake, fix it, create it, then a new version of it', async ({ page }) => {
  test.setTimeout(90_000);
  await demo.openDemo(page);
  await openBuilder(page, STAGING.accountName, STAGING.region);

  // The tabs are one tab stop; arrows move between them.
  const pipelinesTab = page.getByRole('tab', { name: 'Pipelines' });
  await expect(pipelinesTab).toHaveAttribute('aria-selected', 'true');
  await pipelinesTab.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Components' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: 'Components' })).toBeFocused();
  const rows = page.getByTestId('component-row');
  await expect(rows.filter({ hasText: STAGING.componentName })).toBeVisible();

  await page.getByTestId('builder-new-component').click();
  const editor = page.getByTestId('component-editor');
  await expect(editor).toBeVisible();
  await editor.getByLabel('Name', { exact: true }).fill('web-hardening');
  await editor.getByLabel('What changed in this version').fill('First version');
  const documentField = editor.getByTestId('component-document');
  await documentField.fill(STARTER_DOCUMENT.replace('action: ExecuteBash', 'action: ExecuteBsh'));
  const problem = editor.getByTestId('document-problem');
  await expect(problem).toHaveCount(1);
  await expect(problem).toHaveAttribute('data-line', '8');
  await expect(problem).toContainText('Line 8');
  await expect(problem).toContainText('"ExecuteBsh" is not an action module');
  await expect(editor.getByTestId('component-create')).toBeDisabled();
  await look(page, 'component-editor-problem');
  await shot(page, 'builder-component-editor');

  // "Line 8" puts the caret on that line.
  await problem.getByRole('button', { name: /Go to line 8/ }).click();
  await expect(documentField).toBeFocused();

  await documentField.fill(STARTER_DOCUMENT);
  await expect(editor.getByTestId('document-problems')).toContainText('The document reads as a valid component (build, validate)');
  await expect(editor.getByTestId('component-create')).toBeEnabled();
  await editor.getByTestId('component-create').click();
  await expect(editor).toBeHidden();
  await expect(page.getByTestId('authoring-notice')).toContainText('Created web-hardening 1.0.0');

  const row = page.locator('[data-testid="component-row"][data-name="web-hardening"]');
  await expect(row).toHaveAttribute('aria-selected', 'true');
  const detail = page.getByTestId('component-detail');
  await expect(detail.locator('[data-version="1.0.0"]')).toContainText('First version');
  await look(page, 'components');

  // A new version: the next patch and the newest document, prefilled.
  await detail.getByTestId('component-new-version').click();
  await expect(editor).toBeVisible();
  await expect(editor.getByLabel('Version', { exact: true })).toHaveValue('1.0.1');
  await expect(documentField).toHaveValue(STARTER_DOCUMENT);
  await editor.getByLabel('Version', { exact: true }).fill('1.0.0');
  await expect(editor.getByText('web-hardening 1.0.0 already exists')).toBeVisible();
  await expect(editor.getByTestId('component-create')).toBeDisabled();
  await editor.getByLabel('Version', { exact: true }).fill('1.0.1');
  await editor.getByLabel('What changed in this version').fill('Says goodbye too');
  await documentField.fill(STARTER_DOCUMENT.replace('Hello from', 'Goodbye from'));
  await editor.getByTestId('component-create').click();
  await expect(editor).toBeHidden();
  await expect(detail.locator('.builder-version')).toHaveCount(2);
  await expect(detail.locator('.builder-version').first()).toHaveAttribute('data-version', '1.0.1');
  await expect(row).toContainText('1.0.1');

  // "New component" under a name that exists knows its versions too.
  await page.getByTestId('builder-new-component').click();
  await editor.getByLabel('Name', { exact: true }).fill('web-hardening');
  await expect(editor.getByText('web-hardening 1.0.0 already exists')).toBeVisible();
  await expect(editor.getByTestId('component-create')).toBeDisabled();
  await page.keyboard.press('Escape');
  await expect(editor).toBeHidden();

  // The pipeline wizard offers it beside Amazon's components.
  await page.getByRole('tab', { name: 'Pipelines' }).click();
  const account = demo.emulator.world.accounts.find((a) => a.name === STAGING.accountName)!;
  const parent = demo.emulator.world.imagesIn(STAGING.region).find((i) => i.ownerId === account.accountId && i.state === 'available')!;
  await page.getByTestId('builder-create').click();
  const wizard = page.getByTestId('builder-wizard');
  await wizard.getByTestId('wizard-name').fill('web-hardened');
  await page.keyboard.press('Enter');
  await wizard.getByTestId('wizard-parent').fill(parent.imageId);
  await wizard.getByTestId('wizard-next').click();
  await expect(wizard.getByTestId('wizard-step')).toHaveAttribute('data-step', 'components');
  const offered = wizard.getByTestId('picker-build').locator('[data-testid="component-add"][data-name="web-hardening"]');
  await expect(offered).toHaveCount(2);
  await offered.filter({ hasText: '1.0.1' }).click();
  await expect(wizard.getByTestId('chosen-components')).toContainText('web-hardening');
  await page.keyboard.press('Escape');
});

test('clone a recipe into a new version with one more component', async ({ page }) => {
  test.setTimeout(60_000);
  await demo.openDemo(page);
  await openBuilder(page, STAGING.accountName, STAGING.region);
  await page.getByRole('tab', { name: 'Recipes' }).click();
  const row = page.locator(`[data-testid="recipe-row"][data-name="${STAGING.recipeName}"]`);
  await row.click();
  const detail = page.getByTestId('recipe-detail');
  await expect(detail.locator(`[data-version="${STAGING.recipeVersion}"]`)).toContainText(STAGING.componentName);

  await detail.getByTestId('recipe-clone').first().click();
  const dialog = page.getByTestId('recipe-clone-dialog');
  await expect(dialog.getByLabel('New version')).toHaveValue('2.1.1');
  const chosen = dialog.getByTestId('clone-components').locator('li');
  const before = await chosen.count();
  const add = dialog.getByTestId('clone-add-select');
  await expect(add.locator('option', { hasText: 'web-hardening 1.0.1' })).toHaveCount(1);
  await add.selectOption({ label: 'web-hardening 1.0.1 (yours, build)' });
  await dialog.getByTestId('clone-add').click();
  await expect(chosen).toHaveCount(before + 1);
  await dialog.getByLabel('Description').fill('With web hardening');
  await look(page, 'recipe-clone');
  await dialog.getByTestId('recipe-clone-create').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('authoring-notice')).toContainText(`Created recipe ${STAGING.recipeName} 2.1.1`);
  const versions = detail.locator('.builder-version');
  await expect(versions).toHaveCount(2);
  await expect(versions.first()).toHaveAttribute('data-version', '2.1.1');
  await expect(versions.first()).toContainText('web-hardening 1.0.1');
  await expect(row).toContainText('2.1.1');
  await look(page, 'recipes');
  await shot(page, 'builder-recipes');
});

test('a component in a production account waits for its typed name', async ({ page }) => {
  test.setTimeout(60_000);
  const HUB = IMAGE_BUILDER_FIXTURES.hub;
  await demo.openDemo(page);
  await openBuilder(page, HUB.accountName, HUB.region);
  await page.getByRole('tab', { name: 'Components' }).click();
  await page.getByTestId('builder-new-component').click();
  const editor = page.getByTestId('component-editor');
  await editor.getByLabel('Name', { exact: true }).fill('hub-agent');
  await expect(editor.getByTestId('document-problems')).toContainText('The document reads as a valid component');
  await expect(editor.getByTestId('component-create')).toBeDisabled();
  await editor.getByTestId('prod-guard-input').fill(HUB.accountName);
  await expect(editor.getByTestId('component-create')).toBeEnabled();
  await editor.getByTestId('component-create').click();
  await expect(editor).toBeHidden();
  await expect(page.locator('[data-testid="component-row"][data-name="hub-agent"]')).toBeVisible();
});
