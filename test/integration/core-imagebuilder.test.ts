/**
 * Image Builder through the core, against the emulator over HTTP with the real SDK: pipelines
 * read as the app shows them, a pipeline created in order (and rolled back when a step fails),
 * runs followed to their AMIs, cancelled, or failed with their reason.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_BUILDER_FIXTURES, startEmulator, type RunningEmulator } from '../../emulator';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import { MemorySecretStore } from '../../electron/core/accounts/secret-store';
import type { BuildRun } from '../../shared/imagebuilder';
import type { AccountSummary, Workspace } from '../../shared/model';
import { coreOver } from './core-fixture';

let emulator: RunningEmulator;
let core: AppCore;
let ws: Workspace;
const { staging } = IMAGE_BUILDER_FIXTURES;

const entry = (name: string): AccountSummary => ws.accounts.find((a) => a.name === name)!;

async function waitForRun(id: string, ms = 20_000): Promise<BuildRun> {
  const until = Date.now() + ms;
  for (;;) {
    const run = (await core.handlers['builder:runs']({})).find((r) => r.id === id)!;
    if (run.finished) return run;
    if (Date.now() > until) throw new Error(`run did not finish: ${run.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, imageBuildSeconds: 2 });
  core = coreOver(emulator, { maxAttempts: 2, jobPollMs: 100 });
  ws = await core.handlers['demo:open']({});
});

afterAll(async () => {
  await core?.close();
  await emulator?.close();
});

describe('pipelines', () => {
  it('lists the seeded pipelines with their schedule, and shows one with its recipe, infrastructure and distribution', async () => {
    const account = entry(staging.accountName);
    const pipelines = await core.handlers['builder:pipelines']({ account: account.id, region: staging.region });
    expect(pipelines.map((p) => p.name).sort()).toEqual([staging.failingPipelineName, staging.pipelineName].sort());
    const nightly = pipelines.find((p) => p.name === staging.pipelineName)!;
    expect(nightly).toMatchObject({ status: 'ENABLED', schedule: staging.scheduleExpression });

    const detail = await core.handlers['builder:pipeline']({ account: account.id, region: staging.region, arn: nightly.arn });
    expect(detail.recipe).toMatchObject({ name: staging.recipeName, version: staging.recipeVersion });
    expect(detail.recipe!.parentImage).toMatch(/^ami-/);
    expect(detail.recipe!.components.map((c) => c.name)).toContain(staging.componentName);
    expect(detail.infrastructure!.name).toBe(staging.infrastructureName);
    expect(detail.distribution!.regions.map((r) => r.region)).toEqual(staging.distributionRegions);
    expect(detail.distribution!.regions[0]!.launchPermission.userIds).toContain(entry(staging.sharedWithAccountName).awsAccountId);
  });
});

describe('runs', () => {
  it('a created pipeline runs to AVAILABLE with one AMI per region, shared with the target account', async () => {
    const account = entry('acme-staging');
    const target = entry('globex-dev');
    const components = await core.handlers['builder:components']({ account: account.id, region: 'us-east-1' });
    const build = components.find((c) => c.owner === 'Amazon' && c.type === 'BUILD')!;
    const test = components.find((c) => c.owner === 'Amazon' && c.type === 'TEST')!;
    expect(build && test).toBeTruthy();
    const parent = emulator.world.imagesIn('us-east-1').find((i) => i.ownerId === account.awsAccountId && i.state === 'available')!;
    const created = await core.handlers['builder:create']({
      account: account.id,
      region: 'us-east-1',
      name: 'atlas-made',
      description: 'made through the core',
      parentImage: parent.imageId,
      recipeVersion: '1.0.0',
      components: [build.arn],
      tests: [test.arn],
      instanceProfileName: 'EC2InstanceProfileForImageBuilder',
      instanceTypes: ['m5.large'],
      terminateInstanceOnFailure: true,
      regions: ['us-east-1', 'eu-west-1'],
      amiName: 'atlas-made-{{ imagebuilder:buildDate }}',
      shareWithAccounts: [target.awsAccountId!],
      schedule: null,
      confirmations: {},
    });
    expect(created.created.map((c) => c.kind)).toEqual(['recipe', 'infrastructure', 'distribution', 'pipeline']);
    const listed = await core.handlers['builder:pipelines']({ account: account.id, region: 'us-east-1' });
    expect(listed.find((p) => p.arn === created.pipelineArn)).toMatchObject({ name: 'atlas-made', schedule: null });

    const events: BuildRun[] = [];
    const off = core.onEvent((event, payload) => {
      if (event === 'builder:run') events.push(payload as BuildRun);
    });
    const started = await core.handlers['builder:start']({ account: account.id, region: 'us-east-1', arn: created.pipelineArn, confirmations: {} });
    const done = await waitForRun(started.id);
    off();
    expect(done).toMatchObject({ status: 'AVAILABLE', progress: 100, reason: null });
    expect(events.some((e) => ['BUILDING', 'TESTING', 'DISTRIBUTING'].includes(e.status))).toBe(true);
    expect(done.steps.length).toBeGreaterThan(0);
    expect(done.amis.map((a) => a.region).sort()).toEqual(['eu-west-1', 'us-east-1']);
    for (const ami of done.amis) {
      const shared = await core.handlers['images:list']({ account: target.id, region: ami.region, view: 'shared' });
      expect(shared.images.map((i) => i.imageId)).toContain(ami.imageId);
    }
  });

  it('cancels a running build: CANCELLED, no AMIs', async () => {
    emulator.setImageBuildSeconds(120);
    try {
      const account = entry(staging.accountName);
      const pipelines = await core.handlers['builder:pipelines']({ account: account.id, region: staging.region });
      const nightly = pipelines.find((p) => p.name === staging.pipelineName)!;
      const started = await core.handlers['builder:start']({ account: account.id, region: staging.region, arn: nightly.arn, confirmations: {} });
      expect(started.imageBuildArn).not.toBeNull();
      await core.handlers['builder:cancel']({ id: started.id });
      const done = await waitForRun(started.id);
      expect(done).toMatchObject({ status: 'CANCELLED', amis: [] });
    } finally {
      emulator.setImageBuildSeconds(2);
    }
  });

  it('a failing build reports its reason', async () => {
    const account = entry(staging.accountName);
    const pipelines = await core.handlers['builder:pipelines']({ account: account.id, region: staging.region });
    const failing = pipelines.find((p) => p.name === staging.failingPipelineName)!;
    const started = await core.handlers['builder:start']({ account: account.id, region: staging.region, arn: failing.arn, confirmations: {} });
    const done = await waitForRun(started.id);
    expect(done.status).toBe('FAILED');
    expect(done.reason).toContain(staging.failingComponentName);
    expect(done.amis).toEqual([]);
  });

  it('a run started before a restart is followed to its end afterwards', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-builder-'));
    const secrets = new MemorySecretStore();
    const make = () =>
      createAppCore({
        databaseFile: join(dir, 'atlas.db'),
        secrets,
        info: { name: 'AMI Atlas', version: 'test', platform: process.platform, host: 'preview' },
        maxAttempts: 2,
        jobPollMs: 100,
        startDemoWorld: async () => {
          throw new Error('not used');
        },
      });
    const identity = emulator.identities.find((i) => i.accountName === staging.accountName)!;
    const first = make();
    try {
      const added = await first.handlers['accounts:addAccessKey']({
        name: identity.accountName,
        clientName: identity.clientName,
        accessKeyId: identity.accessKeyId,
        secretAccessKey: identity.secretAccessKey,
        defaultRegion: staging.region,
        endpoint: emulator.url,
      });
      const account = added.workspace.accounts.find((a) => a.id === added.account)!;
      const pipelines = await first.handlers['builder:pipelines']({ account: account.id, region: staging.region });
      const nightly = pipelines.find((p) => p.name === staging.pipelineName)!;
      const started = await first.handlers['builder:start']({ account: account.id, region: staging.region, arn: nightly.arn, confirmations: {} });
      expect(started.finished).toBe(false);
      await first.close();

      const second = make();
      try {
        const until = Date.now() + 20_000;
        let run = (await second.handlers['builder:runs']({}))[0]!;
        while (!run.finished && Date.now() < until) {
          await new Promise((r) => setTimeout(r, 100));
          run = (await second.handlers['builder:runs']({}))[0]!;
        }
        expect(run).toMatchObject({ id: started.id, imageBuildArn: started.imageBuildArn, status: 'AVAILABLE' });
        expect(run.amis.map((a) => a.region).sort()).toEqual([...staging.distributionRegions].sort());
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a production account needs its typed name to start a build', async () => {
    const hub = entry(IMAGE_BUILDER_FIXTURES.hub.accountName);
    expect(hub.production).toBe(true);
    const pipelines = await core.handlers['builder:pipelines']({ account: hub.id, region: IMAGE_BUILDER_FIXTURES.hub.region });
    await expect(core.handlers['builder:start']({ account: hub.id, region: IMAGE_BUILDER_FIXTURES.hub.region, arn: pipelines[0]!.arn, confirmations: {} })).rejects.toMatchObject({
      code: 'CONFIRMATION_REQUIRED',
    });
  });
});

describe('creating a pipeline', () => {
  it('rolls back what was created when a later step fails', async () => {
    const account = entry('acme-staging');
    const components = await core.handlers['builder:components']({ account: account.id, region: 'us-east-1' });
    const build = components.find((c) => c.type === 'BUILD')!;
    const parent = emulator.world.imagesIn('us-east-1').find((i) => i.ownerId === account.awsAccountId && i.state === 'available')!;
    // The distribution name is taken by the seeded one, so the third step fails.
    const draft = {
      account: account.id,
      region: 'us-east-1',
      name: staging.distributionName,
      description: '',
      parentImage: parent.imageId,
      recipeVersion: '9.9.9',
      components: [build.arn],
      tests: [],
      instanceProfileName: 'EC2InstanceProfileForImageBuilder',
      instanceTypes: ['m5.large'],
      terminateInstanceOnFailure: true,
      regions: ['us-east-1'],
      amiName: 'rollback-{{ imagebuilder:buildDate }}',
      shareWithAccounts: [],
      schedule: null,
      confirmations: {},
    };
    const error = await core.handlers['builder:create'](draft).then(
      () => null,
      (e: unknown) => e as { message: string },
    );
    expect(error?.message).toMatch(/deleted again/);
    const listed = await core.handlers['builder:pipelines']({ account: account.id, region: 'us-east-1' });
    expect(listed.map((p) => p.name)).not.toContain(staging.distributionName);
    // Creating the same recipe again works: the first one really was deleted.
    const again = await core.handlers['builder:create']({ ...draft, name: 'after-rollback' }).catch((e: unknown) => e);
    expect(again).toMatchObject({ pipelineArn: expect.stringContaining('after-rollback') });
  });
});
