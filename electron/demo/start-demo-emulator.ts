/** Serves the demo workspace from the bundled emulator, on an ephemeral loopback port. */
import { startEmulator } from '../../emulator';
import type { DemoWorld } from '../core/demo/demo-world';

export async function startDemoEmulator(): Promise<DemoWorld> {
  // Anchored at today, so the demo's dates (and fresh copies and builds) read as they would on AWS.
  const now = new Date();
  now.setUTCSeconds(0, 0);
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1', anchor: now });
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
    close: () => emulator.close(),
  };
}
