/**
 * Clients and account entries (never secrets: those live in a SecretStore under the key
 * `secretKeyFor(accountId)`). Backed by SQLite, so the list survives restarts; the demo
 * workspace uses the same class over an in-memory database.
 */
import { randomUUID } from 'node:crypto';
import type { AccountKind, Client } from '../../../shared/model';
import { transaction, type Database } from '../db/database';

export interface AccountRecord {
  id: string;
  name: string;
  clientId: string;
  kind: AccountKind;
  defaultRegion: string;
  endpoint: string | null;
  production: boolean;
  favoriteRegions: string[];
  /** Learned from STS/IAM once verified. */
  awsAccountId: string | null;
  arn: string | null;
  alias: string | null;
  /** access-key */
  accessKeyId: string | null;
  /** profile */
  profileName: string | null;
  /** assume-role: the role, the entry whose credentials assume it, and how. */
  roleArn: string | null;
  sourceAccount: string | null;
  externalId: string | null;
  mfaSerial: string | null;
  sessionName: string | null;
  durationSeconds: number | null;
}

/** What a new entry needs; kind-specific fields default to null. */
export type NewAccount = Pick<AccountRecord, 'name' | 'clientId' | 'kind' | 'defaultRegion'> &
  Partial<Omit<AccountRecord, 'id' | 'name' | 'clientId' | 'kind' | 'defaultRegion' | 'awsAccountId' | 'arn' | 'alias'>>;

export type AccountChanges = Partial<
  Pick<AccountRecord, 'name' | 'clientId' | 'defaultRegion' | 'production' | 'favoriteRegions' | 'externalId' | 'mfaSerial' | 'accessKeyId'>
>;

export type ClientChanges = Partial<Pick<Client, 'name' | 'color' | 'production'>>;

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
  access_key_id: string | null;
  default_region: string;
  endpoint: string | null;
  production: number;
  favorite_regions: string;
  aws_account_id: string | null;
  arn: string | null;
  alias: string | null;
  profile_name: string | null;
  role_arn: string | null;
  source_account: string | null;
  external_id: string | null;
  mfa_serial: string | null;
  session_name: string | null;
  duration_seconds: number | null;
}

/** Record field → column, for inserts and updates. */
const COLUMNS: Record<Exclude<keyof AccountRecord, 'id'>, string> = {
  name: 'name',
  clientId: 'client_id',
  kind: 'kind',
  defaultRegion: 'default_region',
  endpoint: 'endpoint',
  production: 'production',
  favoriteRegions: 'favorite_regions',
  awsAccountId: 'aws_account_id',
  arn: 'arn',
  alias: 'alias',
  accessKeyId: 'access_key_id',
  profileName: 'profile_name',
  roleArn: 'role_arn',
  sourceAccount: 'source_account',
  externalId: 'external_id',
  mfaSerial: 'mfa_serial',
  sessionName: 'session_name',
  durationSeconds: 'duration_seconds',
};

type SqlValue = string | number | null;

function toColumnValue(key: keyof AccountRecord, value: unknown): SqlValue {
  if (key === 'production') return value ? 1 : 0;
  if (key === 'favoriteRegions') return JSON.stringify(value ?? []);
  return (value ?? null) as SqlValue;
}

export class AccountRegistry {
  constructor(private readonly db: Database) {}

  listClients(): Client[] {
    const rows = this.db.prepare('SELECT id, name, color, production FROM clients ORDER BY name COLLATE NOCASE').all() as unknown as ClientRow[];
    return rows.map(toClient);
  }

  getClient(id: string): Client | undefined {
    const row = this.db.prepare('SELECT id, name, color, production FROM clients WHERE id = ?').get(id) as unknown as ClientRow | undefined;
    return row ? toClient(row) : undefined;
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
    if (existing) return toClient(existing);
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

  updateClient(id: string, changes: ClientChanges): Client | undefined {
    const sets: string[] = [];
    const values: SqlValue[] = [];
    const set = (column: string, value: SqlValue) => {
      sets.push(`${column} = ?`);
      values.push(value);
    };
    if (changes.name !== undefined) set('name', changes.name);
    if (changes.color !== undefined) set('color', changes.color);
    if (changes.production !== undefined) set('production', changes.production ? 1 : 0);
    if (sets.length > 0) this.db.prepare(`UPDATE clients SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
    return this.getClient(id);
  }

  addAccount(input: NewAccount): AccountRecord {
    const record = accountRecord(input);
    const keys = Object.keys(COLUMNS) as Array<keyof typeof COLUMNS>;
    this.db
      .prepare(`INSERT INTO accounts (id, ${keys.map((k) => COLUMNS[k]).join(', ')}, created_at) VALUES (?, ${keys.map(() => '?').join(', ')}, ?)`)
      .run(record.id, ...keys.map((k) => toColumnValue(k, record[k])), new Date().toISOString());
    return record;
  }

  updateAccount(id: string, changes: AccountChanges): AccountRecord | undefined {
    const keys = (Object.keys(changes) as Array<keyof AccountChanges>).filter((k) => changes[k] !== undefined);
    if (keys.length > 0) {
      this.db
        .prepare(`UPDATE accounts SET ${keys.map((k) => `${COLUMNS[k]} = ?`).join(', ')} WHERE id = ?`)
        .run(...keys.map((k) => toColumnValue(k, changes[k])), id);
    }
    return this.getAccount(id);
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

  removeClientIfEmpty(clientId: string): void {
    const left = (this.db.prepare('SELECT COUNT(*) AS n FROM accounts WHERE client_id = ?').get(clientId) as { n: number }).n;
    if (left === 0) this.db.prepare('DELETE FROM clients WHERE id = ?').run(clientId);
  }

  /** Entries that assume a role through this one. */
  dependentsOf(id: string): AccountRecord[] {
    return this.listAccounts().filter((a) => a.sourceAccount === id);
  }

  setIdentity(id: string, identity: { awsAccountId: string; arn: string; alias: string | null }): void {
    this.db.prepare('UPDATE accounts SET aws_account_id = ?, arn = ?, alias = ? WHERE id = ?').run(identity.awsAccountId, identity.arn, identity.alias, id);
  }
}

/** A complete record from the fields that matter; everything else takes its empty value. */
export function accountRecord(fields: Pick<AccountRecord, 'name' | 'clientId' | 'kind' | 'defaultRegion'> & Partial<AccountRecord>): AccountRecord {
  return {
    id: randomUUID(),
    endpoint: null,
    production: false,
    favoriteRegions: [],
    awsAccountId: null,
    arn: null,
    alias: null,
    accessKeyId: null,
    profileName: null,
    roleArn: null,
    sourceAccount: null,
    externalId: null,
    mfaSerial: null,
    sessionName: null,
    durationSeconds: null,
    ...stripUndefined(fields),
    name: fields.name,
    clientId: fields.clientId,
    kind: fields.kind,
    defaultRegion: fields.defaultRegion,
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function toClient(r: ClientRow): Client {
  return { id: r.id, name: r.name, color: r.color, production: r.production === 1 };
}

function parseRegions(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

function toRecord(row: AccountRow): AccountRecord {
  return {
    id: row.id,
    name: row.name,
    clientId: row.client_id,
    kind: row.kind as AccountKind,
    defaultRegion: row.default_region,
    endpoint: row.endpoint,
    production: row.production === 1,
    favoriteRegions: parseRegions(row.favorite_regions),
    awsAccountId: row.aws_account_id,
    arn: row.arn,
    alias: row.alias,
    accessKeyId: row.access_key_id,
    profileName: row.profile_name,
    roleArn: row.role_arn,
    sourceAccount: row.source_account,
    externalId: row.external_id,
    mfaSerial: row.mfa_serial,
    sessionName: row.session_name,
    durationSeconds: row.duration_seconds,
  };
}
