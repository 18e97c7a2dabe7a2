/**
 * Clients, AWS accounts and their access paths (never secrets: those live in a SecretStore
 * under `secretKeyFor(pathId)`). An AWS account is the entity people think in; a path (a
 * profile, a key pair, a role) is one way into it, attached to the account its caller identity
 * reports. Backed by SQLite, so the lists survive restarts; the demo workspace uses the same
 * class over an in-memory database.
 */
import { randomUUID } from 'node:crypto';
import type { AccessPathKind, Client } from '../../../shared/model';
import { keptStatement, transaction, type Database } from '../db/database';

export interface AccountRecord {
  id: string;
  name: string;
  clientId: string;
  /** The 12-digit id, once a path's identity was read (or its role ARN named it). */
  awsAccountId: string | null;
  /** Null: AWS itself. Every path of the account uses this endpoint. */
  endpoint: string | null;
  production: boolean;
  defaultRegion: string;
  favoriteRegions: string[];
  alias: string | null;
  /** The user's choices; null: any healthy path reads, the first path writes. */
  readPath: string | null;
  writePath: string | null;
}

/** An access path as it is stored. */
export interface PathFields {
  id: string;
  accountId: string;
  kind: AccessPathKind;
  /** A name people gave it, or null (it is then described by how it reaches the account). */
  label: string | null;
  endpoint: string | null;
  /** access-key */
  accessKeyId: string | null;
  /** profile */
  profileName: string | null;
  /** assume-role: the role, the path whose credentials assume it, and how. */
  roleArn: string | null;
  sourcePath: string | null;
  externalId: string | null;
  mfaSerial: string | null;
  sessionName: string | null;
  durationSeconds: number | null;
  /** The caller ARN and account STS last reported for it. */
  arn: string | null;
  identityAccountId: string | null;
}

/**
 * A path with what its work needs to know of its account: the name for messages, the home
 * region for STS, the 12-digit id. Read fresh from the database each time, so it is never stale.
 */
export interface PathRecord extends PathFields {
  accountName: string;
  awsAccountId: string | null;
  defaultRegion: string;
}

export type NewAccount = Pick<AccountRecord, 'name' | 'clientId' | 'defaultRegion'> &
  Partial<Pick<AccountRecord, 'awsAccountId' | 'endpoint' | 'production' | 'favoriteRegions' | 'alias'>>;

export type NewPath = Pick<PathFields, 'kind'> & Partial<Omit<PathFields, 'id' | 'accountId' | 'kind' | 'arn' | 'identityAccountId'>>;

export type AccountChanges = Partial<
  Pick<AccountRecord, 'name' | 'clientId' | 'defaultRegion' | 'production' | 'favoriteRegions' | 'readPath' | 'writePath' | 'alias'>
>;

export type PathChanges = Partial<Pick<PathFields, 'label' | 'externalId' | 'mfaSerial' | 'accessKeyId' | 'endpoint'>>;

export type ClientChanges = Partial<Pick<Client, 'name' | 'color' | 'production'>>;

/** Distinct, readable on light and dark backgrounds. */
const CLIENT_COLORS = ['#2f81f7', '#d2681d', '#2da44e', '#a371f7', '#cf222e', '#1b9aaa', '#bf8700', '#e85aad'];

/** Where a path's secret access key is kept (the keychain entry name predates paths: it stays). */
export function secretKeyFor(pathId: string): string {
  return `account:${pathId}:secret-access-key`;
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
  aws_account_id: string | null;
  endpoint: string | null;
  production: number;
  default_region: string;
  favorite_regions: string;
  alias: string | null;
  read_path: string | null;
  write_path: string | null;
}

interface PathRow {
  id: string;
  account_id: string;
  kind: string;
  label: string | null;
  endpoint: string | null;
  access_key_id: string | null;
  profile_name: string | null;
  role_arn: string | null;
  source_path: string | null;
  external_id: string | null;
  mfa_serial: string | null;
  session_name: string | null;
  duration_seconds: number | null;
  arn: string | null;
  identity_account_id: string | null;
  /** Joined from the account. */
  account_name: string;
  account_aws_id: string | null;
  account_region: string;
}

type SqlValue = string | number | null;

const ACCOUNT_COLUMNS: Record<Exclude<keyof AccountRecord, 'id'>, string> = {
  name: 'name',
  clientId: 'client_id',
  awsAccountId: 'aws_account_id',
  endpoint: 'endpoint',
  production: 'production',
  defaultRegion: 'default_region',
  favoriteRegions: 'favorite_regions',
  alias: 'alias',
  readPath: 'read_path',
  writePath: 'write_path',
};

const PATH_COLUMNS: Record<Exclude<keyof PathFields, 'id'>, string> = {
  accountId: 'account_id',
  kind: 'kind',
  label: 'label',
  endpoint: 'endpoint',
  accessKeyId: 'access_key_id',
  profileName: 'profile_name',
  roleArn: 'role_arn',
  sourcePath: 'source_path',
  externalId: 'external_id',
  mfaSerial: 'mfa_serial',
  sessionName: 'session_name',
  durationSeconds: 'duration_seconds',
  arn: 'arn',
  identityAccountId: 'identity_account_id',
};

const PATHS = `SELECT p.*, a.name AS account_name, a.aws_account_id AS account_aws_id, a.default_region AS account_region
  FROM access_paths p JOIN aws_accounts a ON a.id = p.account_id`;

function toSql(key: string, value: unknown): SqlValue {
  if (key === 'production') return value ? 1 : 0;
  if (key === 'favoriteRegions') return JSON.stringify(value ?? []);
  return (value ?? null) as SqlValue;
}

/**
 * Counts this connection's changes to clients, accounts and paths (temporary triggers: they live
 * with the connection and see every writer on it, not only this class).
 */
function watchRegistryChanges(db: Database): void {
  db.exec(
    'CREATE TEMP TABLE IF NOT EXISTS atlas_registry_changes (n INTEGER NOT NULL); ' +
      'INSERT INTO atlas_registry_changes (n) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM atlas_registry_changes)',
  );
  for (const table of ['clients', 'aws_accounts', 'access_paths']) {
    for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
      db.exec(
        `CREATE TEMP TRIGGER IF NOT EXISTS atlas_${table}_${event.toLowerCase()} AFTER ${event} ON main.${table} ` +
          'BEGIN UPDATE atlas_registry_changes SET n = n + 1; END',
      );
    }
  }
}

export class AccountRegistry {
  constructor(readonly db: Database) {
    watchRegistryChanges(db);
  }

  /**
   * Accounts and paths as last read, kept while they are unchanged: every AWS call looks up its
   * account and paths, and reading them from SQLite each time was a tenth of a scan's CPU. Any
   * change to clients, accounts or paths by this connection (counted by triggers, so the scan's
   * own inventory writes do not count) or any change by another one, such as the CLI beside the
   * app (data_version), drops them, so nothing stale is ever handed out.
   */
  private lookups: { version: string; accounts: Map<string, AccountRecord | undefined>; paths: Map<string, PathRecord | undefined>; pathsOf: Map<string, PathRecord[]> } | null = null;

  /** The lookups every AWS call makes (its account and paths), prepared once: a scan makes tens of thousands. */
  private prepared(sql: string): ReturnType<Database['prepare']> {
    return keptStatement(this.db, sql);
  }

  /**
   * Another connection's data_version, read once per synchronous stretch of this process: its
   * commits can only be seen between two statements anyway, so one that lands while this code
   * runs on is the same as one a moment later. Reading it costs about 9 µs (a read lock on the
   * WAL), and every AWS call looks up three things; this connection's own changes (1 µs) are
   * still read on every lookup.
   */
  private otherVersion: number | null = null;

  private kept(): NonNullable<AccountRegistry['lookups']> {
    if (this.otherVersion === null) {
      this.otherVersion = (this.prepared('SELECT data_version AS other FROM pragma_data_version').get() as { other: number }).other;
      queueMicrotask(() => {
        this.otherVersion = null;
      });
    }
    const { own } = this.prepared('SELECT n AS own FROM temp.atlas_registry_changes').get() as { own: number };
    const version = `${this.otherVersion}:${own}`;
    if (this.lookups?.version !== version) this.lookups = { version, accounts: new Map(), paths: new Map(), pathsOf: new Map() };
    return this.lookups;
  }

  // ── clients ──────────────────────────────────────────────────────────────────────────────

  listClients(): Client[] {
    const rows = this.db.prepare('SELECT id, name, color, production FROM clients ORDER BY name COLLATE NOCASE').all() as unknown as ClientRow[];
    return rows.map(toClient);
  }

  getClient(id: string): Client | undefined {
    const row = this.db.prepare('SELECT id, name, color, production FROM clients WHERE id = ?').get(id) as unknown as ClientRow | undefined;
    return row ? toClient(row) : undefined;
  }

  /** The client of this name (case-insensitive), if there is one. */
  findClient(name: string): Client | undefined {
    const row = this.db.prepare('SELECT id, name, color, production FROM clients WHERE name = ? COLLATE NOCASE').get(name.trim()) as unknown as ClientRow | undefined;
    return row ? toClient(row) : undefined;
  }

  /** Finds a client by name (case-insensitive) or creates it with the next free colour. */
  ensureClient(name: string, options: { color?: string; production?: boolean } = {}): Client {
    const existing = this.findClient(name);
    if (existing) return existing;
    const count = (this.db.prepare('SELECT COUNT(*) AS n FROM clients').get() as { n: number }).n;
    const client: Client = {
      id: randomUUID(),
      name: name.trim(),
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

  removeClientIfEmpty(clientId: string): void {
    const left = (this.db.prepare('SELECT COUNT(*) AS n FROM aws_accounts WHERE client_id = ?').get(clientId) as { n: number }).n;
    if (left === 0) this.db.prepare('DELETE FROM clients WHERE id = ?').run(clientId);
  }

  // ── accounts ─────────────────────────────────────────────────────────────────────────────

  listAccounts(): AccountRecord[] {
    const rows = this.db.prepare('SELECT * FROM aws_accounts ORDER BY name COLLATE NOCASE, created_at').all() as unknown as AccountRow[];
    return rows.map(toAccount);
  }

  getAccount(id: string): AccountRecord | undefined {
    const kept = this.kept();
    if (!kept.accounts.has(id)) {
      const row = this.prepared('SELECT * FROM aws_accounts WHERE id = ?').get(id) as unknown as AccountRow | undefined;
      kept.accounts.set(id, row ? toAccount(row) : undefined);
    }
    const account = kept.accounts.get(id);
    // A copy: what a caller does with it must not change what the next one gets.
    return account ? { ...account, favoriteRegions: [...account.favoriteRegions] } : undefined;
  }

  /** The account with this 12-digit id behind this endpoint (null: AWS). */
  findByIdentity(awsAccountId: string, endpoint: string | null): AccountRecord | undefined {
    const row = this.db
      .prepare("SELECT * FROM aws_accounts WHERE aws_account_id = ? AND coalesce(endpoint, '') = ?")
      .get(awsAccountId, endpoint ?? '') as unknown as AccountRow | undefined;
    return row ? toAccount(row) : undefined;
  }

  addAccount(input: NewAccount): AccountRecord {
    const record: AccountRecord = {
      id: randomUUID(),
      name: input.name.trim(),
      clientId: input.clientId,
      awsAccountId: input.awsAccountId ?? null,
      endpoint: input.endpoint ?? null,
      production: input.production ?? false,
      defaultRegion: input.defaultRegion,
      favoriteRegions: input.favoriteRegions ?? [],
      alias: input.alias ?? null,
      readPath: null,
      writePath: null,
    };
    const keys = Object.keys(ACCOUNT_COLUMNS) as Array<keyof typeof ACCOUNT_COLUMNS>;
    this.db
      .prepare(`INSERT INTO aws_accounts (id, ${keys.map((k) => ACCOUNT_COLUMNS[k]).join(', ')}, created_at) VALUES (?, ${keys.map(() => '?').join(', ')}, ?)`)
      .run(record.id, ...keys.map((k) => toSql(k, record[k])), new Date().toISOString());
    return record;
  }

  updateAccount(id: string, changes: AccountChanges): AccountRecord | undefined {
    const keys = (Object.keys(changes) as Array<keyof AccountChanges>).filter((k) => changes[k] !== undefined);
    if (keys.length > 0) {
      this.db
        .prepare(`UPDATE aws_accounts SET ${keys.map((k) => `${ACCOUNT_COLUMNS[k]} = ?`).join(', ')} WHERE id = ?`)
        .run(...keys.map((k) => toSql(k, changes[k])), id);
    }
    return this.getAccount(id);
  }

  /** Learned from STS (and IAM for the alias). */
  setAccountIdentity(id: string, identity: { awsAccountId: string; alias?: string | null }): void {
    if (identity.alias === undefined) this.db.prepare('UPDATE aws_accounts SET aws_account_id = ? WHERE id = ?').run(identity.awsAccountId, id);
    else this.db.prepare('UPDATE aws_accounts SET aws_account_id = ?, alias = ? WHERE id = ?').run(identity.awsAccountId, identity.alias, id);
  }

  /** Removes the account with its paths, and its client when that was the client's last account. */
  removeAccount(id: string): boolean {
    return transaction(this.db, () => {
      const account = this.getAccount(id);
      if (!account) return false;
      this.db.prepare('DELETE FROM access_paths WHERE account_id = ?').run(id);
      this.db.prepare('DELETE FROM aws_accounts WHERE id = ?').run(id);
      this.removeClientIfEmpty(account.clientId);
      return true;
    });
  }

  // ── paths ────────────────────────────────────────────────────────────────────────────────

  listPaths(): PathRecord[] {
    const rows = this.db.prepare(`${PATHS} ORDER BY p.created_at, p.rowid`).all() as unknown as PathRow[];
    return rows.map(toPath);
  }

  getPath(id: string): PathRecord | undefined {
    const kept = this.kept();
    if (!kept.paths.has(id)) {
      const row = this.prepared(`${PATHS} WHERE p.id = ?`).get(id) as unknown as PathRow | undefined;
      kept.paths.set(id, row ? toPath(row) : undefined);
    }
    const path = kept.paths.get(id);
    return path ? { ...path } : undefined;
  }

  /** The account's paths, oldest first. */
  pathsOf(accountId: string): PathRecord[] {
    const kept = this.kept();
    let paths = kept.pathsOf.get(accountId);
    if (!paths) {
      const rows = this.prepared(`${PATHS} WHERE p.account_id = ? ORDER BY p.created_at, p.rowid`).all(accountId) as unknown as PathRow[];
      kept.pathsOf.set(accountId, (paths = rows.map(toPath)));
    }
    return paths.map((p) => ({ ...p }));
  }

  addPath(accountId: string, input: NewPath): PathRecord {
    const fields: PathFields = {
      id: randomUUID(),
      accountId,
      kind: input.kind,
      label: input.label ?? null,
      endpoint: input.endpoint ?? null,
      accessKeyId: input.accessKeyId ?? null,
      profileName: input.profileName ?? null,
      roleArn: input.roleArn ?? null,
      sourcePath: input.sourcePath ?? null,
      externalId: input.externalId ?? null,
      mfaSerial: input.mfaSerial ?? null,
      sessionName: input.sessionName ?? null,
      durationSeconds: input.durationSeconds ?? null,
      arn: null,
      identityAccountId: null,
    };
    const keys = Object.keys(PATH_COLUMNS) as Array<keyof typeof PATH_COLUMNS>;
    this.db
      .prepare(`INSERT INTO access_paths (id, ${keys.map((k) => PATH_COLUMNS[k]).join(', ')}, created_at) VALUES (?, ${keys.map(() => '?').join(', ')}, ?)`)
      .run(fields.id, ...keys.map((k) => toSql(k, fields[k])), new Date().toISOString());
    return this.getPath(fields.id)!;
  }

  updatePath(id: string, changes: PathChanges): PathRecord | undefined {
    const keys = (Object.keys(changes) as Array<keyof PathChanges>).filter((k) => changes[k] !== undefined);
    if (keys.length > 0) {
      this.db
        .prepare(`UPDATE access_paths SET ${keys.map((k) => `${PATH_COLUMNS[k]} = ?`).join(', ')} WHERE id = ?`)
        .run(...keys.map((k) => toSql(k, changes[k])), id);
    }
    return this.getPath(id);
  }

  setPathIdentity(id: string, identity: { arn: string; awsAccountId: string }): void {
    this.db.prepare('UPDATE access_paths SET arn = ?, identity_account_id = ? WHERE id = ?').run(identity.arn, identity.awsAccountId, id);
  }

  /** Attaches the path to another account; the read/write choices that named it on the old one are cleared. */
  movePath(id: string, accountId: string): void {
    transaction(this.db, () => {
      this.db.prepare('UPDATE aws_accounts SET read_path = NULL WHERE read_path = ?').run(id);
      this.db.prepare('UPDATE aws_accounts SET write_path = NULL WHERE write_path = ?').run(id);
      this.db.prepare('UPDATE access_paths SET account_id = ? WHERE id = ?').run(accountId, id);
    });
  }

  /** Removes one path; its account stays (with its inventory and history), even with no path left. */
  removePath(id: string): boolean {
    return transaction(this.db, () => {
      this.db.prepare('UPDATE aws_accounts SET read_path = NULL WHERE read_path = ?').run(id);
      this.db.prepare('UPDATE aws_accounts SET write_path = NULL WHERE write_path = ?').run(id);
      return Number(this.db.prepare('DELETE FROM access_paths WHERE id = ?').run(id).changes) > 0;
    });
  }

  /** Paths that assume a role through this one. */
  dependentsOf(pathId: string): PathRecord[] {
    const rows = this.db.prepare(`${PATHS} WHERE p.source_path = ? ORDER BY p.created_at`).all(pathId) as unknown as PathRow[];
    return rows.map(toPath);
  }
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

function toAccount(row: AccountRow): AccountRecord {
  return {
    id: row.id,
    name: row.name,
    clientId: row.client_id,
    awsAccountId: row.aws_account_id,
    endpoint: row.endpoint,
    production: row.production === 1,
    defaultRegion: row.default_region,
    favoriteRegions: parseRegions(row.favorite_regions),
    alias: row.alias,
    readPath: row.read_path,
    writePath: row.write_path,
  };
}

function toPath(row: PathRow): PathRecord {
  return {
    id: row.id,
    accountId: row.account_id,
    kind: row.kind as AccessPathKind,
    label: row.label,
    endpoint: row.endpoint,
    accessKeyId: row.access_key_id,
    profileName: row.profile_name,
    roleArn: row.role_arn,
    sourcePath: row.source_path,
    externalId: row.external_id,
    mfaSerial: row.mfa_serial,
    sessionName: row.session_name,
    durationSeconds: row.duration_seconds,
    arn: row.arn,
    identityAccountId: row.identity_account_id,
    accountName: row.account_name,
    awsAccountId: row.account_aws_id,
    defaultRegion: row.account_region,
  };
}

/** A complete path record from the fields that matter; everything else takes its empty value. */
export function pathRecord(fields: Pick<PathRecord, 'kind'> & Partial<PathRecord>): PathRecord {
  return {
    id: randomUUID(),
    accountId: randomUUID(),
    accountName: 'account',
    awsAccountId: null,
    defaultRegion: 'us-east-1',
    label: null,
    endpoint: null,
    accessKeyId: null,
    profileName: null,
    roleArn: null,
    sourcePath: null,
    externalId: null,
    mfaSerial: null,
    sessionName: null,
    durationSeconds: null,
    arn: null,
    identityAccountId: null,
    ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
    kind: fields.kind,
  };
}
