/**
 * The database under pressure: while another process holds the data folder's write lock, a scan
 * ends with each target saying so (never an unhandled rejection, never a dead process) and keeps
 * the inventory it had; a write waits for a short lock; closing the core folds the write-ahead
 * log into the file.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator';
import type { AppCore } from '../../electron/core/app-core';
import { coreOver } from './core-fixture';

let emulator: RunningEmulator;
let dir: string;
let file: string;
let core: AppCore;
const faults: string[] = [];

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  dir = mkdtempSync(join(tmpdir(), 'atlas-storage-core-'));
  file = join(dir, 'atlas.sqlite');
  core = coreOver(emulator, { databaseFile: file, busyTimeoutMs: 400, maxAttempts: 2, onFault: (what) => faults.push(what) });
  const identity = emulator.identities.find((i) => i.accountName === 'acme-staging')!;
  await core.handlers['accounts:addAccessKey']({
    name: 'acme-staging',
    clientName: 'Acme Corp',
    accessKeyId: identity.accessKeyId,
    secretAccessKey: identity.secretAccessKey,
    defaultRegion: identity.defaultRegion,
    endpoint: emulator.url,
  });
});

afterAll(async () => {
  await emulator?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Another process (a second AMI Atlas, the CLI) holding the write lock. */
function holdLock(): () => void {
  const other = new DatabaseSync(file);
  other.exec('BEGIN IMMEDIATE');
  return () => {
    other.exec('ROLLBACK');
    other.close();
  };
}

describe('a data folder in use elsewhere', () => {
  it('a scan ends with every target saying so, and the inventory it had stays', async () => {
    await core.handlers['inventory:scan']({ regions: ['us-east-1'] });
    const first = (await core.inventory.scanFinished())!;
    expect(first.targets.every((t) => t.state === 'done')).toBe(true);
    const before = (await core.handlers['inventory:summary']({})).total;
    expect(before).toBeGreaterThan(0);

    const release = holdLock();
    try {
      await core.handlers['inventory:scan']({ regions: ['us-east-1'] });
      const second = (await core.inventory.scanFinished())!;
      expect(second.state).toBe('done');
      for (const t of second.targets) {
        expect(t.state).toBe('failed');
        expect(t.errorCode).toBe('DATABASE_BUSY');
        expect(t.error).toContain('saving acme-staging/us-east-1');
        expect(t.error).toMatch(/another AMI Atlas.*same data folder/);
      }
    } finally {
      release();
    }
    expect((await core.handlers['inventory:summary']({})).total).toBe(before);
    expect(faults).toEqual([]);
  });

  it('a write waits for a lock that is let go in time', async () => {
    // Another process: SQLite's wait blocks this thread, so the lock must be let go elsewhere.
    const child = spawn(process.execPath, [
      '--no-warnings',
      '-e',
      `const { DatabaseSync } = require('node:sqlite'); const db = new DatabaseSync(${JSON.stringify(file)}); db.exec('BEGIN IMMEDIATE'); process.stdout.write('locked'); setTimeout(() => { db.exec('ROLLBACK'); db.close(); }, 100);`,
    ]);
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    const account = (await core.handlers['workspace:get']({})).accounts[0]!;
    const ws = await core.handlers['accounts:update']({ account: account.id, defaultRegion: 'eu-west-1' });
    expect(ws.accounts[0]!.defaultRegion).toBe('eu-west-1');
    await new Promise((resolve) => child.once('exit', resolve));
  });
});

describe('a change made in AWS while the database cannot take it', () => {
  it('is reported as made, saying it is missing from the audit log; the inventory catches up later', async () => {
    const account = (await core.handlers['workspace:get']({})).accounts[0]!;
    const image = emulator.world.imagesIn('us-east-1').find((i) => i.ownerId === account.awsAccountId && i.state === 'available' && i.deprecationTime === null)!;
    const ref = { account: account.id, region: 'us-east-1', imageId: image.imageId };
    const at = new Date(Date.now() + 30 * 86_400_000).toISOString();
    faults.length = 0;
    const release = holdLock();
    let results;
    try {
      results = await core.handlers['lifecycle:apply']({ images: [ref], action: { kind: 'deprecate', at }, confirmations: {} });
    } finally {
      release();
    }
    expect(results[0]).toMatchObject({ outcome: 'changed', auditId: null });
    expect(results[0]!.message).toMatch(/Not in the audit log: Could not finish writing the audit log: another AMI Atlas/);
    expect(emulator.world.image('us-east-1', image.imageId)!.deprecationTime).not.toBeNull();
    expect(faults).toEqual(['the inventory']);
  });
});

describe('closing', () => {
  it('folds the write-ahead log into the database file, which opens with everything in it', async () => {
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    await core.close();
    expect(!existsSync(`${file}-wal`) || statSync(`${file}-wal`).size === 0).toBe(true);
    const db = new DatabaseSync(file, { readOnly: true });
    const row = db.prepare('SELECT COUNT(*) AS n FROM aws_accounts').get() as { n: number };
    db.close();
    expect(row.n).toBe(1);
  });
});
