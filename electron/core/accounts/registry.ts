/**
 * Clients and account entries (never secrets: those live in a SecretStore under the key
 * `secretKeyFor(accountId)`). Backed by SQLite, so the list survives restarts; the demo
 * workspace uses the same class over an in-memory database.
 */
import { randomUUID } from 'node:crypto';
import type { Client } from '../../../shared/model';
import { transaction, type Database } from '../db/database';

export interface AccountRecord {
  id: string;
  name: string;
  clientId: string;
  kind: 'access-key';
  accessKeyId: string;
  defaultRegion: string;
  endpoint: string | null;
  production: boolean;
  awsAccountId: string | null;
  arn: string | null;
}

export interface NewAccessKeyAccount {
  name: string;
  clientId: string;
  accessKeyId: string;
  defaultRegion: string;
  endpoint: string | null;
  production?: boolean;
}

/** Distinct, readable on light and dark backgrounds. */
const CLIENT_COLORS = ['#2f81f7', '#d2681d', '#2da44e', '#a371f7', '#cf222e', '#1b9aaa', '#bf8700', '#e85aad'];

export function secretKeyFor(accountId: string): string {
  return `account:${accountId}:secret-access-key`;
}

interface ClientRow {
  id: string;
  name: string;
  color: string;
  production: number;
}

interface AccountRow {
  id: string;
  name: string;
  client_id: string;
  kind: string;
  access_key_id: string;
  default_region: string;
  endpoint: string | null;
  production: number;
  aws_account_id: string | null;
  arn: string | null;
}

export class AccountRegistry {
  constructor(private readonly db: Database) {}

  listClients(): Client[] {
    const rows = this.db.prepare('SELECT id, name, color, production FROM clients ORDER BY name COLLATE NOCASE').all() as unknown as ClientRow[];
    return rows.map((r) => ({ id: r.id, name: r.name, color: r.color, production: r.production === 1 }));
  }

  listAccounts(): AccountRecord[] {
    const rows = this.db.prepare('SELECT * FROM accounts ORDER BY name COLLATE NOCASE').all() as unknown as AccountRow[];
    return rows.map(toRecord);
  }

  getAccount(id: string): AccountRecord | undefined {
    const row = this.db.prepare('SELECT * FROM accounts WHERE id = ?').get(id) as unknown as AccountRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  /** Finds a client by name (case-insensitive) or creates it with the next free colour. */
  ensureClient(name: string, options: { color?: string; production?: boolean } = {}): Client {
    const existing = this.db
      .prepare('SELECT id, name, color, production FROM clients WHERE name = ? COLLATE NOCASE')
      .get(name) as unknown as ClientRow | undefined;
    if (existing) return { id: existing.id, name: existing.name, color: existing.color, production: existing.production === 1 };
    const count = (this.db.prepare('SELECT COUNT(*) AS n FROM clients').get() as { n: number }).n;
    const client: Client = {
      id: randomUUID(),
      name,
      color: options.color ?? CLIENT_COLORS[count % CLIENT_COLORS.length]!,
      production: options.production ?? false,
    };
    this.db
      .prepare('INSERT INTO clients (id, name, color, production, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(client.id, client.name, client.color, client.production ? 1 : 0, new Date().toISOString());
    return client;
  }

  addAccount(input: NewAccessKeyAccount): AccountRecord {
    const record: AccountRecord = { id: randomUUID(), kind: 'access-key', awsAccountId: null, arn: null, ...input, production: input.production ?? false };
    this.db
      .prepare(
        `INSERT INTO accounts (id, name, client_id, kind, access_key_id, default_region, endpoint, production, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.id,
        record.name,
        record.clientId,
        record.kind,
        record.accessKeyId,
        record.defaultRegion,
        record.endpoint,
        record.production ? 1 : 0,
        new Date().toISOString(),
      );
    return record;
  }

  /** Removes the entry, and its client when that was the client's last account. */
  removeAccount(id: string): boolean {
    return transaction(this.db, () => {
      const account = this.getAccount(id);
      if (!account) return false;
      this.db.prepare('DELETE FROM accounts WHERE id = ?').run(id);
      const left = (this.db.prepare('SELECT COUNT(*) AS n FROM accounts WHERE client_id = ?').get(account.clientId) as { n: number }).n;
      if (left === 0) this.db.prepare('DELETE FROM clients WHERE id = ?').run(account.clientId);
      return true;
    });
  }

  setIdentity(id: string, awsAccountId: string, arn: string): void {
    this.db.prepare('UPDATE accounts SET aws_account_id = ?, arn = ? WHERE id = ?').run(awsAccountId, arn, id);
  }
}

function toRecord(row: AccountRow): AccountRecord {
  return {
    id: row.id,
    name: row.name,
    clientId: row.client_id,
    kind: 'access-key',
    accessKeyId: row.access_key_id,
    defaultRegion: row.default_region,
    endpoint: row.endpoint,
    production: row.production === 1,
    awsAccountId: row.aws_account_id,
    arn: row.arn,
  };
}
