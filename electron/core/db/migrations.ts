/** Numbered schema migrations. Never edit a shipped one: add the next number. */
import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';

export interface Migration {
  version: number;
  sql: string;
  /** Data moved in code after `sql` ran (inside the same transaction). */
  run?: (db: DatabaseSync) => void;
}

export const migrations: Migration[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE clients (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        color TEXT NOT NULL,
        production INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
      );
      CREATE TABLE accounts (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        access_key_id TEXT NOT NULL,
        default_region TEXT NOT NULL,
        endpoint TEXT,
        production INTEGER NOT NULL DEFAULT 0,
        aws_account_id TEXT,
        arn TEXT,
        created_at TEXT NOT NULL
      );
    `,
  },
  {
    // Profiles and roles join access keys; accounts learn aliases and favourite regions.
    version: 2,
    sql: `
      CREATE TABLE accounts_v2 (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('access-key', 'profile', 'assume-role')),
        access_key_id TEXT,
        default_region TEXT NOT NULL,
        endpoint TEXT,
        production INTEGER NOT NULL DEFAULT 0,
        favorite_regions TEXT NOT NULL DEFAULT '[]',
        aws_account_id TEXT,
        arn TEXT,
        alias TEXT,
        profile_name TEXT,
        role_arn TEXT,
        source_account TEXT REFERENCES accounts_v2(id) ON DELETE RESTRICT,
        external_id TEXT,
        mfa_serial TEXT,
        session_name TEXT,
        duration_seconds INTEGER,
        created_at TEXT NOT NULL
      );
      INSERT INTO accounts_v2 (id, name, client_id, kind, access_key_id, default_region, endpoint, production, aws_account_id, arn, created_at)
        SELECT id, name, client_id, kind, access_key_id, default_region, endpoint, production, aws_account_id, arn, created_at FROM accounts;
      DROP TABLE accounts;
      ALTER TABLE accounts_v2 RENAME TO accounts;
    `,
  },
  {
    // The offline inventory: each target's rows (JSON plus the key columns) and its last scan.
    version: 3,
    sql: `
      CREATE TABLE inventory_targets (
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        view TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('done', 'failed')),
        count INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        error_code TEXT,
        scanned_at TEXT,
        attempted_at TEXT NOT NULL,
        PRIMARY KEY (account, region, view)
      );
      CREATE TABLE inventory_rows (
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        view TEXT NOT NULL,
        image_id TEXT NOT NULL,
        row_json TEXT NOT NULL,
        PRIMARY KEY (account, region, view, image_id)
      );
    `,
  },
  {
    // Every sharing change, for the audit log and its undo.
    version: 4,
    sql: `
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        account TEXT NOT NULL,
        account_name TEXT NOT NULL,
        aws_account_id TEXT,
        region TEXT NOT NULL,
        image_id TEXT NOT NULL,
        image_name TEXT NOT NULL,
        added_json TEXT NOT NULL,
        removed_json TEXT NOT NULL,
        snapshot_ids_json TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'unchanged', 'failed')),
        error TEXT,
        undo_of INTEGER REFERENCES audit_log(id),
        undone_by INTEGER REFERENCES audit_log(id)
      );
      CREATE INDEX audit_log_image ON audit_log (image_id);
    `,
  },
  {
    // Copy jobs (tracked across restarts), and a free-text detail on audit entries for lifecycle actions.
    version: 5,
    sql: `
      ALTER TABLE audit_log ADD COLUMN detail TEXT;
      CREATE TABLE jobs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('copy')),
        state TEXT NOT NULL CHECK (state IN ('queued', 'copying', 'available', 'failed', 'cancelling', 'cancelled')),
        source_account TEXT NOT NULL,
        source_region TEXT NOT NULL,
        source_image_id TEXT NOT NULL,
        source_name TEXT NOT NULL,
        dest_account TEXT NOT NULL,
        dest_account_name TEXT NOT NULL,
        dest_region TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT NOT NULL,
        encrypted INTEGER NOT NULL,
        kms_key_arn TEXT,
        copy_tags INTEGER NOT NULL,
        client_token TEXT NOT NULL UNIQUE,
        new_image_id TEXT,
        progress INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT,
        error_json TEXT
      );
    `,
  },
  {
    // Image Builder runs, followed as jobs across restarts.
    version: 6,
    sql: `
      CREATE TABLE builder_runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        account TEXT NOT NULL,
        account_name TEXT NOT NULL,
        region TEXT NOT NULL,
        pipeline_arn TEXT NOT NULL,
        pipeline_name TEXT NOT NULL,
        client_token TEXT NOT NULL UNIQUE,
        image_build_arn TEXT,
        status TEXT NOT NULL,
        finished INTEGER NOT NULL DEFAULT 0,
        cancel_requested INTEGER NOT NULL DEFAULT 0,
        steps_json TEXT NOT NULL DEFAULT '[]',
        amis_json TEXT NOT NULL DEFAULT '[]',
        reason TEXT,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        error_json TEXT
      );
    `,
  },
  {
    // The account id a target's rows were listed under, kept once instead of in every row.
    version: 7,
    // Rows packed by builds before this one put their values in other places and cannot be read
    // with today's layout: they are dropped (the next scan of their target brings them back).
    // Rows stored as whole objects by older versions are still read, so they stay.
    sql: `
      ALTER TABLE inventory_targets ADD COLUMN aws_account_id TEXT;
      DELETE FROM inventory_rows WHERE substr(row_json, 1, 1) = '[';
      UPDATE inventory_targets SET count = (
        SELECT COUNT(*) FROM inventory_rows r
        WHERE r.account = inventory_targets.account AND r.region = inventory_targets.region AND r.view = inventory_targets.view
      );
    `,
  },
  {
    // AWS accounts become the entity; what were account entries become their access paths. Entries
    // reaching the same AWS account (same 12-digit id and endpoint) are merged into one account,
    // so its inventory, jobs and audit history follow it. Paths keep the entries' ids, so secrets
    // in the OS keychain (stored under the entry id) stay where they are.
    version: 8,
    sql: `
      CREATE TABLE aws_accounts (
        id TEXT PRIMARY KEY,
        aws_account_id TEXT,
        endpoint TEXT,
        name TEXT NOT NULL,
        client_id TEXT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
        production INTEGER NOT NULL DEFAULT 0,
        default_region TEXT NOT NULL,
        favorite_regions TEXT NOT NULL DEFAULT '[]',
        alias TEXT,
        read_path TEXT,
        write_path TEXT,
        created_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX aws_accounts_identity ON aws_accounts (aws_account_id, coalesce(endpoint, ''))
        WHERE aws_account_id IS NOT NULL;
      CREATE TABLE access_paths (
        id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES aws_accounts(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('access-key', 'profile', 'assume-role')),
        label TEXT,
        endpoint TEXT,
        access_key_id TEXT,
        profile_name TEXT,
        role_arn TEXT,
        source_path TEXT REFERENCES access_paths(id) ON DELETE RESTRICT,
        external_id TEXT,
        mfa_serial TEXT,
        session_name TEXT,
        duration_seconds INTEGER,
        arn TEXT,
        identity_account_id TEXT,
        created_at TEXT NOT NULL
      );
      CREATE INDEX access_paths_account ON access_paths (account_id);
      ALTER TABLE audit_log ADD COLUMN path_via TEXT;
      ALTER TABLE audit_log ADD COLUMN principal TEXT;
    `,
    run: accountsBecomeEntities,
  },
  {
    // One AMI is one row: rows are found by (owner, region, image) across the accounts that list
    // them, and carry two more values (snapshot size, last launch).
    version: 9,
    sql: `ALTER TABLE inventory_rows ADD COLUMN owner_id TEXT;`,
    run: rowsKnowTheirOwner,
  },
  {
    // A copy whose CopyImage answer was lost is 'checking' until AWS says what became of it; a job
    // knows when CopyImage was first sent (sent_at: started_at for earlier jobs, which were marked
    // copying right before sending) and whether it tags its copy so it can be found again (app_tag:
    // not for earlier jobs, whose repeated request must stay exactly what they first sent).
    // SQLite cannot change a CHECK constraint, so the table is rebuilt, its id sequence kept.
    version: 10,
    sql: `
      CREATE TABLE jobs_next (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL CHECK (kind IN ('copy')),
        state TEXT NOT NULL CHECK (state IN ('queued', 'copying', 'checking', 'available', 'failed', 'cancelling', 'cancelled')),
        source_account TEXT NOT NULL,
        source_region TEXT NOT NULL,
        source_image_id TEXT NOT NULL,
        source_name TEXT NOT NULL,
        dest_account TEXT NOT NULL,
        dest_account_name TEXT NOT NULL,
        dest_region TEXT NOT NULL,
        name TEXT NOT NULL,
        description TEXT NOT NULL,
        encrypted INTEGER NOT NULL,
        kms_key_arn TEXT,
        copy_tags INTEGER NOT NULL,
        client_token TEXT NOT NULL UNIQUE,
        app_tag INTEGER NOT NULL DEFAULT 0,
        new_image_id TEXT,
        progress INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        started_at TEXT,
        sent_at TEXT,
        finished_at TEXT,
        error_json TEXT
      );
      INSERT INTO jobs_next (id, kind, state, source_account, source_region, source_image_id, source_name, dest_account,
        dest_account_name, dest_region, name, description, encrypted, kms_key_arn, copy_tags, client_token, app_tag,
        new_image_id, progress, created_at, started_at, sent_at, finished_at, error_json)
      SELECT id, kind, state, source_account, source_region, source_image_id, source_name, dest_account,
        dest_account_name, dest_region, name, description, encrypted, kms_key_arn, copy_tags, client_token, 0,
        new_image_id, progress, created_at, started_at, CASE WHEN state = 'queued' THEN NULL ELSE started_at END, finished_at, error_json
      FROM jobs;
      DELETE FROM sqlite_sequence WHERE name = 'jobs_next';
      INSERT INTO sqlite_sequence (name, seq) SELECT 'jobs_next', seq FROM sqlite_sequence WHERE name = 'jobs';
      DROP TABLE jobs;
      ALTER TABLE jobs_next RENAME TO jobs;
    `,
  },
  {
    // Where exports were written, so the temporary files a crash left there are removed at start.
    version: 11,
    sql: `CREATE TABLE export_folders (folder TEXT PRIMARY KEY, used_at TEXT NOT NULL);`,
  },
  {
    // Keychain items of removed access paths still to be deleted (the keychain was locked or
    // not answering): their keys only, never a secret.
    version: 12,
    sql: `CREATE TABLE keychain_deletions (key TEXT PRIMARY KEY, requested_at TEXT NOT NULL);`,
  },
  {
    // AWS's account id is `awsAccountId` wherever the app stores it (it was `accountId` in share
    // recipients and the AMIs a build made, a name that elsewhere meant the app's own record).
    version: 13,
    sql: '',
    run: (db) => {
      const renamed = (json: string, only: (o: Record<string, unknown>) => boolean): string =>
        JSON.stringify(
          (JSON.parse(json) as Array<Record<string, unknown>>).map(({ accountId, ...rest }) =>
            accountId !== undefined && only(rest) ? { ...rest, awsAccountId: accountId } : { ...rest, ...(accountId !== undefined ? { accountId } : {}) },
          ),
        );
      const recipient = (o: Record<string, unknown>) => o.kind === 'account';
      const audit = db.prepare('SELECT id, added_json, removed_json FROM audit_log').all() as Array<{ id: number; added_json: string; removed_json: string }>;
      const updateAudit = db.prepare('UPDATE audit_log SET added_json = ?, removed_json = ? WHERE id = ?');
      for (const row of audit) updateAudit.run(renamed(row.added_json, recipient), renamed(row.removed_json, recipient), row.id);
      const runs = db.prepare('SELECT id, amis_json FROM builder_runs').all() as Array<{ id: number; amis_json: string }>;
      const updateRun = db.prepare('UPDATE builder_runs SET amis_json = ? WHERE id = ?');
      for (const row of runs) updateRun.run(renamed(row.amis_json, () => true), row.id);
    },
  },
  {
    // IAM Identity Center portals accounts were added from: what the user saw there (so a later
    // look offers only what is new), what the last look found, and what they chose to ignore.
    version: 14,
    sql: `
      CREATE TABLE sso_portals (
        start_url TEXT PRIMARY KEY,
        sso_region TEXT NOT NULL,
        session_name TEXT NOT NULL,
        endpoint TEXT,
        client_name TEXT NOT NULL,
        seen_json TEXT NOT NULL,
        checked_at TEXT,
        changes_json TEXT
      );
      CREATE TABLE sso_dismissed (
        start_url TEXT NOT NULL,
        aws_account_id TEXT NOT NULL,
        role TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('offer', 'removal')),
        dismissed_at TEXT NOT NULL,
        PRIMARY KEY (start_url, aws_account_id, role, kind)
      );
    `,
  },
  {
    // Where each owned AMI was last found used (usage:analyze), kept apart from the inventory
    // rows: a scan replaces a target's rows wholesale, and an analysis is not a scan.
    version: 15,
    sql: `
      CREATE TABLE ami_usage (
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        image_id TEXT NOT NULL,
        in_use TEXT NOT NULL CHECK (in_use IN ('yes', 'no', 'unknown')),
        usage_json TEXT NOT NULL,
        analyzed_at TEXT NOT NULL,
        PRIMARY KEY (account, region, image_id)
      );
    `,
  },
  {
    // Retention plans the user saved to run again: their rules only (a plan is computed afresh
    // each time over the inventory and usage of that moment). Names are unique, whatever the case.
    version: 16,
    sql: `
      CREATE TABLE retention_plans (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        rules_json TEXT NOT NULL,
        saved_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX retention_plans_name ON retention_plans (name COLLATE NOCASE);
    `,
  },
  {
    // A scan lists first and reads launch permissions after: when each owned row's were read
    // (null: pending), and why a target's could not be. Rows stored before were read with their
    // target's scan.
    version: 17,
    sql: `
      ALTER TABLE inventory_rows ADD COLUMN permissions_read_at TEXT;
      ALTER TABLE inventory_targets ADD COLUMN permissions_error TEXT;
      ALTER TABLE inventory_targets ADD COLUMN permissions_error_code TEXT;
      UPDATE inventory_rows SET permissions_read_at = coalesce(
        (SELECT t.scanned_at FROM inventory_targets t
          WHERE t.account = inventory_rows.account AND t.region = inventory_rows.region AND t.view = inventory_rows.view),
        '1970-01-01T00:00:00.000Z')
      WHERE view = 'owned';
    `,
  },
  {
    // The texts a target's rows share, kept once and named in its rows by place (packTarget);
    // null: its rows name none (every row written before).
    version: 18,
    sql: `ALTER TABLE inventory_targets ADD COLUMN strings TEXT;`,
  },
];

interface EntryRow {
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
  created_at: string;
}

function regionsOf(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

/** Migration 8's data: one account per AWS identity, the entries as its paths, references moved. */
function accountsBecomeEntities(db: DatabaseSync): void {
  const entries = db.prepare('SELECT * FROM accounts ORDER BY created_at, rowid').all() as unknown as EntryRow[];
  // Entries of the same AWS account (and endpoint) form one group; unverified ones stand alone.
  const groups = new Map<string, EntryRow[]>();
  for (const e of entries) {
    const key = e.aws_account_id ? `${e.aws_account_id}|${e.endpoint ?? ''}` : `entry|${e.id}`;
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  const insertAccount = db.prepare(
    `INSERT INTO aws_accounts (id, aws_account_id, endpoint, name, client_id, production, default_region, favorite_regions, alias, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertPath = db.prepare(
    `INSERT INTO access_paths (id, account_id, kind, label, endpoint, access_key_id, profile_name, role_arn, source_path,
       external_id, mfa_serial, session_name, duration_seconds, arn, identity_account_id, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const accountOfEntry = new Map<string, string>();
  for (const group of groups.values()) {
    const first = group[0]!;
    const accountId = randomUUID();
    const favorites = [...new Set(group.flatMap((e) => regionsOf(e.favorite_regions)))];
    insertAccount.run(
      accountId,
      first.aws_account_id,
      first.endpoint,
      first.name,
      first.client_id,
      group.some((e) => e.production === 1) ? 1 : 0,
      first.default_region,
      JSON.stringify(favorites),
      group.find((e) => e.alias)?.alias ?? null,
      first.created_at,
    );
    for (const e of group) {
      accountOfEntry.set(e.id, accountId);
      // A merged entry's name is how people told it apart: it becomes the path's label.
      insertPath.run(
        e.id,
        accountId,
        e.kind,
        group.length > 1 ? e.name : null,
        e.endpoint,
        e.access_key_id,
        e.profile_name,
        e.role_arn,
        e.external_id,
        e.mfa_serial,
        e.session_name,
        e.duration_seconds,
        e.arn,
        e.aws_account_id,
        e.created_at,
      );
    }
  }
  const setSource = db.prepare('UPDATE access_paths SET source_path = ? WHERE id = ?');
  for (const e of entries) if (e.source_account && accountOfEntry.has(e.source_account)) setSource.run(e.source_account, e.id);

  // The inventory: a target scanned through several entries of one account keeps its newest
  // scan; rows only the other entries hold (a copy one of them made since) join it.
  const targets = db.prepare('SELECT account, region, view, scanned_at FROM inventory_targets').all() as unknown as Array<{
    account: string;
    region: string;
    view: string;
    scanned_at: string | null;
  }>;
  const rowTargets = db.prepare('SELECT DISTINCT account, region, view FROM inventory_rows').all() as unknown as Array<{ account: string; region: string; view: string }>;
  const best = new Map<string, { entry: string; scannedAt: string }>();
  for (const t of [...rowTargets.map((r) => ({ ...r, scanned_at: null })), ...targets]) {
    const account = accountOfEntry.get(t.account);
    if (!account) continue;
    const key = `${account}|${t.region}|${t.view}`;
    const current = best.get(key);
    const at = t.scanned_at ?? '';
    if (!current || at > current.scannedAt) best.set(key, { entry: t.account, scannedAt: at });
  }
  const dropRows = db.prepare('DELETE FROM inventory_rows WHERE account = ? AND region = ? AND view = ?');
  const dropTarget = db.prepare('DELETE FROM inventory_targets WHERE account = ? AND region = ? AND view = ?');
  const dropShadowed = db.prepare(
    'DELETE FROM inventory_rows WHERE account = ?1 AND region = ?2 AND view = ?3 AND image_id IN (SELECT image_id FROM inventory_rows WHERE account = ?4 AND region = ?2 AND view = ?3)',
  );
  for (const t of [...rowTargets, ...targets]) {
    const account = accountOfEntry.get(t.account);
    if (!account) {
      // Rows of an entry removed long ago: nothing could show them, and no account owns them.
      dropRows.run(t.account, t.region, t.view);
      dropTarget.run(t.account, t.region, t.view);
      continue;
    }
    const winner = best.get(`${account}|${t.region}|${t.view}`)!.entry;
    if (winner === t.account) continue;
    dropShadowed.run(t.account, t.region, t.view, winner);
    dropTarget.run(t.account, t.region, t.view);
  }
  const remaps = [
    'UPDATE inventory_rows SET account = ? WHERE account = ?',
    'UPDATE inventory_targets SET account = ? WHERE account = ?',
    'UPDATE audit_log SET account = ? WHERE account = ?',
    'UPDATE jobs SET source_account = ? WHERE source_account = ?',
    'UPDATE jobs SET dest_account = ? WHERE dest_account = ?',
    'UPDATE builder_runs SET account = ? WHERE account = ?',
  ].map((sql) => db.prepare(sql));
  for (const [entry, account] of accountOfEntry) for (const remap of remaps) remap.run(account, entry);
  db.exec(`UPDATE inventory_targets SET count = (SELECT COUNT(*) FROM inventory_rows r
    WHERE r.account = inventory_targets.account AND r.region = inventory_targets.region AND r.view = inventory_targets.view)`);

  // The role sources pointed into the old table: cleared first, so dropping it breaks nothing.
  db.exec('UPDATE accounts SET source_account = NULL; DROP TABLE accounts;');
}

/**
 * Migration 9's data: rows packed in the layout of schema 7 become the rows they stand for,
 * stored whole (as the oldest rows are: read, and packed on the way out, until their target is
 * scanned again), so no later layout has to know this one; every row gets its owner.
 */
function rowsKnowTheirOwner(db: DatabaseSync): void {
  const rows = db
    .prepare(
      `SELECT r.rowid AS id, r.account, r.region, r.view, r.row_json, t.scanned_at, t.aws_account_id
       FROM inventory_rows r LEFT JOIN inventory_targets t ON t.account = r.account AND t.region = r.region AND t.view = r.view`,
    )
    .all() as unknown as Array<{ id: number; account: string; region: string; view: string; row_json: string; scanned_at: string | null; aws_account_id: string | null }>;
  const update = db.prepare('UPDATE inventory_rows SET row_json = ?, owner_id = ? WHERE rowid = ?');
  for (const r of rows) {
    const row = r.row_json.startsWith('[')
      ? rowOfSchema7(JSON.parse(r.row_json) as unknown[], r)
      : (JSON.parse(r.row_json) as Record<string, unknown>);
    update.run(JSON.stringify(row), typeof row.ownerId === 'string' ? row.ownerId : '', r.id);
  }
  db.exec('CREATE INDEX inventory_rows_ami ON inventory_rows (owner_id, region, image_id, account, view)');
}

/** A row as schema 7 packed it (frozen here: that layout never changes), as the object it stood for. */
function rowOfSchema7(p: unknown[], at: { account: string; region: string; view: string; scanned_at: string | null; aws_account_id: string | null }): Record<string, unknown> {
  const flat = p[12] as string[];
  const tags: Array<{ key: string; value: string }> = [];
  for (let i = 0; i + 1 < flat.length; i += 2) tags.push({ key: flat[i]!, value: flat[i + 1]! });
  const n = p.length;
  return {
    imageId: p[0],
    name: p[1],
    description: p[2],
    ownerId: p[3] ?? at.aws_account_id,
    ownerAlias: n > 17 ? p[17] : null,
    state: p[4],
    architecture: p[5],
    platform: p[6],
    rootDeviceType: p[7],
    virtualizationType: p[8],
    creationDate: p[9],
    deprecationTime: n > 14 ? p[14] : null,
    public: p[10] === 1,
    encrypted: p[11] === 1,
    tags,
    account: at.account,
    region: at.region,
    awsAccountId: n > 19 ? p[19] : at.aws_account_id,
    view: at.view,
    launchPermission: n > 15 ? p[15] : null,
    sharedWith: n > 16 ? p[16] : [],
    snapshotIds: p[13],
    snapshotSizeGiB: null,
    lastLaunchedTime: null,
    scannedAt: n > 18 ? p[18] : at.scanned_at,
  };
}
