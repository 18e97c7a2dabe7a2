/**
 * The inventory's writes skip waiting for the disk; nothing else may: the connection's setting is
 * back as it was after each of them, whether the work committed or failed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, transactionWithoutWaitingForDisk, type Database } from '../../electron/core/db/database';

let dir = '';
let db: Database;
const synchronous = (): number => (db.prepare('PRAGMA synchronous').get() as { synchronous: number }).synchronous;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'atlas-db-'));
  db = openDatabase(path.join(dir, 'atlas.sqlite'));
  db.exec('CREATE TABLE t (v INTEGER)');
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a transaction that does not wait for the disk', () => {
  it('commits with synchronous = NORMAL and gives the connection back as it was (FULL)', () => {
    expect(synchronous()).toBe(2);
    const inside = transactionWithoutWaitingForDisk(db, () => {
      db.prepare('INSERT INTO t (v) VALUES (1)').run();
      return synchronous();
    });
    expect(inside).toBe(1);
    expect(synchronous()).toBe(2);
    expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 1 });
  });

  it('rolls back a failed write and still gives the setting back', () => {
    expect(() =>
      transactionWithoutWaitingForDisk(db, () => {
        db.prepare('INSERT INTO t (v) VALUES (1)').run();
        throw new Error('disk full');
      }),
    ).toThrow('disk full');
    expect(synchronous()).toBe(2);
    expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 0 });
  });
});
