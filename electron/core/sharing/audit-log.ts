/**
 * The audit log: every sharing change (when, which account, what, the result), kept in the
 * same SQLite database as the account it was made in. The user's accounts log to the app's
 * file; the demo workspace to its in-memory database, so the demo never leaves traces behind.
 * Ids carry the log's prefix so one list can hold both.
 */
import type { AuditAction, AuditEntry, ShareEntity } from '../../../shared/sharing';
import { actorOf } from '../accounts/access';
import type { PathRecord } from '../accounts/registry';
import { PrefixedStore } from '../db/prefixed-store';
import { storageError } from '../db/storage-errors';

interface AuditRow {
  id: number;
  at: string;
  action: string;
  account: string;
  account_name: string;
  aws_account_id: string | null;
  region: string;
  image_id: string;
  image_name: string;
  added_json: string;
  removed_json: string;
  snapshot_ids_json: string;
  outcome: AuditEntry['outcome'];
  error: string | null;
  undo_of: number | null;
  undone_by: number | null;
  detail: string | null;
  path_via: string | null;
  principal: string | null;
  /** Joined: what the entry an undo reversed was, for people to read. */
  undone_action: string | null;
  undone_image_name: string | null;
  undone_at: string | null;
}

const ENTRIES = `SELECT l.*, u.action AS undone_action, u.image_name AS undone_image_name, u.at AS undone_at
  FROM audit_log l LEFT JOIN audit_log u ON u.id = l.undo_of`;

/** What a caller records; the log adds the id, the time and the undo links. */
export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at' | 'detail' | 'undoneBy' | 'undoOf' | 'undoable' | 'undone' | 'via' | 'principal'> & {
  undoOf?: string | null;
  detail?: string | null;
  /** The access path that acted, and its principal. */
  via?: string | null;
  principal?: string | null;
};

// Undo reverses an exact set of entities; a change to public-ness back to public is left to a
// deliberate make-public (it needs the typed name), so "make-private" is not undoable.
const UNDOABLE: ReadonlySet<AuditAction> = new Set(['share', 'unshare', 'make-public', 'reset']);

/**
 * What every entry of a change in one account-region says of where and who: the account by name
 * and AWS id, the path that acted and its principal, the region; nothing added or removed yet.
 */
export function auditPlace(
  action: AuditAction,
  account: string,
  record: { name: string; awsAccountId: string | null },
  acting: PathRecord | null | undefined,
  region: string,
): Pick<NewAuditEntry, 'action' | 'account' | 'accountName' | 'awsAccountId' | 'via' | 'principal' | 'region' | 'added' | 'removed'> {
  return { action, account, accountName: record.name, awsAccountId: record.awsAccountId, ...(acting ? actorOf(acting) : {}), region, added: [], removed: [] };
}

/** An entry written (its id), or not, and why. */
export interface AuditRecord {
  id: string | null;
  unsaved: string | null;
}

/** A result's message, saying so when its audit entry could not be written. */
export function withAuditNote(message: string, record: AuditRecord): string {
  return record.unsaved ? `${message} Not in the audit log: ${record.unsaved}` : message;
}

export class AuditLog extends PrefixedStore {
  append(entry: NewAuditEntry, at = new Date()): string {
    const undoOf = entry.undoOf ? this.rowId(entry.undoOf) : null;
    const result = this.db
      .prepare(
        `INSERT INTO audit_log (at, action, account, account_name, aws_account_id, region, image_id, image_name,
           added_json, removed_json, snapshot_ids_json, outcome, error, undo_of, detail, path_via, principal)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        at.toISOString(),
        entry.action,
        entry.account,
        entry.accountName,
        entry.awsAccountId,
        entry.region,
        entry.imageId,
        entry.imageName,
        JSON.stringify(entry.added),
        JSON.stringify(entry.removed),
        JSON.stringify(entry.snapshotIds),
        entry.outcome,
        entry.error,
        undoOf,
        entry.detail ?? null,
        entry.via ?? null,
        entry.principal ?? null,
      );
    const id = Number(result.lastInsertRowid);
    if (undoOf !== null && entry.outcome === 'ok') this.db.prepare('UPDATE audit_log SET undone_by = ? WHERE id = ?').run(id, undoOf);
    return `${this.prefix}-${id}`;
  }

  /**
   * `append` for a change already made in AWS: when the database cannot take the entry (busy,
   * full), the change still stands and is reported, with why it is missing from the log.
   */
  record(entry: NewAuditEntry): AuditRecord {
    try {
      return { id: this.append(entry), unsaved: null };
    } catch (error) {
      const stored = storageError(error, 'writing the audit log');
      if (!stored) throw error;
      return { id: null, unsaved: stored.message };
    }
  }

  get(id: string): AuditEntry | null {
    if (!this.owns(id)) return null;
    const row = this.db.prepare(`${ENTRIES} WHERE l.id = ?`).get(this.rowId(id)) as AuditRow | undefined;
    return row ? this.toEntry(row) : null;
  }

  /** Newest first. */
  list(limit: number): AuditEntry[] {
    const rows = this.db.prepare(`${ENTRIES} ORDER BY l.id DESC LIMIT ?`).all(limit) as unknown as AuditRow[];
    return rows.map((r) => this.toEntry(r));
  }


  private toEntry(row: AuditRow): AuditEntry {
    const action = row.action as AuditAction;
    return {
      id: `${this.prefix}-${row.id}`,
      at: row.at,
      action,
      account: row.account,
      accountName: row.account_name,
      awsAccountId: row.aws_account_id,
      region: row.region,
      imageId: row.image_id,
      imageName: row.image_name,
      added: JSON.parse(row.added_json) as ShareEntity[],
      removed: JSON.parse(row.removed_json) as ShareEntity[],
      snapshotIds: JSON.parse(row.snapshot_ids_json) as string[],
      outcome: row.outcome,
      error: row.error,
      detail: row.detail,
      via: row.path_via,
      principal: row.principal,
      undone: row.undone_action && row.undone_at ? { action: row.undone_action as AuditAction, imageName: row.undone_image_name ?? '', at: row.undone_at } : null,
      undoneBy: row.undone_by === null ? null : `${this.prefix}-${row.undone_by}`,
      undoOf: row.undo_of === null ? null : `${this.prefix}-${row.undo_of}`,
      undoable: row.outcome === 'ok' && row.undone_by === null && UNDOABLE.has(action),
    };
  }
}
