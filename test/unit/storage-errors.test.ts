/** What a database failure says to the user: real SQLite errors, mapped to what happened and what to do. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { sqliteCode, storageError } from '../../electron/core/db/storage-errors';
import { createRouter } from '../../electron/ipc/router';
import type { Handlers } from '../../electron/core/app-core';
import { AppError } from '../../shared/errors';

const dir = mkdtempSync(join(tmpdir(), 'atlas-storage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function thrown(work: () => void): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('storage errors', () => {
  it('a lock held by another process: the data folder is in use, retry after closing it', () => {
    const file = join(dir, 'busy.db');
    const a = new DatabaseSync(file);
    a.exec('PRAGMA journal_mode = WAL; CREATE TABLE t (x)');
    const b = new DatabaseSync(file);
    a.exec('BEGIN IMMEDIATE');
    const error = thrown(() => b.exec('BEGIN IMMEDIATE'));
    a.exec('ROLLBACK');
    expect(sqliteCode(error)).toBe(5);
    const mapped = storageError(error, 'saving acme-prod/eu-west-1 (owned) in the inventory')!;
    expect(mapped).toMatchObject({ code: 'DATABASE_BUSY', retryable: true });
    expect(mapped.message).toContain('saving acme-prod/eu-west-1 (owned) in the inventory');
    expect(mapped.message).toMatch(/another AMI Atlas.*same data folder/);
  });

  it('a full disk: says so, and that nothing saved before is lost', () => {
    const db = new DatabaseSync(join(dir, 'full.db'));
    db.exec('CREATE TABLE t (x TEXT)');
    db.exec('PRAGMA max_page_count = 3');
    const error = thrown(() => {
      for (let i = 0; i < 100; i++) db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(4000));
    });
    expect(sqliteCode(error)).toBe(13);
    const mapped = storageError(error, 'recording the copy')!;
    expect(mapped.code).toBe('DISK_FULL');
    expect(mapped.message).toMatch(/recording the copy: the disk .* is full/);
  });

  it('a read-only data folder names the permissions', () => {
    const file = join(dir, 'ro.db');
    new DatabaseSync(file).exec('CREATE TABLE t (x)');
    const db = new DatabaseSync(file, { readOnly: true });
    const mapped = storageError(thrown(() => db.exec('INSERT INTO t VALUES (1)')), 'saving the account')!;
    expect(mapped.code).toBe('STORAGE_FAILED');
    expect(mapped.message).toContain('permissions');
  });

  it('leaves other errors alone and passes AppErrors through', () => {
    expect(storageError(new Error('boom'), 'x')).toBeNull();
    expect(storageError('text', 'x')).toBeNull();
    const app = new AppError({ code: 'NOT_FOUND', message: 'gone', retryable: false });
    expect(storageError(app, 'x')).toBe(app);
  });

  it('the router answers a handler’s database failure with it, not as an internal error', async () => {
    const file = join(dir, 'router.db');
    const a = new DatabaseSync(file);
    a.exec('PRAGMA journal_mode = WAL; CREATE TABLE t (x)');
    const b = new DatabaseSync(file);
    const internal: unknown[] = [];
    const handlers = { 'jobs:list': async () => b.exec('BEGIN IMMEDIATE') } as unknown as Handlers;
    const router = createRouter(handlers, { onInternalError: (_c, e) => internal.push(e) });
    a.exec('BEGIN IMMEDIATE');
    const answer = await router.handle('jobs:list', {}, { trusted: true, label: 'test' });
    a.exec('ROLLBACK');
    expect(answer).toMatchObject({ ok: false, error: { code: 'DATABASE_BUSY', retryable: true } });
    expect(internal).toHaveLength(0);
  });
});
