/** Numbered schema migrations. Never edit a shipped one: add the next number. */
export interface Migration {
  version: number;
  sql: string;
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
];
