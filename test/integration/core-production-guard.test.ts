/**
 * The production guard leaves no way round it: clearing a production flag (an account's, a
 * client's, or by moving an account out of a production client) needs the typed name and is
 * audited; leaving a share, stopping a copy and cancelling a build in a production account need
 * its name too, checked in the core before anything reaches AWS; so does removing it from the app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_BUILDER_FIXTURES, startEmulator, type RunningEmulator } from '../../emulator';
import { hasUserLaunchPermission } from '../../emulator/world/visibility';
import type { AppCore } from '../../electron/core/app-core';
import type { AccountSummary } from '../../shared/model';
import { coreOver, failure } from './core-fixture';

let emulator: RunningEmulator;
let core: AppCore;

async function account(name: string): Promise<AccountSummary> {
  const found = (await core.handlers['workspace:get']({})).accounts.find((a) => a.name === name);
  if (!found) throw new Error(`no account ${name}`);
  return found;
}

async function clientId(name: string): Promise<string> {
  return (await core.handlers['workspace:get']({})).clients.find((c) => c.name === name)!.id;
}

const latestAudit = async () => (await core.handlers['audit:list']({ limit: 20 }))[0]!;

async function until<T>(check: () => Promise<T | undefined>, what: string, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  // Copies and builds that take long enough to be stopped.
  emulator = await startEmulator({ port: 0, copyDurationSeconds: 120, imageBuildSeconds: 120 });
  core = coreOver(emulator, { maxAttempts: 2, jobPollMs: 100 });
  await core.handlers['demo:open']({});
});

afterAll(async () => {
  await core?.close();
  await emulator?.close();
});

describe('the production flag', () => {
  it('an account’s flag is cleared only with its typed name, and both ways are audited', async () => {
    const prod = await account('acme-production');
    expect(prod.production).toBe(true);
    const refused = await failure(core.handlers['accounts:update']({ account: prod.id, production: false }));
    expect(refused.code).toBe('CONFIRMATION_REQUIRED');
    expect(refused.message).toContain('acme-production');
    expect((await account('acme-production')).production).toBe(true);
    await expect(core.handlers['accounts:update']({ account: prod.id, production: false, confirmations: { [prod.id]: 'someone-else' } })).rejects.toMatchObject({
      code: 'CONFIRMATION_REQUIRED',
    });

    await core.handlers['accounts:update']({ account: prod.id, production: false, confirmations: { [prod.id]: 'acme-production' } });
    expect((await account('acme-production')).production).toBe(false);
    expect(await latestAudit()).toMatchObject({ action: 'production-off', accountName: 'acme-production', awsAccountId: prod.awsAccountId, outcome: 'ok', imageId: '' });

    // Setting it again asks nothing (it adds a safety net) but is recorded too.
    await core.handlers['accounts:update']({ account: prod.id, production: true });
    expect((await account('acme-production')).production).toBe(true);
    expect(await latestAudit()).toMatchObject({ action: 'production-on', accountName: 'acme-production' });
    // A rename changes nothing about production: nothing asked, nothing audited.
    const before = (await core.handlers['audit:list']({ limit: 50 })).length;
    await core.handlers['accounts:update']({ account: prod.id, defaultRegion: 'eu-west-1' });
    expect((await core.handlers['audit:list']({ limit: 50 })).length).toBe(before);
  });

  it('a client’s flag is cleared only with the client’s typed name; every account it leaves unguarded is audited', async () => {
    const acme = await clientId('Acme Corp');
    await core.handlers['clients:update']({ client: acme, production: true });
    expect((await account('acme-staging')).production).toBe(true);
    expect(await latestAudit()).toMatchObject({ action: 'production-on', accountName: 'acme-staging' });

    const seen = new Set((await core.handlers['audit:list']({ limit: 100 })).map((e) => e.id));
    const refused = await failure(core.handlers['clients:update']({ client: acme, production: false }));
    expect(refused).toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
    expect(refused.message).toContain('Acme Corp');
    expect((await account('acme-staging')).production).toBe(true);

    await core.handlers['clients:update']({ client: acme, production: false, confirmations: { [acme]: 'Acme Corp' } });
    expect((await account('acme-staging')).production).toBe(false);
    // acme-production keeps its own flag: only acme-staging stopped counting as production.
    expect((await account('acme-production')).production).toBe(true);
    const entries = (await core.handlers['audit:list']({ limit: 100 })).filter((e) => !seen.has(e.id));
    expect(entries.map((e) => [e.action, e.accountName])).toEqual([['production-off', 'acme-staging']]);
    expect(entries[0]!.detail).toContain('Acme Corp');
  });

  it('moving an account out of a production client needs its name', async () => {
    const acme = await clientId('Acme Corp');
    await core.handlers['clients:update']({ client: acme, production: true });
    const staging = await account('acme-staging');
    expect(staging.production).toBe(true);
    const refused = await failure(core.handlers['accounts:update']({ account: staging.id, clientName: 'Globex' }));
    expect(refused.code).toBe('CONFIRMATION_REQUIRED');
    expect((await account('acme-staging')).clientId).toBe(acme);
    await core.handlers['accounts:update']({ account: staging.id, clientName: 'Globex', confirmations: { [staging.id]: 'acme-staging' } });
    expect(await account('acme-staging')).toMatchObject({ production: false, clientId: await clientId('Globex') });
    expect(await latestAudit()).toMatchObject({ action: 'production-off', accountName: 'acme-staging', detail: expect.stringContaining('Globex') });
    await core.handlers['accounts:update']({ account: staging.id, clientName: 'Acme Corp' });
    await core.handlers['clients:update']({ client: acme, production: false, confirmations: { [acme]: 'Acme Corp' } });
  });
});

describe('changes in a production account that used to skip the guard', () => {
  it('leaving a share', async () => {
    // A production account that an image is shared with by account id (not through its organization).
    const candidates = (await core.handlers['workspace:get']({})).accounts.filter((a) => a.production);
    const images = emulator.world.regions.flatMap((r) => (emulator.world.isRegionEnabled(r.name) ? emulator.world.imagesIn(r.name) : []));
    let hub: AccountSummary | undefined;
    let image: (typeof images)[number] | undefined;
    for (const candidate of candidates) {
      image = images.find((i) => i.ownerId !== candidate.awsAccountId && i.state === 'available' && hasUserLaunchPermission(candidate.awsAccountId!, i));
      if (image) {
        hub = candidate;
        break;
      }
    }
    expect(image, 'an image shared with a production account').toBeTruthy();
    const record = emulator.world.accounts.find((a) => a.accountId === hub!.awsAccountId)!;
    const ref = { account: hub!.id, region: image!.region, imageId: image!.imageId };
    const refused = await failure(core.handlers['sharing:leave'](ref));
    expect(refused.code).toBe('CONFIRMATION_REQUIRED');
    const now = () => emulator.world.image(image!.region, image!.imageId)!;
    expect(hasUserLaunchPermission(record.accountId, now())).toBe(true);
    const left = await core.handlers['sharing:leave']({ ...ref, confirmations: { [hub!.id]: hub!.name } });
    expect(left.items[0]!.outcome).toBe('changed');
    expect(hasUserLaunchPermission(record.accountId, now())).toBe(false);
  });

  it('stopping a copy into it (a queued one asks nothing: nothing in AWS changes)', async () => {
    const prod = await account('acme-production');
    const image = emulator.world.regions
      .flatMap((r) => (emulator.world.isRegionEnabled(r.name) ? emulator.world.imagesIn(r.name) : []))
      .find((i) => i.ownerId === prod.awsAccountId && i.state === 'available' && i.rootDeviceType === 'ebs' && i.productCodes.length === 0);
    expect(image, 'an EBS image of acme-production').toBeTruthy();
    const destination = image!.region === 'us-west-2' ? 'eu-west-1' : 'us-west-2';
    const [job] = await core.handlers['copy:start']({
      images: [{ account: prod.id, region: image!.region, imageId: image!.imageId }],
      destinationAccount: prod.id,
      regions: [destination],
      nameTemplate: '{name}-guarded',
      descriptionTemplate: '',
      encrypted: image!.blockDevices.some((b) => b.ebs?.encrypted),
      kmsKey: null,
      copyTags: false,
      confirmations: { [prod.id]: 'acme-production' },
    });
    const running = await until(async () => (await core.handlers['jobs:list']({})).find((j) => j.id === job!.id && j.newImageId !== null), 'the copy to start');
    const refused = await failure(core.handlers['jobs:cancel']({ id: running.id }));
    expect(refused.code).toBe('CONFIRMATION_REQUIRED');
    expect(emulator.world.image(destination, running.newImageId!)!.state).toBe('pending');
    const cancelled = await core.handlers['jobs:cancel']({ id: running.id, confirmations: { [prod.id]: 'acme-production' } });
    expect(cancelled.state).toBe('cancelled');
  });

  it('cancelling a build in it', async () => {
    const hub = await account(IMAGE_BUILDER_FIXTURES.hub.accountName);
    const region = IMAGE_BUILDER_FIXTURES.hub.region;
    const [pipeline] = await core.handlers['builder:pipelines']({ account: hub.id, region });
    const started = await core.handlers['builder:start']({ account: hub.id, region, arn: pipeline!.arn, confirmations: { [hub.id]: hub.name } });
    expect(started.imageBuildArn).not.toBeNull();
    const refused = await failure(core.handlers['builder:cancel']({ id: started.id }));
    expect(refused.code).toBe('CONFIRMATION_REQUIRED');
    expect((await core.handlers['builder:runs']({})).find((r) => r.id === started.id)!.finished).toBe(false);
    const cancelling = await core.handlers['builder:cancel']({ id: started.id, confirmations: { [hub.id]: hub.name } });
    expect(cancelling.id).toBe(started.id);
    await until(async () => ((await core.handlers['builder:runs']({})).find((r) => r.id === started.id)?.status === 'CANCELLED' ? true : undefined), 'the build to be cancelled');
  });
});

describe('removing a production account', () => {
  // Last: it takes acme-production out of the demo workspace.
  it('needs its typed name (it takes the guard with it) and is audited', async () => {
    const prod = await account('acme-production');
    const refused = await failure(core.handlers['accounts:remove']({ account: prod.id }));
    expect(refused.code).toBe('CONFIRMATION_REQUIRED');
    expect(refused.message).toContain('acme-production');
    expect((await account('acme-production')).id).toBe(prod.id);
    await core.handlers['accounts:remove']({ account: prod.id, confirmations: { [prod.id]: 'acme-production' } });
    expect((await core.handlers['workspace:get']({})).accounts.some((a) => a.id === prod.id)).toBe(false);
    expect(await latestAudit()).toMatchObject({ action: 'production-off', accountName: 'acme-production', detail: expect.stringContaining('removed') });
  });
});
