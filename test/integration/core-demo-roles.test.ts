/**
 * Roles assumed from a demo account: in the demo workspace they are made like any other (they
 * once failed with a raw "FOREIGN KEY constraint failed"); from the user's own workspace a demo
 * account's path is not a source, and the error says so in words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_NAMES, startEmulator, type RunningEmulator } from '../../emulator';
import type { AppCore } from '../../electron/core/app-core';
import { coreOver, failure } from './core-fixture';

let emulator: RunningEmulator;
let core: AppCore;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  core = coreOver(emulator);
});

afterAll(async () => {
  await core?.close();
  await emulator?.close();
});

describe('a role from a demo account', () => {
  it('is added in the demo workspace, joining the account it reaches', async () => {
    const ws = await core.handlers['demo:open']({});
    const hub = ws.accounts.find((a) => a.name === 'initech-shared-services')!;
    const role = emulator.roles.find((r) => r.accountName === 'globex-dev' && r.name === ROLE_NAMES.organizationAccess)!;
    const added = await core.handlers['accounts:addRole']({ name: 'globex dev via hub', clientName: 'Globex', sourcePath: hub.paths[0]!.id, roleArn: role.arn, defaultRegion: 'us-east-1' });
    expect(added).toMatchObject({ accountName: 'globex-dev', joined: true });
    const globex = added.workspace.accounts.find((a) => a.name === 'globex-dev')!;
    expect(globex.paths.map((p) => p.kind).sort()).toEqual(['access-key', 'assume-role']);
    const listed = await core.handlers['images:list']({ account: globex.id, region: 'us-east-1', view: 'owned' });
    expect(listed.stale).toBeNull();
  });

  it('is refused in the user’s workspace, in words, changing nothing', async () => {
    const demo = await core.handlers['workspace:get']({});
    const hubPath = demo.accounts.find((a) => a.name === 'initech-shared-services')!.paths[0]!.id;
    await core.handlers['demo:close']({});
    const role = emulator.roles.find((r) => r.accountName === 'globex-prod' && r.name === ROLE_NAMES.organizationAccess)!;
    const error = await failure(core.handlers['accounts:addRole']({ name: 'globex prod', clientName: 'Globex', sourcePath: hubPath, roleArn: role.arn, defaultRegion: 'us-east-1' }));
    expect(error.code).toBe('ACCOUNT_NOT_FOUND');
    expect(error.message).not.toMatch(/FOREIGN KEY|constraint/i);
    expect((await core.handlers['workspace:get']({})).accounts).toHaveLength(0);
  });
});
