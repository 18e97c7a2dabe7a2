/**
 * Without a working OS keychain, a key pair is refused until the user chooses session-only
 * storage; an account removed while the keychain is locked has its secret deleted once the
 * keychain is available again, after a restart too.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/errors';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import { MemorySecretStore } from '../../electron/core/accounts/secret-store';
import { secretKeyFor } from '../../electron/core/accounts/registry';

class NoSecretService extends MemorySecretStore {
  override async set(): Promise<void> {
    throw new Error('a keychain write must not happen while it is unavailable');
  }
  async probe() {
    return { available: false as const, reason: 'no Secret Service provider is running (install gnome-keyring or KWallet)' };
  }
}

let emulator: RunningEmulator;
let core: AppCore;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  core = createAppCore({
    databaseFile: ':memory:',
    secrets: new NoSecretService(),
    info: { name: 'AMI Atlas', version: 'test', platform: process.platform, host: 'preview' },
    startDemoWorld: async () => {
      throw new Error('unused');
    },
  });
});

afterAll(async () => {
  await core?.close();
  await emulator?.close();
});

it('says why, keeps nothing, and works for this session once the user opts in', async () => {
  const identity = emulator.identities[0]!;
  const input = {
    name: 'prod',
    clientName: 'Acme',
    accessKeyId: identity.accessKeyId,
    secretAccessKey: identity.secretAccessKey,
    defaultRegion: identity.defaultRegion,
    endpoint: emulator.url,
  };
  await expect(core.handlers['accounts:addAccessKey'](input)).rejects.toMatchObject({
    code: 'KEYCHAIN_UNAVAILABLE',
    message: expect.stringContaining('gnome-keyring'),
  });
  let ws = await core.handlers['workspace:get']({});
  expect(ws.accounts).toHaveLength(0);
  expect(ws.keychain).toEqual({ available: false, reason: expect.stringContaining('Secret Service'), sessionOnly: false });

  ws = await core.handlers['keychain:useSessionOnly']({});
  expect(ws.keychain.sessionOnly).toBe(true);
  ws = (await core.handlers['accounts:addAccessKey'](input)).workspace;
  expect(ws.accounts[0]).toMatchObject({ name: 'prod', awsAccountId: identity.accountId, health: 'ok' });
});

/** A keychain that a test can lock: every call is refused, and probe says why, as with a locked keyring. */
class LockableKeychain extends MemorySecretStore {
  locked = false;
  private refuse(): void {
    if (this.locked) throw new AppError({ code: 'KEYCHAIN_UNAVAILABLE', message: 'Cannot delete an item in a locked collection', retryable: true });
  }
  override async get(key: string) {
    this.refuse();
    return super.get(key);
  }
  override async set(key: string, secret: string) {
    this.refuse();
    return super.set(key, secret);
  }
  override async delete(key: string) {
    this.refuse();
    return super.delete(key);
  }
  /** What the keychain holds under a key, whatever the lock says. */
  peek(key: string) {
    return super.get(key);
  }
  async probe() {
    return this.locked ? { available: false as const, reason: 'the login keyring is locked' } : { available: true as const };
  }
}

it('deletes the secret of an account removed while the keychain was locked, once it is available again', async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-keychain-'));
  const keychain = new LockableKeychain();
  let key = '';
  const held = () => keychain.peek(key);
  const open = () =>
    createAppCore({
      databaseFile: path.join(dir, 'atlas.sqlite'),
      secrets: keychain,
      info: { name: 'AMI Atlas', version: 'test', platform: process.platform, host: 'preview' },
      startDemoWorld: async () => {
        throw new Error('unused');
      },
    });
  try {
    const identity = emulator.identities[0]!;
    let app = open();
    const added = await app.handlers['accounts:addAccessKey']({
      name: 'prod',
      clientName: 'Acme',
      accessKeyId: identity.accessKeyId,
      secretAccessKey: identity.secretAccessKey,
      defaultRegion: identity.defaultRegion,
      endpoint: emulator.url,
    });
    key = secretKeyFor(added.path);
    expect(await held()).toBe(identity.secretAccessKey);

    // The keyring locks; the user removes the account: that works, and the secret waits.
    keychain.locked = true;
    await app.close();
    app = open();
    await vi.waitFor(async () => expect((await app.handlers['workspace:get']({})).keychain.available).toBe(false));
    await expect(app.handlers['accounts:remove']({ account: added.account })).resolves.toMatchObject({ accounts: [] });
    expect(await held()).toBe(identity.secretAccessKey);
    await app.close();

    // Unlocked, the next start deletes it.
    keychain.locked = false;
    app = open();
    await vi.waitFor(async () => expect(await held()).toBeNull());
    await app.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
