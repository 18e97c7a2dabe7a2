/**
 * Round-trips secrets through the real OS keyring (run via test/keychain/run.sh, which starts a
 * private D-Bus session with a fresh, unlocked gnome-keyring). Nothing here is mocked: if the
 * keyring is unreachable these tests fail, they never skip.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import {
  KEYCHAIN_SERVICE,
  KeytarSecretStore,
  type KeytarApi,
} from '../../electron/core/accounts/keytar-secret-store';
import { GuardedSecretStore, type ProbingSecretStore } from '../../electron/core/accounts/guarded-secret-store';
import { KeychainDeletions } from '../../electron/core/accounts/keychain-deletions';
import { openDatabase } from '../../electron/core/db/database';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const keytar = createRequire(import.meta.url)('keytar') as KeytarApi;
const run = promisify(execFile);

/** Reads an entry from a separate Node process, so the value must really live in the keyring. */
async function readInOtherProcess(service: string, account: string): Promise<string | null> {
  const script =
    "require('keytar').getPassword(process.env.KC_SERVICE, process.env.KC_ACCOUNT)" +
    '.then((v) => process.stdout.write(JSON.stringify(v)), (e) => { console.error(e.message); process.exit(2); })';
  const { stdout } = await run(process.execPath, ['-e', script], {
    cwd: repoRoot,
    env: { ...process.env, KC_SERVICE: service, KC_ACCOUNT: account },
    timeout: 15_000,
  });
  return JSON.parse(stdout) as string | null;
}

const created: string[] = [];
function uniqueKey(): string {
  const key = `keychain-test-${randomUUID()}`;
  created.push(key);
  return key;
}

afterEach(async () => {
  // Leave nothing behind even when an assertion failed half-way.
  for (const key of created.splice(0)) await keytar.deletePassword(KEYCHAIN_SERVICE, key).catch(() => false);
});

describe('KeytarSecretStore against the real keyring', () => {
  const store = new KeytarSecretStore();

  it('reports the keychain as available', async () => {
    expect(store.kind).toBe('keychain');
    expect(await store.probe()).toEqual({ available: true });
  });

  it('stores, reads, replaces and deletes a secret', async () => {
    const key = uniqueKey();
    const secret = `wJalrXUtnFEMI/K7MDENG/bPxRfiCY-${randomUUID()}`;

    await store.set(key, secret);
    expect(await store.get(key)).toBe(secret);

    // Visible to keytar itself under the app's service name, in this process and in another one.
    expect(await keytar.getPassword(KEYCHAIN_SERVICE, key)).toBe(secret);
    expect(await readInOtherProcess(KEYCHAIN_SERVICE, key)).toBe(secret);

    await store.set(key, `${secret}-rotated`);
    expect(await store.get(key)).toBe(`${secret}-rotated`);

    expect(await store.delete(key)).toBe(true);
    expect(await store.get(key)).toBeNull();
    expect(await readInOtherProcess(KEYCHAIN_SERVICE, key)).toBeNull();
    expect(await store.delete(key)).toBe(false);
  });

  it('reads what keytar wrote directly', async () => {
    const key = uniqueKey();
    await keytar.setPassword(KEYCHAIN_SERVICE, key, 'written-by-keytar');
    expect(await store.get(key)).toBe('written-by-keytar');
  });

  it('returns null for a key that was never stored', async () => {
    expect(await store.get(`never-stored-${randomUUID()}`)).toBeNull();
  });

  it('keeps services apart', async () => {
    const key = uniqueKey();
    const other = new KeytarSecretStore({ service: `${KEYCHAIN_SERVICE} test ${randomUUID()}` });
    await store.set(key, 'app-secret');
    expect(await other.get(key)).toBeNull();
  });

  it('rejects an empty secret with a typed error instead of calling the keyring', async () => {
    await expect(store.set(uniqueKey(), '')).rejects.toBeInstanceOf(AppError);
  });
});

/** The real keyring, behind a lock the test controls (as a locked login keyring refuses calls). */
class LockedSometimes implements ProbingSecretStore {
  readonly kind = 'keychain' as const;
  locked = false;
  constructor(private readonly real: KeytarSecretStore) {}
  private refuse(): void {
    if (this.locked) throw new AppError({ code: 'KEYCHAIN_UNAVAILABLE', message: 'the login keyring is locked', retryable: true });
  }
  async get(key: string) {
    this.refuse();
    return this.real.get(key);
  }
  async set(key: string, secret: string) {
    this.refuse();
    return this.real.set(key, secret);
  }
  async delete(key: string) {
    this.refuse();
    return this.real.delete(key);
  }
  async probe() {
    return this.locked ? { available: false as const, reason: 'the login keyring is locked' } : this.real.probe();
  }
}

describe('GuardedSecretStore against the real keyring', () => {
  it('deletes a secret removed while the keyring was locked once it is available again', async () => {
    const key = uniqueKey();
    const keychain = new LockedSometimes(new KeytarSecretStore());
    const db = openDatabase(':memory:');
    const store = new GuardedSecretStore(keychain, new KeychainDeletions(db));
    expect((await store.refresh()).available).toBe(true);
    await store.set(key, 'removed-while-locked');
    expect(await readInOtherProcess(KEYCHAIN_SERVICE, key)).toBe('removed-while-locked');

    keychain.locked = true;
    expect((await store.refresh()).available).toBe(false);
    await store.delete(key);
    // Still in the keyring; only its key is recorded.
    expect(await readInOtherProcess(KEYCHAIN_SERVICE, key)).toBe('removed-while-locked');
    expect(store.pendingDeletions()).toEqual([key]);

    keychain.locked = false;
    expect((await store.refresh()).available).toBe(true);
    await store.deletePending();
    expect(await readInOtherProcess(KEYCHAIN_SERVICE, key)).toBeNull();
    expect(store.pendingDeletions()).toEqual([]);
    db.close();
  });
});
