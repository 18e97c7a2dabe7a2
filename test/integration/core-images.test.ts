/**
 * The core against the emulator over HTTP, through the real AWS SDK: what the app lists and
 * shows must be exactly the emulator's truth.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { hasExplicitLaunchPermission } from '../../emulator/world/visibility';
import type { AppCore } from '../../electron/core/app-core';
import type { Workspace } from '../../shared/model';
import { coreOver, failure } from './core-fixture';
import { regionLabel } from '../../shared/region-names';

let emulator: RunningEmulator;
let core: AppCore;
let ws: Workspace;

const entryFor = (awsAccountId: string) => {
  const entry = ws.accounts.find((a) => a.awsAccountId === awsAccountId);
  if (!entry) throw new Error(`no entry for ${awsAccountId}`);
  return entry;
};


beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  core = coreOver(emulator);
  ws = await core.handlers['demo:open']({});
});

afterAll(async () => {
  await core?.close();
  await emulator?.close();
});

describe('demo workspace', () => {
  it('adds every emulator account, grouped by client, verified through STS', () => {
    expect(ws.demo).toBe(true);
    expect(ws.accounts).toHaveLength(emulator.identities.length);
    expect(new Set(ws.clients.map((c) => c.name))).toEqual(new Set(emulator.identities.map((i) => i.clientName)));
    for (const identity of emulator.identities) {
      const entry = entryFor(identity.accountId);
      expect(entry.health).toBe('ok');
      expect(entry.production).toBe(identity.production);
      expect(entry.paths).toHaveLength(1);
      expect(entry.paths[0]!.arn).toMatch(new RegExp(`^arn:aws:iam::${identity.accountId}:`));
      expect(ws.clients.find((c) => c.id === entry.clientId)?.name).toBe(identity.clientName);
    }
  });

  it('never puts a secret into the workspace it hands to the page', () => {
    const json = JSON.stringify(ws);
    for (const identity of emulator.identities) expect(json).not.toContain(identity.secretAccessKey);
  });
});

describe('listing images', () => {
  it('lists exactly the owned images of every account in every region it uses', async () => {
    for (const account of emulator.world.accounts) {
      for (const region of account.regions) {
        const truth = emulator.world
          .imagesIn(region)
          .filter((i) => i.ownerId === account.accountId && i.state !== 'deregistered')
          .map((i) => i.imageId)
          .sort();
        const out = await core.handlers['images:list']({ account: entryFor(account.accountId).id, region, view: 'owned' });
        expect(out.images.map((i) => i.imageId).sort(), `${account.name} ${region}`).toEqual(truth);
        expect(out.images.every((i) => i.region === region && i.ownerId === account.accountId)).toBe(true);
      }
    }
  });

  it('lists exactly the images other accounts shared with this one', async () => {
    let sharedSeen = 0;
    for (const account of emulator.world.accounts) {
      for (const region of account.regions) {
        const truth = emulator.world
          .imagesIn(region)
          .filter((i) => i.ownerId !== account.accountId && i.state !== 'deregistered' && hasExplicitLaunchPermission(account, i))
          .map((i) => i.imageId)
          .sort();
        const out = await core.handlers['images:list']({ account: entryFor(account.accountId).id, region, view: 'shared' });
        expect(out.images.map((i) => i.imageId).sort(), `${account.name} ${region}`).toEqual(truth);
        sharedSeen += truth.length;
      }
    }
    expect(sharedSeen).toBeGreaterThan(0);
  });

  it('still lists everything when AWS throttles a share of the calls', async () => {
    const account = emulator.world.accounts[0]!;
    const region = account.regions[0]!;
    const before = await core.handlers['images:list']({ account: entryFor(account.accountId).id, region, view: 'owned' });
    emulator.setKnobs({ throttleRate: 0.3 });
    try {
      for (let i = 0; i < 3; i++) {
        const out = await core.handlers['images:list']({ account: entryFor(account.accountId).id, region, view: 'owned' });
        expect(out.images.map((x) => x.imageId).sort()).toEqual(before.images.map((x) => x.imageId).sort());
      }
    } finally {
      emulator.setKnobs({ throttleRate: 0 });
    }
  });
});

describe('image details', () => {
  it('shows block devices, snapshots and launch permissions named by our accounts', async () => {
    const shared = emulator.world.accounts
      .flatMap((a) => a.regions.flatMap((r) => emulator.world.imagesIn(r)))
      .find((i) => i.state === 'available' && i.ownerAlias === null && i.launchPermissions.some((p) => p.userId) && i.blockDevices.some((b) => b.ebs?.snapshotId));
    expect(shared, 'the seeded world has a shared EBS image').toBeDefined();
    const image = shared!;
    const detail = await core.handlers['images:get']({ account: entryFor(image.ownerId).id, region: image.region, imageId: image.imageId });

    expect(detail.imageId).toBe(image.imageId);
    expect(detail.name).toBe(image.name);
    expect(detail.blockDevices.map((b) => b.snapshotId)).toEqual(image.blockDevices.map((b) => b.ebs?.snapshotId ?? null));
    const snapshotIds = image.blockDevices.flatMap((b) => (b.ebs?.snapshotId ? [b.ebs.snapshotId] : []));
    expect(detail.snapshots.map((s) => s.snapshotId).sort()).toEqual(snapshotIds.sort());
    for (const s of detail.snapshots) {
      const truth = emulator.world.snapshot(image.region, s.snapshotId)!;
      expect(s.encrypted).toBe(truth.encrypted);
      expect(s.volumeSizeGiB).toBe(truth.volumeSize);
    }
    const userPerms = image.launchPermissions.flatMap((p) => (p.userId ? [p.userId] : []));
    const shown = (detail.launchPermissions ?? []).filter((p) => p.kind === 'account');
    expect(shown.map((p) => p.value).sort()).toEqual(userPerms.sort());
    for (const p of shown) {
      const known = emulator.world.accountById(p.value);
      expect(p.knownAs).toBe(known ? known.name : null);
    }
  });

  it('hides launch permissions from a non-owner, as AWS does', async () => {
    const account = emulator.world.accounts.find((a) =>
      a.regions.some((r) => emulator.world.imagesIn(r).some((i) => i.ownerId !== a.accountId && i.state === 'available' && hasExplicitLaunchPermission(a, i))),
    )!;
    const region = account.regions.find((r) => emulator.world.imagesIn(r).some((i) => i.ownerId !== account.accountId && i.state === 'available' && hasExplicitLaunchPermission(account, i)))!;
    const image = emulator.world.imagesIn(region).find((i) => i.ownerId !== account.accountId && i.state === 'available' && hasExplicitLaunchPermission(account, i))!;
    const detail = await core.handlers['images:get']({ account: entryFor(account.accountId).id, region, imageId: image.imageId });
    expect(detail.ownerId).toBe(image.ownerId);
    expect(detail.launchPermissions).toBeNull();
  });

  it('names the place when an image does not exist', async () => {
    const account = emulator.world.accounts[0]!;
    const error = await failure(core.handlers['images:get']({ account: entryFor(account.accountId).id, region: account.regions[0]!, imageId: 'ami-0000000000000dead' }));
    expect(error.code).toBe('NOT_FOUND');
    // Named as people read it: the account's name and 12-digit id, never an internal id.
    expect(error.message).toContain(`${entryFor(account.accountId).name} (${account.accountId}) · ${regionLabel(account.regions[0]!)}`);
    expect(error.message).not.toContain(entryFor(account.accountId).id);
    expect(error.details?.action).toBe('ec2:DescribeImages');
  });
});

describe('accounts and regions', () => {
  it('lists every region, marking the opt-in ones this account has not enabled', async () => {
    const account = emulator.world.accounts[0]!;
    const regions = await core.handlers['regions:list']({ account: entryFor(account.accountId).id });
    const enabled = emulator.world.regions.filter((r) => r.optInStatus !== 'not-opted-in').map((r) => r.name).sort();
    expect(regions.filter((r) => r.enabled).map((r) => r.name)).toEqual(enabled);
    expect(regions.filter((r) => !r.enabled).map((r) => r.optInStatus)).toEqual(expect.arrayContaining(['not-opted-in']));
    expect(regions.every((r) => !r.favorite)).toBe(true);
  });

  it('remembers favourite regions and leads with them', async () => {
    const entry = entryFor(emulator.world.accounts[0]!.accountId);
    await core.handlers['accounts:update']({ account: entry.id, favoriteRegions: ['eu-west-1', 'us-west-2'] });
    const regions = await core.handlers['regions:list']({ account: entry.id });
    expect(regions.filter((r) => r.favorite).map((r) => r.name).sort()).toEqual(['eu-west-1', 'us-west-2']);
    ws = await core.handlers['workspace:get']({});
    expect(entryFor(emulator.world.accounts[0]!.accountId).favoriteRegions).toEqual(['eu-west-1', 'us-west-2']);
  });

  it('refuses a key AWS rejects and keeps nothing of it', async () => {
    const identity = emulator.identities[0]!;
    const before = (await core.handlers['workspace:get']({})).accounts.length;
    const error = await failure(
      core.handlers['accounts:addAccessKey']({
        name: 'typo',
        clientName: 'Nobody',
        accessKeyId: identity.accessKeyId,
        secretAccessKey: 'x'.repeat(40),
        defaultRegion: 'eu-west-1',
        endpoint: emulator.url,
      }),
    );
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.message).toContain('sts:GetCallerIdentity');
    const after = await core.handlers['workspace:get']({});
    expect(after.accounts).toHaveLength(before);
    expect(after.clients.some((c) => c.name === 'Nobody')).toBe(false);
  });

  it('adds a working key pair into an account it already has as another way in, and removes that path again', async () => {
    const identity = emulator.identities[1]!;
    const before = await core.handlers['workspace:get']({});
    const added = await core.handlers['accounts:addAccessKey']({
      name: 'second entry',
      clientName: 'Own keys',
      accessKeyId: identity.accessKeyId,
      secretAccessKey: identity.secretAccessKey,
      defaultRegion: identity.defaultRegion,
      endpoint: emulator.url,
    });
    expect(added.joined).toBe(true);
    const entry = added.workspace.accounts.find((a) => a.id === added.account)!;
    expect(entry.name).toBe(identity.accountName);
    expect(entry.awsAccountId).toBe(identity.accountId);
    expect(entry.health).toBe('ok');
    expect(entry.paths).toHaveLength(2);
    expect(added.workspace.accounts).toHaveLength(before.accounts.length);
    const removed = await core.handlers['paths:remove']({ path: added.path });
    expect(removed.accounts.find((a) => a.id === entry.id)?.paths).toHaveLength(1);
  });

  it('one unreachable account fails with its own error while the others keep working', async () => {
    const identity = emulator.identities[2]!;
    const added = await core.handlers['accounts:addAccessKey']({
      name: 'offline entry',
      clientName: 'Own keys',
      accessKeyId: identity.accessKeyId,
      secretAccessKey: identity.secretAccessKey,
      defaultRegion: 'eu-west-1',
      endpoint: 'http://127.0.0.1:9', // discard port: nothing listens
    });
    const offline = added.workspace.accounts.find((a) => a.id === added.account)!;
    expect(offline.name).toBe('offline entry');
    const error = await failure(core.handlers['images:list']({ account: offline.id, region: 'eu-west-1', view: 'owned' }));
    expect(error.code).toBe('NETWORK');
    expect(error.retryable).toBe(true);
    const other = emulator.world.accounts[0]!;
    const ok = await core.handlers['images:list']({ account: entryFor(other.accountId).id, region: other.regions[0]!, view: 'owned' });
    expect(ok.images.length).toBeGreaterThan(0);
  });

  it('reports an unknown account entry clearly', async () => {
    const error = await failure(core.handlers['images:list']({ account: 'gone', region: 'eu-west-1', view: 'owned' }));
    expect(error.code).toBe('ACCOUNT_NOT_FOUND');
  });
});
