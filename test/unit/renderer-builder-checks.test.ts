/**
 * The wizard's checks in the renderer: the base image asked once typing stops (only the newest
 * answer kept), a failed check holding the wizard at its step and Create back, the instance
 * profile's fix commands, and the schedule's next runs, as rendered markup.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { BaseImageCheck, InstanceProfileCheck } from '../../shared/imagebuilder-checks';
import type { Workspace } from '../../shared/model';
import type { AtlasState } from '../../renderer/store';
import { accountSummary } from './renderer-fixtures';
import { component } from './renderer-builder-fixtures';
import { answer, flush, pending, resetCalls } from './scripted-bridge';

const { useAtlas } = await import('../../renderer/store');
const wizardStore = await import('../../renderer/features/builder/wizardStore');
const checks = await import('../../renderer/features/builder/wizardChecks');
const { InstanceProfileStatus } = await import('../../renderer/features/builder/InstanceProfileField');
const { ScheduleRuns } = await import('../../renderer/features/builder/ScheduleRuns');
const { BaseImageStep } = await import('../../renderer/features/builder/WizardBasics');
const { useBuilderWizard } = wizardStore;

const workspace: Workspace = {
  clients: [{ id: 'acme', name: 'Acme', color: '#ff0000', production: false }],
  accounts: [accountSummary('acme-staging', { name: 'acme-staging', clientId: 'acme', awsAccountId: '111111111111' })],
  demo: true,
  userAccountCount: 0,
  keychain: { available: true, reason: null, sessionOnly: false },
};

const update = component('update-linux', 'BUILD');
const reboot = component('reboot-test', 'TEST');
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
const wizard = () => useBuilderWizard.getState().wizard!;

const missing: BaseImageCheck = { ok: false, kind: 'ami', input: 'ami-0123456789abcdead', reason: 'not-found', platform: null, message: 'No AMI ami-0123456789abcdead in us-east-1 for acme-staging.' };
const found = (input: string): BaseImageCheck => ({
  ok: true,
  kind: 'ami',
  input,
  name: 'golden-al2023',
  imageId: input,
  architecture: 'x86_64',
  platform: 'Linux',
  osVersion: null,
  summary: 'golden-al2023 (x86_64, Linux) in us-east-1',
});

/** Opens the wizard with a complete form except the base image, components loaded. */
async function openComplete(parentImage: string) {
  wizardStore.openWizard('acme-staging', 'us-east-1', null);
  answer(pending('builder:components')[0], [update, reboot]);
  await flush();
  wizardStore.updateWizardForm({ name: 'golden-base', parentImage, components: [update.arn], tests: [reboot.arn] });
}

beforeEach(() => {
  resetCalls();
  wizardStore.closeWizard();
  useAtlas.setState({ workspace, accountId: 'acme-staging', region: 'us-east-1', regionsByAccount: {} } as Partial<AtlasState>);
});

describe('base image check', () => {
  it('asks once typing stops, about the newest text only, and ignores an answer to older text', async () => {
    await openComplete('ami-0');
    checks.checkBaseImage(wizard());
    wizardStore.updateWizardForm({ parentImage: 'ami-0123456789abcdead' });
    checks.checkBaseImage(wizard());
    expect(checks.useWizardChecks.getState().base.status).toBe('checking');
    expect(pending('builder:checkBaseImage')).toHaveLength(0);
    await wait(checks.CHECK_DELAY_MS + 30);
    const asked = pending('builder:checkBaseImage');
    expect(asked).toHaveLength(1);
    expect(asked[0]!.input).toEqual({ account: 'acme-staging', region: 'us-east-1', parentImage: 'ami-0123456789abcdead', components: [update.arn, reboot.arn] });

    // The user types on before the answer comes: the answer is dropped, a new question asked.
    wizardStore.updateWizardForm({ parentImage: 'ami-0123456789abcdef0' });
    checks.checkBaseImage(wizard());
    answer(asked[0], missing);
    await flush();
    expect(checks.useWizardChecks.getState().base.status).toBe('checking');
    expect(checks.checkedStep(wizard())).toBeNull();
  });

  it('a missing image holds the wizard at the base step and keeps Create from creating', async () => {
    await openComplete('ami-0123456789abcdead');
    checks.checkBaseImage(wizard());
    await wait(checks.CHECK_DELAY_MS + 30);
    answer(pending('builder:checkBaseImage')[0], missing);
    await flush();
    expect(checks.checkedStep(wizard())).toBe('base');
    expect(wizardStore.incompleteStep(wizard())).toBe('base');
    expect(wizardStore.goToStep('review')).toBe('base');
    expect(await wizardStore.createPipeline({})).toBeNull();
    expect(pending('builder:create')).toHaveLength(0);

    const markup = renderToStaticMarkup(createElement(BaseImageStep, { wizard: wizard() }));
    expect(markup).toContain('No AMI ami-0123456789abcdead in us-east-1 for acme-staging.');
    expect(markup).toContain('aria-invalid="true"');

    // Fixed: the wizard moves on.
    wizardStore.updateWizardForm({ parentImage: 'ami-0123456789abcdef0' });
    expect(checks.checkedStep(wizard())).toBeNull();
    checks.checkBaseImage(wizard());
    await wait(checks.CHECK_DELAY_MS + 30);
    answer(pending('builder:checkBaseImage')[1], found('ami-0123456789abcdef0'));
    await flush();
    expect(renderToStaticMarkup(createElement(BaseImageStep, { wizard: wizard() }))).toContain('golden-al2023 (x86_64, Linux) in us-east-1');
    expect(wizardStore.goToStep('schedule')).toBe('schedule');
  });

  it('components of another platform hold the wizard at the components step', async () => {
    await openComplete('ami-0123456789abcdef0');
    checks.checkBaseImage(wizard());
    await wait(checks.CHECK_DELAY_MS + 30);
    answer(pending('builder:checkBaseImage')[0], { ok: false, kind: 'ami', input: 'ami-0123456789abcdef0', reason: 'mismatch', platform: 'Windows', message: 'golden-win is a Windows image, but this chosen component is not: update-linux (Linux).' });
    await flush();
    expect(wizardStore.goToStep('review')).toBe('components');
    expect(checks.basePlatform(wizard(), checks.useWizardChecks.getState().base)).toBe('Windows');
  });
});

describe('instance profile check', () => {
  it('shows what is missing with each fix command to copy', async () => {
    await openComplete('ami-0123456789abcdef0');
    wizardStore.updateWizardForm({ instanceProfileName: 'ImageBuilderLegacyProfile' });
    const result: InstanceProfileCheck = {
      profileName: 'ImageBuilderLegacyProfile',
      status: 'missing-policies',
      roleName: 'ImageBuilderLegacyRole',
      attached: ['EC2InstanceProfileForImageBuilder'],
      missing: ['AmazonSSMManagedInstanceCore'],
      message: 'Attach AmazonSSMManagedInstanceCore to role ImageBuilderLegacyRole (the instance profile ImageBuilderLegacyProfile in acme-staging).',
      fix: ['aws iam attach-role-policy --role-name ImageBuilderLegacyRole --policy-arn arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore'],
    };
    checks.checkInstanceProfile(wizard());
    await wait(checks.CHECK_DELAY_MS + 30);
    const asked = pending('builder:checkInstanceProfile');
    expect(asked.map((c) => c.input)).toEqual([{ account: 'acme-staging', region: 'us-east-1', instanceProfileName: 'ImageBuilderLegacyProfile' }]);
    answer(asked[0], result);
    await flush();
    const markup = renderToStaticMarkup(createElement(InstanceProfileStatus, { wizard: wizard() }));
    expect(markup).toContain('Attach AmazonSSMManagedInstanceCore to role ImageBuilderLegacyRole');
    expect(markup).toContain(`<code>${result.fix[0]}</code>`);
    expect(markup).toContain(`aria-label="Copy the command: ${result.fix[0]}"`);
    expect(markup).toContain('data-state="bad"');
    // Not a blocker: the permissions may come from elsewhere.
    expect(wizardStore.goToStep('review')).toBe('review');
  });

  it('a name that cannot be an instance profile is not asked about', async () => {
    await openComplete('ami-0123456789abcdef0');
    wizardStore.updateWizardForm({ instanceProfileName: 'has spaces' });
    checks.checkInstanceProfile(wizard());
    await wait(checks.CHECK_DELAY_MS + 30);
    expect(pending('builder:checkInstanceProfile')).toHaveLength(0);
  });
});

describe('next runs of a schedule', () => {
  it('lists the next five runs', () => {
    const markup = renderToStaticMarkup(createElement(ScheduleRuns, { expression: 'cron(0 6 ? * MON *)' }));
    const times = [...markup.matchAll(/data-at="([^"]+)"/g)].map((m) => new Date(m[1]!));
    expect(times).toHaveLength(5);
    for (const t of times) expect([t.getUTCDay(), t.getUTCHours(), t.getUTCMinutes()]).toEqual([1, 6, 0]);
    expect(times[0]!.getTime()).toBeGreaterThan(Date.now());
    expect(times[4]!.getTime() - times[0]!.getTime()).toBe(4 * 7 * 86_400_000);
  });

  it('says in words why an expression cannot run, where the field’s own check does not', () => {
    // A day 32 is the field's to say (it reads the grammar the runs are computed with); not said twice.
    expect(renderToStaticMarkup(createElement(ScheduleRuns, { expression: 'cron(0 6 32 * ? *)' }))).toBe('');
    expect(renderToStaticMarkup(createElement(ScheduleRuns, { expression: 'cron(0 6 * * ? 2001)' }))).toContain('never runs again');
    expect(renderToStaticMarkup(createElement(ScheduleRuns, { expression: null }))).toBe('');
  });
});
