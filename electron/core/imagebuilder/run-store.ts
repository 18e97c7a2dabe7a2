/**
 * Image Builder runs in SQLite, next to the accounts they belong to (see SourceDatabases). The
 * client token is stored before the run is started, so a start resumed after a crash cannot
 * start a second build.
 */
import type { AppErrorShape } from '../../../shared/errors';
import type { BuildAmi, BuildRun, BuildStep } from '../../../shared/imagebuilder';
import { BUILD_STATES } from '../../../shared/imagebuilder';
import { asFlag, asJson, PrefixedStore, updateRow, type PatchColumns } from '../db/prefixed-store';

interface RunRow {
  id: number;
  account: string;
  account_name: string;
  region: string;
  pipeline_arn: string;
  pipeline_name: string;
  client_token: string;
  image_build_arn: string | null;
  status: string;
  finished: number;
  cancel_requested: number;
  steps_json: string;
  amis_json: string;
  reason: string | null;
  started_at: string;
  finished_at: string | null;
  error_json: string | null;
}

export interface StoredRun extends BuildRun {
  clientToken: string;
  cancelRequested: boolean;
}

export type RunPatch = Partial<Pick<StoredRun, 'imageBuildArn' | 'status' | 'finished' | 'cancelRequested' | 'steps' | 'amis' | 'reason' | 'finishedAt' | 'error'>>;

export const FINAL_STATES = new Set(['AVAILABLE', 'FAILED', 'CANCELLED', 'DEPRECATED', 'DELETED', 'DISABLED']);

/** How far along a status is, for a progress bar. */
export function progressOf(status: string): number {
  if (FINAL_STATES.has(status)) return 100;
  const i = (BUILD_STATES as readonly string[]).indexOf(status);
  return i < 0 ? 0 : Math.round((i / (BUILD_STATES.length - 1)) * 100);
}

const PATCH: PatchColumns<RunPatch> = {
  imageBuildArn: ['image_build_arn'],
  status: ['status'],
  finished: ['finished', asFlag],
  cancelRequested: ['cancel_requested', asFlag],
  steps: ['steps_json', asJson],
  amis: ['amis_json', asJson],
  reason: ['reason'],
  finishedAt: ['finished_at'],
  error: ['error_json', asJson],
};

export class RunStore extends PrefixedStore {
  add(run: { account: string; accountName: string; region: string; pipelineArn: string; pipelineName: string; clientToken: string }, now = new Date()): StoredRun {
    const result = this.db
      .prepare(
        `INSERT INTO builder_runs (account, account_name, region, pipeline_arn, pipeline_name, client_token, status, started_at)
         VALUES (?, ?, ?, ?, ?, ?, 'STARTING', ?)`,
      )
      .run(run.account, run.accountName, run.region, run.pipelineArn, run.pipelineName, run.clientToken, now.toISOString());
    return this.get(this.publicId(result.lastInsertRowid))!;
  }

  get(id: string): StoredRun | null {
    if (!this.owns(id)) return null;
    const row = this.db.prepare('SELECT * FROM builder_runs WHERE id = ?').get(this.rowId(id)) as RunRow | undefined;
    return row ? this.toRun(row) : null;
  }

  list(): StoredRun[] {
    return (this.db.prepare('SELECT * FROM builder_runs ORDER BY id DESC LIMIT 200').all() as unknown as RunRow[]).map((r) => this.toRun(r));
  }

  active(): StoredRun[] {
    return (this.db.prepare('SELECT * FROM builder_runs WHERE finished = 0 ORDER BY id').all() as unknown as RunRow[]).map((r) => this.toRun(r));
  }

  update(id: string, patch: RunPatch): StoredRun {
    updateRow(this.db, 'builder_runs', this.rowId(id), patch, PATCH);
    return this.get(id)!;
  }

  private toRun(row: RunRow): StoredRun {
    return {
      id: `${this.prefix}-${row.id}`,
      account: row.account,
      accountName: row.account_name,
      region: row.region,
      pipelineArn: row.pipeline_arn,
      pipelineName: row.pipeline_name,
      imageBuildArn: row.image_build_arn,
      status: row.status,
      progress: progressOf(row.status),
      finished: row.finished === 1,
      steps: JSON.parse(row.steps_json) as BuildStep[],
      amis: JSON.parse(row.amis_json) as BuildAmi[],
      reason: row.reason,
      startedAt: row.started_at,
      finishedAt: row.finished_at,
      error: row.error_json === null ? null : (JSON.parse(row.error_json) as AppErrorShape),
      clientToken: row.client_token,
      cancelRequested: row.cancel_requested === 1,
    };
  }
}

export function publicRun(run: StoredRun): BuildRun {
  const { clientToken: _t, cancelRequested: _c, ...rest } = run;
  return rest;
}
