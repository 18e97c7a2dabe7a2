/**
 * The pipeline wizard's infrastructure and distribution steps by keyboard alone, in the real
 * renderer against the real core and the emulator: a subnet chosen by name, a security group of
 * its VPC, a key pair, S3 logs and an SNS topic; a second region; an OU that may launch the AMI
 * (its ARN checked as typed), a KMS key and a launch template to update. The pipeline is created
 * and its detail shows every one of them.
 */
import { expect, test, type Locator, type Page } from './fixtures';
import { NETWORK_FIXTURE, networkOf } from '../../emulator/world/network';
import { shot, useDemoPreview } from './demo-fixture';

const ACCOUNT = 'acme-staging';
const REGION = 'us-east-1';
const SECOND = 'us-west-2';
const OU = 'arn:aws:organizations::111122223333:ou/o-abcdefghij/ou-ab12-cdefghij';
const TOPIC_NAME = 'image-builds';

const demo = useDemoPreview();
const world = () => demo.emulator.world;

/** Presses Tab (Shift+Tab going back) until the element has focus: the keyboard path a person takes. */
async function tabTo(page: Page, target: Locator, back = false, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  await expect(target).toBeFocused();
}

test('infrastructure and distribution by keyboard: subnet, security group, key pair, S3 logs, SNS, an OU, a KMS key and a launch template', async ({ page }) => {
  test.setTimeout(120_000);
  const owner = world().accounts.find((a) => a.name === ACCOUNT)!;
  const network = networkOf(world(), owner.accountId, REGION);
  const subnet = network.subnets.find((s) => s.tags.some((t) => t.value === NETWORK_FIXTURE.buildSubnetNames[0]))!;
  const group = network.securityGroups.find((g) => g.groupName === NETWORK_FIXTURE.buildSecurityGroupName)!;
  const template = world().usage.launchTemplates.in(owner.accountId, REGION)[0]!;
  const key = world().kmsKeys.find((k) => k.accountId === owner.accountId && k.region === SECOND && k.managedBy === 'customer')!;
  expect(template && key).toBeTruthy();
  const parent = world()
    .imagesIn(REGION)
    .find((i) => i.ownerId === owner.accountId && i.state === 'available')!;

  await demo.openDemo(page);
  await page.locator(`[data-testid="account-item"][data-account-id="${await demo.entryId(ACCOUNT)}"]`).click();
  await page.getByLabel('Region').selectOption(REGION);
  await page.keyboard.press('ControlOrMeta+Shift+B');
  await expect(page.getByTestId('builder-view')).toBeVisible();
  await page.getByTestId('builder-create').click();
  const wizard = page.getByTestId('builder-wizard');
  const step = wizard.getByTestId('wizard-step');
  const name = `e2e-placed-${Date.now().toString(36)}`;

  // The first steps as the wizard's own spec walks them (they are not what this test is about).
  await wizard.getByTestId('wizard-name').fill(name);
  await page.keyboard.press('Enter');
  await expect(step).toHaveAttribute('data-step', 'base');
  await wizard.getByTestId('wizard-parent').fill(parent.imageId);
  await wizard.getByTestId('wizard-next').click();
  await expect(step).toHaveAttribute('data-step', 'components');
  await wizard.getByTestId('picker-build').getByTestId('component-add').first().click();
  await wizard.getByTestId('wizard-next').click();
  await expect(step).toHaveAttribute('data-step', 'tests');
  await wizard.getByTestId('picker-test').locator('[data-testid="component-add"]:not([data-name^="failing"])').first().click();
  await wizard.getByTestId('wizard-next').click();
  await expect(step).toHaveAttribute('data-step', 'infrastructure');

  // Infrastructure, keyboard only from here.
  const subnetPick = wizard.getByTestId('wizard-subnet');
  await expect(subnetPick.locator('option', { hasText: NETWORK_FIXTURE.buildSubnetNames[0] })).toHaveCount(1);
  // A security group alone is not offered: groups belong to the subnet's VPC.
  await expect(wizard.getByTestId('wizard-network')).toContainText('Choose a subnet first');
  await tabTo(page, subnetPick);
  await page.keyboard.type(NETWORK_FIXTURE.buildSubnetNames[0]);
  await expect(subnetPick).toHaveValue(subnet.subnetId);
  await expect(wizard.getByTestId('wizard-network')).toContainText(`In VPC ${NETWORK_FIXTURE.buildVpcName}`);
  const groupBox = wizard.getByTestId('wizard-security-groups').locator(`input[data-name="${group.groupName}"]`);
  await tabTo(page, groupBox);
  await page.keyboard.press('Space');
  await expect(groupBox).toBeChecked();
  const keyPick = wizard.getByTestId('wizard-key-pair');
  await tabTo(page, keyPick);
  await page.keyboard.type('build-debug');
  await expect(keyPick).toHaveValue('build-debug');
  const s3Box = wizard.getByLabel('Upload build logs to S3');
  await tabTo(page, s3Box);
  await page.keyboard.press('Space');
  const bucket = wizard.getByTestId('wizard-s3-bucket');
  await tabTo(page, bucket);
  // Checked as typed: an upper-case name is refused in words before Next.
  await page.keyboard.type('Acme_Logs');
  await expect(wizard).toContainText('lower-case letters, digits, dots and hyphens');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('acme-build-logs');
  await expect(wizard).not.toContainText('lower-case letters, digits, dots and hyphens');
  const sns = wizard.getByTestId('wizard-sns');
  await tabTo(page, sns);
  await page.keyboard.type(`arn:aws:sns:${REGION}:${owner.accountId}:${TOPIC_NAME}`);
  await shot(page, 'builder-wizard-network');
  await page.keyboard.press('Enter');
  await expect(step).toHaveAttribute('data-step', 'distribution');
  await shot(page, 'builder-wizard-distribution');

  // Distribution: a second region, then each region's own settings.
  const second = wizard.getByTestId('wizard-regions').getByLabel(SECOND);
  await tabTo(page, second);
  await page.keyboard.press('Space');
  await expect(second).toBeChecked();
  const east = wizard.locator(`[data-testid="region-editor"][data-region="${REGION}"]`);
  const west = wizard.locator(`[data-testid="region-editor"][data-region="${SECOND}"]`);
  await expect(west).toBeVisible();

  const orgInput = east.getByTestId('org-target-input');
  await tabTo(page, orgInput);
  // Half an ARN says what is missing; the whole one is taken with Enter (which stays on the step).
  await page.keyboard.type('ou-ab12-cdefghij');
  await expect(east).toContainText('Paste the whole ARN');
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type(OU);
  await expect(east).toContainText('An organizational unit');
  await page.keyboard.press('Enter');
  await expect(step).toHaveAttribute('data-step', 'distribution');
  await expect(east.getByTestId('org-target')).toContainText('ou-ab12-cdefghij');

  const ltPick = east.getByTestId('launch-template-pick');
  await tabTo(page, ltPick);
  await page.keyboard.type(template.name);
  await expect(ltPick).toHaveValue(template.launchTemplateId);
  await page.keyboard.press('Tab');
  await expect(east.getByTestId('launch-template-add')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(east.getByTestId('launch-template-update')).toContainText(template.name);

  const kmsPick = west.getByTestId('region-kms-key');
  await expect(kmsPick.locator('option', { hasText: key.alias })).toHaveCount(1);
  await tabTo(page, kmsPick);
  await page.keyboard.type(key.alias);
  await expect(kmsPick).toHaveValue(key.arn);
  await shot(page, 'builder-wizard-regions');
  await page.keyboard.press('Alt+ArrowRight');
  await expect(step).toHaveAttribute('data-step', 'schedule');
  await page.keyboard.press('Alt+ArrowRight');
  await expect(step).toHaveAttribute('data-step', 'review');

  const review = wizard.getByTestId('wizard-review');
  await expect(review.getByTestId('review-network')).toContainText(`${NETWORK_FIXTURE.buildSubnetNames[0]} in ${NETWORK_FIXTURE.buildVpcName}`);
  await expect(review.getByTestId('review-network')).toContainText(group.groupName);
  await expect(review.getByTestId('review-network')).toContainText('build-debug');
  await expect(review.getByTestId('review-logs')).toContainText('s3://acme-build-logs/image-builder/');
  await expect(review.locator(`[data-testid="review-region"][data-region="${REGION}"]`)).toContainText(`updates ${template.name} (default)`);
  await expect(review.locator(`[data-testid="review-region"][data-region="${SECOND}"]`)).toContainText(`encrypted with ${key.alias}`);
  await shot(page, 'builder-wizard-placed-review');
  await tabTo(page, wizard.getByTestId('wizard-create'));
  await page.keyboard.press('Enter');

  await expect(wizard.getByTestId('wizard-created')).toBeVisible({ timeout: 20_000 });
  await tabTo(page, wizard.getByTestId('wizard-done'));
  await page.keyboard.press('Enter');
  await expect(wizard).toBeHidden();

  const detail = page.getByTestId('pipeline-detail');
  await expect(detail).toContainText(name);
  await expect(detail.getByTestId('pipeline-subnet')).toHaveText(subnet.subnetId);
  await expect(detail.getByTestId('pipeline-security-groups')).toHaveText(group.groupId);
  await expect(detail.getByTestId('pipeline-key-pair')).toHaveText('build-debug');
  await expect(detail.getByTestId('pipeline-s3-logs')).toHaveText('s3://acme-build-logs/image-builder/');
  await expect(detail.getByTestId('pipeline-sns')).toContainText(TOPIC_NAME);
  const eastDetail = detail.locator(`[data-region="${REGION}"]`);
  await expect(eastDetail.getByTestId('launch-permission')).toContainText('OU ou-ab12-cdefghij');
  await expect(eastDetail.getByTestId('pipeline-launch-templates')).toContainText(`${template.launchTemplateId} (as default)`);
  await expect(detail.locator(`[data-region="${SECOND}"]`).getByTestId('pipeline-kms-key')).toHaveText(key.arn);
  await shot(page, 'builder-pipeline-placed');
});
