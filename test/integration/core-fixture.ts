/**
 * What the core's integration tests share: a core whose demo workspace is a running emulator's
 * world (in memory, secrets in memory), and the error a call fails with.
 */
import { afterAll, beforeAll } from 'vitest';
import { createAppCore, type AppCore, type AppCoreOptions } from '../../electron/core/app-core';
import { MemorySecretStore } from '../../electron/core/accounts/secret-store';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../emulator';
import type { AppError } from '../../shared/errors';
import type { AccountSummary, Workspace } from '../../shared/model';
import { demoWorldOf } from '../../electron/demo/start-demo-emulator';

/** A core over the emulator: `demo:open` adds one access-key account per emulator identity. */
export function coreOver(emulator: RunningEmulator, options: Partial<AppCoreOptions> = {}): AppCore {
  return createAppCore({
    databaseFile: ':memory:',
    secrets: new MemorySecretStore(),
    info: { name: 'AMI Atlas', version: 'test', platform: process.platform, host: 'preview' },
    startDemoWorld: async () => demoWorldOf(emulator),
    // Tests that want the look at start ask for it.
    ssoRefreshAtStart: null,
    ...options,
  });
}

/** The AppError a call fails with; fails the test when the call succeeds. */
export async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a failure');
}

export interface DemoCore {
  readonly emulator: RunningEmulator;
  readonly core: AppCore;
  /** The workspace `demo:open` answered. */
  readonly workspace: Workspace;
  /** The demo's account of that name. */
  account(name: string): AccountSummary;
}

/**
 * A file's emulator and a core with its demo workspace open, started before its tests and closed
 * after them: the scaffolding most core tests share.
 */
export function useDemoCore(emulatorOptions: EmulatorOptions = { port: 0 }, coreOptions: Partial<AppCoreOptions> = { maxAttempts: 2 }): DemoCore {
  let emulator: RunningEmulator | undefined;
  let core: AppCore | undefined;
  let workspace: Workspace | undefined;
  beforeAll(async () => {
    emulator = await startEmulator(emulatorOptions);
    core = coreOver(emulator, coreOptions);
    workspace = await core.handlers['demo:open']({});
  });
  afterAll(async () => {
    await core?.close();
    await emulator?.close();
  });
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is used before the suite started`);
    return value;
  };
  return {
    get emulator() {
      return ready(emulator, 'the emulator');
    },
    get core() {
      return ready(core, 'the core');
    },
    get workspace() {
      return ready(workspace, 'the workspace');
    },
    account(name) {
      const found = ready(workspace, 'the workspace').accounts.find((a) => a.name === name);
      if (!found) throw new Error(`no demo account ${name}`);
      return found;
    },
  };
}
