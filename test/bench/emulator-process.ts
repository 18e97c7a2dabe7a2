/**
 * The emulator in its own process, so the server's work runs on another core than the app
 * code being measured (as AWS would). Driven over the fork IPC channel:
 * start → ready (url, identities), stats → stats, knobs → knobs (latency and throttling
 * changed), truth → truth (what a correct scan of the served world finds); it exits when the
 * parent goes away.
 */
import { startEmulator, type EmulatorIdentity, type EmulatorStats, type KnobSettings, type LargeWorldShape, type RunningEmulator } from '../../emulator';
import { worldTruth, type WorldTruth } from './scan-truth';

export interface StartMessage {
  type: 'start';
  seed: number;
  world: LargeWorldShape;
  latencyMs: number;
  throttleRate: number;
  /** EC2's documented token buckets per account, region and action (default on: AWS always has them). */
  ec2Throttling?: boolean;
}

export type ToEmulator = StartMessage | { type: 'stats' } | { type: 'knobs'; knobs: KnobSettings } | { type: 'truth' };

export type FromEmulator =
  | { type: 'ready'; url: string; identities: EmulatorIdentity[]; buildMs: number }
  | { type: 'stats'; stats: EmulatorStats; cpuMs: number }
  | { type: 'knobs' }
  | { type: 'truth'; truth: WorldTruth; ms: number }
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
  } else if (!emulator) {
    send({ type: 'error', message: `${raw.type} before the emulator started` });
  } else if (raw.type === 'stats') {
    // The server's CPU: on a small machine it competes with the client being measured.
    const cpu = process.cpuUsage();
    send({ type: 'stats', stats: emulator.stats(), cpuMs: (cpu.user + cpu.system) / 1000 });
  } else if (raw.type === 'knobs') {
    // Changing ec2Throttling fills every bucket again.
    emulator.setKnobs(raw.knobs);
    send({ type: 'knobs' });
  } else if (raw.type === 'truth') {
    const started = performance.now();
    const truth = worldTruth(emulator.world);
    send({ type: 'truth', truth, ms: Math.round(performance.now() - started) });
  }
});

process.on('disconnect', () => {
  void (emulator?.close() ?? Promise.resolve()).finally(() => process.exit(0));
});
