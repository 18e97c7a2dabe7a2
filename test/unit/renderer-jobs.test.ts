/**
 * Copy jobs in the renderer: merging live events with the listed jobs (never backwards), the
 * status-bar words, toasts when a copy ends, Cancel and "Clear finished", refreshing lists on
 * `images:changed`, revealing a new image, and the drawer as rendered markup.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Workspace } from '../../shared/model';
import type { AtlasState } from '../../renderer/store';

import { accountSummary, amiSummary } from './renderer-fixtures';
import { copyJob } from './renderer-copy-fixtures';
import { answer, calls, fail, flush, pending, resetCalls } from './scripted-bridge';

const { useAtlas } = await import('../../renderer/store');
const lib = await import('../../renderer/lib/jobs');
const { JobsPanel } = await import('../../renderer/features/jobs/JobsPanel');
const { JobsIndicator } = await import('../../renderer/features/jobs/JobsIndicator');
const { isCopyKey, isJobsKey } = await import('../../renderer/lib/actionKeys');

const workspace: Workspace = {
  clients: [{ id: 'acme', name: 'Acme', color: '#ff0000', production: false }],
  accounts: [accountSummary('acme-staging', { name: 'acme-staging', clientId: 'acme', awsAccountId: '111111111111' })],
  demo: true,
      userAccountCount: 0,
  keychain: { available: true, reason: null, sessionOnly: false },
};

function render(component: () => unknown) {
  Object.assign(useAtlas.getInitialState(), useAtlas.getState());
  return renderToStaticMarkup(createElement(component as () => null));
}

beforeEach(() => {
  resetCalls();
  useAtlas.setState({
    workspace,
    jobs: [],
    jobsStatus: 'idle',
    jobsError: null,
    jobActions: {},
    jobToasts: [],
    jobsPanelOpen: false,
    clearingJobs: false,
    mode: 'accounts',
    imagesFor: null,
    auditStatus: 'idle',
  } as Partial<AtlasState>);
});

describe('merging jobs', () => {
  it('adds new jobs newest first and never moves a job backwards', () => {
    const older = copyJob('j1', { createdAt: '2026-11-28T03:00:00Z', progress: 50 });
    const newer = copyJob('j2', { createdAt: '2026-11-28T03:01:00Z' });
    let jobs = lib.upsertJob([older], newer);
    expect(jobs.map((j) => j.id)).toEqual(['j2', 'j1']);
    // A late, older progress event is ignored; a newer one lands.
    jobs = lib.upsertJob(jobs, { ...older, progress: 30 });
    expect(jobs.find((j) => j.id === 'j1')?.progress).toBe(50);
    jobs = lib.upsertJob(jobs, { ...older, state: 'available', progress: 100 });
    jobs = lib.upsertJob(jobs, { ...older, state: 'copying', progress: 90 });
    expect(jobs.find((j) => j.id === 'j1')?.state).toBe('available');
  });

  it('a slower list answer does not undo what events already said', () => {
    const live = copyJob('j1', { state: 'available', progress: 100 });
    const listed = [copyJob('j1', { progress: 10 }), copyJob('j0', { createdAt: '2026-11-27T00:00:00Z', state: 'failed' })];
    const merged = lib.mergeJobLists([live], listed);
    expect(merged.map((j) => [j.id, j.state])).toEqual([
      ['j1', 'available'],
      ['j0', 'failed'],
    ]);
  });

  it('counts what runs, and words it for the status bar', () => {
    const counts = lib.jobCounts([copyJob('a'), copyJob('b'), copyJob('c', { state: 'queued' }), copyJob('d', { state: 'failed' })]);
    expect(counts).toEqual({ running: 2, queued: 1, failed: 1, finished: 1 });
    expect(lib.jobsIndicatorText(counts)).toBe('2 copies running · 1 queued');
    expect(lib.jobsIndicatorText({ running: 1, queued: 0, failed: 0, finished: 0 })).toBe('1 copy running');
    expect(lib.jobsIndicatorText({ running: 0, queued: 0, failed: 3, finished: 3 })).toBeNull();
  });

  it('says how long a finished copy took', () => {
    expect(lib.jobDuration(copyJob('a'))).toBeNull();
    expect(lib.jobDuration(copyJob('a', { startedAt: '2026-11-28T03:00:00Z', finishedAt: '2026-11-28T03:00:08Z' }))).toBe('8 s');
    expect(lib.jobDuration(copyJob('a', { startedAt: '2026-11-28T03:00:00Z', finishedAt: '2026-11-28T03:03:05Z' }))).toBe('3 min 5 s');
    expect(lib.jobDuration(copyJob('a', { startedAt: null, createdAt: '2026-11-28T01:00:00Z', finishedAt: '2026-11-28T03:02:00Z' }))).toBe('2 h 2 min');
  });

  it('offers Cancel only while a copy can be stopped', () => {
    expect((['queued', 'copying', 'cancelling', 'available', 'failed', 'cancelled'] as const).filter((state) => lib.canCancelJob({ state }))).toEqual(['queued', 'copying']);
  });
});

describe('the jobs slice', () => {
  it('loads the jobs at start and follows events; a finished copy raises one toast', async () => {
    void useAtlas.getState().loadJobs();
    answer(pending('jobs:list')[0], [copyJob('j1', { progress: 10 })]);
    await flush();
    expect(useAtlas.getState().jobsStatus).toBe('ready');
    useAtlas.getState().applyJobChanged(copyJob('j1', { progress: 70 }));
    expect(useAtlas.getState().jobs[0]?.progress).toBe(70);
    expect(useAtlas.getState().jobToasts).toHaveLength(0);
    const done = copyJob('j1', { state: 'available', progress: 100, newImageId: 'ami-0ddddddddd' });
    useAtlas.getState().applyJobChanged(done);
    useAtlas.getState().applyJobChanged(done);
    const toasts = useAtlas.getState().jobToasts;
    expect(toasts).toHaveLength(1);
    expect(toasts[0]).toMatchObject({ tone: 'success', title: 'Copy finished' });
    expect(toasts[0]?.body).toContain('ami-0ddddddddd');
  });

  it('a failed copy’s toast carries the error; a cancelled one raises none', () => {
    useAtlas.getState().applyJobChanged(copyJob('j1'));
    useAtlas.getState().applyJobChanged(copyJob('j1', { state: 'failed', error: { code: 'AWS_ERROR', message: 'Snapshot copy failed', retryable: false } }));
    useAtlas.getState().applyJobChanged(copyJob('j2'));
    useAtlas.getState().applyJobChanged(copyJob('j2', { state: 'cancelled' }));
    expect(useAtlas.getState().jobToasts.map((t) => [t.tone, t.body])).toEqual([['danger', 'golden-eu-west-1 to acme-staging · Europe (Ireland) eu-west-1: Snapshot copy failed']]);
  });

  it('a list that fails says why', async () => {
    void useAtlas.getState().loadJobs();
    fail(pending('jobs:list')[0], 'INTERNAL', 'The job database is locked');
    await flush();
    expect(useAtlas.getState().jobsStatus).toBe('error');
    useAtlas.setState({ jobsPanelOpen: true });
    expect(render(JobsPanel)).toContain('The job database is locked');
  });

  it('Cancel sends the job id and shows the answer; a refusal stays on the row', async () => {
    useAtlas.getState().applyJobChanged(copyJob('j1'));
    void useAtlas.getState().cancelJob('j1');
    expect(useAtlas.getState().jobActions.j1?.running).toBe(true);
    // Not a production account: the core is sent an empty set of typed names.
    expect(pending('jobs:cancel')[0]?.input).toEqual({ id: 'j1', confirmations: {} });
    answer(pending('jobs:cancel')[0], copyJob('j1', { state: 'cancelling' }));
    await flush();
    expect(useAtlas.getState().jobs[0]?.state).toBe('cancelling');
    expect(useAtlas.getState().jobActions.j1).toBeUndefined();

    resetCalls();
    void useAtlas.getState().cancelJob('j1');
    fail(pending('jobs:cancel')[0], 'NOT_FOUND', 'That copy job no longer exists.');
    await flush();
    expect(useAtlas.getState().jobActions.j1?.error?.message).toBe('That copy job no longer exists.');
  });

  it('"Clear finished" keeps what the core kept', async () => {
    useAtlas.setState({ jobs: [copyJob('run'), copyJob('done', { state: 'available', createdAt: '2026-11-27T00:00:00Z' })] });
    void useAtlas.getState().clearFinishedJobs();
    answer(pending('jobs:clearFinished')[0], [copyJob('run')]);
    await flush();
    expect(useAtlas.getState().jobs.map((j) => j.id)).toEqual(['run']);
  });

  it('images:changed refreshes the list that shows them, and the audit log once loaded', () => {
    useAtlas.setState({ imagesFor: { account: 'acme-staging', region: 'eu-west-1', view: 'owned' }, accountId: 'acme-staging', region: 'eu-west-1', view: 'owned', auditStatus: 'ready' } as Partial<AtlasState>);
    useAtlas.getState().applyImagesChanged({ images: [{ account: 'acme-staging', region: 'us-east-1', imageId: 'ami-1' }], auditIds: ['a-1'] });
    expect(pending('images:list')).toHaveLength(0);
    expect(pending('audit:list')).toHaveLength(1);
    useAtlas.getState().applyImagesChanged({ images: [{ account: 'acme-staging', region: 'eu-west-1', imageId: 'ami-1' }], auditIds: [] });
    expect(pending('images:list')[0]?.input).toEqual({ account: 'acme-staging', region: 'eu-west-1', view: 'owned' });
  });

  it('reveals a new image: its account, region and Owned view, selected with its details', async () => {
    useAtlas.setState({ accountId: 'acme-staging', region: 'us-east-1', view: 'shared', query: 'golden', imagesFor: { account: 'acme-staging', region: 'us-east-1', view: 'shared' } } as Partial<AtlasState>);
    const revealed = useAtlas.getState().revealImage({ account: 'acme-staging', region: 'eu-west-1', imageId: 'ami-0ddddddddd' });
    expect(useAtlas.getState().query).toBe('');
    const lists = pending('images:list');
    const last = lists[lists.length - 1]!;
    expect(last.input).toEqual({ account: 'acme-staging', region: 'eu-west-1', view: 'owned' });
    answer(last, { images: [amiSummary('ami-0ddddddddd', { account: 'acme-staging', region: 'eu-west-1' })], fetchedAt: '2026-11-28T03:05:00Z', pages: 1 });
    await revealed;
    expect(useAtlas.getState().selectedImageId).toBe('ami-0ddddddddd');
    expect(useAtlas.getState().detailOpen).toBe(true);
    expect(calls.some((c) => c.channel === 'images:get' && c.input.imageId === 'ami-0ddddddddd')).toBe(true);
  });
  it('reads the shown list again for a new image, and says so when AWS does not list it yet', async () => {
    const key = { account: 'acme-staging', region: 'eu-west-1', view: 'owned' as const };
    useAtlas.setState({ mode: 'accounts', accountId: 'acme-staging', region: 'eu-west-1', view: 'owned', query: '', imagesFor: key, imagesLoading: false, images: [] } as Partial<AtlasState>);
    const before = pending('images:list').length;
    const revealed = useAtlas.getState().revealImage({ account: 'acme-staging', region: 'eu-west-1', imageId: 'ami-0eeeeeeeee' });
    const lists = pending('images:list');
    expect(lists).toHaveLength(before + 1);
    answer(lists[lists.length - 1]!, { images: [], fetchedAt: '2026-11-28T03:05:00Z', pages: 1, stale: null });
    await revealed;
    expect(useAtlas.getState().detailOpen).toBe(false);
    expect(useAtlas.getState().actionError?.message).toMatch(/ami-0eeeeeeeee is not in the Owned list of .* in Europe \(Ireland\) eu-west-1 yet/);
  });
});

describe('the drawer and the indicator', () => {
  it('shows each job with a real progress bar, its route, the new image, Cancel and errors', () => {
    useAtlas.setState({
      jobsPanelOpen: true,
      jobsStatus: 'ready',
      jobs: [
        copyJob('j1', { progress: 42.4 }),
        copyJob('j2', { state: 'failed', progress: 10, newImageId: null, error: { code: 'AWS_ERROR', message: 'The snapshot copy failed in eu-west-1', retryable: false }, createdAt: '2026-11-28T02:00:00Z' }),
      ],
    });
    const html = render(JobsPanel);
    expect(html).toMatch(/role="progressbar"[^>]*aria-valuenow="42"/);
    expect(html).toContain('42 %');
    expect(html).toContain('ami-0ccccccccc');
    expect(html).toContain('The snapshot copy failed in eu-west-1');
    expect(html.match(/Cancel the copy of/g)).toHaveLength(1);
    expect(html).toContain('Clear finished');
  });

  it('a copy whose answer was lost shows as checking, says why and what happens, and can still be cancelled', () => {
    const lost = copyJob('j3', {
      state: 'checking',
      newImageId: null,
      progress: 0,
      error: { code: 'NETWORK', message: 'Cannot reach AWS in acme-staging (111111111111)/eu-west-1: ec2:CopyImage — socket hang up', retryable: true },
    });
    useAtlas.setState({ jobsPanelOpen: true, jobsStatus: 'ready', jobs: [lost] });
    const html = render(JobsPanel);
    expect(html).toContain('data-state="checking"');
    expect(html).toContain('>Checking<');
    expect(html).toContain('never arrived');
    expect(html).toContain('socket hang up');
    expect(html).toContain('cannot make a second copy');
    expect(html).not.toContain('role="alert"'); // not shown as a failure
    expect(html.match(/Cancel the copy of/g)).toHaveLength(1);
    expect(lib.isActiveJob(lost)).toBe(true);
    expect(lib.jobToast(copyJob('j3'), lost)).toBeNull();
    expect(render(JobsIndicator)).toContain('1 copy running');
  });

  it('an empty drawer says how to start a copy', () => {
    useAtlas.setState({ jobsPanelOpen: true, jobsStatus: 'ready' });
    expect(render(JobsPanel)).toContain('No copies yet');
  });

  it('the status bar says how many copies run, and nothing when none do', () => {
    useAtlas.setState({ jobs: [copyJob('a'), copyJob('b')] });
    expect(render(JobsIndicator)).toContain('2 copies running');
    useAtlas.setState({ jobs: [copyJob('a', { state: 'available' })] });
    expect(render(JobsIndicator)).toBe('');
  });

  it('shortcuts: Ctrl/Cmd+Shift+C copies, Ctrl/Cmd+Shift+J toggles the drawer', () => {
    const key = (k: string, over: Partial<KeyboardEvent> = {}) => ({ key: k, ctrlKey: true, metaKey: false, altKey: false, shiftKey: true, ...over });
    expect(isCopyKey(key('C'))).toBe(true);
    expect(isCopyKey(key('c', { ctrlKey: false, metaKey: true }))).toBe(true);
    expect(isCopyKey(key('c', { shiftKey: false }))).toBe(false);
    expect(isJobsKey(key('J'))).toBe(true);
    expect(isJobsKey(key('j', { altKey: true }))).toBe(false);
  });
});
