/**
 * The registry keeps the accounts and paths every AWS call looks up, but never hands out a stale
 * one: a change through the registry or straight in SQL on the same connection is seen by the
 * next lookup, and one by another process on the same file (the CLI beside the app) by the first
 * lookup after it committed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AccountRegistry } from '../../electron/core/accounts/registry';
import { openDatabase } from '../../electron/core/db/database';

describe('account registry lookups', () => {
  it('sees every change, from this connection or another, and hands out copies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-lookups-'));
    try {
      const file = join(dir, 'atlas.sqlite');
      const registry = new AccountRegistry(openDatabase(file));
      const client = registry.ensureClient('Acme');
      const account = registry.addAccount({ name: 'prod', clientId: client.id, defaultRegion: 'eu-west-1', awsAccountId: '123456789012' });
      const path = registry.addPath(account.id, { kind: 'profile', profileName: 'prod' });
      expect(registry.getPath(path.id)?.endpoint).toBeNull();
      expect(registry.pathsOf(account.id)).toHaveLength(1);

      // Through the registry.
      registry.updatePath(path.id, { endpoint: 'https://ec2.vpce.example.com' });
      expect(registry.getPath(path.id)?.endpoint).toBe('https://ec2.vpce.example.com');

      // Straight in SQL on the same connection.
      registry.db.prepare('UPDATE aws_accounts SET name = ? WHERE id = ?').run('production', account.id);
      expect(registry.getAccount(account.id)?.name).toBe('production');

      // Inside a transaction that is rolled back: the change is seen, then gone again.
      registry.db.exec('BEGIN');
      registry.db.prepare('UPDATE aws_accounts SET name = ? WHERE id = ?').run('renamed for a moment', account.id);
      expect(registry.getAccount(account.id)?.name).toBe('renamed for a moment');
      registry.db.exec('ROLLBACK');
      expect(registry.getAccount(account.id)?.name).toBe('production');

      // A write to another table (the inventory a scan writes) leaves them be; the next rename is still seen.
      registry.db.prepare('CREATE TABLE IF NOT EXISTS scratch (v INTEGER)').run();
      registry.db.prepare('INSERT INTO scratch (v) VALUES (1)').run();
      expect(registry.getAccount(account.id)?.name).toBe('production');
      registry.db.prepare('UPDATE aws_accounts SET name = ? WHERE id = ?').run('prod-main', account.id);
      expect(registry.getAccount(account.id)?.name).toBe('prod-main');
      registry.updateAccount(account.id, { name: 'production' });

      // Another process on the same file (another connection), after both lookups were kept: it
      // commits while this one is between two turns of its event loop, as a process beside it does.
      expect(registry.getPath(path.id)).toBeDefined();
      expect(registry.pathsOf(account.id)).toHaveLength(1);
      await Promise.resolve();
      const other = openDatabase(file);
      other.prepare('UPDATE access_paths SET endpoint = NULL WHERE id = ?').run(path.id);
      other.prepare('DELETE FROM access_paths WHERE id = ?').run(path.id);
      other.close();
      expect(registry.getPath(path.id)).toBeUndefined();
      expect(registry.pathsOf(account.id)).toEqual([]);

      // What a caller changes in what it got is its own.
      const got = registry.getAccount(account.id)!;
      got.name = 'scribbled';
      got.favoriteRegions.push('us-east-1');
      expect(registry.getAccount(account.id)).toMatchObject({ name: 'production', favoriteRegions: [] });
      registry.db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
