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
];
