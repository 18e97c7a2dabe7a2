/**
 * Keychain items still to be deleted: the key of a secret whose access path was removed while
 * the OS keychain could not be asked (locked, no Secret Service, no answer). Kept in the app's
 * database — the key only, never the secret — and deleted from the keychain as soon as it
 * answers again (GuardedSecretStore), in this run or a later one.
 */
import type { Database } from '../db/database';

export interface PendingDeletions {
  add(key: string): void;
  list(): string[];
  remove(key: string): void;
}

export class KeychainDeletions implements PendingDeletions {
  constructor(private readonly db: Database) {}

  add(key: string): void {
    this.db.prepare('INSERT INTO keychain_deletions (key, requested_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(key, new Date().toISOString());
  }

  list(): string[] {
    return (this.db.prepare('SELECT key FROM keychain_deletions ORDER BY requested_at, key').all() as Array<{ key: string }>).map((r) => r.key);
  }

  remove(key: string): void {
    this.db.prepare('DELETE FROM keychain_deletions WHERE key = ?').run(key);
  }
}

/** For stores whose secrets cannot outlive the process anyway (tests, previews). */
export class MemoryDeletions implements PendingDeletions {
  private readonly keys = new Set<string>();
  add(key: string): void {
    this.keys.add(key);
  }
  list(): string[] {
    return [...this.keys];
  }
  remove(key: string): void {
    this.keys.delete(key);
  }
}
