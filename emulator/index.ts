/**
 * AWS-compatible emulator: a real HTTP server speaking the EC2 query and STS query protocols,
 * so the real AWS SDK clients (signing, paging, retries, error parsing) run against it
 * unchanged. It serves a seeded multi-account, multi-region world in memory.
 *
 * This module is the emulator's whole public surface; other code imports only from here.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ec2Service } from './ec2/service';
import { Knobs } from './knobs';
import { createRequestHandler } from './server';
import { stsService } from './sts/service';
import type { World } from './world/model';
import { createWorld } from './world/seed';

export type { World } from './world/model';
export type {
  AccountRecord,
  ImageRecord,
  SnapshotRecord,
  RegionRecord,
  LaunchPermissionRecord,
  KmsKeyRecord,
} from './world/model';
export { createWorld, WORLD_ANCHOR } from './world/seed';

export interface EmulatorOptions {
  /** 0 = an ephemeral port (default). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Delay before each answer, in milliseconds. */
  latencyMs?: number;
  /** 0..1: the fraction of calls answered RequestLimitExceeded (EC2) / Throttling (STS). */
  throttleRate?: number;
  /** Seed of the deterministic world; default 1. */
  seed?: number;
}

export interface EmulatorIdentity {
  /** 12 digits. */
  accountId: string;
  accountName: string;
  clientName: string;
  /** CSS hex colour. */
  clientColor: string;
  production: boolean;
  accessKeyId: string;
  secretAccessKey: string;
  defaultRegion: string;
}

export interface RunningEmulator {
  /** e.g. http://127.0.0.1:PORT */
  url: string;
  port: number;
  identities: EmulatorIdentity[];
  /** The in-memory model, so tests can compute the expected answers. */
  world: World;
  setKnobs(k: { latencyMs?: number; throttleRate?: number }): void;
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const seed = options.seed ?? 1;
  const host = options.host ?? '127.0.0.1';
  const world = createWorld(seed);
  const knobs = new Knobs(seed, { latencyMs: options.latencyMs, throttleRate: options.throttleRate });
  const handler = createRequestHandler({
    world,
    knobs,
    services: [ec2Service, stsService],
    fallback: ec2Service,
  });
  const server: Server = createServer(handler);
  // SDK clients keep connections alive; don't let an idle socket hold close() up.
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  let closing: Promise<void> | null = null;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    world,
    identities: world.accounts.map((a) => ({
      accountId: a.accountId,
      accountName: a.name,
      clientName: a.clientName,
      clientColor: a.clientColor,
      production: a.production,
      accessKeyId: a.accessKeyId,
      secretAccessKey: a.secretAccessKey,
      defaultRegion: a.defaultRegion,
    })),
    setKnobs: (k) => knobs.set(k),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
