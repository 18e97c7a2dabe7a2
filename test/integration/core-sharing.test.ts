/**
 * Sharing through the core, against the emulator over HTTP with the real SDK: what the
 * recipients see afterwards is the emulator's truth, AWS's refusals come back per image with
 * their reason, and the audit log records (and undoes) every change.
 */
import { GetKeyPolicyCommand, KMSClient, PutKeyPolicyCommand } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOCK_PUBLIC_ACCESS_FIXTURE, PRODUCT_CODE_FIXTURE, startEmulator, type RunningEmulator } from '../../emulator';
import type { ImageRecord } from '../../emulator/world/model';
import type { AppCore } from '../../electron/core/app-core';
import type { AccountSummary, Workspace } from '../../shared/model';
import type { ShareEntity } from '../../shared/sharing';
import { coreOver, failure } from './core-fixture';

let emulator: RunningEmulator;
let core: AppCore;
let ws: Workspace;

const entry = (name: string): AccountSummary => {
  const found = ws.accounts.find((a) => a.name === name);
  if (!found) throw new Error(`no entry ${name}`);
  return found;
};
const worldAccount = (name: string) => emulator.world.accounts.find((a) => a.name === name)!;
const account = (name: string): ShareEntity => ({ kind: 'account', awsAccountId: entry(name).awsAccountId! });
const confirm = (...names: string[]) => Object.fromEntries(names.map((n) => [entry(n).id, n]));

/** Private, unencrypted, available EBS images an account owns in a region. */
function plainImages(owner: string, region: string, count: number): ImageRecord[] {
  const ownerId = worldAccount(owner).accountId;
  const images = emulator.world
    .imagesIn(region)
    .filter(
      (i) =>
        i.ownerId === ownerId &&
        i.state === 'available' &&
        i.deprecationTime === null &&
        i.rootDeviceType === 'ebs' &&
        i.launchPermissions.length === 0 &&
        i.productCodes.length === 0 &&
        i.blockDevices.every((b) => !b.ebs?.encrypted),
    )
    .slice(0, count);
  expect(images.length, `${owner} has ${count} plain images in ${region}`).toBe(count);
  return images;
}

const refOf = (owner: string, image: ImageRecord) => ({ account: entry(owner).id, region: image.region, imageId: image.imageId });

async function sharedWith(name: string, region: string): Promise<string[]> {
  const out = await core.handlers['images:list']({ account: entry(name).id, region, view: 'shared' });
  return out.images.map((i) => i.imageId);
}


beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  core = coreOver(emulator, { maxAttempts: 2 });
  ws = await core.handlers['demo:open']({});
});

afterAll(async () => {
  await core?.close();
  await emulator?.close();
});

describe('sharing with a client', () => {
  it('shares three images with both accounts of a client; they see them; the snapshots follow; undo takes it back', async () => {
    const images = plainImages('globex-prod', 'eu-central-1', 3);
    const request = {
      images: images.map((i) => refOf('globex-prod', i)),
      add: [account('acme-production'), account('acme-staging')],
      remove: [],
      snapshots: true,
    };
    const plan = await core.handlers['sharing:plan'](request);
    expect(plan.items.map((i) => i.willAdd.length)).toEqual([2, 2, 2]);
    expect(plan.items.every((i) => i.blockers.length === 0)).toBe(true);
    expect(plan.confirmAccounts).toEqual([{ account: entry('globex-prod').id, name: 'globex-prod' }]);

    const refused = await failure(core.handlers['sharing:apply']({ ...request, confirmations: {} }));
    expect(refused.code).toBe('CONFIRMATION_REQUIRED');
    expect(await sharedWith('acme-staging', 'eu-central-1')).not.toContain(images[0]!.imageId);

    const result = await core.handlers['sharing:apply']({ ...request, confirmations: confirm('globex-prod') });
    expect(result.items.map((i) => i.outcome)).toEqual(['changed', 'changed', 'changed']);
    for (const name of ['acme-production', 'acme-staging']) {
      expect(await sharedWith(name, 'eu-central-1')).toEqual(expect.arrayContaining(images.map((i) => i.imageId)));
    }
    for (const image of images) {
      for (const device of image.blockDevices) {
        const snapshot = emulator.world.snapshot(image.region, device.ebs!.snapshotId!)!;
        expect(snapshot.createVolumePermissions.map((p) => p.userId).sort()).toEqual([entry('acme-production').awsAccountId, entry('acme-staging').awsAccountId].sort());
      }
    }

    const again = await core.handlers['sharing:apply']({ ...request, confirmations: confirm('globex-prod') });
    expect(again.items.map((i) => i.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(again.items[0]!.message).toMatch(/^Already shared with 2 accounts/);

    const log = await core.handlers['audit:list']({ limit: 50 });
    const shares = log.filter((e) => e.action === 'share' && e.outcome === 'ok' && images.some((i) => i.imageId === e.imageId));
    expect(shares).toHaveLength(3);
    expect(shares.every((e) => e.undoable && e.snapshotIds.length > 0)).toBe(true);

    for (const e of shares) {
      const undone = await core.handlers['audit:undo']({ id: e.id, confirmations: confirm('globex-prod') });
      expect(undone.items[0]!.outcome).toBe('changed');
    }
    for (const name of ['acme-production', 'acme-staging']) {
      const visible = await sharedWith(name, 'eu-central-1');
      for (const image of images) expect(visible).not.toContain(image.imageId);
    }
    const twice = await failure(core.handlers['audit:undo']({ id: shares[0]!.id, confirmations: confirm('globex-prod') }));
    expect(twice.code).toBe('CONFLICT');
    expect(twice.message).toMatch(/already undone/);
  });

  it('unsharing what is not shared is harmless and says so', async () => {
    const [image] = plainImages('acme-staging', 'us-east-1', 1);
    const result = await core.handlers['sharing:apply']({
      images: [refOf('acme-staging', image!)],
      add: [],
      remove: [account('globex-dev')],
      snapshots: false,
      confirmations: {},
    });
    expect(result.items[0]).toMatchObject({ outcome: 'unchanged', message: expect.stringMatching(/^Not shared with 1 account/) });
  });

  it('shares with an organization: every account in it can launch the image', async () => {
    const image = plainImages('acme-staging', 'us-east-1', 3)[2];
    const org = worldAccount('acme-production').organizationArn;
    const result = await core.handlers['sharing:apply']({
      images: [refOf('acme-staging', image!)],
      add: [{ kind: 'organization', arn: org }],
      remove: [],
      snapshots: false,
      confirmations: {},
    });
    expect(result.items[0]!.outcome).toBe('changed');
    expect(await sharedWith('acme-production', 'us-east-1')).toContain(image!.imageId);
    expect(await sharedWith('initech-sandbox', 'us-east-1')).not.toContain(image!.imageId);
  });
});

describe('encryption', () => {
  it('refuses images whose snapshots use the AWS managed key, with the fix', async () => {
    const owner = worldAccount('globex-prod');
    const image = owner.regions
      .flatMap((r) => emulator.world.imagesIn(r))
      .find((i) => i.ownerId === owner.accountId && i.state === 'available' && i.name.startsWith('svc-orders-') && !i.name.startsWith('svc-orders-rc'))!;
    expect(image).toBeDefined();
    const plan = await core.handlers['sharing:plan']({ images: [refOf('globex-prod', image)], add: [account('globex-dev')], remove: [], snapshots: true });
    expect(plan.items[0]!.blockers.map((b) => b.code)).toEqual(['AWS_MANAGED_KEY']);
    const result = await core.handlers['sharing:apply']({
      images: [refOf('globex-prod', image)],
      add: [account('globex-dev')],
      remove: [],
      snapshots: true,
      confirmations: confirm('globex-prod'),
    });
    expect(result.items[0]!.outcome).toBe('blocked');
    expect(await sharedWith('globex-dev', image.region)).not.toContain(image.imageId);
  });

  it('warns about a customer managed key and fills in the key-policy statement', async () => {
    const owner = worldAccount('acme-staging');
    const image = owner.regions
      .flatMap((r) => emulator.world.imagesIn(r))
      .find((i) => i.ownerId === owner.accountId && i.state === 'available' && i.blockDevices.some((b) => b.ebs?.encrypted))!;
    expect(image).toBeDefined();
    const plan = await core.handlers['sharing:plan']({ images: [refOf('acme-staging', image)], add: [account('globex-dev')], remove: [], snapshots: true });
    const warning = plan.items[0]!.warnings.find((w) => w.code === 'CUSTOMER_KEY');
    expect(plan.items[0]!.blockers).toEqual([]);
    expect(warning?.policyStatement).toContain(`arn:aws:iam::${entry('globex-dev').awsAccountId}:root`);
    expect(warning?.keyArn).toBe(image.blockDevices.find((b) => b.ebs?.encrypted)!.ebs!.kmsKeyId);
  });
});

describe('shares the recipients cannot use yet', () => {
  it('a share under a customer managed key is reported as not launchable until the key policy allows the recipient, with the statement that then does', async () => {
    const owner = worldAccount('acme-staging');
    const image = emulator.world
      .imagesIn('us-east-1')
      .filter((i) => i.ownerId === owner.accountId && i.state === 'available' && i.launchPermissions.length === 0 && i.productCodes.length === 0)
      .find((i) => i.blockDevices.some((b) => b.ebs?.encrypted && emulator.world.kmsKey(b.ebs.kmsKeyId ?? '')?.managedBy === 'customer'))!;
    expect(image).toBeDefined();
    const keyArn = image.blockDevices.find((b) => b.ebs?.encrypted)!.ebs!.kmsKeyId!;
    const result = await core.handlers['sharing:apply']({
      images: [refOf('acme-staging', image)],
      add: [account('initech-sandbox')],
      remove: [],
      snapshots: true,
      confirmations: {},
    });
    const [item] = result.items;
    expect(item!.outcome).toBe('changed');
    expect(item!.message).toMatch(/^Shared with 1 account[^]*cannot launch or copy it yet/);
    expect(item!.message).toContain(keyArn);
    expect(item!.keyPolicies).toHaveLength(1);
    expect(item!.keyPolicies![0]!.keyArn).toBe(keyArn);
    const statement = JSON.parse(item!.keyPolicies![0]!.statement) as { Principal: { AWS: string } };
    expect(statement.Principal.AWS).toBe(`arn:aws:iam::${entry('initech-sandbox').awsAccountId}:root`);

    // It is true: the recipient may launch the AMI but cannot copy it …
    const copy = {
      images: [{ account: entry('initech-sandbox').id, region: 'us-east-1', imageId: image.imageId }],
      destinationAccount: entry('initech-sandbox').id,
      regions: ['us-east-1'],
      nameTemplate: '{name}-from-acme',
      descriptionTemplate: '',
      encrypted: false,
      kmsKey: null,
      copyTags: false,
    };
    expect((await core.handlers['copy:plan'](copy)).items[0]!.blockers.map((b) => b.code)).toContain('SOURCE_KEY');
    // … until the statement is in the key's policy.
    const identity = emulator.identities.find((i) => i.accountName === 'acme-staging')!;
    const kms = new KMSClient({ endpoint: emulator.url, region: 'us-east-1', credentials: { accessKeyId: identity.accessKeyId, secretAccessKey: identity.secretAccessKey } });
    const current = JSON.parse((await kms.send(new GetKeyPolicyCommand({ KeyId: keyArn, PolicyName: 'default' }))).Policy!) as { Statement: unknown[] };
    await kms.send(new PutKeyPolicyCommand({ KeyId: keyArn, PolicyName: 'default', Policy: JSON.stringify({ ...current, Statement: [...current.Statement, statement] }) }));
    kms.destroy();
    expect((await core.handlers['copy:plan'](copy)).items[0]!.blockers.map((b) => b.code)).not.toContain('SOURCE_KEY');
  });
});

describe('making public', () => {
  it('explains block public access instead of trying', async () => {
    const ownerId = worldAccount(BLOCK_PUBLIC_ACCESS_FIXTURE.accountName).accountId;
    const image = emulator.world.imagesIn(BLOCK_PUBLIC_ACCESS_FIXTURE.region).find((i) => i.ownerId === ownerId && i.state === 'available');
    const state = await core.handlers['sharing:blockPublicAccess']({ account: entry(BLOCK_PUBLIC_ACCESS_FIXTURE.accountName).id, region: BLOCK_PUBLIC_ACCESS_FIXTURE.region });
    expect(state.state).toBe('block-new-sharing');
    const plan = await core.handlers['sharing:plan']({ images: [refOf(BLOCK_PUBLIC_ACCESS_FIXTURE.accountName, image!)], add: [{ kind: 'public' }], remove: [], snapshots: false });
    expect(plan.items[0]!.blockers.map((b) => b.code)).toContain('BLOCK_PUBLIC_ACCESS');
  });

  it('refuses an image with product codes', async () => {
    const owner = worldAccount(PRODUCT_CODE_FIXTURE.accountName);
    const image = emulator.world.imagesIn(PRODUCT_CODE_FIXTURE.region).find((i) => i.ownerId === owner.accountId && i.name === PRODUCT_CODE_FIXTURE.imageName)!;
    const plan = await core.handlers['sharing:plan']({ images: [refOf(PRODUCT_CODE_FIXTURE.accountName, image)], add: [{ kind: 'public' }], remove: [], snapshots: false });
    expect(plan.items[0]!.blockers.map((b) => b.code)).toEqual(['PRODUCT_CODES']);
  });

  it('needs the typed name, then makes it public; reset makes it private again', async () => {
    const [image] = plainImages('initech-sandbox', 'us-east-1', 1);
    const ref = refOf('initech-sandbox', image!);
    const request = { images: [ref], add: [{ kind: 'public' as const }], remove: [], snapshots: false, confirmations: {} };
    expect((await failure(core.handlers['sharing:apply']({ ...request, publicConfirmation: 'wrong' }))).code).toBe('CONFIRMATION_REQUIRED');
    const made = await core.handlers['sharing:apply']({ ...request, publicConfirmation: image!.name });
    expect(made.items[0]!.outcome).toBe('changed');
    expect(emulator.world.image('us-east-1', image!.imageId)!.launchPermissions).toEqual([{ group: 'all' }]);

    const reset = await core.handlers['sharing:reset']({ ...ref, snapshots: true, confirmations: {} });
    expect(reset.items[0]).toMatchObject({ outcome: 'changed', message: expect.stringContaining('Now private') });
    expect(emulator.world.image('us-east-1', image!.imageId)!.launchPermissions).toEqual([]);
    const log = await core.handlers['audit:list']({ limit: 5 });
    expect(log[0]).toMatchObject({ action: 'reset', imageId: image!.imageId, removed: [{ kind: 'public' }] });
  });

  it("reports AWS's refusal per image when the public quota is reached", async () => {
    const [image] = plainImages('initech-sandbox', 'ap-southeast-2', 1);
    emulator.setSharingQuotas({ publicImagesPerRegion: 0 });
    try {
      const result = await core.handlers['sharing:apply']({
        images: [refOf('initech-sandbox', image!)],
        add: [{ kind: 'public' }],
        remove: [],
        snapshots: false,
        confirmations: {},
        publicConfirmation: image!.name,
      });
      expect(result.items[0]!.outcome).toBe('failed');
      expect(result.items[0]!.error?.details?.awsCode).toBeTruthy();
      expect(result.items[0]!.message).toContain('ec2:ModifyImageAttribute');
      const log = await core.handlers['audit:list']({ limit: 1 });
      expect(log[0]).toMatchObject({ outcome: 'failed', undoable: false });
    } finally {
      emulator.setSharingQuotas({ publicImagesPerRegion: 5 });
    }
  });
});

describe('the recipient side', () => {
  it('leaves a share: the image is gone for that account only', async () => {
    const [image] = plainImages('acme-staging', 'us-east-1', 2).slice(1);
    await core.handlers['sharing:apply']({
      images: [refOf('acme-staging', image!)],
      add: [account('initech-sandbox'), account('initech-shared-services')],
      remove: [],
      snapshots: false,
      confirmations: {},
    });
    expect(await sharedWith('initech-sandbox', 'us-east-1')).toContain(image!.imageId);
    const left = await core.handlers['sharing:leave']({ account: entry('initech-sandbox').id, region: 'us-east-1', imageId: image!.imageId });
    expect(left.items[0]!.outcome).toBe('changed');
    expect(await sharedWith('initech-sandbox', 'us-east-1')).not.toContain(image!.imageId);
    expect(await sharedWith('initech-shared-services', 'us-east-1')).toContain(image!.imageId);
  });
});

describe('the share matrix', () => {
  it("shows the client's images × its accounts from the inventory", async () => {
    const empty = await core.handlers['sharing:matrix']({ client: entry('acme-staging').clientId });
    expect(empty.rows).toEqual([]);
    expect(empty.asOf).toBeNull();
    await core.handlers['inventory:scan']({ accounts: [entry('acme-production').id, entry('acme-staging').id] });
    await core.inventory.scanFinished();
    const matrix = await core.handlers['sharing:matrix']({ client: entry('acme-staging').clientId });
    expect(matrix.accounts.map((a) => a.name).sort()).toEqual(['acme-production', 'acme-staging']);
    expect(matrix.asOf).not.toBeNull();
    const staging = worldAccount('acme-staging');
    const production = worldAccount('acme-production');
    const owned = [staging, production].flatMap((a) => a.regions.flatMap((r) => emulator.world.imagesIn(r).filter((i) => i.ownerId === a.accountId && i.state !== 'deregistered')));
    expect(matrix.rows).toHaveLength(owned.length);
    const col = matrix.accounts.findIndex((a) => a.name === 'acme-production');
    for (const row of matrix.rows) {
      const image = owned.find((i) => i.imageId === row.ref.imageId)!;
      const expected =
        image.ownerId === production.accountId
          ? 'owner'
          : image.launchPermissions.some((p) => p.group === 'all')
            ? 'public'
            : image.launchPermissions.some((p) => p.userId === production.accountId)
              ? 'account'
              : image.launchPermissions.some((p) => p.organizationArn === production.organizationArn)
                ? 'organization'
                : 'none';
      expect(row.cells[col], image.name).toBe(expected);
    }
    // The image shared with Acme's organization earlier reaches acme-production through it.
    expect(matrix.rows.some((r) => r.cells[col] === 'organization')).toBe(true);
  });

  it('follows changes made through the app at once, without a rescan: matrix, owner row and recipient row', async () => {
    const staging = worldAccount('acme-staging');
    const candidate = emulator.world
      .imagesIn('us-east-1')
      .find((i) => i.ownerId === staging.accountId && i.state === 'available' && i.launchPermissions.length === 0 && i.blockDevices.every((b) => !b.ebs?.encrypted))!;
    const ref = refOf('acme-staging', candidate);
    const events: Array<{ target: { account: string; view: string }; rows: Array<{ imageId: string; sharedWith: string[] }> }> = [];
    const off = core.onEvent((event, payload) => {
      if (event === 'inventory:targetRows') events.push(payload as (typeof events)[number]);
    });
    try {
      await core.handlers['sharing:apply']({ images: [ref], add: [account('acme-production')], remove: [], snapshots: false, confirmations: {} });
      const matrix = await core.handlers['sharing:matrix']({ client: entry('acme-staging').clientId });
      const col = matrix.accounts.findIndex((a) => a.name === 'acme-production');
      expect(matrix.rows.find((r) => r.ref.imageId === candidate.imageId)!.cells[col]).toBe('account');
      const owner = events.find((e) => e.target.account === entry('acme-staging').id && e.target.view === 'owned')!;
      expect(owner.rows.find((r) => r.imageId === candidate.imageId)!.sharedWith).toEqual([entry('acme-production').awsAccountId]);
      const recipient = events.find((e) => e.target.account === entry('acme-production').id && e.target.view === 'shared')!;
      expect(recipient.rows.map((r) => r.imageId)).toContain(candidate.imageId);

      events.length = 0;
      await core.handlers['sharing:leave']({ account: entry('acme-production').id, region: 'us-east-1', imageId: candidate.imageId, confirmations: { [entry('acme-production').id]: 'acme-production' } });
      const left = events.find((e) => e.target.account === entry('acme-production').id && e.target.view === 'shared')!;
      expect(left.rows.map((r) => r.imageId)).not.toContain(candidate.imageId);
      const after = await core.handlers['sharing:matrix']({ client: entry('acme-staging').clientId });
      expect(after.rows.find((r) => r.ref.imageId === candidate.imageId)!.cells[col]).toBe('none');
    } finally {
      off();
    }
  });
});
