/**
 * Serves the demo workspace from the bundled emulator, on an ephemeral loopback port. The
 * emulator is its own chunk, loaded the first time the demo opens: an app used only with real
 * accounts never loads (or parses) it.
 */
import type { RunningEmulator } from '../../emulator';
import type { DemoWorld } from '../core/demo/demo-world';

export async function startDemoEmulator(): Promise<DemoWorld> {
  const { startEmulator } = await import('../../emulator');
  // Anchored at today, so the demo's dates (and fresh copies and builds) read as they would on AWS.
  const now = new Date();
  now.setUTCSeconds(0, 0);
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', anchor: now });
  return demoWorldOf(emulator, () => emulator.close());
}

/**
 * A running emulator's world as the demo workspace: its endpoint and one key pair per identity.
 * `close` is what closing the demo does to the emulator (tests that own it keep it running).
 */
export function demoWorldOf(emulator: Pick<RunningEmulator, 'url' | 'identities'>, close: () => Promise<void> = async () => undefined): DemoWorld {
  return {
    endpoint: emulator.url,
    accounts: emulator.identities.map((i) => ({
      name: i.accountName,
      clientName: i.clientName,
      clientColor: i.clientColor,
      production: i.production,
      accessKeyId: i.accessKeyId,
      secretAccessKey: i.secretAccessKey,
      defaultRegion: i.defaultRegion,
    })),
    close,
  };
}
