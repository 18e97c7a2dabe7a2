/**
 * The user's secret store: the OS keychain, and — only when the keychain is unavailable and
 * the user explicitly chose it — memory for the rest of this run. Never a silent fallback and
 * never plain text on disk.
 */
import { AppError } from '../../../shared/errors';
import type { KeychainState } from '../../../shared/model';
import { MemorySecretStore, type SecretStore } from './secret-store';

export interface ProbingSecretStore extends SecretStore {
  probe?(): Promise<{ available: true } | { available: false; reason: string }>;
}

export class GuardedSecretStore implements SecretStore {
  private readonly memory = new MemorySecretStore();
  private current: KeychainState = { available: true, reason: null, sessionOnly: false };

  constructor(private readonly keychain: ProbingSecretStore) {}

  get kind(): 'keychain' | 'memory' {
    return this.current.sessionOnly ? 'memory' : this.keychain.kind;
  }

  state(): KeychainState {
    return { ...this.current };
  }

  /** Asks the keychain whether it works; cheap enough to call at start and before adding a key. */
  async refresh(): Promise<KeychainState> {
    const result = this.keychain.probe ? await this.keychain.probe() : ({ available: true } as const);
    this.current = {
      ...this.current,
      available: result.available,
      reason: result.available ? null : result.reason,
    };
    return this.state();
  }

  useSessionOnly(): KeychainState {
    this.current = { ...this.current, sessionOnly: true };
    return this.state();
  }

  async get(key: string): Promise<string | null> {
    const inMemory = await this.memory.get(key);
    if (inMemory !== null || !this.current.available) return inMemory;
    return this.keychain.get(key);
  }

  async set(key: string, secret: string): Promise<void> {
    if (this.current.sessionOnly && !this.current.available) return this.memory.set(key, secret);
    if (!this.current.available) {
      throw new AppError({
        code: 'KEYCHAIN_UNAVAILABLE',
        message: `The OS keychain is not available (${this.current.reason ?? 'no answer'}). Fix the keychain, or choose to keep secrets for this session only.`,
        retryable: true,
      });
    }
    return this.keychain.set(key, secret);
  }

  async delete(key: string): Promise<boolean> {
    const fromMemory = await this.memory.delete(key);
    const fromKeychain = this.current.available ? await this.keychain.delete(key) : false;
    return fromMemory || fromKeychain;
  }
}
