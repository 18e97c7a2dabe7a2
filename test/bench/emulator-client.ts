/** Starts test/bench/emulator-process.ts as a child and talks to it. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EmulatorIdentity, EmulatorStats, KnobSettings, LargeWorldShape } from '../../emulator';
import type { FromEmulator, ToEmulator } from './emulator-process';
import type { WorldTruth } from './scan-truth';

export interface EmulatorChild {
  url: string;
  identities: EmulatorIdentity[];
  buildMs: number;
  /** Requests and throttled answers so far, and the emulator process's CPU time (ms) so far. */
  stats(): Promise<EmulatorStats & { cpuMs: number }>;
  /** Changes latency and throttling from now on; changing ec2Throttling fills every bucket again. */
  setKnobs(knobs: KnobSettings): Promise<void>;
  /** What a correct scan of the served world finds, computed in the emulator's process. */
  truth(): Promise<{ truth: WorldTruth; ms: number }>;
  close(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./emulator-process.ts', import.meta.url));

export async function startEmulatorChild(options: { seed: number; world: LargeWorldShape; latencyMs: number; throttleRate: number; /** EC2's token buckets (default on). */ ec2Throttling?: boolean }): Promise<EmulatorChild> {
  // The parent runs under tsx, so its exec arguments load TypeScript in the child too. Advanced
  // serialization carries the truth's Map as it is.
  const child: ChildProcess = fork(CHILD, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
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
  const failure = (m: FromEmulator, asked: string) => new Error(`emulator process: ${m.type === 'error' ? m.message : `unexpected answer to ${asked}`}`);

  const ready = await ask({ type: 'start', ...options });
  if (ready.type !== 'ready') {
    child.kill();
    throw failure(ready, 'start');
  }
  return {
    url: ready.url,
    identities: ready.identities,
    buildMs: ready.buildMs,
    async stats() {
      const m = await ask({ type: 'stats' });
      if (m.type !== 'stats') throw failure(m, 'stats');
      return { ...m.stats, cpuMs: m.cpuMs };
    },
    async setKnobs(knobs) {
      const m = await ask({ type: 'knobs', knobs });
      if (m.type !== 'knobs') throw failure(m, 'knobs');
    },
    async truth() {
      const m = await ask({ type: 'truth' });
      if (m.type !== 'truth') throw failure(m, 'truth');
      return { truth: m.truth, ms: m.ms };
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
