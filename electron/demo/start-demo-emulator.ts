/** Serves the demo workspace from the bundled emulator, on an ephemeral loopback port. */
import { startEmulator } from '../../emulator';
import type { DemoWorld } from '../core/demo/demo-world';

export async function startDemoEmulator(): Promise<DemoWorld> {
  const emulator = await startEmulator({ port: 0, host: '127.0.0.1' });
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
