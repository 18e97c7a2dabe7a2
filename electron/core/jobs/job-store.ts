/**
 * Copy jobs in SQLite, next to the accounts they belong to (see SourceDatabases), so a copy is
 * tracked to its end across restarts. The client token, and the time CopyImage is first sent,
 * are stored before it is sent: a job resumed after a crash, or whose answer was lost, sends
 * the same token, and AWS answers with the same image instead of making a second copy.
 */
import type { AppErrorShape } from '../../../shared/errors';
import type { CopyJob, JobState } from '../../../shared/lifecycle';
import { asJson, PrefixedStore, updateRow, type PatchColumns } from '../db/prefixed-store';

interface JobRow {
  id: number;
  kind: 'copy';
  state: JobState;
  source_account: string;
  source_region: string;
  source_image_id: string;
  source_name: string;
  dest_account: string;
  dest_account_name: string;
  dest_region: string;
  name: string;
  description: string;
  encrypted: number;
  kms_key_arn: string | null;
  copy_tags: number;
  client_token: string;
  app_tag: number;
  new_image_id: string | null;
  progress: number;
  created_at: string;
  started_at: string | null;
  sent_at: string | null;
  finished_at: string | null;
  error_json: string | null;
}

/** What CopyImage needs, beyond what the page sees. */
export interface StoredJob extends CopyJob {
  description: string;
  copyTags: boolean;
  clientToken: string;
  /** The copy carries the app's tag (COPY_TAG_KEY = clientToken), so it can be found again. */
  appTag: boolean;
  /** When CopyImage was first sent (it may have reached AWS since); null until then. */
  sentAt: string | null;
}

export type NewJob = Pick<StoredJob, 'source' | 'destination' | 'name' | 'description' | 'encrypted' | 'kmsKeyArn' | 'copyTags' | 'clientToken' | 'appTag'>;

export type JobPatch = Partial<Pick<StoredJob, 'state' | 'newImageId' | 'progress' | 'startedAt' | 'sentAt' | 'finishedAt' | 'error'>>;

const ACTIVE: readonly JobState[] = ['queued', 'copying', 'checking', 'cancelling'];

const PATCH: PatchColumns<JobPatch> = {
  state: ['state'],
  newImageId: ['new_image_id'],
  progress: ['progress', (p) => Math.max(0, Math.min(100, Math.round(p)))],
  startedAt: ['started_at'],
  sentAt: ['sent_at'],
  finishedAt: ['finished_at'],
  error: ['error_json', asJson],
};

export class JobStore extends PrefixedStore {
  add(job: NewJob, now = new Date()): StoredJob {
    const result = this.db
      .prepare(
        `INSERT INTO jobs (kind, state, source_account, source_region, source_image_id, source_name, dest_account, dest_account_name,
           dest_region, name, description, encrypted, kms_key_arn, copy_tags, client_token, app_tag, created_at)
         VALUES ('copy', 'queued', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        job.source.account,
        job.source.region,
        job.source.imageId,
        job.source.name,
        job.destination.account,
        job.destination.accountName,
        job.destination.region,
        job.name,
        job.description,
        job.encrypted ? 1 : 0,
        job.kmsKeyArn,
        job.copyTags ? 1 : 0,
        job.clientToken,
        job.appTag ? 1 : 0,
        now.toISOString(),
      );
    return this.get(this.publicId(result.lastInsertRowid))!;
  }

  get(id: string): StoredJob | null {
    if (!this.owns(id)) return null;
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(this.rowId(id)) as JobRow | undefined;
    return row ? this.toJob(row) : null;
  }

  /** Newest first. */
  list(): StoredJob[] {
    return (this.db.prepare('SELECT * FROM jobs ORDER BY id DESC').all() as unknown as JobRow[]).map((r) => this.toJob(r));
  }

  /** Jobs still to be started, followed or stopped, oldest first (the order they are served). */
  active(): StoredJob[] {
    const marks = ACTIVE.map(() => '?').join(', ');
    return (this.db.prepare(`SELECT * FROM jobs WHERE state IN (${marks}) ORDER BY id`).all(...ACTIVE) as unknown as JobRow[]).map((r) => this.toJob(r));
  }

  update(id: string, patch: JobPatch): StoredJob {
    updateRow(this.db, 'jobs', this.rowId(id), patch, PATCH);
    return this.get(id)!;
  }

  clearFinished(): void {
    this.db.prepare("DELETE FROM jobs WHERE state IN ('available', 'failed', 'cancelled')").run();
  }

  private toJob(row: JobRow): StoredJob {
    return {
      id: `${this.prefix}-${row.id}`,
      kind: 'copy',
      state: row.state,
      source: { account: row.source_account, region: row.source_region, imageId: row.source_image_id, name: row.source_name },
      destination: { account: row.dest_account, accountName: row.dest_account_name, region: row.dest_region },
      name: row.name,
      description: row.description,
      newImageId: row.new_image_id,
      progress: row.progress,
      encrypted: row.encrypted === 1,
      kmsKeyArn: row.kms_key_arn,
      copyTags: row.copy_tags === 1,
      clientToken: row.client_token,
      appTag: row.app_tag === 1,
      sentAt: row.sent_at,
      createdAt: row.created_at,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      error: row.error_json === null ? null : (JSON.parse(row.error_json) as AppErrorShape),
    };
  }
}

/** What the page sees of a job (no client token). */
export function publicJob(job: StoredJob): CopyJob {
  const { description: _d, copyTags: _c, clientToken: _t, appTag: _a, sentAt: _s, ...rest } = job;
  return rest;
}
