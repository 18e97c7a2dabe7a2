/**
 * Where secrets typed into the app (secret access keys, later SSO tokens) are kept.
 *
 * The core only ever talks to this interface, so the OS keychain (see keytar-secret-store.ts)
 * and the in-memory store used by tests and by the "this session only" fallback are
 * interchangeable. Keys are opaque ids chosen by the caller (e.g. an account entry id); they
 * are not secret and may be logged, the values never are.
 */
import { AppError } from '../../../shared/errors';

export interface SecretStore {
  /** The stored secret, or null when nothing is stored under `key`. */
  get(key: string): Promise<string | null>;
  /** Stores (or replaces) the secret under `key`. */
  set(key: string, secret: string): Promise<void>;
  /** Removes the secret; true when something was removed. */
  delete(key: string): Promise<boolean>;
  /** 'keychain' survives a restart; 'memory' is gone when the process exits. */
  readonly kind: 'keychain' | 'memory';
}

/** Longest key accepted; keychains limit attribute sizes and ids are short anyway. */
export const MAX_SECRET_KEY_LENGTH = 256;

/**
 * Both stores apply the same rules so a test against the memory store says something about
 * the keychain store too (keytar itself rejects empty keys and empty secrets).
 */
export function assertValidKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_SECRET_KEY_LENGTH) {
    throw new AppError({
      code: 'INTERNAL',
      message: `Secret key must be a non-empty string of at most ${MAX_SECRET_KEY_LENGTH} characters.`,
      retryable: false,
    });
  }
}

export function assertValidSecret(secret: string): void {
  if (typeof secret !== 'string' || secret.length === 0) {
    throw new AppError({
      code: 'INTERNAL',
      message: 'Refusing to store an empty secret.',
      retryable: false,
    });
  }
}

/** Keeps secrets in process memory only: used by tests and when no keychain is available. */
export class MemorySecretStore implements SecretStore {
  readonly kind = 'memory' as const;
  readonly #secrets = new Map<string, string>();

  async get(key: string): Promise<string | null> {
    assertValidKey(key);
    return this.#secrets.get(key) ?? null;
  }

  async set(key: string, secret: string): Promise<void> {
    assertValidKey(key);
    assertValidSecret(secret);
    this.#secrets.set(key, secret);
  }

  async delete(key: string): Promise<boolean> {
    assertValidKey(key);
    return this.#secrets.delete(key);
  }
}
