/**
 * Adding an account whose keys AWS rejects: the page is never told of an account that then
 * vanishes (the first-run screen would give way to the app and come back, losing what was
 * typed). A good key pair is announced once it is verified.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HUB_ACCOUNT_NAME, startEmulator, type RunningEmulator } from '../../emulator';
import type { AppCore } from '../../electron/core/app-core';
import type { Workspace } from '../../shared/model';
import { coreOver, failure } from './core-fixture';

let emulator: RunningEmulator;
let core: AppCore;
const announced: Workspace[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  core = coreOver(emulator);
  core.onEvent((event, payload) => {
    if (event === 'workspace:changed') announced.push(payload as Workspace);
  });
});

afterAll(async () => {
  await core?.close();
  await emulator?.close();
});

describe('adding an account with an access key', () => {
  it('announces nothing about a key pair STS rejects, and announces a good one once verified', async () => {
    const hub = emulator.identities.find((i) => i.accountName === HUB_ACCOUNT_NAME)!;
    const input = { name: 'Acme Prod', clientName: 'Acme', accessKeyId: hub.accessKeyId, defaultRegion: 'eu-west-1', endpoint: emulator.url, production: false };

    const rejected = await failure(core.handlers['accounts:addAccessKey']({ ...input, secretAccessKey: `${hub.secretAccessKey.slice(0, -4)}XXXX` }));
    expect(rejected.code).toBe('AUTH_FAILED');
    expect(announced.flatMap((w) => w.accounts.map((a) => a.name))).not.toContain('Acme Prod');
    expect((await core.handlers['workspace:get']({})).accounts).toEqual([]);

    const added = await core.handlers['accounts:addAccessKey']({ ...input, secretAccessKey: hub.secretAccessKey });
    expect(added.accountName).toBe('Acme Prod');
    const first = announced.find((w) => w.accounts.some((a) => a.name === 'Acme Prod'));
    expect(first?.accounts.find((a) => a.name === 'Acme Prod')?.awsAccountId).toBe(hub.accountId);
  });
});
