import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { MemorySecretStore } from '../../electron/core/accounts/secret-store';
import { GuardedSecretStore } from '../../electron/core/accounts/guarded-secret-store';
import { KeychainDeletions } from '../../electron/core/accounts/keychain-deletions';
import { openDatabase } from '../../electron/core/db/database';
import { KeytarSecretStore, type KeytarApi } from '../../electron/core/accounts/keytar-secret-store';

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('MemorySecretStore', () => {
  it('stores, replaces and deletes secrets', async () => {
    const store = new MemorySecretStore();
    expect(store.kind).toBe('memory');
    expect(await store.get('a')).toBeNull();
    await store.set('a', 'one');
    await store.set('a', 'two');
    expect(await store.get('a')).toBe('two');
    expect(await store.delete('a')).toBe(true);
    expect(await store.delete('a')).toBe(false);
    expect(await store.get('a')).toBeNull();
  });

  it('rejects empty keys and secrets like the keychain does', async () => {
    const store = new MemorySecretStore();
    await expect(store.set('', 'x')).rejects.toBeInstanceOf(AppError);
    await expect(store.set('k', '')).rejects.toBeInstanceOf(AppError);
  });
});

describe('KeytarSecretStore error mapping', () => {
  it('turns a missing native module into KEYCHAIN_UNAVAILABLE, and probe() explains it', async () => {
    let loads = 0;
    const store = new KeytarSecretStore({
      load: () => {
        loads += 1;
        throw new Error("Cannot find module 'keytar'\nRequire stack:\n- somewhere");
      },
    });
    const error = await rejection(store.get('account-1'));
    expect(error.code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(error.message).toContain("Cannot find module 'keytar'");
    expect(error.message).not.toContain('Require stack');

    const probe = await store.probe();
    expect(probe.available).toBe(false);
    if (!probe.available) expect(probe.reason).toMatch(/could not be loaded/);
    expect(loads).toBe(1); // a module that failed to load is not retried on every call
  });

  it('rejects a module without the keytar functions', async () => {
    const store = new KeytarSecretStore({ load: () => ({}) as KeytarApi });
    expect((await rejection(store.set('k', 'v'))).code).toBe('KEYCHAIN_UNAVAILABLE');
  });

  it('turns a Secret Service failure into KEYCHAIN_UNAVAILABLE with advice for Linux', async () => {
    const failing: KeytarApi = {
      getPassword: () => Promise.reject(new Error('The name org.freedesktop.secrets was not provided by any .service files')),
      setPassword: () => Promise.reject(new Error('Cannot create an item in a locked collection')),
      deletePassword: () => Promise.reject(new Error('boom')),
    };
    const store = new KeytarSecretStore({ load: () => failing, platform: 'linux' });
    const error = await rejection(store.set('k', 'v'));
    expect(error.code).toBe('KEYCHAIN_UNAVAILABLE');
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('locked collection');
    expect(error.message).toMatch(/gnome-keyring/);
    expect(error.message).toMatch(/KWallet/);
    const probe = await store.probe();
    expect(probe).toEqual({ available: false, reason: expect.stringContaining('org.freedesktop.secrets') });
  });

  it('gives macOS users macOS advice', async () => {
    const store = new KeytarSecretStore({
      load: () => ({
        getPassword: () => Promise.reject(new Error('User interaction is not allowed.')),
        setPassword: () => Promise.resolve(),
        deletePassword: () => Promise.resolve(true),
      }),
      platform: 'darwin',
    });
    expect((await rejection(store.get('k'))).message).toMatch(/Keychain Access/);
  });

  it('times out a probe that never answers', async () => {
    const store = new KeytarSecretStore({
      load: () => ({
        getPassword: () => new Promise<string | null>(() => {}),
        setPassword: () => Promise.resolve(),
        deletePassword: () => Promise.resolve(true),
      }),
      probeTimeoutMs: 50,
    });
    const probe = await store.probe();
    expect(probe.available).toBe(false);
    if (!probe.available) expect(probe.reason).toMatch(/did not answer/);
  });

  it('passes values through under the app service name', async () => {
    const seen: string[] = [];
    const entries = new Map<string, string>();
    const fake: KeytarApi = {
      getPassword: async (service, account) => {
        seen.push(service);
        return entries.get(account) ?? null;
      },
      setPassword: async (service, account, password) => {
        seen.push(service);
        entries.set(account, password);
      },
      deletePassword: async (service, account) => {
        seen.push(service);
        return entries.delete(account);
      },
    };
    const store = new KeytarSecretStore({ load: () => fake });
    await store.set('k', 'v');
    expect(await store.get('k')).toBe('v');
    expect(await store.delete('k')).toBe(true);
    expect(new Set(seen)).toEqual(new Set(['AMI Atlas']));
    expect(await store.probe()).toEqual({ available: true });
  });
});

/** A keychain that can be locked (every call refused, as a locked keyring does) or stop answering. */
class LockableKeychain extends MemorySecretStore {
  locked = false;
  silent = false;
  private refuse(): void {
    if (this.locked) throw new AppError({ code: 'KEYCHAIN_UNAVAILABLE', message: 'Cannot create an item in a locked collection', retryable: true });
  }
  override async get(key: string) {
    this.refuse();
    return super.get(key);
  }
  override async set(key: string, secret: string) {
    this.refuse();
    return super.set(key, secret);
  }
  override async delete(key: string) {
    this.refuse();
    if (this.silent) return new Promise<boolean>(() => {});
    return super.delete(key);
  }
  /** What the keychain holds, whatever its state. */
  peek(key: string) {
    return super.get(key);
  }
  async probe() {
    return this.locked ? { available: false as const, reason: 'the login keyring is locked' } : { available: true as const };
  }
}

describe('GuardedSecretStore: a secret removed while the keychain is locked', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = '';
  });

  const everything = (db: ReturnType<typeof openDatabase>) =>
    (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>)
      .map((t) => JSON.stringify(db.prepare(`SELECT * FROM "${t.name}"`).all()))
      .join('\n');

  it('is recorded (its key, never the secret) and deleted when the keychain is available again', async () => {
    const db = openDatabase(':memory:');
    const keychain = new LockableKeychain();
    const store = new GuardedSecretStore(keychain, new KeychainDeletions(db));
    await store.refresh();
    await store.set('path-1', 'wJalrXUtnFEMI/K7MDENG/SECRET');
    await store.set('path-2', 'another-secret-value');

    keychain.locked = true;
    expect((await store.refresh()).available).toBe(false);
    await store.delete('path-1');
    expect(await keychain.peek('path-1')).toBe('wJalrXUtnFEMI/K7MDENG/SECRET');
    expect(store.pendingDeletions()).toEqual(['path-1']);
    expect(everything(db)).toContain('path-1');
    expect(everything(db)).not.toContain('SECRET');

    keychain.locked = false;
    expect((await store.refresh()).available).toBe(true);
    await store.deletePending();
    expect(await keychain.peek('path-1')).toBeNull();
    expect(await keychain.peek('path-2')).toBe('another-secret-value');
    expect(store.pendingDeletions()).toEqual([]);
  });

  it('is deleted after a restart, from what the database kept', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'atlas-keychain-'));
    const file = path.join(dir, 'atlas.sqlite');
    const keychain = new LockableKeychain();
    await keychain.set('path-1', 'secret-one');
    keychain.locked = true;

    const before = openDatabase(file);
    const first = new GuardedSecretStore(keychain, new KeychainDeletions(before));
    await first.refresh();
    await first.delete('path-1');
    before.close();

    keychain.locked = false;
    const after = openDatabase(file);
    const next = new GuardedSecretStore(keychain, new KeychainDeletions(after));
    expect(next.pendingDeletions()).toEqual(['path-1']);
    await next.refresh();
    await next.deletePending();
    expect(await keychain.peek('path-1')).toBeNull();
    expect(next.pendingDeletions()).toEqual([]);
    after.close();
  });

  it('is recorded when the keychain locks after it was found available, and deleted by the next keychain write', async () => {
    const keychain = new LockableKeychain();
    const store = new GuardedSecretStore(keychain, new KeychainDeletions(openDatabase(':memory:')));
    await store.refresh();
    await store.set('path-1', 'secret-one');
    keychain.locked = true; // no refresh: the store still thinks it is available
    await expect(store.delete('path-1')).resolves.toBe(false);
    expect(store.pendingDeletions()).toEqual(['path-1']);

    keychain.locked = false;
    await store.set('path-2', 'secret-two');
    await store.deletePending();
    expect(await keychain.peek('path-1')).toBeNull();
    expect(store.pendingDeletions()).toEqual([]);
  });

  it('is recorded when the keychain does not answer, without holding up the removal', async () => {
    const keychain = new LockableKeychain();
    const store = new GuardedSecretStore(keychain, new KeychainDeletions(openDatabase(':memory:')), 30);
    await store.refresh();
    await store.set('path-1', 'secret-one');
    keychain.silent = true;
    await expect(store.delete('path-1')).resolves.toBe(false);
    expect(store.pendingDeletions()).toEqual(['path-1']);
    // Still silent: it waits for the next time.
    await store.refresh();
    await store.deletePending();
    expect(store.pendingDeletions()).toEqual(['path-1']);
    keychain.silent = false;
    await store.refresh();
    await store.deletePending();
    expect(await keychain.peek('path-1')).toBeNull();
    expect(store.pendingDeletions()).toEqual([]);
  });

  it('is not deleted later when a secret is stored under its key again', async () => {
    const keychain = new LockableKeychain();
    const store = new GuardedSecretStore(keychain, new KeychainDeletions(openDatabase(':memory:')), 30);
    await store.refresh();
    keychain.locked = true;
    await store.refresh();
    await store.delete('path-1');
    keychain.locked = false;
    keychain.silent = true; // the refresh's own attempt does not get through
    await store.refresh();
    await store.deletePending();
    expect(store.pendingDeletions()).toEqual(['path-1']);
    keychain.silent = false;
    await store.set('path-1', 'the new secret');
    await store.deletePending();
    expect(await keychain.peek('path-1')).toBe('the new secret');
  });
});
