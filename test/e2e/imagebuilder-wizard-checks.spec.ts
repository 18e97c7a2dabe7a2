/**
 * The pipeline wizard's checks as you type, keyboard only, in the real renderer through the
 * preview bridge against the real core and the emulator: a base image that does not exist is
 * named with the account and region and holds the wizard back; a Linux base image keeps Windows
 * components out of the list (and says how many and why), an Amazon-managed Windows image the other way round.
 */
import { expect, test, type Page } from './fixtures';
import { IMAGE_BUILDER_FIXTURES } from '../../emulator/world/imagebuilder-fixtures';
import { shot, useDemoPreview } from './demo-fixture';
import { regionLabel } from '../../shared/region-names';

const HUB = IMAGE_BUILDER_FIXTURES.hub;
const MISSING_AMI = 'ami-0123456789abcdead';
const WINDOWS_IMAGE = `arn:aws:imagebuilder:${HUB.region}:aws:image/windows-server-2022-english-full-base-x86/x.x.x`;

const demo = useDemoPreview();

/** Writes into the focused field as a person would: select what is there, type over it. */
async function typeOver(page: Page, text: string) {
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

test('the base image is checked as it is typed and only components of its platform are offered', async ({ page }) => {
  test.setTimeout(90_000);
  await demo.openDemo(page);
  await page.locator(`[data-testid="account-item"][data-account-id="${await demo.entryId(HUB.accountName)}"]`).click();
  await page.getByLabel('Region').selectOption(HUB.region);
  await page.keyboard.press('ControlOrMeta+Shift+B');
  await expect(page.getByTestId('builder-view')).toBeVisible();

  const hub = demo.emulator.world.accounts.find((a) => a.name === HUB.accountName)!;
  const linux = demo.emulator.world.imagesIn(HUB.region).find((i) => i.ownerId === hub.accountId && i.state === 'available' && i.platform === null && i.architecture === 'x86_64')!;

  await page.getByTestId('builder-create').focus();
  await page.keyboard.press('Enter');
  const wizard = page.getByTestId('builder-wizard');
  const step = wizard.getByTestId('wizard-step');
  await expect(wizard.getByTestId('wizard-name')).toBeFocused();
  await page.keyboard.type(`checks-${Date.now().toString(36)}`);
  await page.keyboard.press('Enter');
  await expect(step).toHaveAttribute('data-step', 'base');
  await expect(wizard.getByTestId('wizard-parent')).toBeFocused();

  // A missing AMI is named with the account and region, and Enter does not get past it.
  await typeOver(page, MISSING_AMI);
  const check = wizard.getByTestId('base-image-check');
  await expect(check).toHaveAttribute('data-state', 'bad');
  await expect(check).toHaveText(new RegExp(`^No AMI ${MISSING_AMI} in ${regionLabel(HUB.region).replace(/[().]/g, '\\$&')} for ${HUB.accountName}`));
  await expect(wizard.getByTestId('wizard-parent')).toHaveAttribute('aria-invalid', 'true');
  await shot(page, 'builder-wizard-missing-ami');
  await page.keyboard.press('Enter');
  await expect(step).toHaveAttribute('data-step', 'base');

  // An AMI of the account: named with its architecture and platform; Enter moves on.
  await typeOver(page, linux.imageId);
  await expect(check).toHaveAttribute('data-state', 'ok');
  await expect(check).toHaveText(`${linux.name} (x86_64, Linux) in ${HUB.region}`);
  await page.keyboard.press('Enter');
  await expect(step).toHaveAttribute('data-step', 'components');

  // Linux base: Amazon's Windows components are not offered, and the list says so.
  const build = wizard.getByTestId('picker-build');
  await expect(build.locator('[data-testid="component-add"][data-name="update-linux"]')).toBeVisible();
  await expect(build.locator('[data-testid="component-add"][data-name="update-windows"]')).toHaveCount(0);
  await expect(build.getByTestId('components-hidden')).toHaveText(/^\d+ Windows build components? (is|are) not offered: the base image is Linux\.$/);
  await shot(page, 'builder-wizard-components-platform');

  // Back (Alt+←) to an Amazon-managed Windows image: the other way round.
  await page.keyboard.press('Alt+ArrowLeft');
  await expect(step).toHaveAttribute('data-step', 'base');
  await expect(wizard.getByTestId('wizard-parent')).toBeFocused();
  await typeOver(page, WINDOWS_IMAGE);
  await expect(check).toHaveAttribute('data-state', 'ok');
  await expect(check).toHaveText(`Windows Server 2022 English Full Base x86 2025.4.9 (x86_64, Windows) in ${HUB.region}`);
  await page.keyboard.press('Alt+ArrowRight');
  await expect(step).toHaveAttribute('data-step', 'components');
  await expect(build.locator('[data-testid="component-add"][data-name="update-windows"]')).toBeVisible();
  await expect(build.locator('[data-testid="component-add"][data-name="update-linux"]')).toHaveCount(0);
  await expect(build.getByTestId('components-hidden')).toContainText('not offered: the base image is Windows.');
});
