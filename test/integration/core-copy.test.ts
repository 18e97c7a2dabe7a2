/**
 * Copies and the AMI lifecycle through the core, against the emulator over HTTP: copies are
 * jobs that finish, survive a restart of the core and are made exactly once; the pre-flight
 * says why AWS would refuse; lifecycle actions change what the emulator holds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator';
import type { ImageRecord } from '../../emulator/world/model';
import type { AppCore, AppCoreOptions } from '../../electron/core/app-core';
import { coreOver } from './core-fixture';
import { MemorySecretStore } from '../../electron/core/accounts/secret-store';
import type { ChannelInput } from '../../shared/contract';
import type { CopyJob } from '../../shared/lifecycle';
import type { AccountSummary } from '../../shared/model';

type CopyStart = ChannelInput<'copy:start'>;

let emulator: RunningEmulator;
let dir: string;
const secrets = new MemorySecretStore();
const cores: AppCore[] = [];

const COPY_SECONDS = 2;

function makeCore(file: string, extra: Partial<AppCoreOptions> = {}): AppCore {
  const core = coreOver(emulator, { databaseFile: file, secrets, maxAttempts: 2, jobPollMs: 100, ...extra });
  cores.push(core);
  return core;
}

async function addAccount(core: AppCore, name: string): Promise<AccountSummary> {
  const identity = emulator.identities.find((i) => i.accountName === name)!;
  const ws = await core.handlers['accounts:addAccessKey']({
    name,
    clientName: identity.clientName,
    accessKeyId: identity.accessKeyId,
    secretAccessKey: identity.secretAccessKey,
    defaultRegion: identity.defaultRegion,
    endpoint: emulator.url,
  });
  return ws.workspace.accounts.find((a) => a.id === ws.account)!;
}

/** Waits until every job is finished (or the predicate holds), failing after `ms`. */
async function waitFor(core: AppCore, done: (jobs: CopyJob[]) => boolean, ms = 15_000): Promise<CopyJob[]> {
  const until = Date.now() + ms;
  for (;;) {
    const jobs = await core.handlers['jobs:list']({});
    if (done(jobs)) return jobs;
    if (Date.now() > until) throw new Error(`jobs did not finish: ${JSON.stringify(jobs.map((j) => [j.state, j.progress, j.error?.message]))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const finished = (jobs: CopyJob[]) => jobs.length > 0 && jobs.every((j) => ['available', 'failed', 'cancelled'].includes(j.state));

function plainImage(owner: string, region: string, index = 0): ImageRecord {
  const ownerId = emulator.identities.find((i) => i.accountName === owner)!.accountId;
  const images = emulator.world
    .imagesIn(region)
    .filter((i) => i.ownerId === ownerId && i.state === 'available' && i.rootDeviceType === 'ebs' && i.productCodes.length === 0 && i.blockDevices.every((b) => !b.ebs?.encrypted));
  expect(images.length).toBeGreaterThan(index);
  return images[index]!;
}

/** A copy:start request for one image of `account` to `regions`, unencrypted, no tags, with `overrides`. */
function copyOf(account: AccountSummary, image: ImageRecord, regions: string[], nameTemplate: string, overrides: Partial<CopyStart> = {}): CopyStart {
  return {
    images: [{ account: account.id, region: image.region, imageId: image.imageId }],
    destinationAccount: account.id,
    regions,
    nameTemplate,
    descriptionTemplate: '',
    encrypted: false,
    kmsKey: null,
    copyTags: false,
    confirmations: {},
    ...overrides,
  };
}

const copiesNamed = (name: string) =>
  emulator.world.regions.flatMap((r) => (emulator.world.isRegionEnabled(r.name) ? emulator.world.imagesIn(r.name) : [])).filter((i) => i.name === name && i.state !== 'deregistered');

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, copyDurationSeconds: COPY_SECONDS });
  dir = mkdtempSync(join(tmpdir(), 'atlas-copy-'));
});

afterAll(async () => {
  for (const core of cores) await core.close();
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('copying to other regions', () => {
  it('copies one AMI to three regions, with progress, as jobs that finish', async () => {
    const notices: Array<{ title: string; body: string }> = [];
    const core = makeCore(join(dir, 'three.db'), { notify: (n) => notices.push(n) });
    const account = await addAccount(core, 'acme-staging');
    const image = plainImage('acme-staging', 'us-east-1', 0);
    const events: CopyJob[] = [];
    core.onEvent((event, payload) => {
      if (event === 'jobs:changed') events.push(payload as CopyJob);
    });
    const request = {
      images: [{ account: account.id, region: 'us-east-1', imageId: image.imageId }],
      destinationAccount: account.id,
      regions: ['us-west-2', 'eu-west-1', 'eu-central-1'],
      nameTemplate: '{name}-{region}',
      descriptionTemplate: 'Copy of {imageId} from {sourceRegion}',
      encrypted: false,
      kmsKey: null,
      copyTags: true,
    };
    const plan = await core.handlers['copy:plan'](request);
    expect(plan.items.map((i) => [i.destination.region, i.name, i.blockers.length])).toEqual([
      ['us-west-2', `${image.name}-us-west-2`, 0],
      ['eu-west-1', `${image.name}-eu-west-1`, 0],
      ['eu-central-1', `${image.name}-eu-central-1`, 0],
    ]);
    const started = await core.handlers['copy:start']({ ...request, confirmations: {} });
    expect(started).toHaveLength(3);
    const jobs = await waitFor(core, finished);
    expect(jobs.map((j) => j.state)).toEqual(['available', 'available', 'available']);
    expect(events.some((e) => e.state === 'copying' && e.progress > 0 && e.progress < 100)).toBe(true);
    for (const job of jobs) {
      const copy = emulator.world.image(job.destination.region, job.newImageId!)!;
      expect(copy).toMatchObject({ state: 'available', name: job.name, sourceImageId: image.imageId, sourceImageRegion: 'us-east-1' });
      // The source's tags, and the app's own tag by which a copy whose answer was lost is found.
      expect(copy.tags.filter((t) => t.key !== 'ami-atlas:copy-request')).toEqual(image.tags);
      expect(copy.tags.filter((t) => t.key === 'ami-atlas:copy-request')).toHaveLength(1);
      expect(copiesNamed(job.name)).toHaveLength(1);
    }
    const log = await core.handlers['audit:list']({ limit: 10 });
    expect(log.filter((e) => e.action === 'copy' && e.outcome === 'ok')).toHaveLength(3);
    expect(notices.map((n) => n.title)).toEqual(['Copy finished', 'Copy finished', 'Copy finished']);
    expect(notices.map((n) => n.body).join(' ')).toContain(`${image.name}-eu-west-1`);

    const again = await core.handlers['copy:plan'](request);
    expect(again.items.every((i) => i.blockers.some((b) => b.code === 'NAME_TAKEN'))).toBe(true);
  });

  it('a finished copy joins the offline inventory of its region at once', async () => {
    const core = makeCore(join(dir, 'inventory.db'));
    const account = await addAccount(core, 'globex-dev');
    await core.handlers['inventory:scan']({ accounts: [account.id], regions: ['eu-west-1'], views: ['owned'] });
    await core.inventory.scanFinished();
    const image = plainImage('globex-dev', 'eu-central-1', 3);
    const targetRows: Array<{ target: { account: string; region: string; view: string }; rows: Array<{ imageId: string; name: string }> }> = [];
    core.onEvent((event, payload) => {
      if (event === 'inventory:targetRows') targetRows.push(payload as (typeof targetRows)[number]);
    });
    await core.handlers['copy:start'](copyOf(account, image, ['eu-west-1'], '{name}-in-inventory'));
    const [job] = await waitFor(core, finished);
    const update = targetRows.find((t) => t.target.account === account.id && t.target.region === 'eu-west-1' && t.target.view === 'owned');
    expect(update?.rows.find((r) => r.imageId === job!.newImageId)).toMatchObject({ name: `${image.name}-in-inventory` });
  });

  it('queues copies beyond the per-region limit and starts them as others finish', async () => {
    const core = makeCore(join(dir, 'queue.db'), { copyLimitPerRegion: 1 });
    const account = await addAccount(core, 'acme-staging');
    const images = [plainImage('acme-staging', 'us-east-1', 6), plainImage('acme-staging', 'us-east-1', 7)];
    const seen: CopyJob[] = [];
    core.onEvent((event, payload) => {
      if (event === 'jobs:changed') seen.push(payload as CopyJob);
    });
    await core.handlers['copy:start'](
      copyOf(account, images[0]!, ['eu-west-1'], '{name}-queued', { images: images.map((i) => ({ account: account.id, region: i.region, imageId: i.imageId })) }),
    );
    const jobs = await waitFor(core, finished);
    expect(jobs.map((j) => j.state)).toEqual(['available', 'available']);
    // Never two copies in flight at once to that region: the second started after the first ended.
    const [first, second] = [...jobs].sort((a, b) => a.startedAt!.localeCompare(b.startedAt!));
    expect(second!.startedAt! >= first!.finishedAt!).toBe(true);
    expect(seen.some((j) => j.id === second!.id && j.state === 'queued')).toBe(true);
  });

  it('finishes a copy after the core is stopped mid-copy and started again, recorded exactly once', async () => {
    const file = join(dir, 'restart.db');
    const first = makeCore(file);
    const account = await addAccount(first, 'initech-sandbox');
    const image = plainImage('initech-sandbox', 'us-east-1', 0);
    await first.handlers['copy:start'](copyOf(account, image, ['ap-southeast-2'], '{name}-restarted'));
    const [running] = await waitFor(first, (jobs) => jobs[0]?.newImageId !== null && jobs[0]?.state === 'copying');
    await first.close();

    const second = makeCore(file);
    const [done] = await waitFor(second, finished);
    expect(done).toMatchObject({ id: running!.id, state: 'available', newImageId: running!.newImageId, progress: 100 });
    expect(copiesNamed(`${image.name}-restarted`)).toHaveLength(1);
    const log = await second.handlers['audit:list']({ limit: 10 });
    expect(log.filter((e) => e.action === 'copy')).toHaveLength(1);
  });

  it('sends the same client token again when stopped before CopyImage answered: no second copy', async () => {
    const file = join(dir, 'token.db');
    const first = makeCore(file);
    const account = await addAccount(first, 'globex-dev');
    const image = plainImage('globex-dev', 'eu-central-1', 1);
    await first.handlers['copy:start'](copyOf(account, image, ['eu-west-1'], '{name}-token'));
    await waitFor(first, (jobs) => jobs[0]?.newImageId !== null);
    await first.close();
    // As if the answer to CopyImage had been lost in the crash: the transaction that stores the
    // new id and its audit entry never committed.
    const { openDatabase } = await import('../../electron/core/db/database');
    const db = openDatabase(file);
    db.prepare('UPDATE jobs SET new_image_id = NULL').run();
    db.prepare("DELETE FROM audit_log WHERE action = 'copy'").run();
    db.close();

    const second = makeCore(file);
    const [done] = await waitFor(second, finished);
    expect(done!.state).toBe('available');
    expect(copiesNamed(`${image.name}-token`)).toHaveLength(1);
    expect((await second.handlers['audit:list']({ limit: 10 })).filter((e) => e.action === 'copy')).toHaveLength(1);
  });

  it('cancels a running copy by deregistering the pending image', async () => {
    emulator.setCopyDuration(120);
    try {
      const core = makeCore(join(dir, 'cancel.db'));
      const account = await addAccount(core, 'acme-staging');
      const image = plainImage('acme-staging', 'us-east-1', 1);
      await core.handlers['copy:start'](copyOf(account, image, ['us-west-2'], '{name}-cancelled'));
      const [running] = await waitFor(core, (jobs) => jobs[0]?.newImageId !== null);
      const cancelled = await core.handlers['jobs:cancel']({ id: running!.id });
      expect(cancelled.state).toBe('cancelled');
      expect(emulator.world.image('us-west-2', running!.newImageId!)?.state ?? 'deregistered').toBe('deregistered');
      const log = await core.handlers['audit:list']({ limit: 5 });
      expect(log[0]).toMatchObject({ action: 'cancel-copy', outcome: 'ok' });
    } finally {
      emulator.setCopyDuration(COPY_SECONDS);
    }
  });
});

describe('copies whose outcome AWS did not tell', () => {
  const accountId = (name: string) => emulator.identities.find((i) => i.accountName === name)!.accountId;
  const settled = (jobs: CopyJob[]) => jobs.length > 0 && !['queued', 'copying'].includes(jobs[0]!.state);
  const DAY_AND_AN_HOUR_MS = 25 * 3600_000;

  /** Every state a job showed, in order (repeats folded). */
  function statesOf(core: AppCore): string[] {
    const states: string[] = [];
    core.onEvent((event, payload) => {
      if (event !== 'jobs:changed') return;
      const { state } = payload as CopyJob;
      if (states.at(-1) !== state) states.push(state);
    });
    return states;
  }

  /** As if the app had been closed for a day since it sent CopyImage. */
  async function aDayLater(file: string): Promise<void> {
    const { openDatabase } = await import('../../electron/core/db/database');
    const db = openDatabase(file);
    const then = new Date(Date.now() - DAY_AND_AN_HOUR_MS).toISOString();
    db.prepare('UPDATE jobs SET created_at = ?, started_at = ?, sent_at = ?').run(then, then, then);
    db.close();
  }

  afterEach(() => {
    emulator.loseCalls('CopyImage', 0);
    emulator.setCopyConcurrency(100);
  });

  it('network gone longer than the SDK retries after AWS made the copy: checking, then that one copy is recorded', async () => {
    const notices: Array<{ title: string; body: string }> = [];
    const core = makeCore(join(dir, 'lost-answer.db'), { notify: (n) => notices.push(n) });
    const account = await addAccount(core, 'acme-staging');
    const image = plainImage('acme-staging', 'us-east-1', 20);
    const states = statesOf(core);
    // Both attempts the SDK makes lose their answer; the copy is made by the first.
    emulator.loseCalls('CopyImage', 2, { accountId: accountId('acme-staging') });
    await core.handlers['copy:start'](copyOf(account, image, ['eu-central-1'], '{name}-answer-lost'));
    const [done] = await waitFor(core, finished);

    const made = copiesNamed(`${image.name}-answer-lost`);
    expect(made).toHaveLength(1);
    expect(done).toMatchObject({ state: 'available', newImageId: made[0]!.imageId, error: null });
    expect(states).toContain('checking');
    expect(states).not.toContain('failed');
    const log = (await core.handlers['audit:list']({ limit: 10 })).filter((e) => e.action === 'copy');
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ outcome: 'ok', imageId: made[0]!.imageId });
    expect(notices.map((n) => n.title)).toEqual(['Copy finished']);
  });

  it('closed while the answer is lost and reopened before the network is back: the same copy, recorded once', async () => {
    const file = join(dir, 'lost-restart.db');
    const first = makeCore(file);
    const account = await addAccount(first, 'initech-shared-services');
    const image = plainImage('initech-shared-services', 'us-east-1', 2);
    const name = `${image.name}-lost-restart`;
    emulator.loseCalls('CopyImage', 1000, { accountId: accountId('initech-shared-services') });
    await first.handlers['copy:start'](copyOf(account, image, ['eu-west-1'], '{name}-lost-restart'));
    const [unsure] = await waitFor(first, settled);
    expect(copiesNamed(name)).toHaveLength(1); // AWS made it; the app never heard
    expect(unsure).toMatchObject({ state: 'checking', newImageId: null });
    await first.close();

    // Reopened: the network is still gone for the first check, then back.
    emulator.loseCalls('CopyImage', 2, { accountId: accountId('initech-shared-services') });
    const second = makeCore(file);
    const states = statesOf(second);
    const [done] = await waitFor(second, finished);
    const made = copiesNamed(name);
    expect(made).toHaveLength(1);
    expect(done).toMatchObject({ id: unsure!.id, state: 'available', newImageId: made[0]!.imageId });
    expect(states).not.toContain('failed');
    expect((await second.handlers['audit:list']({ limit: 10 })).filter((e) => e.action === 'copy')).toHaveLength(1);
  });

  it('reopened a day later, when AWS no longer honours the token: found by its name and tag, not copied again', async () => {
    const file = join(dir, 'lost-day.db');
    const first = makeCore(file);
    const account = await addAccount(first, 'acme-staging');
    const image = plainImage('acme-staging', 'us-east-1', 21);
    const name = `${image.name}-a-day-later`;
    emulator.loseCalls('CopyImage', 1000, { accountId: accountId('acme-staging') });
    await first.handlers['copy:start'](copyOf(account, image, ['us-west-2'], '{name}-a-day-later'));
    const [unsure] = await waitFor(first, settled);
    expect(unsure!.state).toBe('checking');
    await first.close();
    emulator.loseCalls('CopyImage', 0);
    emulator.advanceClock(DAY_AND_AN_HOUR_MS / 1000); // the copy finished long ago, and its token is forgotten
    await aDayLater(file);

    const second = makeCore(file);
    const [done] = await waitFor(second, finished);
    const made = copiesNamed(name);
    expect(made).toHaveLength(1);
    expect(done).toMatchObject({ state: 'available', newImageId: made[0]!.imageId });
    expect((await second.handlers['audit:list']({ limit: 10 })).filter((e) => e.action === 'copy' && e.outcome === 'ok')).toHaveLength(1);
  });

  it('a request that never reached AWS: a day later the job fails saying nothing was made, and nothing is there', async () => {
    const file = join(dir, 'never-sent.db');
    const notices: Array<{ title: string; body: string }> = [];
    const first = makeCore(file);
    const account = await addAccount(first, 'acme-staging');
    const image = plainImage('acme-staging', 'us-east-1', 22);
    const name = `${image.name}-never-arrived`;
    emulator.loseCalls('CopyImage', 1000, { accountId: accountId('acme-staging'), at: 'before' });
    await first.handlers['copy:start'](copyOf(account, image, ['us-west-2'], '{name}-never-arrived'));
    const [unsure] = await waitFor(first, settled);
    expect(unsure!.state).toBe('checking');
    await first.close();
    emulator.loseCalls('CopyImage', 0);
    await aDayLater(file);

    const second = makeCore(file, { notify: (n) => notices.push(n) });
    const [done] = await waitFor(second, finished);
    expect(copiesNamed(name)).toHaveLength(0);
    expect(done!.state).toBe('failed');
    expect(done!.error!.message).toContain(`"${name}"`);
    expect(done!.error!.message).toContain('acme-staging');
    expect(done!.error!.message).toMatch(/nothing was (made|left)/i);
    expect(notices.map((n) => n.title)).toEqual(['Copy failed']);
  });

  it('cancelled while checking: the copy AWS made is found and removed, nothing is left', async () => {
    const core = makeCore(join(dir, 'lost-cancel.db'));
    const account = await addAccount(core, 'acme-staging');
    const image = plainImage('acme-staging', 'us-east-1', 23);
    const name = `${image.name}-lost-cancelled`;
    emulator.setCopyDuration(120);
    try {
      emulator.loseCalls('CopyImage', 1000, { accountId: accountId('acme-staging') });
      await core.handlers['copy:start'](copyOf(account, image, ['us-west-2'], '{name}-lost-cancelled'));
      const [unsure] = await waitFor(core, settled);
      expect(unsure!.state).toBe('checking');
      expect(copiesNamed(name)).toHaveLength(1);
      const cancelling = await core.handlers['jobs:cancel']({ id: unsure!.id });
      expect(cancelling.state).toBe('cancelling');
      emulator.loseCalls('CopyImage', 0);
      const [done] = await waitFor(core, finished);
      expect(done!.state).toBe('cancelled');
      expect(copiesNamed(name)).toHaveLength(0);
    } finally {
      emulator.setCopyDuration(COPY_SECONDS);
    }
  });

  it('AWS at its copy limit while checking: the job waits, checking, and is made once the limit allows', async () => {
    const core = makeCore(join(dir, 'lost-limit.db'));
    const account = await addAccount(core, 'acme-staging');
    const image = plainImage('acme-staging', 'us-east-1', 24);
    const name = `${image.name}-at-the-limit`;
    const states = statesOf(core);
    // The first request never arrives; the checks that follow meet AWS's limit.
    emulator.loseCalls('CopyImage', 2, { accountId: accountId('acme-staging'), at: 'before' });
    emulator.setCopyConcurrency(0);
    await core.handlers['copy:start'](copyOf(account, image, ['us-west-2'], '{name}-at-the-limit'));
    await waitFor(core, settled);
    await new Promise((r) => setTimeout(r, 600));
    expect((await core.handlers['jobs:list']({}))[0]!.state).toBe('checking');
    emulator.setCopyConcurrency(100);
    const [done] = await waitFor(core, finished);
    expect(done!.state).toBe('available');
    expect(copiesNamed(name).map((i) => i.imageId)).toEqual([done!.newImageId]);
    expect(states).not.toContain('failed');
  });
});

describe('pre-flight', () => {
  it('says why a copy cannot be made: same region, bad name, missing key', async () => {
    const core = makeCore(join(dir, 'preflight.db'));
    const account = await addAccount(core, 'acme-staging');
    const image = plainImage('acme-staging', 'us-east-1', 2);
    const plan = await core.handlers['copy:plan']({
      images: [{ account: account.id, region: 'us-east-1', imageId: image.imageId }],
      destinationAccount: account.id,
      regions: ['us-east-1', 'us-west-2'],
      nameTemplate: '{name}#{region}',
      descriptionTemplate: '',
      encrypted: true,
      kmsKey: 'alias/does-not-exist',
      copyTags: false,
    });
    expect(plan.items[0]!.blockers.map((b) => b.code)).toEqual(expect.arrayContaining(['SAME_PLACE', 'NAME_INVALID', 'KMS_KEY_MISSING']));
    expect(plan.items[1]!.blockers.map((b) => b.code)).toEqual(expect.arrayContaining(['NAME_INVALID', 'KMS_KEY_MISSING']));
  });

  it('says that a copy under the AWS managed key can never be shared, which the share sheet then refuses; a customer managed key is not warned about', async () => {
    const core = makeCore(join(dir, 'keys.db'));
    const account = await addAccount(core, 'acme-staging');
    const image = plainImage('acme-staging', 'us-east-1', 25);
    const request = { ...copyOf(account, image, ['us-west-2'], '{name}-default-key'), encrypted: true };
    const managed = await core.handlers['copy:plan'](request);
    const warning = managed.items[0]!.warnings.find((w) => w.code === 'AWS_MANAGED_KEY');
    expect(warning?.message).toMatch(/AWS managed key \(aws\/ebs\).*can never be shared with another account/);
    expect(warning?.fix).toMatch(/customer managed key/);

    const customer = await core.handlers['copy:plan']({ ...request, kmsKey: 'alias/ami-encryption' });
    const key = emulator.world.kmsKeys.find((k) => k.accountId === account.awsAccountId && k.region === 'us-west-2' && k.managedBy === 'customer')!;
    expect(customer.items[0]!).toMatchObject({ kmsKeyArn: key.arn, blockers: [] });
    expect(customer.items[0]!.warnings.map((w) => w.code)).not.toContain('AWS_MANAGED_KEY');

    // The warning is true: the copy made under aws/ebs is refused by the share sheet.
    await core.handlers['copy:start'](request);
    const [job] = await waitFor(core, finished);
    expect(job!.state).toBe('available');
    const other = emulator.identities.find((i) => i.accountName === 'globex-dev')!.accountId;
    const share = await core.handlers['sharing:plan']({
      images: [{ account: account.id, region: 'us-west-2', imageId: job!.newImageId! }],
      add: [{ kind: 'account', awsAccountId: other }],
      remove: [],
      snapshots: true,
    });
    expect(share.items[0]!.blockers.map((b) => b.code)).toContain('AWS_MANAGED_KEY');
  });

  it('a shared AMI without snapshot access cannot be copied into the recipient; with it, it can', async () => {
    const core = makeCore(join(dir, 'cross.db'));
    const owner = await addAccount(core, 'acme-staging');
    const recipient = await addAccount(core, 'initech-sandbox');
    const image = plainImage('acme-staging', 'us-east-1', 3);
    const ref = { account: owner.id, region: 'us-east-1', imageId: image.imageId };
    await core.handlers['sharing:apply']({ images: [ref], add: [{ kind: 'account', awsAccountId: recipient.awsAccountId! }], remove: [], snapshots: false, confirmations: {} });
    const request = {
      images: [{ account: recipient.id, region: 'us-east-1', imageId: image.imageId }],
      destinationAccount: recipient.id,
      regions: ['us-east-1'],
      nameTemplate: '{name}-mine',
      descriptionTemplate: '',
      encrypted: false,
      kmsKey: null,
      copyTags: false,
    };
    const refused = await core.handlers['copy:plan'](request);
    expect(refused.items[0]!.crossAccount).toBe(true);
    expect(refused.items[0]!.blockers.map((b) => b.code)).toEqual(['SNAPSHOT_ACCESS']);
    expect(refused.items[0]!.blockers[0]!.fix).toContain(`acme-staging, ${owner.awsAccountId}`);

    await core.handlers['sharing:apply']({ images: [ref], add: [{ kind: 'account', awsAccountId: recipient.awsAccountId! }], remove: [], snapshots: true, confirmations: {} });
    const allowed = await core.handlers['copy:plan'](request);
    expect(allowed.items[0]!.blockers).toEqual([]);
    await core.handlers['copy:start']({ ...request, confirmations: {} });
    const [job] = await waitFor(core, finished);
    expect(job!.state).toBe('available');
    expect(emulator.world.image('us-east-1', job!.newImageId!)!.ownerId).toBe(recipient.awsAccountId);
  });
});

describe('lifecycle', () => {
  it('shows what uses an image and who it is shared with, then deregisters it with its snapshots', async () => {
    const core = makeCore(join(dir, 'lifecycle.db'));
    const account = await addAccount(core, 'acme-staging');
    const image = plainImage('acme-staging', 'us-east-1', 4);
    const ref = { account: account.id, region: 'us-east-1', imageId: image.imageId };
    const [usage] = await core.handlers['lifecycle:inspect']({ images: [ref] });
    expect(usage).toMatchObject({ name: image.name, state: 'available', referencesError: null });
    const snapshots = image.blockDevices.flatMap((b) => (b.ebs?.snapshotId ? [b.ebs.snapshotId] : []));
    expect(usage!.snapshotIds).toEqual(snapshots);

    const [result] = await core.handlers['lifecycle:apply']({ images: [ref], action: { kind: 'deregister', deleteSnapshots: true }, confirmations: {} });
    expect(result!.outcome).toBe('changed');
    expect(emulator.world.image('us-east-1', image.imageId)?.state ?? 'deregistered').toBe('deregistered');
    for (const id of snapshots) expect(emulator.world.snapshot('us-east-1', id)).toBeUndefined();
    const log = await core.handlers['audit:list']({ limit: 1 });
    expect(log[0]).toMatchObject({ action: 'deregister', outcome: 'ok', snapshotIds: snapshots });
  });

  it('deprecates, disables (dropping shares), protects against deregistration, each reported per image', async () => {
    const core = makeCore(join(dir, 'lifecycle2.db'));
    const account = await addAccount(core, 'acme-staging');
    const a = plainImage('acme-staging', 'us-east-1', 5);
    const b = plainImage('acme-staging', 'us-east-1', 6);
    const refs = [a, b].map((i) => ({ account: account.id, region: 'us-east-1', imageId: i.imageId }));
    const at = new Date(Date.now() + 7 * 86_400_000).toISOString();

    const deprecated = await core.handlers['lifecycle:apply']({ images: refs, action: { kind: 'deprecate', at }, confirmations: {} });
    expect(deprecated.map((r) => r.outcome)).toEqual(['changed', 'changed']);
    expect(emulator.world.image('us-east-1', a.imageId)!.deprecationTime).not.toBeNull();

    await core.handlers['sharing:apply']({ images: [refs[0]!], add: [{ kind: 'account', awsAccountId: '123456789012' }], remove: [], snapshots: false, confirmations: {} });
    const [disabled] = await core.handlers['lifecycle:apply']({ images: [refs[0]!], action: { kind: 'disable' }, confirmations: {} });
    expect(disabled!.message).toMatch(/share/);
    expect(emulator.world.image('us-east-1', a.imageId)!.state).toBe('disabled');
    expect(emulator.world.image('us-east-1', a.imageId)!.launchPermissions).toEqual([]);
    const [again] = await core.handlers['lifecycle:apply']({ images: [refs[0]!], action: { kind: 'disable' }, confirmations: {} });
    expect(again!.outcome).toBe('unchanged');

    await core.handlers['lifecycle:apply']({ images: [refs[1]!], action: { kind: 'protect', cooldown: false }, confirmations: {} });
    const [refused] = await core.handlers['lifecycle:apply']({ images: [refs[1]!], action: { kind: 'deregister', deleteSnapshots: false }, confirmations: {} });
    expect(refused!.outcome).toBe('failed');
    expect(refused!.message).toContain('ec2:DeregisterImage');
    expect(emulator.world.image('us-east-1', b.imageId)!.state).toBe('available');
  });

  it('asks for the typed name of a production account', async () => {
    const core = makeCore(join(dir, 'lifecycle3.db'));
    await core.handlers['demo:open']({});
    const ws = await core.handlers['workspace:get']({});
    const prod = ws.accounts.find((x) => x.production && x.name === 'acme-production')!;
    const image = emulator.world.imagesIn('us-east-1').find((i) => i.ownerId === prod.awsAccountId && i.state === 'available')!;
    const ref = { account: prod.id, region: 'us-east-1', imageId: image.imageId };
    await expect(core.handlers['lifecycle:apply']({ images: [ref], action: { kind: 'disable' }, confirmations: {} })).rejects.toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
    expect(emulator.world.image('us-east-1', image.imageId)!.state).toBe('available');
  });
});
