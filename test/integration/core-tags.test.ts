/**
 * Tags through the core, against the emulator over HTTP: 20 AMIs tagged in one call with their
 * snapshots (one CreateTags for the account-region), a tag changed and a key removed, the
 * production guard, a shared image refused per image naming the accounts, `aws:` keys and other
 * edits refused in words, AMIs gone or over the tag limit failing alone, the inventory rows
 * following without a rescan, progress events, and the audit log naming accounts by name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type ImageRecord, type RunningEmulator } from '../../emulator';
import { hasUserLaunchPermission } from '../../emulator/world/visibility';
import type { AppCore } from '../../electron/core/app-core';
import { unpackPage } from '../../shared/inventory';
import type { Workspace } from '../../shared/model';
import { coreOver, failure } from './core-fixture';

let emulator: RunningEmulator;
let core: AppCore;
let ws: Workspace;

const EAST = 'us-east-1';
const entry = (name: string) => ws.accounts.find((a) => a.name === name)!;
const worldAccount = (name: string) => emulator.world.accounts.find((a) => a.name === name)!;
const refOf = (name: string, image: ImageRecord) => ({ account: entry(name).id, region: image.region, imageId: image.imageId });
const snapshotIds = (image: ImageRecord): string[] => image.blockDevices.flatMap((d) => (d.ebs?.snapshotId ? [d.ebs.snapshotId] : []));
const tagsOf = (tags: ReadonlyArray<{ key: string; value: string }>): Record<string, string> => Object.fromEntries(tags.map((t) => [t.key, t.value]));

const taken = new Set<string>();
/** Available, not-yet-used images of an account in a region. */
function take(name: string, region: string, count: number, test: (i: ImageRecord) => boolean = () => true): ImageRecord[] {
  const owner = worldAccount(name).accountId;
  const found = emulator.world
    .imagesIn(region)
    .filter((i) => i.ownerId === owner && i.state === 'available' && !taken.has(i.imageId) && test(i))
    .slice(0, count);
  if (found.length < count) throw new Error(`only ${found.length} spare images of ${name} in ${region}`);
  for (const i of found) taken.add(i.imageId);
  return found;
}

async function ownedRows(name: string, region: string) {
  return unpackPage(await core.handlers['inventory:rows']({ targets: [{ account: entry(name).id, region, view: 'owned' }] }));
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  core = coreOver(emulator, { maxAttempts: 2 });
  ws = await core.handlers['demo:open']({});
  await core.handlers['inventory:scan']({ accounts: [entry('acme-staging').id, entry('acme-production').id, entry('initech-sandbox').id] });
  await core.inventory.scanFinished();
});

afterAll(async () => {
  await core?.close();
  await emulator?.close();
});

describe('lifecycle:tag', () => {
  const ebs = (i: ImageRecord) => snapshotIds(i).length > 0;

  it('tags 20 AMIs and their snapshots in one call, one CreateTags for the account-region; the inventory follows without a rescan', async () => {
    const images = take('acme-staging', EAST, 20, ebs);
    const refs = images.map((i) => refOf('acme-staging', i));
    // The path is verified before the count starts, so only the tag work is counted.
    await core.handlers['images:get'](refs[0]!);
    const progress: Array<{ runId: string; done: number; total: number }> = [];
    const rowEvents: Array<{ target: { account: string; view: string }; rows: Array<{ imageId: string; tags: Array<{ key: string; value: string }> }> }> = [];
    const off = core.onEvent((event, payload) => {
      if (event === 'lifecycle:tagProgress') progress.push(payload as (typeof progress)[number]);
      if (event === 'inventory:targetRows') rowEvents.push(payload as (typeof rowEvents)[number]);
    });
    const before = emulator.stats().requests;
    let results;
    try {
      results = await core.handlers['lifecycle:tag']({
        images: refs,
        set: [{ key: 'CostCentre', value: 'cc-42' }, { key: 'Team', value: 'hygiene' }],
        remove: [],
        snapshotsToo: true,
        runId: 'run-1',
      });
    } finally {
      off();
    }
    // DescribeImages, DescribeSnapshots, CreateTags: no call per image.
    expect(emulator.stats().requests - before).toBe(3);
    expect(results.map((r) => r.outcome)).toEqual(images.map(() => 'changed'));
    expect(results.map((r) => r.ref.imageId)).toEqual(images.map((i) => i.imageId));
    for (const [i, image] of images.entries()) {
      expect(tagsOf(image.tags)).toMatchObject({ CostCentre: 'cc-42', Team: 'hygiene' });
      for (const id of snapshotIds(image)) expect(tagsOf(emulator.world.snapshot(EAST, id)!.tags)).toMatchObject({ CostCentre: 'cc-42', Team: 'hygiene' });
      expect(results[i]!.snapshotIds).toEqual(snapshotIds(image));
      expect(results[i]!.tags).toEqual(image.tags);
      expect(results[i]!.message).toContain('CostCentre=cc-42 added');
    }
    expect(progress.at(-1)).toEqual({ runId: 'run-1', done: 20, total: 20 });

    // The inventory rows carry the new tags at once, and the page was sent the target.
    const rows = await ownedRows('acme-staging', EAST);
    for (const image of images) expect(tagsOf(rows.find((r) => r.imageId === image.imageId)!.tags)).toMatchObject({ CostCentre: 'cc-42', Team: 'hygiene' });
    const sent = rowEvents.filter((e) => e.target.account === entry('acme-staging').id && e.target.view === 'owned').at(-1)!;
    expect(tagsOf(sent.rows.find((r) => r.imageId === images[0]!.imageId)!.tags)).toMatchObject({ Team: 'hygiene' });

    // One audit entry per AMI, naming the account by name, with the snapshots.
    const audit = (await core.handlers['audit:list']({ limit: 50 })).filter((e) => e.action === 'tag');
    for (const image of images) {
      const entryOf = audit.find((e) => e.imageId === image.imageId)!;
      expect(entryOf).toMatchObject({ accountName: 'acme-staging', awsAccountId: worldAccount('acme-staging').accountId, outcome: 'ok', imageName: image.name, snapshotIds: snapshotIds(image) });
      expect(entryOf.detail).toContain('CostCentre=cc-42 added');
      expect(entryOf.detail).toMatch(/also on its (\d+ snapshots|snapshot)\./);
    }
  });

  it('changes a value and removes a key; a second time is unchanged and sends nothing', async () => {
    const images = take('acme-staging', EAST, 3, ebs);
    const refs = images.map((i) => refOf('acme-staging', i));
    await core.handlers['lifecycle:tag']({ images: refs, set: [{ key: 'Stage', value: 'dev' }, { key: 'Owner', value: 'ana' }], remove: [], snapshotsToo: true });
    const changed = await core.handlers['lifecycle:tag']({ images: refs, set: [{ key: 'Stage', value: 'prod' }], remove: ['Owner'], snapshotsToo: true });
    expect(changed.map((r) => r.outcome)).toEqual(['changed', 'changed', 'changed']);
    expect(changed[0]!.message).toContain('Stage dev → prod; Owner removed');
    for (const image of images) {
      expect(tagsOf(image.tags)).toMatchObject({ Stage: 'prod' });
      expect(tagsOf(image.tags)).not.toHaveProperty('Owner');
      for (const id of snapshotIds(image)) expect(tagsOf(emulator.world.snapshot(EAST, id)!.tags)).not.toHaveProperty('Owner');
    }
    const rows = await ownedRows('acme-staging', EAST);
    expect(tagsOf(rows.find((r) => r.imageId === images[0]!.imageId)!.tags)).not.toHaveProperty('Owner');

    const before = emulator.stats().requests;
    const again = await core.handlers['lifecycle:tag']({ images: refs, set: [{ key: 'Stage', value: 'prod' }], remove: ['Owner'], snapshotsToo: true });
    expect(again.map((r) => r.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(emulator.stats().requests - before).toBe(2); // the reads only
    expect((await core.handlers['audit:list']({ limit: 5 }))[0]).toMatchObject({ action: 'tag', outcome: 'unchanged' });
  });

  it('without snapshots, leaves the snapshots alone', async () => {
    const [image] = take('acme-staging', EAST, 1, ebs);
    const [result] = await core.handlers['lifecycle:tag']({ images: [refOf('acme-staging', image!)], set: [{ key: 'OnlyImage', value: 'yes' }], remove: [], snapshotsToo: false });
    expect(result).toMatchObject({ outcome: 'changed', snapshotIds: [] });
    for (const id of snapshotIds(image!)) expect(tagsOf(emulator.world.snapshot(EAST, id)!.tags)).not.toHaveProperty('OnlyImage');
  });

  it('refuses a production account without its typed name, and changes it with it', async () => {
    const [image] = take('acme-production', EAST, 1);
    const ref = refOf('acme-production', image!);
    const refused = await failure(core.handlers['lifecycle:tag']({ images: [ref], set: [{ key: 'Team', value: 'x' }], remove: [], snapshotsToo: false }));
    expect(refused.code).toBe('CONFIRMATION_REQUIRED');
    expect(refused.message).toContain('acme-production');
    expect(tagsOf(image!.tags).Team).not.toBe('x');
    const [done] = await core.handlers['lifecycle:tag']({ images: [ref], set: [{ key: 'Team', value: 'x' }], remove: [], snapshotsToo: false, confirmations: { [ref.account]: 'acme-production' } });
    expect(done!.outcome).toBe('changed');
    expect(tagsOf(image!.tags).Team).toBe('x');
  });

  it('refuses an image only shared with the account, per image, naming both accounts; the others change', async () => {
    const sandbox = worldAccount('initech-sandbox');
    const shared = emulator.world.imagesIn(EAST).find((i) => i.ownerId !== sandbox.accountId && i.state === 'available' && hasUserLaunchPermission(sandbox.accountId, i))!;
    const ownerName = emulator.world.accounts.find((a) => a.accountId === shared.ownerId)!.name;
    const [own] = take('initech-sandbox', EAST, 1);
    const before = tagsOf(shared.tags);
    const results = await core.handlers['lifecycle:tag']({
      images: [refOf('initech-sandbox', shared), refOf('initech-sandbox', own!)],
      set: [{ key: 'Reviewed', value: 'yes' }],
      remove: [],
      snapshotsToo: false,
    });
    expect(results[0]).toMatchObject({ outcome: 'failed', error: { code: 'ACCESS_DENIED' } });
    expect(results[0]!.message).toContain('initech-sandbox');
    expect(results[0]!.message).toContain(ownerName);
    expect(results[1]!.outcome).toBe('changed');
    expect(tagsOf(shared.tags)).toEqual(before);
    const audit = await core.handlers['audit:list']({ limit: 5 });
    expect(audit.find((e) => e.imageId === shared.imageId)).toMatchObject({ action: 'tag', outcome: 'failed', accountName: 'initech-sandbox' });
  });

  it('refuses aws: keys, duplicates, keys in both lists, over-long keys and empty edits in words, before asking AWS', async () => {
    const [image] = take('acme-staging', EAST, 1);
    const ref = refOf('acme-staging', image!);
    const before = emulator.stats().requests;
    const tag = (set: Array<{ key: string; value: string }>, remove: string[] = []) => failure(core.handlers['lifecycle:tag']({ images: [ref], set, remove, snapshotsToo: false }));
    const reserved = await tag([{ key: 'aws:createdBy', value: 'me' }]);
    expect(reserved.code).toBe('VALIDATION');
    expect(reserved.message).toMatch(/“aws:createdBy” starts with “aws:”, which AWS keeps for its own tags/);
    expect((await tag([{ key: 'Team', value: 'a' }, { key: 'Team', value: 'b' }])).message).toContain('Team is set twice');
    expect((await tag([{ key: 'Team', value: 'a' }], ['Team'])).message).toContain('Team is both set and removed');
    expect((await tag([{ key: 'k'.repeat(129), value: 'a' }])).message).toContain('129 characters long; AWS allows 128');
    expect((await tag([{ key: 'Team', value: 'v'.repeat(257) }])).message).toContain('The value of Team is 257 characters long; AWS allows 256');
    expect((await tag([{ key: ' ', value: 'a' }])).message).toContain('Enter a key');
    expect((await tag([])).message).toContain('Add, change or remove at least one tag');
    expect(emulator.stats().requests).toBe(before);
  });

  it('an AMI gone or over the 50-tag limit fails alone; the rest of the batch changes', async () => {
    const [gone, full, fine] = take('acme-staging', EAST, 3);
    gone!.state = 'deregistered';
    full!.tags = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: String(i) }));
    const results = await core.handlers['lifecycle:tag']({
      images: [gone!, full!, fine!].map((i) => refOf('acme-staging', i)),
      set: [{ key: 'Fresh', value: 'tag' }],
      remove: [],
      snapshotsToo: false,
    });
    expect(results.map((r) => r.outcome)).toEqual(['failed', 'failed', 'changed']);
    expect(results[0]!.message).toContain('is not in acme-staging');
    expect(results[0]!.error?.code).toBe('NOT_FOUND');
    expect(results[1]!.message).toMatch(/would have 51 tags; AWS allows 50/);
    expect(tagsOf(fine!.tags)).toHaveProperty('Fresh', 'tag');
    // Changing a value on the full image adds no tag, so it is fine.
    const [changed] = await core.handlers['lifecycle:tag']({ images: [refOf('acme-staging', full!)], set: [{ key: 'k1', value: 'new' }], remove: [], snapshotsToo: false });
    expect(changed!.outcome).toBe('changed');
  });

  it('a denied CreateTags fails the account-region’s AMIs with the reason, naming the account', async () => {
    const images = take('acme-staging', 'us-west-2', 2);
    emulator.denyAction(worldAccount('acme-staging').accountId, 'CreateTags');
    try {
      const results = await core.handlers['lifecycle:tag']({ images: images.map((i) => refOf('acme-staging', i)), set: [{ key: 'Denied', value: 'x' }], remove: [], snapshotsToo: false });
      expect(results.map((r) => r.outcome)).toEqual(['failed', 'failed']);
      expect(results[0]!.error?.code).toBe('ACCESS_DENIED');
      expect(results[0]!.message).toContain('acme-staging');
      expect(results[0]!.message).toContain('us-west-2');
      expect(results[0]!.message).toContain('ec2:CreateTags');
    } finally {
      emulator.allowAction(worldAccount('acme-staging').accountId, 'CreateTags');
    }
  });
});
