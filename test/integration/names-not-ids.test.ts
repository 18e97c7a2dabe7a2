/**
 * People read names, never our internal ids: a run through the core that meets most of what it
 * can say — a scan with a denied account, refused and failing changes, a copy that AWS refuses,
 * an Image Builder run that fails, a revoked key and an unreachable endpoint, the audit log, a
 * CSV export — collects every message it gives (errors thrown, results, events) and finds none
 * of the ids of its accounts, access paths, clients, jobs, runs or audit entries in them.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_BUILDER_FIXTURES, startEmulator, type RunningEmulator } from '../../emulator';
import type { AppCore } from '../../electron/core/app-core';
import { INVENTORY_COLUMNS } from '../../shared/inventory';
import type { Workspace } from '../../shared/model';
import { idShapedIn, knownIdsIn } from '../internal-ids';
import { coreOver } from './core-fixture';

let emulator: RunningEmulator;
let core: AppCore;
let ws: Workspace;
let dir: string;
/** Everything the core said: messages of errors, results and events. */
const said: string[] = [];

/** Fields whose strings people read (ids the page uses to find things are fields of their own). */
const WORDY = new Set(['message', 'healthMessage', 'notice', 'via', 'label', 'title', 'body', 'detail', 'error', 'reason', 'accountName', 'name', 'imageName', 'principal']);

/** Every string in a value that a person may read. */
function wordsOf(value: unknown, into: string[] = [], wordy = false): string[] {
  if (typeof value === 'string') {
    if (wordy) into.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) wordsOf(v, into, wordy);
  } else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) wordsOf(v, into, WORDY.has(key));
  }
  return into;
}

async function attempt(work: () => Promise<unknown>): Promise<void> {
  try {
    said.push(...wordsOf(await work()));
  } catch (error) {
    said.push(error instanceof Error ? error.message : String(error));
  }
}

const entry = (name: string) => ws.accounts.find((a) => a.name === name)!;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-names-'));
  emulator = await startEmulator({ port: 0 });
  core = coreOver(emulator, { maxAttempts: 2, jobPollMs: 50, chooseSavePath: async () => path.join(dir, 'all.csv') });
  core.onEvent((_event, payload) => said.push(...wordsOf(payload)));
  ws = await core.handlers['demo:open']({});
});

afterAll(async () => {
  await core?.close();
  await emulator?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('what the core says names accounts, never our ids', () => {
  it('across scans, refusals, failures, the audit log and an export', async () => {
    const prod = entry('acme-production');
    const sandbox = entry('initech-sandbox');
    emulator.denyAction(entry('globex-dev').awsAccountId!, 'DescribeImages', ['eu-west-1']);
    await attempt(() => core.handlers['inventory:scan']({}));
    said.push(...wordsOf(await core.inventory.scanFinished()));

    const owned = (await core.handlers['images:list']({ account: prod.id, region: 'us-east-1', view: 'owned' })).images.filter((i) => i.state === 'available');
    const image = owned[0]!;
    const ref = { account: prod.id, region: 'us-east-1', imageId: image.imageId };
    // A production account without its name typed, then with it; a plan and a make-public refusal.
    await attempt(() => core.handlers['sharing:apply']({ images: [ref], add: [{ kind: 'account', awsAccountId: sandbox.awsAccountId! }], remove: [], snapshots: false, confirmations: {} }));
    await attempt(() => core.handlers['sharing:apply']({ images: [ref], add: [{ kind: 'account', awsAccountId: sandbox.awsAccountId! }], remove: [], snapshots: false, confirmations: { [prod.id]: prod.name } }));
    await attempt(() => core.handlers['sharing:plan']({ images: [ref], add: [{ kind: 'public' }], remove: [], snapshots: true }));
    await attempt(() => core.handlers['sharing:leave']({ account: prod.id, region: 'us-east-1', imageId: image.imageId }));
    await attempt(() => core.handlers['images:get']({ account: prod.id, region: 'us-east-1', imageId: 'ami-0000000000000dead' }));
    // A copy AWS refuses (no such image), and lifecycle actions with and without confirmation.
    await attempt(() => core.handlers['copy:plan']({ images: [{ ...ref, imageId: 'ami-0000000000000dead' }], destinationAccount: prod.id, regions: ['eu-west-1'], nameTemplate: '{name}', descriptionTemplate: '', encrypted: false, kmsKey: null, copyTags: false }));
    await attempt(() => core.handlers['lifecycle:apply']({ images: [ref], action: { kind: 'disable' }, confirmations: {} }));
    await attempt(() => core.handlers['lifecycle:inspect']({ images: [ref] }));
    // Tags: refused without the name, an image gone, one only shared with the account, and done.
    const shared = (await core.handlers['images:list']({ account: sandbox.id, region: 'us-east-1', view: 'shared' })).images[0];
    const tagged = [ref, { ...ref, imageId: 'ami-0000000000000dead' }];
    await attempt(() => core.handlers['lifecycle:tag']({ images: tagged, set: [{ key: 'Team', value: 'x' }], remove: [], snapshotsToo: true }));
    await attempt(() => core.handlers['lifecycle:tag']({ images: tagged, set: [{ key: 'Team', value: 'x' }], remove: ['Env'], snapshotsToo: true, confirmations: { [prod.id]: prod.name } }));
    if (shared) await attempt(() => core.handlers['lifecycle:tag']({ images: [{ account: sandbox.id, region: 'us-east-1', imageId: shared.imageId }], set: [{ key: 'Team', value: 'x' }], remove: [], snapshotsToo: false }));
    // An Image Builder run that fails in testing.
    const { staging } = IMAGE_BUILDER_FIXTURES;
    const builder = entry(staging.accountName);
    const pipelines = await core.handlers['builder:pipelines']({ account: builder.id, region: staging.region });
    const failing = pipelines.find((p) => p.name === staging.failingPipelineName)!;
    await attempt(() => core.handlers['builder:start']({ account: builder.id, region: staging.region, arn: failing.arn, confirmations: {} }));
    for (let i = 0; i < 100 && !(await core.handlers['builder:runs']({})).every((r) => r.finished); i++) {
      emulator.advanceClock(30);
      await new Promise((r) => setTimeout(r, 50));
    }
    // A removal the workspace refuses, a revoked key, and an unreachable endpoint.
    await attempt(() => core.handlers['accounts:remove']({ account: 'no-such-account' }));
    emulator.revokeAccessKey(emulator.identities.find((i) => i.accountName === 'initech-sandbox')!.accessKeyId);
    await attempt(() => core.handlers['images:list']({ account: sandbox.id, region: 'us-east-1', view: 'owned' }));
    await attempt(() =>
      core.handlers['accounts:addAccessKey']({ name: 'nowhere', clientName: 'Nobody', accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', defaultRegion: 'us-east-1', endpoint: 'http://127.0.0.1:9' }),
    );
    said.push(...wordsOf(await core.handlers['workspace:get']({})));
    said.push(...wordsOf(await core.handlers['audit:list']({ limit: 500 })));
    said.push(...wordsOf(await core.handlers['builder:runs']({})));
    said.push(...wordsOf(await core.handlers['inventory:summary']({})));
    await core.handlers['inventory:export']({ columns: [...INVENTORY_COLUMNS], filter: null, bom: false });
    said.push(await readFile(path.join(dir, 'all.csv'), 'utf8'));

    // The run said plenty, failures included.
    const text = said.join('\n');
    expect(text).toContain('Access denied in globex-dev');
    expect(text).toContain('type its name to confirm');
    expect(text).toContain('Cannot reach AWS');
    // None of it names anything by our ids.
    ws = await core.handlers['workspace:get']({});
    const ids = [
      ...ws.clients.map((c) => c.id),
      ...ws.accounts.flatMap((a) => [a.id, ...a.paths.map((p) => p.id)]),
      ...(await core.handlers['audit:list']({ limit: 500 })).map((e) => e.id),
      ...(await core.handlers['jobs:list']({})).map((j) => j.id),
      ...(await core.handlers['builder:runs']({})).map((r) => r.id),
    ];
    expect(knownIdsIn(text, ids)).toEqual([]);
    expect(idShapedIn(text)).toEqual([]);
  }, 60_000);
});
