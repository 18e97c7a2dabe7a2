/**
 * The emulator in its own process, so the server's work runs on another core than the app
 * code being measured (as AWS would). Driven over the fork IPC channel:
 * start → ready (url, identities), stats → stats; it exits when the parent goes away.
 */
import { startEmulator, type EmulatorIdentity, type EmulatorStats, type LargeWorldShape, type RunningEmulator } from '../../emulator';

export interface StartMessage {
  type: 'start';
  seed: number;
  world: LargeWorldShape;
  latencyMs: number;
  throttleRate: number;
  /** EC2's documented token buckets per account, region and action (default on: AWS always has them). */
  ec2Throttling?: boolean;
}

export type ToEmulator = StartMessage | { type: 'stats' };

export type FromEmulator =
  | { type: 'ready'; url: string; identities: EmulatorIdentity[]; buildMs: number }
  | { type: 'stats'; stats: EmulatorStats }
  | { type: 'error'; message: string };

const send = (message: FromEmulator): void => {
  process.send?.(message);
};

let emulator: RunningEmulator | null = null;

process.on('message', (raw: ToEmulator) => {
  if (raw.type === 'start' && !emulator) {
    const started = performance.now();
    startEmulator({
      port: 0,
      seed: raw.seed,
      world: raw.world,
      latencyMs: raw.latencyMs,
      throttleRate: raw.throttleRate,
      // A scan should meet EC2's per-account, per-region rate limits as it would in AWS.
      ec2Throttling: { enabled: raw.ec2Throttling ?? true, scale: 1 },
    }).then(
      (running) => {
        emulator = running;
        send({ type: 'ready', url: running.url, identities: running.identities, buildMs: Math.round(performance.now() - started) });
      },
      (error: unknown) => send({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
  } else if (raw.type === 'stats' && emulator) {
    send({ type: 'stats', stats: emulator.stats() });
  }
});

process.on('disconnect', () => {
  void (emulator?.close() ?? Promise.resolve()).finally(() => process.exit(0));
});
