/**
 * The durable job module copies and Image Builder runs share: a pass over every source's active
 * jobs that never runs two steps of one job at once and goes quiet when nothing is active, stores
 * found by the prefix their ids carry, and updates that write only the columns a patch names.
 */
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import type { AccountSource } from '../../electron/core/accounts/account-source';
import { asFlag, asJson, PerSource, PrefixedStore, updateRow, type PatchColumns } from '../../electron/core/db/prefixed-store';
import type { SourceDatabases } from '../../electron/core/db/source-databases';
import { JobDriver } from '../../electron/core/jobs/durable';

class Things extends PrefixedStore {
  add(state: string): string {
    return this.publicId(this.db.prepare("INSERT INTO things (state, done, notes) VALUES (?, 0, '[]')").run(state).lastInsertRowid);
  }
  get(id: string): { state: string; done: number; notes: string } | undefined {
    return this.db.prepare('SELECT state, done, notes FROM things WHERE id = ?').get(this.rowId(id)) as { state: string; done: number; notes: string } | undefined;
  }
  active(): string[] {
    return (this.db.prepare('SELECT id FROM things WHERE done = 0 ORDER BY id').all() as Array<{ id: number }>).map((r) => this.publicId(r.id));
  }
}

interface ThingPatch {
  state?: string;
  done?: boolean;
  notes?: string[] | null;
}
const PATCH: PatchColumns<ThingPatch> = { state: ['state'], done: ['done', asFlag], notes: ['notes', asJson] };

function twoSources() {
  const user = {} as AccountSource;
  const demo = {} as AccountSource;
  const make = () => {
    const db = new DatabaseSync(':memory:');
    db.exec('CREATE TABLE things (id INTEGER PRIMARY KEY, state TEXT NOT NULL, done INTEGER NOT NULL, notes TEXT)');
    return db;
  };
  const dbs = new Map([
    [user, { db: make(), prefix: 'user' }],
    [demo, { db: make(), prefix: 'demo1' }],
  ]);
  const databases = { for: (s: AccountSource) => dbs.get(s)! } as unknown as SourceDatabases;
  return { user, demo, stores: new PerSource(databases, (db, prefix) => new Things(db, prefix)) };
}

describe('stores per source', () => {
  it('finds the store that holds an id by its prefix, and makes each store once', () => {
    const { user, demo, stores } = twoSources();
    expect(stores.for(user)).toBe(stores.for(user));
    const a = stores.for(user).add('queued');
    const b = stores.for(demo).add('queued');
    expect([a, b]).toEqual(['user-1', 'demo1-1']);
    expect(stores.owner([user, demo], b)?.source).toBe(demo);
    expect(stores.owner([user], b)).toBeNull();
  });

  it('updates only the columns a patch names, encoded', () => {
    const { user, stores } = twoSources();
    const store = stores.for(user);
    const id = store.add('queued');
    updateRow(store.db, 'things', 1, { done: true } as ThingPatch, PATCH);
    expect(store.get(id)).toEqual({ state: 'queued', done: 1, notes: '[]' });
    updateRow(store.db, 'things', 1, { state: 'copying', notes: ['a'] }, PATCH);
    expect(store.get(id)).toEqual({ state: 'copying', done: 1, notes: '["a"]' });
    updateRow(store.db, 'things', 1, { notes: null }, PATCH);
    expect(store.get(id)?.notes).toBeNull();
    updateRow(store.db, 'things', 1, {}, PATCH); // nothing named: no statement at all
    expect(store.get(id)?.state).toBe('copying');
  });
});

describe('the job driver', () => {
  it('passes over every source, never runs two steps of one job at once, and stops when none is active', async () => {
    const { user, demo, stores } = twoSources();
    const first = stores.for(user).add('queued');
    const second = stores.for(demo).add('queued');
    const started: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const driver: JobDriver<Things, string> = new JobDriver(() => [user, demo], stores, {
      active: (store) => store.active(),
      steps: (store, ids) =>
        ids.map((id) =>
          driver.exclusive(id, async () => {
            started.push(id);
            await gate;
            updateRow(store.db, 'things', Number(id.split('-')[1]), { done: true } as ThingPatch, PATCH);
          }),
        ),
    }, 10);
    driver.wake();
    // A second step of a job whose step is running is skipped, not run beside it.
    await driver.exclusive(first, async () => {
      started.push('again');
    });
    expect(started).toEqual([first]);
    release();
    await new Promise((r) => setTimeout(r, 50));
    expect(started).toEqual([first, second]);
    expect(stores.for(user).active()).toEqual([]);
    await driver.close();
  });
});
