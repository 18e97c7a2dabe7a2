/**
 * The offline inventory in SQLite: each target's rows and its last scan. A finished target
 * replaces exactly its own rows in one transaction (so deregistered AMIs disappear and nothing
 * else is touched); a failed target keeps its previous rows and records why it failed.
 *
 * Rows are stored packed (PackedRow's JSON), relative to their target's record: what every
 * row of a target shares (its scan time, its account id) is kept once, in inventory_targets,
 * and SQLite puts it in each group's header. So a page for the renderer is the stored text
 * joined, never parsed and re-serialized. Those values change only when replaceTarget rewrites
 * all of the target's rows, so stored rows never go stale against their header. Rows written
 * before rows were packed are object JSON; they are still read (and packed on the way out)
 * until their target is scanned again. The texts a target's rows share are kept once with its
 * record (`strings`) and named in its rows by place (packTarget); they too change only with
 * replaceTarget, and a row written alone (a permission read, a change made in the app) is packed
 * against the strings its target holds in the same transaction. Rows and strings are read in
 * one statement or one read transaction (`readTogether`), so another connection's scan never
 * pairs a row with another scan's strings.
 */
import type { ImageView } from '../../../shared/model';
import { mergeListings, type AmiRow } from '../../../shared/ami-rows';
import { packRow, packTarget, placesOf, placeTexts, targetKey, unpackRow, type InventoryRow, type TargetPermissionsUpdate, type PackedHeader, type PackedRow, type ScanTarget, type TargetProgress } from '../../../shared/inventory';
import { keptStatement, readTogether, transaction, transactionWithoutWaitingForDisk, type Database } from '../db/database';
import { listingFingerprint, type LaunchAccess } from './rows';

interface TargetRow {
  account: string;
  region: string;
  view: string;
  state: string;
  count: number;
  error: string | null;
  error_code: string | null;
  scanned_at: string | null;
  pending: number;
  permissions_error: string | null;
  permissions_error_code: string | null;
}

/** What a scan's second phase read about one image: who may launch it, or null when it is gone. */
export type PermissionsUpdate = TargetPermissionsUpdate;

/** One target's permissions read since the last hand-over. */
export interface PermissionsBatch {
  target: ScanTarget;
  updates: PermissionsUpdate[];
}

/** An owned image's permissions as last read, and what its listing looked like then. */
export interface KnownPermissions {
  fingerprint: string;
  access: LaunchAccess;
  readAt: string;
}

/** A row as stored: its key and its packed text. */
interface StoredRow {
  account: string;
  region: string;
  view: string;
  image_id: string;
  row_json: string;
}

/** A stored row with its target's record joined. */
interface KeyedRow extends StoredRow {
  /** The target's, which packed rows leave out. */
  scanned_at: string | null;
  aws_account_id: string | null;
}

/** A page of packed rows: each element one PackedGroup's JSON, as UTF-8 bytes, in the stable order. */
export interface PackedPage {
  count: number;
  groups: Uint8Array[];
}

// Stored before rows were packed: the InventoryRow object itself.
const isLegacy = (json: string) => json.charCodeAt(0) === 0x7b; // '{'

/** The record a joined row carries (rows joined this way are the old ones, which name no strings). */
const joinedRecord = (r: KeyedRow): TargetRecord => ({ scannedAt: r.scanned_at, awsAccountId: r.aws_account_id, strings: undefined });

/** The stored text as PackedRow JSON (for a group with the row's target's header). */
function packedText(r: KeyedRow): string {
  return isLegacy(r.row_json) ? JSON.stringify(packRow(toRow(r, joinedRecord(r)), joinedRecord(r))) : r.row_json;
}

/** A target's stored strings as a list (none: its rows name no texts by place). */
function parseStrings(json: string | null | undefined): string[] | undefined {
  return json ? (JSON.parse(json) as string[]) : undefined;
}

/** Packs a row for a target whose rows share these strings. */
function packAgainst(row: InventoryRow, header: PackedHeader, places: ReadonlyMap<string, number>): string {
  const packed = packRow(row, header);
  return JSON.stringify(places.size > 0 ? placeTexts(packed, places) : packed);
}

/** The row a stored one stands for, with its target's record (the values it leaves to it, its strings). */
function toRow(r: StoredRow, record: TargetRecord): InventoryRow {
  if (isLegacy(r.row_json)) {
    // Stored whole by an earlier version: its place is the key columns' (accounts were re-keyed since).
    const row = JSON.parse(r.row_json) as Partial<InventoryRow>;
    return { ...row, snapshotSizeGiB: row.snapshotSizeGiB ?? null, lastLaunchedTime: row.lastLaunchedTime ?? null, account: r.account, region: r.region, view: r.view as ImageView } as InventoryRow;
  }
  return unpackRow(JSON.parse(r.row_json) as PackedRow, { account: r.account, region: r.region, view: r.view as ImageView, ...record });
}

// A row with its target's record (LEFT: a row is read even if its record were missing).
const KEYED_ROWS = `SELECT r.account, r.region, r.view, r.image_id, r.row_json, t.scanned_at, t.aws_account_id
  FROM inventory_rows r LEFT JOIN inventory_targets t ON t.account = r.account AND t.region = r.region AND t.view = r.view`;

/** What a target's record tells its rows: the values they leave to it (see PackedHeader), and the strings they name by place. */
interface TargetRecord extends PackedHeader {
  strings: string[] | undefined;
}

/** Rows whose target has no record carry their own values. */
const NO_RECORD: TargetRecord = { scannedAt: null, awsAccountId: null, strings: undefined };

export interface TargetFailure {
  message: string;
  code: string | null;
}

// With the owner, for reading AMIs across targets (every row has one: written with it, or by
// migration 9); the target's record is looked up once per target, not joined to every row.
const ROWS_WITH_OWNER = 'SELECT r.account, r.region, r.view, r.image_id, r.row_json, r.owner_id FROM inventory_rows r';
// A target's rows, its record read apart (see recordOf).
const STORED_ROWS = 'SELECT account, region, view, image_id, row_json FROM inventory_rows';

// One stable order everywhere (pages, exports, CLI): by target, then image id.
const KEYED_ORDER = 'ORDER BY r.account, r.region, r.view, r.image_id';

/** How long the owned rows stay in memory after their last use (see ownedRows). */
const OWNED_ROWS_KEPT_MS = 5 * 60_000;

export class InventoryCache {
  /** The owned rows as last read, and the database's state they were read in (see `state`). */
  private owned: { state: string; rows: readonly AmiRow[]; release: ReturnType<typeof setTimeout> } | null = null;

  constructor(private readonly db: Database) {}

  /** The statements a scan runs for every target and batch: prepared once (`keptStatement`). */
  private prepared(sql: string): ReturnType<Database['prepare']> {
    return keptStatement(this.db, sql);
  }

  /** Targets' strings as last parsed, with their places (see stringsWithPlaces). */
  private parsed = new Map<string, { json: string; strings: string[] | undefined; places: Map<string, number> }>();

  /**
   * A target's stored strings as a list and as places, parsed once while they are unchanged: a
   * scan's second phase writes a target's rows every second or so, and the strings change only
   * when the target is scanned again (compared by their text, so nothing stale is used).
   */
  private stringsWithPlaces(target: ScanTarget, json: string | null): { strings: string[] | undefined; places: Map<string, number> } {
    const key = targetKey(target);
    const known = this.parsed.get(key);
    if (known && known.json === (json ?? '')) return known;
    const strings = parseStrings(json);
    // A bound, not a policy: one entry per target written to, and a workspace rarely holds more.
    if (this.parsed.size >= 20_000) this.parsed.clear();
    const entry = { json: json ?? '', strings, places: placesOf(strings ?? []) };
    this.parsed.set(key, entry);
    return entry;
  }

  /** The target's record as its rows need it (read with its rows: see readTogether); a row may lack one. */
  private recordOf(target: ScanTarget): TargetRecord {
    const record = this.prepared('SELECT scanned_at, aws_account_id, strings FROM inventory_targets WHERE account = ? AND region = ? AND view = ?').get(
      target.account,
      target.region,
      target.view,
    ) as { scanned_at: string | null; aws_account_id: string | null; strings: string | null } | undefined;
    return record ? { scannedAt: record.scanned_at, awsAccountId: record.aws_account_id, strings: parseStrings(record.strings) } : NO_RECORD;
  }

  /**
   * Replaces the target's rows with these, and marks it scanned at `scannedAt`. The account id
   * its rows were listed under (the same for all of a scan's rows) is kept with the target.
   * `permissionsReadAt` says when each owned row's launch permissions were read (kept from an
   * earlier scan); an owned row without one is pending until `setPermissions` fills it in.
   */
  replaceTarget(target: ScanTarget, rows: readonly InventoryRow[], scannedAt: string, permissionsReadAt: ReadonlyMap<string, string> = new Map()): void {
    const header: PackedHeader = { scannedAt, awsAccountId: rows[0]?.awsAccountId ?? null };
    transactionWithoutWaitingForDisk(this.db, () => {
      this.prepared('DELETE FROM inventory_rows WHERE account = ? AND region = ? AND view = ?').run(target.account, target.region, target.view);
      const insert = this.prepared(
        'INSERT OR REPLACE INTO inventory_rows (account, region, view, image_id, row_json, owner_id, permissions_read_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      );
      const packed = packTarget(rows, header);
      rows.forEach((row, i) => {
        const readAt = row.view === 'owned' && row.launchPermission !== null ? (permissionsReadAt.get(row.imageId) ?? scannedAt) : null;
        insert.run(target.account, target.region, target.view, row.imageId, JSON.stringify(packed.rows[i]), row.ownerId ?? '', readAt);
      });
      this.prepared(
        `INSERT INTO inventory_targets (account, region, view, state, count, error, error_code, scanned_at, attempted_at, aws_account_id, strings)
         VALUES (?, ?, ?, 'done', ?, NULL, NULL, ?, ?, ?, ?)
         ON CONFLICT (account, region, view) DO UPDATE SET state = 'done', count = excluded.count, error = NULL,
           error_code = NULL, scanned_at = excluded.scanned_at, attempted_at = excluded.attempted_at, aws_account_id = excluded.aws_account_id,
           strings = excluded.strings, permissions_error = NULL, permissions_error_code = NULL`,
      ).run(target.account, target.region, target.view, rows.length, scannedAt, scannedAt, header.awsAccountId, packed.strings.length > 0 ? JSON.stringify(packed.strings) : null);
    });
  }

  /**
   * Fills in launch permissions a scan read after listing the targets (its second phase), all in
   * one transaction: in a large world the scan reads a row or two of each of hundreds of targets a
   * second, and a transaction per target cost a third of its CPU. An image found gone meanwhile is
   * removed; rows (or targets) the inventory no longer holds are skipped.
   */
  setPermissions(batches: readonly PermissionsBatch[], readAt: string): void {
    if (batches.every((b) => b.updates.length === 0)) return;
    const where = 'account = ? AND region = ? AND view = ?';
    transactionWithoutWaitingForDisk(this.db, () => {
      const recordOf = this.prepared(`SELECT scanned_at, aws_account_id, strings FROM inventory_targets WHERE ${where}`);
      const read = this.prepared(`SELECT row_json FROM inventory_rows WHERE ${where} AND image_id = ?`);
      const write = this.prepared(`UPDATE inventory_rows SET row_json = ?, permissions_read_at = ? WHERE ${where} AND image_id = ?`);
      const drop = this.prepared(`DELETE FROM inventory_rows WHERE ${where} AND image_id = ?`);
      const recount = this.prepared(`UPDATE inventory_targets SET count = (SELECT COUNT(*) FROM inventory_rows WHERE ${where}) WHERE ${where}`);
      for (const { target, updates } of batches) {
        if (updates.length === 0) continue;
        const keys = [target.account, target.region, target.view] as const;
        const record = recordOf.get(...keys) as (Pick<KeyedRow, 'scanned_at' | 'aws_account_id'> & { strings: string | null }) | undefined;
        if (!record) continue;
        const { strings, places } = this.stringsWithPlaces(target, record.strings);
        const header: TargetRecord = { scannedAt: record.scanned_at, awsAccountId: record.aws_account_id, strings };
        let dropped = 0;
        for (const { imageId, access } of updates) {
          if (access === null) {
            dropped += Number(drop.run(...keys, imageId).changes);
            continue;
          }
          const stored = read.get(...keys, imageId) as { row_json: string } | undefined;
          if (!stored) continue;
          const row = toRow({ ...target, image_id: imageId, row_json: stored.row_json }, header);
          write.run(packAgainst({ ...row, ...access }, header, places), readAt, ...keys, imageId);
        }
        // Only a removed image changes the target's count.
        if (dropped > 0) recount.run(...keys, ...keys);
      }
    });
  }

  /** Records why a target's launch permissions could not be read; its rows stay pending. */
  markPermissionsFailed(target: ScanTarget, failure: TargetFailure): void {
    this.db
      .prepare('UPDATE inventory_targets SET permissions_error = ?, permissions_error_code = ? WHERE account = ? AND region = ? AND view = ?')
      .run(failure.message, failure.code, target.account, target.region, target.view);
  }

  /** The owned images of a target whose permissions were read, as they were then (for an incremental rescan). */
  knownPermissions(target: ScanTarget): Map<string, KnownPermissions> {
    const { rows, record } = readTogether(this.db, () => ({
      record: this.recordOf(target),
      rows: this.db
        .prepare(
          `SELECT account, region, view, image_id, row_json, permissions_read_at FROM inventory_rows
           WHERE account = ? AND region = ? AND view = ? AND permissions_read_at IS NOT NULL`,
        )
        .all(target.account, target.region, target.view) as unknown as Array<StoredRow & { permissions_read_at: string }>,
    }));
    // Only rows of a scanned target were read with permissions.
    if (record === NO_RECORD) return new Map();
    const known = new Map<string, KnownPermissions>();
    for (const r of rows) {
      const row = toRow(r, record);
      if (row.launchPermission === null) continue;
      known.set(row.imageId, { fingerprint: listingFingerprint(row), access: { launchPermission: row.launchPermission, sharedWith: row.sharedWith }, readAt: r.permissions_read_at });
    }
    return known;
  }

  /** Records a failed scan; the rows (and scan time) of the last good scan stay. */
  markFailed(target: ScanTarget, failure: TargetFailure, at: string): void {
    this.db
      .prepare(
        `INSERT INTO inventory_targets (account, region, view, state, count, error, error_code, scanned_at, attempted_at)
         VALUES (?, ?, ?, 'failed', 0, ?, ?, NULL, ?)
         ON CONFLICT (account, region, view) DO UPDATE SET state = 'failed', error = excluded.error,
           error_code = excluded.error_code, attempted_at = excluded.attempted_at`,
      )
      .run(target.account, target.region, target.view, failure.message, failure.code, at);
  }

  /** Every target ever scanned, with its last outcome; count is the rows it holds now. */
  targets(): TargetProgress[] {
    const rows = this.db
      .prepare(
        `SELECT t.account, t.region, t.view, t.state, t.error, t.error_code, t.scanned_at, t.permissions_error, t.permissions_error_code,
           (SELECT COUNT(*) FROM inventory_rows r WHERE r.account = t.account AND r.region = t.region AND r.view = t.view) AS count,
           (SELECT COUNT(*) FROM inventory_rows r WHERE r.account = t.account AND r.region = t.region AND r.view = t.view
              AND r.permissions_read_at IS NULL) AS pending
         FROM inventory_targets t ORDER BY t.account, t.region, t.view`,
      )
      .all() as unknown as TargetRow[];
    return rows.map((r) => ({
      account: r.account,
      region: r.region,
      view: r.view as ImageView,
      state: r.state === 'failed' ? 'failed' : 'done',
      count: r.count,
      error: r.error,
      errorCode: r.error_code,
      scannedAt: r.scanned_at,
      ...(r.view === 'owned' ? { permissions: { pending: r.pending, error: r.permissions_error, errorCode: r.permissions_error_code } } : {}),
    }));
  }

  /**
   * What the kept reads (the total, the owned rows) are checked against: moved by every write of
   * this connection (its `total_changes()`: every insert, update and delete, through this cache
   * or not) and of any other, such as the CLI beside the app (data_version).
   */
  private state(): string {
    const { changes, version } = this.prepared('SELECT total_changes() AS changes, (SELECT data_version FROM pragma_data_version) AS version').get() as {
      changes: number;
      version: number;
    };
    return `${version}:${changes}`;
  }

  /** The last count of rows, and the database's state it was counted in. */
  private counted: { state: string; n: number } | null = null;

  /** Every row the cache holds: counting 100,000 takes milliseconds and every inventory:rows page reports it, so it is kept until a write. */
  total(): number {
    const state = this.state();
    if (this.counted?.state !== state) this.counted = { state, n: (this.prepared('SELECT COUNT(*) AS n FROM inventory_rows').get() as { n: number }).n };
    return this.counted.n;
  }


  /**
   * Whole targets as packed groups of JSON text (what inventory:rows sends): SQLite joins each
   * target's stored rows into its group, after a header from the target's record, so the rows
   * are neither parsed nor re-serialized here. Each target is read by one statement: a scan
   * that replaces targets while the page loads shifts nothing, and every target is seen whole,
   * old or new. Targets this cache does not hold are skipped.
   */
  packedTargets(targets: readonly ScanTarget[]): PackedPage {
    // As a BLOB: the UTF-8 bytes the page receives, never made into a string in main (see electron/ipc/wire.ts).
    // The rows come from a subquery read along the primary key, already in image id order:
    // `group_concat(… ORDER BY image_id)` sorted each target's rows again (a third of the time).
    const statement = this.prepared(
      `SELECT count(*) AS n, sum(substr(row_json, 1, 1) = '{') AS legacy, CAST(
         '[' || json_quote(?1) || ',' || json_quote(?2) || ',' || json_quote(?3) || ','
           || coalesce((SELECT json_quote(t.scanned_at) || ',' || json_quote(t.aws_account_id) FROM inventory_targets t
                WHERE t.account = ?1 AND t.region = ?2 AND t.view = ?3), 'null,null')
           || ',[' || group_concat(row_json, ',') || ']'
           || coalesce((SELECT ',' || t.strings FROM inventory_targets t WHERE t.account = ?1 AND t.region = ?2 AND t.view = ?3), '') || ']' AS BLOB) AS json
       FROM (SELECT row_json FROM inventory_rows WHERE account = ?1 AND region = ?2 AND view = ?3 ORDER BY image_id)`,
    );
    const groups: Uint8Array[] = [];
    let count = 0;
    for (const target of targets) {
      const group = statement.get(target.account, target.region, target.view) as { n: number; legacy: number; json: Uint8Array } | undefined;
      if (!group || group.n === 0) continue;
      groups.push(group.legacy > 0 ? new TextEncoder().encode(this.legacyGroup(target)) : group.json);
      count += group.n;
    }
    return { count, groups };
  }

  /** One target's group built row by row, packing rows stored as objects by earlier versions. */
  private legacyGroup(target: ScanTarget): string {
    const { rows, strings } = readTogether(this.db, () => ({
      strings: this.recordOf(target).strings,
      rows: this.db.prepare(`${KEYED_ROWS} WHERE r.account = ? AND r.region = ? AND r.view = ? ${KEYED_ORDER}`).all(target.account, target.region, target.view) as unknown as KeyedRow[],
    }));
    const head = JSON.stringify([target.account, target.region, target.view, rows[0]?.scanned_at ?? null, rows[0]?.aws_account_id ?? null]).slice(0, -1);
    // Stored packed rows beside the old ones keep naming their target's strings.
    return `${head},[${rows.map(packedText).join(',')}]${strings ? `,${JSON.stringify(strings)}` : ''}]`;
  }


  /**
   * Every row in the stable order, one target at a time: each target is read by a single
   * statement, so a scan that replaces a target while a streaming export awaits between targets
   * is seen whole or not at all — never half old, half new. No statement stays open across the
   * export's awaits, and memory is bounded by the largest target, not the inventory.
   */
  *iterate(): Generator<InventoryRow> {
    const targets = this.db.prepare('SELECT DISTINCT account, region, view FROM inventory_rows ORDER BY account, region, view').all() as unknown as ScanTarget[];
    for (const target of targets) yield* this.targetRows(target);
  }

  /**
   * Every AMI: the listings of each image, across the accounts and views that list it, folded into
   * one row (see ami-rows.ts), in the order of (owner, region, image). Read in pages by key, one
   * statement each: an AMI is seen once, never repeated or skipped by a scan writing meanwhile,
   * and memory is bounded by a page, not the inventory.
   */
  *amis(pageSize = 2000): Generator<AmiRow> {
    const page = this.db.prepare(
      `${ROWS_WITH_OWNER} WHERE (r.owner_id, r.region, r.image_id, r.account, r.view) > (?, ?, ?, ?, ?)
       ORDER BY r.owner_id, r.region, r.image_id, r.account, r.view LIMIT ?`,
    );
    let after: [string, string, string, string, string] = ['', '', '', '', ''];
    let group: InventoryRow[] = [];
    let lastOwner = '';
    let lastRegion = '';
    let lastImage = '';
    for (;;) {
      // The page's rows and their targets' strings as of one moment (see readTogether), looked up
      // once per run of rows from one target.
      const byTarget = new Map<string, TargetRecord>();
      const recordOfRow: TargetRecord[] = [];
      const rows = readTogether(this.db, () => {
        const read = page.all(...after, pageSize) as unknown as Array<StoredRow & { owner_id: string }>;
        let previous: StoredRow | null = null;
        let record: TargetRecord = NO_RECORD;
        for (const r of read) {
          if (!previous || r.account !== previous.account || r.region !== previous.region || r.view !== previous.view) {
            const target = { account: r.account, region: r.region, view: r.view as ImageView };
            const key = targetKey(target);
            if (!byTarget.has(key)) byTarget.set(key, this.recordOf(target));
            record = byTarget.get(key)!;
          }
          recordOfRow.push(record);
          previous = r;
        }
        return read;
      });
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        // Listings of one AMI are consecutive: a new owner, region or image id closes the group.
        if (group.length > 0 && (r.image_id !== lastImage || r.owner_id !== lastOwner || r.region !== lastRegion)) {
          yield mergeListings(group);
          group = [];
        }
        lastOwner = r.owner_id;
        lastRegion = r.region;
        lastImage = r.image_id;
        group.push(toRow(r, recordOfRow[i]!));
      }
      if (rows.length < pageSize) break;
      const end = rows[rows.length - 1]!;
      after = [end.owner_id, end.region, end.image_id, end.account, end.view];
    }
    if (group.length > 0) yield mergeListings(group);
  }

  /**
   * The AMIs our accounts own, one row each, target by target: an owned AMI has one owned
   * listing (its owner's, an AWS account being one entry), so nothing needs folding and the
   * listings of AMIs shared with us are never read. What a retention plan looks at.
   */
  *ownedAmis(): Generator<AmiRow> {
    const targets = this.db.prepare("SELECT DISTINCT account, region, view FROM inventory_rows WHERE view = 'owned' ORDER BY account, region").all() as unknown as ScanTarget[];
    for (const target of targets) for (const row of this.targetRows(target)) yield mergeListings([row]);
  }

  /**
   * The owned AMIs as one array, kept while nothing is written and for a few minutes after its
   * last use: the Clean-up page plans again on every rule typed, and reading 150,000 rows from
   * SQLite costs more than the plan itself. Released after, so an idle app does not hold them.
   */
  ownedRows(): readonly AmiRow[] {
    const state = this.state();
    if (this.owned && this.owned.state !== state) this.dropOwned();
    if (!this.owned) {
      const rows = [...this.ownedAmis()];
      this.owned = { state, rows, release: setTimeout(() => this.dropOwned(), OWNED_ROWS_KEPT_MS) };
    } else {
      this.owned.release.refresh();
    }
    this.owned.release.unref?.();
    return this.owned.rows;
  }

  private dropOwned(): void {
    if (this.owned) clearTimeout(this.owned.release);
    this.owned = null;
  }

  /** One target's rows, in the stable order. */
  targetRows(target: ScanTarget): InventoryRow[] {
    // The record read once for all the target's rows, not joined to each.
    const { rows, record } = readTogether(this.db, () => ({
      record: this.recordOf(target),
      rows: this.prepared(`${STORED_ROWS} WHERE account = ? AND region = ? AND view = ? ORDER BY image_id`).all(target.account, target.region, target.view) as unknown as StoredRow[],
    }));
    return rows.map((r) => toRow(r, record));
  }

  /**
   * Writes one row after a change made through the app (a share, a deregistration), so the
   * inventory stays true between scans. `change` gets the stored row (null when there is none)
   * and returns the new one, or null to remove it. Only targets that were scanned are touched,
   * and their scan time is left alone: the rest of the target is as old as it was. The row is
   * packed against the target's record like its scanned rows (keeping its own scan time or
   * account id where those differ). Returns whether anything changed.
   */
  writeRow(target: ScanTarget, imageId: string, change: (row: InventoryRow | null) => InventoryRow | null): boolean {
    const where = 'account = ? AND region = ? AND view = ?';
    const keys = [target.account, target.region, target.view] as const;
    // Read, changed and written in one transaction: the row is packed against the strings its target holds then.
    return transaction(this.db, () => {
      const record = this.db.prepare(`SELECT scanned_at, aws_account_id, strings FROM inventory_targets WHERE ${where} AND scanned_at IS NOT NULL`).get(...keys) as
        | (Pick<KeyedRow, 'scanned_at' | 'aws_account_id'> & { strings: string | null })
        | undefined;
      if (!record) return false;
      const { strings, places } = this.stringsWithPlaces(target, record.strings);
      const header: TargetRecord = { scannedAt: record.scanned_at, awsAccountId: record.aws_account_id, strings };
      const stored = this.db
        .prepare(`SELECT account, region, view, image_id, row_json, permissions_read_at FROM inventory_rows WHERE ${where} AND image_id = ?`)
        .get(...keys, imageId) as (Omit<KeyedRow, 'scanned_at' | 'aws_account_id'> & { permissions_read_at: string | null }) | undefined;
      const next = change(stored ? toRow(stored, header) : null);
      if (!stored && !next) return false;
      if (next) {
        // Permissions the app set are known now; otherwise they are as old (or as pending) as they were.
        const readAt = next.view === 'owned' && next.launchPermission !== null ? (stored?.permissions_read_at ?? new Date().toISOString()) : null;
        this.db
          .prepare('INSERT OR REPLACE INTO inventory_rows (account, region, view, image_id, row_json, owner_id, permissions_read_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(...keys, imageId, packAgainst(next, header, places), next.ownerId ?? '', readAt);
      } else {
        this.db.prepare(`DELETE FROM inventory_rows WHERE ${where} AND image_id = ?`).run(...keys, imageId);
      }
      this.db.prepare(`UPDATE inventory_targets SET count = (SELECT COUNT(*) FROM inventory_rows WHERE ${where}) WHERE ${where}`).run(...keys, ...keys);
      return true;
    });
  }

  /** Drops the inventory of entries that are no longer in the workspace. */
  keepOnly(accounts: ReadonlySet<string>): void {
    const known = (this.db.prepare('SELECT DISTINCT account FROM inventory_targets').all() as unknown as { account: string }[]).map((r) => r.account);
    const gone = known.filter((a) => !accounts.has(a));
    if (gone.length === 0) return;
    transaction(this.db, () => {
      for (const account of gone) {
        this.db.prepare('DELETE FROM inventory_rows WHERE account = ?').run(account);
        this.db.prepare('DELETE FROM inventory_targets WHERE account = ?').run(account);
      }
    });
  }
}
