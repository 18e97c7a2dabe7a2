/**
 * What the core's integration tests share: a core whose demo workspace is a running emulator's
 * world (in memory, secrets in memory), and the error a call fails with.
 */
import { createAppCore, type AppCore, type AppCoreOptions } from '../../electron/core/app-core';
import { MemorySecretStore } from '../../electron/core/accounts/secret-store';
import type { RunningEmulator } from '../../emulator';
import type { AppError } from '../../shared/errors';
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
