/**
 * Image Builder in the renderer: runs merged from answers and live events (never backwards),
 * the stepper, toasts when a run ends, schedules, the store's pipelines/detail/runs/start/cancel
 * through the scripted bridge, and the view's pieces as rendered markup.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { AppError } from '../../shared/errors';
import type { Workspace } from '../../shared/model';
import type { AtlasState } from '../../renderer/store';
import { accountSummary } from './renderer-fixtures';
import { ARN, buildRun, pipeline, pipelineDetail } from './renderer-builder-fixtures';
import { answer, calls, fail, pending, resetCalls } from './scripted-bridge';

const { useAtlas } = await import('../../renderer/store');
const lib = await import('../../renderer/lib/builder');
const store = await import('../../renderer/features/builder/store');
const { useBuilder } = store;
const { RunRow } = await import('../../renderer/features/builder/RunRow');
const { PipelineTable } = await import('../../renderer/features/builder/PipelineTable');
const { DistributionSection, RecipeSection } = await import('../../renderer/features/builder/PipelineSections');
const { BuilderView } = await import('../../renderer/features/builder/BuilderView');
const { isBuilderKey } = await import('../../renderer/features/builder/BuilderEntry');

const workspace: Workspace = {
  clients: [{ id: 'acme', name: 'Acme', color: '#ff0000', production: false }],
  accounts: [
    accountSummary('acme-staging', { name: 'acme-staging', clientId: 'acme', awsAccountId: '111111111111' }),
    accountSummary('acme-production', { name: 'acme-production', clientId: 'acme', awsAccountId: '222222222222', production: true }),
    accountSummary('acme-dr', { name: 'acme-dr', clientId: 'acme', awsAccountId: '333333333333', production: true }),
  ],
  demo: true,
      userAccountCount: 0,
  keychain: { available: true, reason: null, sessionOnly: false },
};

function render<P extends object>(component: (props: P) => ReactNode, props: P) {
  Object.assign(useAtlas.getInitialState(), useAtlas.getState());
  Object.assign(useBuilder.getInitialState(), useBuilder.getState());
  return renderToStaticMarkup(createElement(component, props));
}

beforeEach(() => {
  resetCalls();
  useBuilder.setState(store.initialBuilderState());
  useAtlas.setState({ workspace, accountId: 'acme-staging', region: 'us-east-1', mode: 'builder', imagesFor: null } as Partial<AtlasState>);
});

describe('runs as they arrive', () => {
  it('keeps runs newest first and never moves one backwards', () => {
    const older = buildRun('r1', { startedAt: '2026-11-28T03:00:00Z', status: 'TESTING' });
    const newer = buildRun('r2', { startedAt: '2026-11-28T03:01:00Z' });
    let runs = lib.upsertRun([older], newer);
    expect(runs.map((r) => r.id)).toEqual(['r2', 'r1']);
    // A late BUILDING event after TESTING is ignored; AVAILABLE lands and then stays.
    runs = lib.upsertRun(runs, { ...older, status: 'BUILDING' });
    expect(runs.find((r) => r.id === 'r1')?.status).toBe('TESTING');
    runs = lib.upsertRun(runs, { ...older, status: 'AVAILABLE', finished: true, progress: 100 });
    runs = lib.upsertRun(runs, { ...older, status: 'DISTRIBUTING' });
    expect(runs.find((r) => r.id === 'r1')?.status).toBe('AVAILABLE');
  });

  it('merges a listed answer with runs an event already moved further', () => {
    const live = buildRun('r1', { status: 'AVAILABLE', finished: true });
    const merged = lib.mergeRunLists([live], [buildRun('r1', { status: 'BUILDING' }), buildRun('r0', { startedAt: '2026-11-27T00:00:00Z' })]);
    expect(merged.map((r) => [r.id, r.status])).toEqual([
      ['r1', 'AVAILABLE'],
      ['r0', 'STARTING'],
    ]);
  });

  it('raises a toast when a run ends, not when it was cancelled or was already over', () => {
    const running = buildRun('r1', { status: 'BUILDING' });
    const done = { ...running, status: 'AVAILABLE', finished: true, amis: [{ region: 'us-east-1', imageId: 'ami-0aaa1111bbbb2222c', name: 'golden', awsAccountId: '111111111111' }] };
    expect(lib.runToast(running, done)).toMatchObject({ tone: 'success', title: 'Image build finished' });
    expect(lib.runToast(running, done)?.body).toContain('ami-0aaa1111bbbb2222c (us-east-1)');
    expect(lib.runToast(done, done)).toBeNull();
    expect(lib.runToast(running, { ...running, status: 'CANCELLED', finished: true })).toBeNull();
    const failed = lib.runToast(running, { ...running, status: 'FAILED', finished: true, reason: 'Test step failed: cis-level-1' });
    expect(failed).toMatchObject({ tone: 'danger' });
    expect(failed?.body).toContain('cis-level-1');
  });
});

describe('the stepper', () => {
  it('marks done, current and upcoming stages; CREATING counts as pending', () => {
    expect(lib.stepperStates(buildRun('r', { status: 'TESTING' }))).toEqual(['done', 'done', 'current', 'todo', 'todo', 'todo']);
    expect(lib.stepperStates(buildRun('r', { status: 'CREATING' }))[0]).toBe('current');
    expect(lib.stepperStates(buildRun('r', { status: 'STARTING' }))).toEqual(['todo', 'todo', 'todo', 'todo', 'todo', 'todo']);
    expect(lib.stepperStates(buildRun('r', { status: 'AVAILABLE', finished: true }))).toEqual(Array(6).fill('done'));
  });

  it('places a failure at the stage of its failed workflow step, else where the run was last seen', () => {
    const steps = [
      { workflow: 'BUILD', name: 'Build', status: 'COMPLETED', startTime: null, endTime: null, message: null },
      { workflow: 'TEST', name: 'RunTests', status: 'FAILED', startTime: null, endTime: null, message: 'cis check failed' },
    ];
    expect(lib.stepperStates(buildRun('r', { status: 'FAILED', finished: true, steps }))).toEqual(['done', 'done', 'failed', 'todo', 'todo', 'todo']);
    expect(lib.stepperStates(buildRun('r', { status: 'CANCELLED', finished: true }), 'BUILDING')).toEqual(['done', 'failed', 'todo', 'todo', 'todo', 'todo']);
    expect(lib.stepperStates(buildRun('r', { status: 'FAILED', finished: true }))).toEqual(Array(6).fill('todo'));
  });

  it('times workflow steps from the first one, as durations (the service clock need not be ours)', () => {
    const step = (startTime: string | null, endTime: string | null) => ({ workflow: 'BUILD', name: 's', status: 'COMPLETED', startTime, endTime, message: null });
    expect(lib.stepTiming([step('2026-11-27T03:00:00Z', '2026-11-27T03:00:04Z'), step('2026-11-27T03:01:10Z', null), step(null, null)])).toEqual([
      { offset: '+0 s', took: '4 s' },
      { offset: '+1 min 10 s', took: null },
      { offset: null, took: null },
    ]);
  });

  it('never shows less progress than the status implies', () => {
    expect(lib.runProgress(buildRun('r', { status: 'TESTING', progress: 0 }))).toBe(50);
    expect(lib.runProgress(buildRun('r', { status: 'AVAILABLE', progress: 100 }))).toBe(100);
  });
});

describe('schedules and names', () => {
  it('describes manual, preset and other schedules', () => {
    expect(lib.describeSchedule(null)).toBe('manual');
    expect(lib.describeSchedule('cron(0 6 ? * MON *)')).toBe('Weekly, Monday 06:00 UTC');
    expect(lib.describeSchedule('cron(15 4 ? * SUN *)')).toBe('cron(15 4 ? * SUN *)');
  });

  it('checks AWS cron expressions', () => {
    expect(lib.cronProblem('cron(0 6 ? * MON *)')).toBeNull();
    expect(lib.cronProblem('cron(0 6 * * ? *)')).toBeNull();
    expect(lib.cronProblem('0 6 * * *')).toMatch(/cron\(/);
    expect(lib.cronProblem('cron(0 6 * * *)')).toMatch(/6 fields/);
    expect(lib.cronProblem('cron(0 6 * * MON *)')).toMatch(/must be \?/);
    expect(lib.cronProblem('cron(0 6 ? * ? *)')).toMatch(/Only one/);
    expect(lib.cronProblem('cron(0 25 ? * MON *)')).toMatch(/Hours/);
    expect(lib.cronProblem('cron(0 6 ? * M$N *)')).toMatch(/“M\$N” is not a number or a name/);
    // Values in range, not only the field's shape.
    expect(lib.cronProblem('cron(0 6 ? * FUNDAY *)')).toMatch(/FUNDAY/);
    expect(lib.cronProblem('cron(0 6 32 * ? *)')).toMatch(/Day-of-month must be 1–31/);
  });

  it('names AWS ids by our accounts where known', () => {
    const names = new Map([['222222222222', 'acme-production']]);
    expect(lib.accountLabel('222222222222', names)).toBe('acme-production');
    expect(lib.accountLabel('999999999999', names)).toBe('9999-9999-9999');
    expect(lib.arnTail('arn:aws:imagebuilder:us-east-1:aws:component/update-linux/1.0.2')).toBe('update-linux/1.0.2');
  });

  it('Ctrl/Cmd+Shift+B opens Image Builder', () => {
    expect(isBuilderKey({ key: 'B', ctrlKey: true, metaKey: false, altKey: false, shiftKey: true })).toBe(true);
    expect(isBuilderKey({ key: 'b', ctrlKey: false, metaKey: true, altKey: false, shiftKey: true })).toBe(true);
    expect(isBuilderKey({ key: 'b', ctrlKey: true, metaKey: false, altKey: false, shiftKey: false })).toBe(false);
  });
});

describe('the store', () => {
  it('loads pipelines per account and region, sorted, and drops a stale answer', async () => {
    const first = store.loadPipelines('acme-staging', 'us-east-1');
    const second = store.loadPipelines('acme-staging', 'us-east-1');
    const [old, fresh] = pending('builder:pipelines');
    expect(fresh?.input).toEqual({ account: 'acme-staging', region: 'us-east-1' });
    answer(fresh, [pipeline('zeta'), pipeline('alpha')]);
    await second;
    answer(old, [pipeline('stale')]);
    await first;
    expect(useBuilder.getState().pipelines['acme-staging|us-east-1']?.data?.map((p) => p.name)).toEqual(['alpha', 'zeta']);
  });

  it('keeps what it had when a reload fails, with the error', async () => {
    useBuilder.setState({ pipelines: { 'acme-staging|us-east-1': { status: 'ready', data: [pipeline('alpha')], error: null } } });
    const p = store.loadPipelines('acme-staging', 'us-east-1');
    fail(pending('builder:pipelines')[0], 'ACCESS_DENIED', 'not allowed: imagebuilder:ListImagePipelines');
    await p;
    const state = useBuilder.getState().pipelines['acme-staging|us-east-1'];
    expect(state?.status).toBe('error');
    expect(state?.data?.map((x) => x.name)).toEqual(['alpha']);
    expect(state?.error?.message).toContain('ListImagePipelines');
  });

  it('loads a pipeline detail', async () => {
    const p = store.loadPipelineDetail('acme-staging', 'us-east-1', ARN);
    expect(pending('builder:pipeline')[0]?.input).toEqual({ account: 'acme-staging', region: 'us-east-1', arn: ARN });
    answer(pending('builder:pipeline')[0], pipelineDetail());
    await p;
    expect(useBuilder.getState().details[store.detailKey('acme-staging', 'us-east-1', ARN)]?.data?.recipe?.name).toBe('golden');
  });

  it('starts a run with the confirmations, lists it, and keeps a start error per pipeline', async () => {
    const p = store.startPipeline('acme-staging', 'us-east-1', ARN, { 'acme-production': 'acme-production' });
    expect(useBuilder.getState().starts[ARN]?.running).toBe(true);
    expect(pending('builder:start')[0]?.input).toEqual({ account: 'acme-staging', region: 'us-east-1', arn: ARN, confirmations: { 'acme-production': 'acme-production' } });
    answer(pending('builder:start')[0], buildRun('r1'));
    expect((await p)?.id).toBe('r1');
    expect(useBuilder.getState().runs.map((r) => r.id)).toEqual(['r1']);
    expect(useBuilder.getState().starts[ARN]).toBeUndefined();

    const again = store.startPipeline('acme-staging', 'us-east-1', ARN, {});
    fail(pending('builder:start')[1], 'CONFIRMATION_REQUIRED', 'acme-production is a production account: type its name to confirm.');
    expect(await again).toBeNull();
    expect(useBuilder.getState().starts[ARN]?.error?.code).toBe('CONFIRMATION_REQUIRED');
  });

  it('follows runs: lists them, applies events, remembers the live stage, toasts the end and re-reads the pipelines', async () => {
    useBuilder.setState({ pipelines: { 'acme-staging|us-east-1': { status: 'ready', data: [pipeline('golden-weekly')], error: null } } });
    const p = store.loadRuns();
    answer(pending('builder:runs')[0], [buildRun('r1', { status: 'PENDING', imageBuildArn: 'x' })]);
    await p;
    store.applyRun(buildRun('r1', { status: 'TESTING' }));
    expect(useBuilder.getState().lastStage.r1).toBe('TESTING');
    expect(useBuilder.getState().toasts).toHaveLength(0);
    store.applyRun(buildRun('r1', { status: 'FAILED', finished: true, reason: 'cis-level-1 failed' }));
    const s = useBuilder.getState();
    expect(s.runs[0]?.status).toBe('FAILED');
    expect(s.lastStage.r1).toBe('TESTING');
    expect(s.toasts).toHaveLength(1);
    expect(s.toasts[0]?.tone).toBe('danger');
    // The same end reported twice raises one toast.
    store.applyRun(buildRun('r1', { status: 'FAILED', finished: true, reason: 'cis-level-1 failed' }));
    expect(useBuilder.getState().toasts).toHaveLength(1);
    expect(pending('builder:pipelines')).toHaveLength(1);
    store.dismissRunToast(s.toasts[0]!.id);
    expect(useBuilder.getState().toasts).toHaveLength(0);
  });

  it('cancels a run and shows why a cancel failed', async () => {
    useBuilder.setState({ runs: [buildRun('r1', { status: 'BUILDING' })] });
    const p = store.cancelRun('r1');
    expect(useBuilder.getState().cancels.r1?.running).toBe(true);
    answer(pending('builder:cancel')[0], buildRun('r1', { status: 'CANCELLED', finished: true }));
    await p;
    expect(useBuilder.getState().runs[0]?.status).toBe('CANCELLED');
    expect(useBuilder.getState().cancels.r1).toBeUndefined();
    const q = store.cancelRun('r1');
    fail(pending('builder:cancel')[1], 'NOT_FOUND', 'That run is no longer listed.');
    await q;
    expect(useBuilder.getState().cancels.r1?.error?.message).toBe('That run is no longer listed.');
  });
});

describe('rendered', () => {
  it('a running run: stepper, Cancel, open workflow steps', () => {
    const run = buildRun('r1', {
      status: 'TESTING',
      steps: [{ workflow: 'BUILD', name: 'BuildImage', status: 'COMPLETED', startTime: '2026-11-28T03:00:01Z', endTime: '2026-11-28T03:00:04Z', message: null }],
    });
    const html = render(RunRow, { run, showPlace: false });
    expect(html).toContain('data-status="TESTING"');
    expect(html).toContain('aria-valuenow="50"');
    expect(html).toContain('data-stage="TESTING" data-state="current"');
    expect(html).toContain('Cancel');
    expect(html).toContain('<details class="builder-steps" open=""');
    expect(html).toContain('BuildImage');
  });

  it('a finished run: its AMIs as links; a failed run: its reason', () => {
    const done = buildRun('r1', {
      status: 'AVAILABLE',
      finished: true,
      finishedAt: '2026-11-28T03:00:10Z',
      amis: [
        { region: 'us-east-1', imageId: 'ami-0aaa1111bbbb2222c', name: 'golden-1', awsAccountId: '111111111111' },
        { region: 'us-west-2', imageId: 'ami-0ddd3333eeee4444f', name: 'golden-1', awsAccountId: '111111111111' },
      ],
    });
    const html = render(RunRow, { run: done, showPlace: true });
    expect(html.match(/data-testid="run-ami"/g)).toHaveLength(2);
    expect(html).not.toContain('>Cancel<');
    expect(html).toContain('took 10 s');
    const failed = render(RunRow, { run: buildRun('r2', { status: 'FAILED', finished: true, reason: 'Test cis-level-1 failed' }), showPlace: false });
    expect(failed).toContain('data-testid="run-reason"');
    expect(failed).toContain('Test cis-level-1 failed');
  });

  it('pipelines: schedule, last run, one tab stop on the selected row', () => {
    const html = render(PipelineTable, {
      pipelines: [
        pipeline('a', { schedule: 'cron(0 6 ? * MON *)', lastRun: { status: 'FAILED', imageBuildArn: 'x', at: '2026-11-27T00:00:00Z', reason: 'no' } }),
        pipeline('b'),
      ],
      selectedArn: pipeline('b').arn,
    });
    expect(html).toContain('Weekly, Monday 06:00 UTC');
    expect(html).toContain('manual');
    expect(html).toContain('data-status="FAILED"');
    expect(html).toContain('never');
    expect(html.match(/tabindex="0"/g)).toHaveLength(1);
    expect(html).toMatch(/aria-selected="true" tabindex="0"/);
  });

  it('details name launch permissions and target accounts by our account names', () => {
    const detail = pipelineDetail();
    const dist = render(DistributionSection, { detail });
    expect(dist).toContain('acme-production');
    expect(dist).toContain('9999-9999-9999');
    expect(dist).toContain('Copied to');
    expect(dist).toContain('acme-dr');
    const recipe = render(RecipeSection, { detail });
    expect(recipe).toContain('update-linux');
    expect(recipe).toContain('16 GiB');
  });

  it('the view: empty state says how to create one; an error says what failed', () => {
    useBuilder.setState({ pipelines: { 'acme-staging|us-east-1': { status: 'ready', data: [], error: null } } });
    expect(render(BuilderView, {})).toContain('No Image Builder pipelines in acme-staging/us-east-1');
    useBuilder.setState({
      pipelines: { 'acme-staging|us-east-1': { status: 'error', data: null, error: new AppError({ code: 'ACCESS_DENIED', message: 'imagebuilder:ListImagePipelines denied', retryable: false }) } },
    });
    const html = render(BuilderView, {});
    expect(html).toContain('imagebuilder:ListImagePipelines denied');
    expect(html).toContain('Retry');
    expect(calls.length).toBe(0);
  });
});

