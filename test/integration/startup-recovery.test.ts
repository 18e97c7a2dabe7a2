/**
 * Starting with a database that cannot be used, on real SQLite files: the core comes up in
 * recovery instead of throwing, says why in a value with a code and the file's name, and gets the
 * user going again — restoring an automatic backup or starting fresh — while the unusable file is
 * kept (renamed, byte for byte) and the keychain is not touched. Backups are made with SQLite's
 * backup API before each layout update and once a day, and only the newest few are kept.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync, closeSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccountRegistry, secretKeyFor } from '../../electron/core/accounts/registry';
import { MemorySecretStore } from '../../electron/core/accounts/secret-store';
import { openDatabase } from '../../electron/core/db/database';
import { KNOWN_SCHEMA, listBackups, makeBackup } from '../../electron/core/db/recovery';
import { startAppCore, type StartAppCoreOptions, type StartedCore } from '../../electron/core/startup';
import { createRouter } from '../../electron/ipc/router';
import type { StartupStatus } from '../../shared/startup';

const FIXTURE_SCHEMA_7 = fileURLToPath(new URL('../fixtures/atlas-schema-7.sqlite', import.meta.url));
const GARBAGE = Buffer.from('This was a database once. '.repeat(400));
const DAY = 24 * 60 * 60 * 1000;

/** A keychain that records every removal, so a test can say none happened. */
class WatchedKeychain extends MemorySecretStore {
  readonly deleted: string[] = [];
  override async delete(key: string): Promise<boolean> {
    this.deleted.push(key);
    return super.delete(key);
  }
}

let dir: string;
let file: string;
let keychain: WatchedKeychain;
const started: StartedCore[] = [];

async function start(extra: Partial<StartAppCoreOptions> = {}): Promise<StartedCore> {
  const core = await startAppCore({
    databaseFile: file,
    secrets: keychain,
    info: { name: 'AMI Atlas', version: 'test', platform: process.platform, host: 'preview' },
    startDemoWorld: async () => {
      throw new Error('no demo here');
    },
    resumeJobs: false,
    backupCheckMs: 0,
    ...extra,
  });
  started.push(core);
  return core;
}

const recovery = (status: StartupStatus) => {
  if (status.state !== 'recovery') throw new Error(`expected recovery, got ${JSON.stringify(status)}`);
  return status;
};

/** A database with one client, one account and its key pair, the secret in the keychain. */
async function seedAccount(name = 'acme-prod-ops'): Promise<string> {
  const db = openDatabase(file);
  const registry = new AccountRegistry(db);
  const client = registry.ensureClient('Acme Corp');
  const account = registry.addAccount({ name, clientId: client.id, defaultRegion: 'eu-west-1' });
  const pathRecord = registry.addPath(account.id, { kind: 'access-key', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' });
  db.close();
  const key = secretKeyFor(pathRecord.id);
  await keychain.set(key, 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
  return key;
}

/** A valid SQLite file of the current layout with pages in its middle overwritten. */
function writeDamagedDatabase(): void {
  const db = openDatabase(file);
  db.exec('CREATE TABLE filler (x TEXT); CREATE INDEX filler_x ON filler (x);');
  const insert = db.prepare('INSERT INTO filler VALUES (?)');
  for (let i = 0; i < 3000; i++) insert.run(`row ${i} ${'.'.repeat(60)}`);
  db.close();
  const fd = openSync(file, 'r+');
  const pageSize = 4096;
  writeSync(fd, Buffer.alloc(pageSize * 4, 0x5a), 0, pageSize * 4, pageSize * 6);
  closeSync(fd);
}

const filesIn = (folder: string) => readdirSync(folder).sort();
/** The unusable files kept aside (their -wal/-shm go with them). */
const asideFiles = () => filesIn(dir).filter((n) => /^atlas\.(damaged|newer-version)-.*\.sqlite$/.test(n));

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'atlas-recovery-'));
  file = path.join(dir, 'atlas.sqlite');
  keychain = new WatchedKeychain();
});

afterEach(async () => {
  for (const core of started.splice(0)) await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a database that cannot be used', () => {
  it('starts in recovery instead of throwing: a file that is not a database, named, with its folder', async () => {
    writeFileSync(file, GARBAGE);
    const core = await start();
    const status = recovery(await core.handlers['startup:status']({}));
    expect(status.problem).toMatchObject({ code: 'NOT_A_DATABASE', file: 'atlas.sqlite', folder: dir });
    expect(status.problem.detail).toMatch(/not a database/);
    // Every other channel says so, as a value with a code; the page can still ask who it is.
    const router = createRouter(core.handlers);
    const answer = await router.handle('workspace:get', {}, { trusted: true, label: 'test' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'DATABASE_UNAVAILABLE' } });
    expect(answer.ok ? '' : answer.error.message).toContain('atlas.sqlite');
    expect(await router.handle('app:info', {}, { trusted: true, label: 'test' })).toMatchObject({ ok: true });
    // Nothing was changed on disk.
    expect(readFileSync(file)).toEqual(GARBAGE);
    expect(filesIn(dir)).toEqual(['atlas.sqlite']);
  });

  it('still writes a fault to faults.log and tells the window while in recovery', async () => {
    writeFileSync(file, GARBAGE);
    const log = path.join(dir, 'faults.log');
    const core = await start({ faultLogFile: log });
    const heard: unknown[] = [];
    core.onEvent((event, payload) => {
      if (event === 'app:fault') heard.push(payload);
    });
    core.reportFault('a background task', new Error('socket hang up'));
    expect(heard).toEqual([expect.objectContaining({ what: 'a background task', message: 'socket hang up', logName: 'faults.log' })]);
    expect(readFileSync(log, 'utf8')).toContain('socket hang up');
  });

  it('says a damaged SQLite file is damaged', async () => {
    writeDamagedDatabase();
    const before = readFileSync(file);
    const core = await start();
    expect(recovery(core.status()).problem.code).toBe('DAMAGED');
    expect(readFileSync(file)).toEqual(before);
  });

  it('does not touch a database written by a newer version, and says which layouts', async () => {
    const db = openDatabase(file);
    db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(KNOWN_SCHEMA + 1);
    db.close();
    const before = readFileSync(file);
    const core = await start();
    const { problem } = recovery(core.status());
    expect(problem).toMatchObject({ code: 'NEWER_VERSION', schema: { found: KNOWN_SCHEMA + 1, known: KNOWN_SCHEMA } });
    expect(readFileSync(file)).toEqual(before);
    // Starting fresh keeps it aside under a name that says why.
    const fresh = await core.handlers['startup:startFresh']({});
    expect(fresh).toMatchObject({ state: 'ready', recovered: { action: 'fresh' } });
    expect(asideFiles()).toEqual([expect.stringMatching(/^atlas\.newer-version-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.sqlite$/)]);
    expect(readFileSync(path.join(dir, asideFiles()[0]!))).toEqual(before);
  });

  it('says a failed update failed, leaves the file as it was, and has a backup from just before', async () => {
    copyFileSync(FIXTURE_SCHEMA_7, file);
    // Something the next layout update needs to create is already there: the update fails.
    const db = new DatabaseSync(file);
    db.exec('CREATE TABLE aws_accounts (id TEXT)');
    db.close();
    const core = await start();
    const status = recovery(core.status());
    expect(status.problem).toMatchObject({ code: 'MIGRATION_FAILED', schema: { found: 7, known: KNOWN_SCHEMA } });
    expect(status.problem.detail).toMatch(/aws_accounts/);
    // Rolled back: still layout 7.
    const check = new DatabaseSync(file, { readOnly: true });
    expect(check.prepare('SELECT MAX(version) AS v FROM schema_version').get()).toEqual({ v: 7 });
    check.close();
    expect(status.backups).toEqual([expect.objectContaining({ reason: 'before-update' })]);
  });

  it('does not take a database another program is writing to for a damaged one, and opens once it is free', async () => {
    copyFileSync(FIXTURE_SCHEMA_7, file);
    const other = new DatabaseSync(file);
    other.exec('BEGIN IMMEDIATE');
    const core = await start();
    const { problem } = recovery(core.status());
    expect(problem.code).toBe('CANNOT_OPEN');
    expect(problem.detail).toMatch(/another AMI Atlas or the ami-atlas command may be using it/);
    other.exec('ROLLBACK');
    other.close();
    expect(await core.handlers['startup:retry']({})).toEqual({ state: 'ready', recovered: null });
    expect((await core.handlers['workspace:get']({})).accounts.length).toBeGreaterThan(0);
  });

  it('checks again when asked, and opens once the problem is gone', async () => {
    mkdirSync(file); // a folder where the file should be
    const core = await start();
    expect(recovery(core.status()).problem.code).toBe('CANNOT_OPEN');
    rmSync(file, { recursive: true });
    expect(await core.handlers['startup:retry']({})).toEqual({ state: 'ready', recovered: null });
    expect((await core.handlers['workspace:get']({})).accounts).toEqual([]);
  });
});

describe('the ways back', () => {
  it('restores the last backup: accounts back, the damaged file kept byte for byte, the keychain untouched', async () => {
    const secretKey = await seedAccount();
    const made = await makeBackup(file, 'daily');
    writeFileSync(file, GARBAGE);
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });

    const core = await start();
    const status = recovery(core.status());
    expect(status.backups.map((b) => b.name)).toEqual([made.name]);
    expect(status.backupFolder).toBe(path.join(dir, 'backups'));

    const after = await core.handlers['startup:restore']({ backup: made.name });
    expect(after).toMatchObject({ state: 'ready', recovered: { action: 'restored', backup: { name: made.name }, folder: dir } });
    const keptAs = after.state === 'ready' ? after.recovered?.keptAs : null;
    expect(keptAs).toMatch(/^atlas\.damaged-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.sqlite$/);
    expect(readFileSync(path.join(dir, keptAs!))).toEqual(GARBAGE);
    // The account is back and finds its secret where it was.
    const workspace = await core.handlers['workspace:get']({});
    expect(workspace.accounts.map((a) => a.name)).toEqual(['acme-prod-ops']);
    expect(workspace.clients.map((c) => c.name)).toEqual(['Acme Corp']);
    expect(await keychain.get(secretKey)).toBe('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    expect(keychain.deleted).toEqual([]);
    // The backup itself is still there.
    expect(listBackups(file).map((b) => b.name)).toContain(made.name);
  });

  it('starts fresh: an empty workspace, the damaged file kept, the keychain untouched', async () => {
    const secretKey = await seedAccount();
    writeDamagedDatabase();
    const before = readFileSync(file);
    const core = await start();
    expect(recovery(core.status()).backups).toEqual([]);
    const after = await core.handlers['startup:startFresh']({});
    expect(after).toMatchObject({ state: 'ready', recovered: { action: 'fresh', backup: null } });
    expect((await core.handlers['workspace:get']({})).accounts).toEqual([]);
    expect(asideFiles()).toHaveLength(1);
    expect(readFileSync(path.join(dir, asideFiles()[0]!))).toEqual(before);
    expect(await keychain.get(secretKey)).not.toBeNull();
    expect(keychain.deleted).toEqual([]);
  });

  it('refuses a backup that cannot be used either, and changes nothing', async () => {
    mkdirSync(path.join(dir, 'backups'));
    const bad = 'atlas-2025-01-02T03-04-05Z.sqlite';
    writeFileSync(path.join(dir, 'backups', bad), GARBAGE);
    writeFileSync(file, GARBAGE);
    const core = await start();
    const after = recovery(await core.handlers['startup:restore']({ backup: bad }));
    expect(after.failure).toMatchObject({ code: 'BACKUP_UNUSABLE' });
    expect(after.failure?.message).toContain(bad);
    expect(after.problem.code).toBe('NOT_A_DATABASE');
    expect(filesIn(dir)).toEqual(['atlas.sqlite', 'backups']);
    expect(readFileSync(file)).toEqual(GARBAGE);
  });

  it('restores only backups it listed, by name, never a path', async () => {
    writeFileSync(file, GARBAGE);
    const core = await start();
    const missing = recovery(await core.handlers['startup:restore']({ backup: 'atlas-2020-01-01T00-00-00Z.sqlite' }));
    expect(missing.failure?.code).toBe('BACKUP_NOT_FOUND');
    const router = createRouter(core.handlers);
    for (const backup of ['../atlas.sqlite', '/etc/passwd', 'backups/x.sqlite']) {
      expect(await router.handle('startup:restore', { backup }, { trusted: true, label: 'test' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(readFileSync(file)).toEqual(GARBAGE);
  });

  it('answers that there is nothing to recover when the database opened', async () => {
    const core = await start();
    expect(core.status()).toEqual({ state: 'ready', recovered: null });
    await expect(core.handlers['startup:startFresh']({})).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(filesIn(dir)).not.toContain(expect.stringMatching(/damaged/));
  });
});

describe('automatic backups', () => {
  it('backs up before each layout update, with the backup API: the old layout, every row, one self-contained file', async () => {
    copyFileSync(FIXTURE_SCHEMA_7, file);
    const rowsBefore = (() => {
      const db = new DatabaseSync(file, { readOnly: true });
      const n = db.prepare('SELECT COUNT(*) AS n FROM inventory_rows').get() as { n: number };
      db.close();
      return n.n;
    })();
    const core = await start();
    expect(core.status().state).toBe('ready');
    const [backup, ...rest] = listBackups(file);
    expect(rest).toEqual([]);
    expect(backup).toMatchObject({ reason: 'before-update' });
    expect(backup!.name).toMatch(/^atlas-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ-before-update\.sqlite$/);
    const copy = new DatabaseSync(path.join(dir, 'backups', backup!.name), { readOnly: true });
    expect(copy.prepare('SELECT MAX(version) AS v FROM schema_version').get()).toEqual({ v: 7 });
    expect(copy.prepare('SELECT COUNT(*) AS n FROM inventory_rows').get()).toEqual({ n: rowsBefore });
    expect(copy.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'delete' });
    expect(copy.prepare('PRAGMA quick_check').get()).toEqual({ quick_check: 'ok' });
    copy.close();
    expect(filesIn(path.join(dir, 'backups'))).toEqual([backup!.name]);
  });

  it('backs up once a day and keeps the newest five', async () => {
    let now = Date.parse('2025-03-01T09:00:00Z');
    const clock = () => new Date(now);
    await seedAccount();
    const startAt = async () => {
      const core = await start({ now: clock });
      expect(core.status().state).toBe('ready');
      await core.close();
      started.splice(started.indexOf(core), 1);
    };
    await startAt();
    expect(listBackups(file).map((b) => [b.createdAt, b.reason])).toEqual([['2025-03-01T09:00:00.000Z', 'daily']]);
    now += 2 * 60 * 60 * 1000; // the same day: no second backup
    await startAt();
    expect(listBackups(file)).toHaveLength(1);
    for (let day = 1; day <= 6; day++) {
      now += DAY;
      await startAt();
    }
    const kept = listBackups(file);
    expect(kept).toHaveLength(5);
    expect(kept[0]!.createdAt).toBe(new Date(now).toISOString());
    expect(kept.every((b) => b.reason === 'daily')).toBe(true);
    // Each one is a database with the account in it.
    const newest = new DatabaseSync(path.join(dir, 'backups', kept[0]!.name), { readOnly: true });
    expect(newest.prepare('SELECT name FROM aws_accounts').all()).toEqual([{ name: 'acme-prod-ops' }]);
    newest.close();
  });

  it('makes the daily backup while the app keeps running', async () => {
    let now = Date.parse('2025-03-01T09:00:00Z');
    await seedAccount();
    const core = await start({ now: () => new Date(now), backupCheckMs: 20 });
    await expect.poll(() => listBackups(file).length, { timeout: 5000 }).toBe(1);
    now += DAY + 1000;
    await expect.poll(() => listBackups(file).length, { timeout: 5000 }).toBe(2);
    expect(core.status().state).toBe('ready');
  });

  it('keeps the unusable file’s -wal with it, unread and unchanged', async () => {
    writeFileSync(file, GARBAGE);
    writeFileSync(`${file}-wal`, 'wal of the damaged file');
    const core = await start();
    const after = await core.handlers['startup:startFresh']({});
    expect(after.state).toBe('ready');
    const [kept, ...more] = asideFiles();
    expect(more).toEqual([]);
    expect(readFileSync(path.join(dir, kept!))).toEqual(GARBAGE);
    expect(readFileSync(path.join(dir, `${kept}-wal`), 'utf8')).toBe('wal of the damaged file');
    // The fresh database does not start from the old file's log.
    if (existsSync(`${file}-wal`)) expect(readFileSync(`${file}-wal`, 'utf8')).not.toContain('wal of the damaged file');
    expect(existsSync(file)).toBe(true);
  });
});
