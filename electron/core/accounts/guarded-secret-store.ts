/**
 * The user's secret store: the OS keychain, and — only when the keychain is unavailable and
 * the user explicitly chose it — memory for the rest of this run. Never a silent fallback and
 * never plain text on disk.
 *
 * A secret deleted while the keychain cannot be asked (locked, not answering, gone) is not
 * forgotten: its key is recorded (`PendingDeletions`, the app's database) and the item deleted
 * as soon as the keychain answers again — at the next refresh or successful keychain call, in
 * this run or a later one.
 */
import { AppError } from '../../../shared/errors';
import type { KeychainState } from '../../../shared/model';
import { MemoryDeletions, type PendingDeletions } from './keychain-deletions';
import { MemorySecretStore, type SecretStore } from './secret-store';

/** A keychain deletion that has not answered after this long is left for later. */
export const KEYCHAIN_DELETE_TIMEOUT_MS = 10_000;

export interface ProbingSecretStore extends SecretStore {
  probe?(): Promise<{ available: true } | { available: false; reason: string }>;
}

export class GuardedSecretStore implements SecretStore {
  private readonly memory = new MemorySecretStore();
  private current: KeychainState = { available: true, reason: null, sessionOnly: false };

  private flushing: Promise<void> | null = null;

  constructor(
    private readonly keychain: ProbingSecretStore,
    private readonly pending: PendingDeletions = new MemoryDeletions(),
    private readonly deleteTimeoutMs = KEYCHAIN_DELETE_TIMEOUT_MS,
  ) {}

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
    // What waits for the keychain goes now, without holding up the caller.
    if (result.available) void this.deletePending();
    return this.state();
  }

  /** Keys whose keychain items are still to be deleted. */
  pendingDeletions(): string[] {
    return this.pending.list();
  }

  /**
   * Deletes what was left for later, while the keychain answers; what it does not answer for
   * stays for next time. One run at a time; never rejects.
   */
  deletePending(): Promise<void> {
    if (!this.flushing) {
      const run = this.flushPending().finally(() => {
        if (this.flushing === run) this.flushing = null;
      });
      this.flushing = run;
    }
    return this.flushing;
  }

  private async flushPending(): Promise<void> {
    try {
      for (const key of this.pending.list()) {
        // The keychain stopped answering: the rest waits for the next time.
        if ((await this.deleteFromKeychain(key)) === 'no answer') return;
        this.pending.remove(key);
      }
    } catch {
      // The record could not be read or updated now (a busy database): it is tried again later.
    }
  }

  /** Asks the keychain to delete an item, giving up after a while (a locked keyring may wait for its password). */
  private async deleteFromKeychain(key: string): Promise<'deleted' | 'absent' | 'no answer'> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'no answer'>((resolve) => {
      timer = setTimeout(() => resolve('no answer'), this.deleteTimeoutMs);
      timer.unref?.();
    });
    try {
      return await Promise.race([this.keychain.delete(key).then((removed) => (removed ? 'deleted' : 'absent')), timeout]);
    } catch {
      return 'no answer';
    } finally {
      clearTimeout(timer);
    }
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
    await this.keychain.set(key, secret);
    // A new secret under a key once deleted is not deleted later; the keychain works, so what
    // waits can go now.
    if (this.pending.list().includes(key)) this.pending.remove(key);
    void this.deletePending();
  }

  /**
   * Removes the secret from memory and the keychain. When the keychain cannot be asked, or does
   * not answer, the deletion is recorded and done when it answers again; it never fails the
   * removal of what the secret belonged to.
   */
  async delete(key: string): Promise<boolean> {
    const fromMemory = await this.memory.delete(key);
    const outcome = this.current.available ? await this.deleteFromKeychain(key) : 'no answer';
    if (outcome !== 'no answer') return fromMemory || outcome === 'deleted';
    this.pending.add(key);
    return fromMemory;
  }
}
