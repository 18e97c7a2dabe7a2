import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { MemorySecretStore } from '../../electron/core/accounts/secret-store';
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
