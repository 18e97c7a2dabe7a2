/** Starts test/bench/emulator-process.ts as a child and talks to it. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EmulatorIdentity, EmulatorStats, LargeWorldShape } from '../../emulator';
import type { FromEmulator, ToEmulator } from './emulator-process';

export interface EmulatorChild {
  url: string;
  identities: EmulatorIdentity[];
  buildMs: number;
  stats(): Promise<EmulatorStats>;
  close(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./emulator-process.ts', import.meta.url));

export async function startEmulatorChild(options: { seed: number; world: LargeWorldShape; latencyMs: number; throttleRate: number; /** EC2's token buckets (default on). */ ec2Throttling?: boolean }): Promise<EmulatorChild> {
  // The parent runs under tsx, so its exec arguments load TypeScript in the child too.
  const child: ChildProcess = fork(CHILD, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiters: ((m: FromEmulator) => void)[] = [];
  child.on('message', (m: FromEmulator) => waiters.shift()?.(m));
  const ask = (message: ToEmulator): Promise<FromEmulator> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the emulator process did not answer within 60 s')), 60_000);
      waiters.push((m) => {
        clearTimeout(timer);
        resolve(m);
      });
      child.send(message);
    });

  const ready = await ask({ type: 'start', ...options });
  if (ready.type !== 'ready') {
    child.kill();
    throw new Error(`emulator process: ${ready.type === 'error' ? ready.message : 'unexpected answer'}`);
  }
  return {
    url: ready.url,
    identities: ready.identities,
    buildMs: ready.buildMs,
    async stats() {
      const m = await ask({ type: 'stats' });
      if (m.type !== 'stats') throw new Error('emulator process: unexpected answer to stats');
      return m.stats;
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.disconnect();
        // Bounded: a child that does not go in 5 s is stopped.
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
}
