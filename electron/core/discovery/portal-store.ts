/**
 * The IAM Identity Center portals accounts were added from, kept in the workspace's database:
 * how to reach each (start URL, region, sso-session, endpoint), the client its accounts went to,
 * the accounts × roles the user saw there when adding (so a later look offers only what is
 * new), the last look's changes, and what the user chose to ignore.
 */
import type { SsoPortalChanges } from '../../../shared/contract';
import type { Database } from '../db/database';

/** An account × role of a portal, as `${awsAccountId}/${role}`. */
export type PairKey = string;

export const pairKey = (awsAccountId: string, role: string): PairKey => `${awsAccountId}/${role}`;

export interface PortalRecord {
  startUrl: string;
  ssoRegion: string;
  sessionName: string;
  endpoint: string | null;
  clientName: string;
  seen: Set<PairKey>;
  checkedAt: string | null;
  /** The last look's outcome (offers and removals), as it was when read. */
  changes: SsoPortalChanges | null;
}

interface PortalRow {
  start_url: string;
  sso_region: string;
  session_name: string;
  endpoint: string | null;
  client_name: string;
  seen_json: string;
  checked_at: string | null;
  changes_json: string | null;
}

export type DismissalKind = 'offer' | 'removal';

export class PortalStore {
  constructor(private readonly db: Database) {}

  list(): PortalRecord[] {
    return (this.db.prepare('SELECT * FROM sso_portals ORDER BY start_url').all() as unknown as PortalRow[]).map(toRecord);
  }

  get(startUrl: string): PortalRecord | undefined {
    const row = this.db.prepare('SELECT * FROM sso_portals WHERE start_url = ?').get(startUrl) as unknown as PortalRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  /** Records adding from a portal: its settings now, and what the user saw there (added to what they saw before). */
  recordAdding(portal: Omit<PortalRecord, 'seen' | 'checkedAt' | 'changes'>, seen: Iterable<PairKey>): void {
    const all = new Set([...(this.get(portal.startUrl)?.seen ?? []), ...seen]);
    this.db
      .prepare(
        `INSERT INTO sso_portals (start_url, sso_region, session_name, endpoint, client_name, seen_json) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (start_url) DO UPDATE SET sso_region = excluded.sso_region, session_name = excluded.session_name,
           endpoint = excluded.endpoint, client_name = excluded.client_name, seen_json = excluded.seen_json`,
      )
      .run(portal.startUrl, portal.ssoRegion, portal.sessionName, portal.endpoint, portal.clientName, JSON.stringify([...all].sort()));
  }

  recordChanges(startUrl: string, changes: SsoPortalChanges): void {
    this.db.prepare('UPDATE sso_portals SET checked_at = COALESCE(?, checked_at), changes_json = ? WHERE start_url = ?').run(changes.checkedAt, JSON.stringify(changes), startUrl);
  }

  dismiss(startUrl: string, kind: DismissalKind, pairs: ReadonlyArray<{ awsAccountId: string; role: string }>): void {
    const insert = this.db.prepare('INSERT INTO sso_dismissed (start_url, aws_account_id, role, kind, dismissed_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
    const at = new Date().toISOString();
    for (const pair of pairs) insert.run(startUrl, pair.awsAccountId, pair.role, kind, at);
  }

  dismissed(startUrl: string, kind: DismissalKind): Set<PairKey> {
    const rows = this.db.prepare('SELECT aws_account_id, role FROM sso_dismissed WHERE start_url = ? AND kind = ?').all(startUrl, kind) as Array<{ aws_account_id: string; role: string }>;
    return new Set(rows.map((r) => pairKey(r.aws_account_id, r.role)));
  }
}

function toRecord(row: PortalRow): PortalRecord {
  return {
    startUrl: row.start_url,
    ssoRegion: row.sso_region,
    sessionName: row.session_name,
    endpoint: row.endpoint,
    clientName: row.client_name,
    seen: new Set(JSON.parse(row.seen_json) as string[]),
    checkedAt: row.checked_at,
    changes: row.changes_json ? (JSON.parse(row.changes_json) as SsoPortalChanges) : null,
  };
}
