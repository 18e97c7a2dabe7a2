/**
 * The "Create pipeline" wizard: what each step must hold before moving on, the draft sent to
 * `builder:create`, moving between steps (forward only past complete ones), creating with the
 * production confirmation, the rolled-back failure, and the review as rendered markup.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Workspace } from '../../shared/model';
import type { AtlasState } from '../../renderer/store';
import type { WizardForm } from '../../renderer/lib/builderDraft';
import { accountSummary } from './renderer-fixtures';
import { component, pipeline } from './renderer-builder-fixtures';
import { answer, fail, flush, pending, resetCalls } from './scripted-bridge';

const { useAtlas } = await import('../../renderer/store');
const draft = await import('../../renderer/lib/builderDraft');
const wizardStore = await import('../../renderer/features/builder/wizardStore');
const builderStore = await import('../../renderer/features/builder/store');
const { ReviewStep } = await import('../../renderer/features/builder/WizardReview');
const { useBuilderWizard } = wizardStore;

const update = component('update-linux', 'BUILD');
const hardening = component('cis-hardening', 'BUILD', 'Self');
const reboot = component('reboot-test', 'TEST');
const choices = [update, hardening, reboot];

const workspace: Workspace = {
  clients: [{ id: 'acme', name: 'Acme', color: '#ff0000', production: false }],
  accounts: [
    accountSummary('acme-staging', { name: 'acme-staging', clientId: 'acme', awsAccountId: '111111111111' }),
    accountSummary('acme-production', { name: 'acme-production', clientId: 'acme', awsAccountId: '222222222222', production: true }),
  ],
  demo: true,
      userAccountCount: 0,
  keychain: { available: true, reason: null, sessionOnly: false },
};

function complete(): WizardForm {
  return {
    ...draft.initialWizardForm('us-east-1', 'ami-0123456789abcdef0'),
    name: 'golden-base',
    components: [update.arn, hardening.arn],
    tests: [reboot.arn],
    regions: ['us-east-1', 'us-west-2'],
    shareWith: ['222222222222'],
  };
}

beforeEach(() => {
  resetCalls();
  wizardStore.closeWizard();
  useBuilderWizard.setState({ wizard: null });
  builderStore.useBuilder.setState(builderStore.initialBuilderState());
  useAtlas.setState({ workspace, accountId: 'acme-staging', region: 'us-east-1', regionsByAccount: {} } as Partial<AtlasState>);
});

describe('step validation', () => {
  it('output: a name of letters, digits, - and _; a semantic recipe version', () => {
    const form = complete();
    expect(draft.stepIssues('output', form)).toEqual({});
    expect(draft.stepIssues('output', { ...form, name: '' }).name).toMatch(/Name the pipeline/);
    expect(draft.stepIssues('output', { ...form, name: 'golden base!' }).name).toMatch(/Letters, digits/);
    expect(draft.stepIssues('output', { ...form, recipeVersion: '1.0' }).recipeVersion).toMatch(/1\.0\.0/);
  });

  it('base image: an AMI id or a managed image ARN', () => {
    const form = complete();
    expect(draft.stepIssues('base', form)).toEqual({});
    expect(draft.stepIssues('base', { ...form, parentImage: 'arn:aws:imagebuilder:us-east-1:aws:image/ubuntu-server-24-lts-x86/x.x.x' })).toEqual({});
    expect(draft.stepIssues('base', { ...form, parentImage: '' }).parentImage).toMatch(/Pick an AMI/);
    expect(draft.stepIssues('base', { ...form, parentImage: 'ubuntu' }).parentImage).toMatch(/AMI id/);
  });

  it('components: at least one, and no test components among them', () => {
    const form = complete();
    expect(draft.stepIssues('components', form, choices)).toEqual({});
    expect(draft.stepIssues('components', { ...form, components: [] }, choices).components).toMatch(/at least one/);
    expect(draft.stepIssues('components', { ...form, components: [reboot.arn] }, choices).components).toMatch(/Tests step/);
  });

  it('tests: at least one unless turned off', () => {
    const form = complete();
    expect(draft.stepIssues('tests', { ...form, tests: [] }).tests).toMatch(/turn tests off/);
    expect(draft.stepIssues('tests', { ...form, tests: [], testsEnabled: false })).toEqual({});
  });

  it('infrastructure: a profile name and valid instance types', () => {
    const form = complete();
    expect(draft.stepIssues('infrastructure', form)).toEqual({});
    expect(draft.stepIssues('infrastructure', { ...form, instanceProfileName: ' ' }).instanceProfileName).toBeTruthy();
    expect(draft.stepIssues('infrastructure', { ...form, instanceTypes: 't3.medium, large' }).instanceTypes).toMatch(/“large”/);
    expect(draft.stepIssues('infrastructure', { ...form, instanceTypes: '' }).instanceTypes).toMatch(/At least one/);
    expect(draft.splitInstanceTypes('t3.medium, m5.large  t3.medium')).toEqual(['t3.medium', 'm5.large']);
  });

  it('distribution: a region, a unique AMI name, 12-digit accounts', () => {
    const form = complete();
    expect(draft.stepIssues('distribution', form)).toEqual({});
    expect(draft.stepIssues('distribution', { ...form, regions: [] }).regions).toBeTruthy();
    expect(draft.stepIssues('distribution', { ...form, amiName: 'golden' }).amiName).toContain(draft.BUILD_DATE_TOKEN);
    expect(draft.stepIssues('distribution', { ...form, shareWith: ['1234'] }).shareWith).toMatch(/12-digit/);
    expect(draft.normalizeAccountId('2222-2222-2222')).toBe('222222222222');
    expect(draft.normalizeAccountId('2222')).toBeNull();
  });

  it('schedule: manual, a preset, or a valid custom cron', () => {
    const form = complete();
    expect(draft.formSchedule(form)).toBeNull();
    expect(draft.formSchedule({ ...form, scheduleMode: 'preset', presetId: 'weekly' })).toBe('cron(0 6 ? * MON *)');
    expect(draft.stepIssues('schedule', { ...form, scheduleMode: 'custom', cron: 'cron(0 6 * * MON *)' }).cron).toMatch(/must be \?/);
    expect(draft.stepIssues('schedule', { ...form, scheduleMode: 'custom', cron: 'cron(30 2 ? * SUN *)' })).toEqual({});
  });

  it('the draft sent to the core', () => {
    const form = { ...complete(), instanceTypes: 't3.medium, m5.large', testsEnabled: false, scheduleMode: 'preset' as const, presetId: 'daily' };
    expect(draft.toPipelineDraft(form, 'acme-staging', 'us-east-1')).toEqual({
      account: 'acme-staging',
      region: 'us-east-1',
      name: 'golden-base',
      description: '',
      parentImage: 'ami-0123456789abcdef0',
      recipeVersion: '1.0.0',
      components: [update.arn, hardening.arn],
      tests: [],
      instanceProfileName: draft.DEFAULT_INSTANCE_PROFILE,
      instanceTypes: ['t3.medium', 'm5.large'],
      terminateInstanceOnFailure: true,
      regions: ['us-east-1', 'us-west-2'],
      amiName: `golden-${draft.BUILD_DATE_TOKEN}`,
      shareWithAccounts: ['222222222222'],
      schedule: 'cron(0 6 * * ? *)',
    });
  });

  it('orders and filters components', () => {
    expect(draft.moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(draft.moveItem(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
    expect(draft.filterComponents(choices, 'BUILD', '', 'all').map((c) => c.name)).toEqual(['update-linux', 'cis-hardening']);
    expect(draft.filterComponents(choices, 'BUILD', 'cis', 'all').map((c) => c.name)).toEqual(['cis-hardening']);
    expect(draft.filterComponents(choices, 'BUILD', '', 'Amazon').map((c) => c.name)).toEqual(['update-linux']);
    expect(draft.filterComponents(choices, 'TEST', '', 'all').map((c) => c.name)).toEqual(['reboot-test']);
  });
});

describe('the wizard store', () => {
  it('opens with the grid’s AMI, reads the components, and only moves forward past complete steps', async () => {
    wizardStore.openWizard('acme-staging', 'us-east-1', 'ami-0123456789abcdef0');
    expect(pending('builder:components')[0]?.input).toEqual({ account: 'acme-staging', region: 'us-east-1' });
    answer(pending('builder:components')[0], choices);
    await flush();
    const w = () => useBuilderWizard.getState().wizard!;
    // Self's components first.
    expect(w().components.list.map((c) => c.name)).toEqual(['cis-hardening', 'reboot-test', 'update-linux']);
    expect(w().form.parentImage).toBe('ami-0123456789abcdef0');
    // No name yet: "Next" stays on Output and shows its issue.
    expect(wizardStore.nextStep()).toBe('output');
    expect(wizardStore.visibleIssues(w()).name).toBeTruthy();
    wizardStore.updateWizardForm({ name: 'golden-base' });
    expect(wizardStore.nextStep()).toBe('base');
    // Jumping to the review stops at the first incomplete step.
    expect(wizardStore.goToStep('review')).toBe('components');
    wizardStore.updateWizardForm({ components: [update.arn], testsEnabled: false });
    expect(wizardStore.goToStep('review')).toBe('review');
    expect(wizardStore.previousStep()).toBe('schedule');
    expect(wizardStore.goToStep('output')).toBe('output');
  });

  it('creates with the confirmations, then lists and selects the new pipeline', async () => {
    wizardStore.openWizard('acme-staging', 'us-east-1', null);
    answer(pending('builder:components')[0], choices);
    await flush();
    wizardStore.updateWizardForm({ ...complete() });
    const created = wizardStore.createPipeline({ 'acme-staging': 'acme-staging' });
    expect(useBuilderWizard.getState().wizard?.phase).toBe('creating');
    const call = pending('builder:create')[0];
    expect(call?.input).toMatchObject({ account: 'acme-staging', name: 'golden-base', components: [update.arn, hardening.arn], confirmations: { 'acme-staging': 'acme-staging' } });
    const newArn = pipeline('golden-base').arn;
    answer(call, { pipelineArn: newArn, created: [{ kind: 'recipe', arn: 'arn:aws:imagebuilder:us-east-1:111111111111:image-recipe/golden-base/1.0.0' }, { kind: 'pipeline', arn: newArn }] });
    await flush();
    expect(pending('builder:pipelines')[0]?.input).toEqual({ account: 'acme-staging', region: 'us-east-1' });
    answer(pending('builder:pipelines')[0], [pipeline('golden-base')]);
    await created;
    expect(useBuilderWizard.getState().wizard?.phase).toBe('created');
    expect(builderStore.useBuilder.getState().selectedArn).toBe(newArn);
  });

  it('a failed create shows the core’s message (what was rolled back) and keeps the form', async () => {
    wizardStore.openWizard('acme-staging', 'us-east-1', 'ami-0123456789abcdef0');
    answer(pending('builder:components')[0], choices);
    await flush();
    wizardStore.updateWizardForm({ ...complete() });
    const created = wizardStore.createPipeline({});
    fail(pending('builder:create')[0], 'AWS_ERROR', 'CreateDistributionConfiguration failed: InvalidParameterValue. The recipe and infrastructure configuration created before were deleted again.');
    expect(await created).toBeNull();
    const w = useBuilderWizard.getState().wizard!;
    expect(w.phase).toBe('edit');
    expect(w.error?.message).toMatch(/deleted again/);
    expect(w.form.name).toBe('golden-base');
  });

  it('refuses to create from an incomplete form and shows where', async () => {
    wizardStore.openWizard('acme-staging', 'us-east-1', null);
    expect(await wizardStore.createPipeline({})).toBeNull();
    expect(useBuilderWizard.getState().wizard?.step).toBe('output');
    expect(pending('builder:create')).toHaveLength(0);
  });
});

describe('the review, rendered', () => {
  function render(account: string) {
    wizardStore.openWizard(account, 'us-east-1', 'ami-0123456789abcdef0');
    wizardStore.updateWizardForm({ ...complete(), scheduleMode: 'preset', presetId: 'weekly' });
    useBuilderWizard.setState((s) => ({ wizard: s.wizard ? { ...s.wizard, step: 'review', components: { status: 'ready', list: choices, error: null } } : null }));
    Object.assign(useAtlas.getInitialState(), useAtlas.getState());
    return renderToStaticMarkup(createElement(ReviewStep, { wizard: useBuilderWizard.getState().wizard! }));
  }

  it('lists everything, names share targets, and asks a production account’s name', () => {
    const html = render('acme-staging');
    expect(html).toContain('golden-base');
    expect(html).toContain('update-linux 1.0.0');
    expect(html).toContain('reboot-test 1.0.0');
    expect(html).toContain('us-east-1, us-west-2');
    expect(html).toContain('acme-production');
    expect(html).toContain('Weekly, Monday 06:00 UTC');
    expect(html).not.toContain('prod-guard-input');
    expect(render('acme-production')).toContain('Type <strong class="mono">acme-production</strong> to confirm');
  });
});
