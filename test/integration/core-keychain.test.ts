/** Without a working OS keychain, a key pair is refused until the user chooses session-only storage. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator';
import { createAppCore, type AppCore } from '../../electron/core/app-core';
import { MemorySecretStore } from '../../electron/core/accounts/secret-store';

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
