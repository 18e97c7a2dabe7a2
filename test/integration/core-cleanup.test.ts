/**
 * Cleaning up through the core, against the emulator over HTTP: applying deregisters AMIs with
 * only the snapshots no other AMI uses (the seeded pair sharing one keeps it), skips a protected
 * AMI saying how to turn protection off, refuses a production account without its typed name;
 * the Recycle Bin's coverage per place, a rule added, AMIs restored (snapshots first when the
 * bin holds them) and available again; orphaned snapshots listed with size and cost, and deleted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLEANUP_FIXTURE, startEmulator, type ImageRecord, type RunningEmulator } from '../../emulator';
import type { AppCore } from '../../electron/core/app-core';
import { unpackPage } from '../../shared/inventory';
import type { Workspace } from '../../shared/model';
import { estimateMonthlyCost } from '../../shared/pricing/ebs-snapshots';
import { coreOver, failure } from './core-fixture';
import { regionLabel } from '../../shared/region-names';

let emulator: RunningEmulator;
let core: AppCore;
let ws: Workspace;

const STAGING = 'acme-staging';
const EAST = 'us-east-1';
const WEST = 'us-west-2';
const entry = (name: string) => ws.accounts.find((a) => a.name === name)!;
const worldAccount = (name: string) => emulator.world.accounts.find((a) => a.name === name)!;
const refOf = (name: string, image: ImageRecord) => ({ account: entry(name).id, region: image.region, imageId: image.imageId });
const snapshotIds = (image: ImageRecord): string[] => image.blockDevices.flatMap((d) => (d.ebs?.snapshotId ? [d.ebs.snapshotId] : []));

const taken = new Set<string>();
function take(name: string, region: string, test: (i: ImageRecord) => boolean = () => true): ImageRecord {
  const owner = worldAccount(name).accountId;
  const found = emulator.world
    .imagesIn(region)
    .find((i) => i.ownerId === owner && i.state === 'available' && !taken.has(i.imageId) && snapshotIds(i).length > 0 && test(i));
  if (!found) throw new Error(`no spare image of ${name} in ${region}`);
  taken.add(found.imageId);
  return found;
}

async function ownedRows(name: string, region: string) {
  return unpackPage(await core.handlers['inventory:rows']({ targets: [{ account: entry(name).id, region, view: 'owned' }] }));
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  core = coreOver(emulator, { maxAttempts: 2 });
  ws = await core.handlers['demo:open']({});
  await core.handlers['inventory:scan']({ accounts: [entry(STAGING).id, entry('acme-production').id] });
  await core.inventory.scanFinished();
});

afterAll(async () => {
  await core?.close();
  await emulator?.close();
});

describe('cleanup:apply', () => {
  it('deletes only the snapshots no other AMI uses: of two AMIs sharing a root snapshot, the first keeps it', async () => {
    const shared = CLEANUP_FIXTURE.sharedSnapshot;
    const owner = worldAccount(shared.accountName).accountId;
    const [first, second] = shared.imageNames.map((name) => emulator.world.imagesIn(WEST).find((i) => i.ownerId === owner && i.name === name)!);
    const sharedSnapshot = snapshotIds(first!)[0]!;
    expect(snapshotIds(second!)).toContain(sharedSnapshot);
    taken.add(first!.imageId).add(second!.imageId);
    const own = take(STAGING, WEST);
    expect((await ownedRows(STAGING, WEST)).some((r) => r.imageId === first!.imageId)).toBe(true);

    const progress: Array<{ runId: string; done: number; total: number }> = [];
    const off = core.onEvent((event, payload) => {
      if (event === 'cleanup:progress') progress.push(payload as (typeof progress)[number]);
    });
    let results;
    try {
      results = await core.handlers['cleanup:apply']({ images: [refOf(STAGING, first!), refOf(STAGING, own)], confirmations: {}, runId: 'apply-1' });
    } finally {
      off();
    }
    expect(results.map((r) => r.outcome)).toEqual(['deregistered', 'deregistered']);
    expect(results[0]!.snapshotsDeleted).toEqual([]);
    expect(results[0]!.snapshotsKept).toEqual([{ snapshotId: sharedSnapshot, why: 'another AMI still uses it' }]);
    expect(results[0]!.message).toContain(`Kept ${sharedSnapshot}: another AMI still uses it.`);
    expect(results[0]!.accountName).toBe(STAGING);
    expect(results[1]!.snapshotsDeleted).toEqual(snapshotIds(own));
    expect(progress.at(-1)).toEqual({ runId: 'apply-1', done: 2, total: 2 });

    // In AWS: the shared snapshot is still there for the other AMI; the other's are gone.
    expect(emulator.world.snapshot(WEST, sharedSnapshot)).toBeDefined();
    expect(second!.state).toBe('available');
    for (const id of snapshotIds(own)) expect(emulator.world.snapshot(WEST, id)).toBeUndefined();
    expect(first!.state).toBe('deregistered');

    // The inventory no longer lists them, without a rescan; the audit log names the account.
    const rows = await ownedRows(STAGING, WEST);
    expect(rows.some((r) => r.imageId === first!.imageId || r.imageId === own.imageId)).toBe(false);
    const audit = (await core.handlers['audit:list']({ limit: 50 })).filter((e) => e.action === 'deregister');
    const logged = audit.find((e) => e.imageId === own.imageId)!;
    expect(logged).toMatchObject({ accountName: STAGING, imageName: own.name, outcome: 'ok', snapshotIds: snapshotIds(own) });
    // What people read names accounts by name, never by the app's internal id.
    for (const e of audit) expect(JSON.stringify([e.accountName, e.imageName, e.detail, e.error])).not.toContain(entry(STAGING).id);
    for (const r of results) expect(JSON.stringify([r.message, r.accountName, r.snapshotsKept])).not.toContain(entry(STAGING).id);
  });

  it('skips a protected AMI, saying how to turn protection off, and one gone since the plan', async () => {
    const image = take(STAGING, WEST);
    image.deregistrationProtection = 'enabled';
    const gone = take(STAGING, WEST);
    gone.state = 'deregistered';
    const results = await core.handlers['cleanup:apply']({ images: [refOf(STAGING, image), refOf(STAGING, gone)], confirmations: {} });
    expect(results.map((r) => r.outcome)).toEqual(['skipped', 'skipped']);
    expect(results[0]!.message).toContain('deregistration protection on');
    expect(results[0]!.message).toContain(`disable-image-deregistration-protection --image-id ${image.imageId}`);
    expect(results[1]!.message).toContain(`${gone.imageId} is not in ${STAGING}`);
    gone.state = 'available';
    expect(image.state).toBe('available');
    for (const id of snapshotIds(image)) expect(emulator.world.snapshot(WEST, id)).toBeDefined();
  });

  it('refuses a production account without its typed name, and sends nothing', async () => {
    const image = take('acme-production', EAST);
    const refused = await failure(core.handlers['cleanup:apply']({ images: [refOf('acme-production', image)], confirmations: {} }));
    expect(refused.code).toBe('CONFIRMATION_REQUIRED');
    expect(refused.message).toContain('acme-production');
    expect(image.state).toBe('available');
    const wrong = await failure(core.handlers['cleanup:apply']({ images: [refOf('acme-production', image)], confirmations: { [entry('acme-production').id]: 'acme-prod' } }));
    expect(wrong.code).toBe('CONFIRMATION_REQUIRED');
    const done = await core.handlers['cleanup:apply']({ images: [refOf('acme-production', image)], confirmations: { [entry('acme-production').id]: 'acme-production' } });
    expect(done[0]!.outcome).toBe('deregistered');
  });
});

describe('the Recycle Bin', () => {
  it('says per place what the bin keeps, and lists the AMI it holds', async () => {
    const rules = CLEANUP_FIXTURE.binRules;
    const { coverage, images } = await core.handlers['cleanup:recycleBin']({ places: [{ account: entry(STAGING).id, region: EAST }, { account: entry(STAGING).id, region: WEST }] });
    expect(coverage).toEqual([
      { account: entry(STAGING).id, accountName: STAGING, region: EAST, imageRetentionDays: rules.imageRetentionDays, snapshotRetentionDays: rules.snapshotRetentionDays, taggedRules: [`AMIs tagged Team=checkout: ${rules.taggedImageRetentionDays} days`], error: null },
      { account: entry(STAGING).id, accountName: STAGING, region: WEST, imageRetentionDays: null, snapshotRetentionDays: null, taggedRules: [], error: null },
    ]);
    expect(images.map((i) => i.name)).toContain(CLEANUP_FIXTURE.inBin.imageName);
    expect(images.every((i) => i.region === EAST && i.accountName === STAGING)).toBe(true);
  });

  it('adds a rule for AMIs and snapshots where there was none', async () => {
    const coverage = await core.handlers['cleanup:createRule']({ account: entry(STAGING).id, region: WEST, retentionDays: 10, snapshotsToo: true, confirmations: {} });
    expect(coverage).toMatchObject({ accountName: STAGING, region: WEST, imageRetentionDays: 10, snapshotRetentionDays: 10, error: null });
    const audit = (await core.handlers['audit:list']({ limit: 50 })).find((e) => e.action === 'recycle-bin-rule');
    expect(audit).toMatchObject({ accountName: STAGING, region: WEST, outcome: 'ok' });
    const refused = await failure(core.handlers['cleanup:createRule']({ account: entry('acme-production').id, region: WEST, retentionDays: 10, snapshotsToo: false, confirmations: {} }));
    expect(refused.code).toBe('CONFIRMATION_REQUIRED');
  });

  it('restores the seeded AMI: DescribeImages shows it available and the inventory lists it', async () => {
    const { images } = await core.handlers['cleanup:recycleBin']({ places: [{ account: entry(STAGING).id, region: EAST }] });
    const held = images.find((i) => i.name === CLEANUP_FIXTURE.inBin.imageName)!;
    const record = emulator.world.image(EAST, held.imageId)!;
    const snapshot = snapshotIds(record)[0]!;
    expect(record.state).toBe('deregistered');

    const out = await core.handlers['cleanup:restore']({ account: entry(STAGING).id, region: EAST, imageId: held.imageId, confirmations: {} });
    expect(out.message).toContain(`Restored ${CLEANUP_FIXTURE.inBin.imageName}`);
    expect(out.message).toContain('available again');
    const logged = (await core.handlers['audit:list']({ limit: 50 })).find((e) => e.action === 'restore' && e.imageId === held.imageId);
    expect(logged).toMatchObject({ accountName: STAGING, imageName: CLEANUP_FIXTURE.inBin.imageName, outcome: 'ok' });
    const described = await core.handlers['images:get']({ account: entry(STAGING).id, region: EAST, imageId: held.imageId });
    expect(described.state).toBe('available');
    expect(emulator.world.snapshot(EAST, snapshot)).toBeDefined();
    expect((await ownedRows(STAGING, EAST)).some((r) => r.imageId === held.imageId)).toBe(true);
    const again = await failure(core.handlers['cleanup:restore']({ account: entry(STAGING).id, region: EAST, imageId: held.imageId, confirmations: {} }));
    expect(again.code).toBe('NOT_FOUND');
    expect(again.message).toContain(`Recycle Bin of ${STAGING}`);
  });

  it('puts an applied AMI in the bin where a rule keeps it, and brings it back', async () => {
    const image = take(STAGING, EAST, (i) => i.deregistrationProtection !== 'enabled');
    // A snapshot whose description names no AMI (registered from a snapshot made by hand): found through the audit log.
    emulator.world.snapshot(EAST, snapshotIds(image)[0]!)!.description = 'root volume before the upgrade';
    const [result] = await core.handlers['cleanup:apply']({ images: [refOf(STAGING, image)], confirmations: {} });
    expect(result!.outcome).toBe('deregistered');
    expect(result!.message).toContain(`The Recycle Bin keeps it ${CLEANUP_FIXTURE.binRules.imageRetentionDays} days.`);
    for (const id of snapshotIds(image)) expect(emulator.world.snapshot(EAST, id)).toBeUndefined();
    const out = await core.handlers['cleanup:restore']({ account: entry(STAGING).id, region: EAST, imageId: image.imageId, confirmations: {} });
    expect(out.message).toContain('available again');
    // Its snapshots came back from the bin first, named in the message.
    for (const id of snapshotIds(image)) expect(out.message).toContain(id);
    expect(image.state).toBe('available');
    for (const id of snapshotIds(image)) expect(emulator.world.snapshot(EAST, id)).toBeDefined();
  });
});

describe('orphaned snapshots', () => {
  it('lists the snapshots of AMIs that no longer exist with size and cost, and deletes them', async () => {
    // An AMI deregistered outside the app, its snapshots left behind.
    const dropped = take(STAGING, WEST);
    dropped.state = 'deregistered';
    const { snapshots: orphans, unread } = await core.handlers['cleanup:orphans']({ accounts: [entry(STAGING).id], regions: [WEST, EAST] });
    expect(unread).toEqual([]);
    const seeded = CLEANUP_FIXTURE.orphans.filter((o) => o.accountName === STAGING && o.region === WEST);
    const west = orphans.filter((o) => o.region === WEST);
    const droppedSizes = dropped.blockDevices.flatMap((d) => (d.ebs?.snapshotId ? [d.ebs.volumeSize] : []));
    expect(west.map((o) => o.sizeGiB).sort((a, b) => a - b)).toEqual([...seeded.map((o) => o.sizeGiB), ...droppedSizes].sort((a, b) => a - b));
    expect(west.filter((o) => o.imageId === dropped.imageId).map((o) => o.snapshotId).sort()).toEqual(snapshotIds(dropped).sort());
    for (const o of west) {
      expect(o.accountName).toBe(STAGING);
      expect(emulator.world.image(WEST, o.imageId)?.state ?? 'gone').not.toBe('available');
      expect(o.description).toContain(o.imageId);
      expect(o.monthlyCost).toBeCloseTo(estimateMonthlyCost(o.sizeGiB, WEST)!.usd, 6);
    }
    expect(west.some((o) => o.description.startsWith('Copied for DestinationAmi '))).toBe(true);
    // Snapshots of registered AMIs are not orphans, even one made for an AMI that is gone (the shared root snapshot).
    const sharedRoot = snapshotIds(emulator.world.imagesIn(WEST).find((i) => i.name === CLEANUP_FIXTURE.sharedSnapshot.imageNames[1])!)[0]!;
    expect(orphans.some((o) => o.snapshotId === sharedRoot)).toBe(false);
    const owner = worldAccount(STAGING).accountId;
    const used = emulator.world.imagesIn(WEST).filter((i) => i.ownerId === owner && i.state === 'available').flatMap(snapshotIds);
    expect(orphans.some((o) => used.includes(o.snapshotId))).toBe(false);

    const progress: number[] = [];
    const off = core.onEvent((event, payload) => {
      if (event === 'cleanup:progress') progress.push((payload as { done: number }).done);
    });
    let results;
    try {
      results = await core.handlers['cleanup:deleteSnapshots']({ snapshots: west.map((o) => ({ account: o.account, region: o.region, snapshotId: o.snapshotId })), confirmations: {}, runId: 'snap-1' });
    } finally {
      off();
    }
    expect(results.map((r) => r.outcome)).toEqual(west.map(() => 'deleted'));
    expect(results[0]!.message).toContain(`(${west[0]!.sizeGiB} GiB) in ${STAGING}`);
    expect(progress.at(-1)).toBe(west.length);
    for (const o of west) expect(emulator.world.snapshot(WEST, o.snapshotId)).toBeUndefined();
    const { snapshots: after } = await core.handlers['cleanup:orphans']({ accounts: [entry(STAGING).id], regions: [WEST] });
    expect(after).toEqual([]);

    // A snapshot a registered AMI uses is refused in words, per snapshot.
    const inUse = take(STAGING, WEST);
    const [refused] = await core.handlers['cleanup:deleteSnapshots']({ snapshots: [{ account: entry(STAGING).id, region: WEST, snapshotId: snapshotIds(inUse)[0]! }], confirmations: {} });
    expect(refused).toMatchObject({ outcome: 'failed', accountName: STAGING });
    expect(refused!.error?.code).toBe('CONFLICT');
    expect(refused!.message).toContain(`still used by ${inUse.imageId}`);
  });
});

describe('failures are values naming the account and region', () => {
  it('a refused deregistration, unreadable bin rules and an unreadable region of orphans', async () => {
    const staging = worldAccount(STAGING).accountId;
    const image = take(STAGING, EAST, (i) => i.deregistrationProtection !== 'enabled');
    emulator.denyAction(staging, 'DeregisterImage');
    emulator.denyAction(staging, 'rbin:ListRules');
    emulator.denyAction(staging, 'DescribeSnapshots', [WEST]);
    try {
      const [refused] = await core.handlers['cleanup:apply']({ images: [refOf(STAGING, image)], confirmations: {} });
      expect(refused).toMatchObject({ outcome: 'failed', accountName: STAGING, name: image.name });
      expect(refused!.error?.code).toBe('ACCESS_DENIED');
      expect(refused!.message).toContain(`${STAGING} (${staging}) · ${regionLabel(EAST)}`);
      expect(image.state).toBe('available');
      const audit = (await core.handlers['audit:list']({ limit: 50 })).find((e) => e.imageId === image.imageId && e.action === 'deregister');
      expect(audit).toMatchObject({ outcome: 'failed', accountName: STAGING });

      const { coverage } = await core.handlers['cleanup:recycleBin']({ places: [{ account: entry(STAGING).id, region: EAST }] });
      expect(coverage[0]!.error).toContain(`Its Recycle Bin rules could not be read: Access denied in ${STAGING} (${staging}) · ${regionLabel(EAST)}`);
      expect(coverage[0]!.imageRetentionDays).toBeNull();
      // The bin's AMIs are read all the same.
      expect(coverage[0]!.error).not.toContain('could not be listed');

      const { snapshots: orphans, unread } = await core.handlers['cleanup:orphans']({ accounts: [entry(STAGING).id, entry('globex-dev').id], regions: [WEST, 'eu-west-1'] });
      // globex-dev's seeded orphan is still found; acme-staging's us-west-2 is named as unread.
      expect(orphans.some((o) => o.accountName === 'globex-dev' && o.region === 'eu-west-1' && o.sizeGiB === 50)).toBe(true);
      expect(orphans.some((o) => o.accountName === STAGING && o.region === WEST)).toBe(false);
      expect(unread.map((e) => e.code)).toEqual(['ACCESS_DENIED']);
      expect(unread[0]!.message).toContain(`${STAGING} (${staging}) · ${regionLabel(WEST)}`);

      const none = await failure(core.handlers['cleanup:orphans']({ accounts: [entry(STAGING).id], regions: [WEST] }));
      expect(none.code).toBe('ACCESS_DENIED');
    } finally {
      emulator.allowAction(staging, 'DeregisterImage');
      emulator.allowAction(staging, 'rbin:ListRules');
      emulator.allowAction(staging, 'DescribeSnapshots');
    }
  });
});
