/**
 * Runs copy jobs: starts queued copies while each destination (account, region) has fewer than
 * its limit in flight, follows running ones (image state, the slowest snapshot's progress) until
 * they are available or failed, and stops them on request by deregistering the pending image.
 *
 * Restart-proof: a job is marked copying before CopyImage is sent and keeps its client token,
 * so after a crash the same request is sent again and AWS answers with the same image. The
 * audit entry is written in the same transaction that records the new image id, so a copy is
 * recorded exactly once however often it is resumed.
 */
import { randomUUID } from 'node:crypto';
import { CopyImageCommand, DeregisterImageCommand, DescribeImagesCommand, DescribeSnapshotsCommand } from '@aws-sdk/client-ec2';
import { AppError } from '../../../shared/errors';
import type { CopyJob, CopyPlanItem, CopyRequest } from '../../../shared/lifecycle';
import type { AccountSource } from '../accounts/account-source';
import type { CoreContext } from '../context';
import { actorOf } from '../accounts/access';
import { PollLoop } from './poll-loop';
import { transaction } from '../db/database';
import type { AuditBook } from '../sharing/audit-book';
import type { InventoryReflector } from '../inventory/reflect-change';
import type { JobBook } from './job-book';
import { publicJob, type JobStore, type StoredJob } from './job-store';

export interface CopyRunnerOptions {
  jobs: JobBook;
  audit: AuditBook;
  /** Finished copies join the offline inventory at once. */
  reflect?: InventoryReflector;
  /** Copies in flight per destination account and region (AWS limits concurrent copies too). */
  perRegion?: number;
  /** How often running copies are checked. */
  pollMs?: number;
  notify?: (notice: { title: string; body: string }) => void;
}

export const DEFAULT_COPY_LIMIT = 5;

// AWS's answer when its own limit on concurrent copies is reached: wait and try again.
const LIMIT_CODES = new Set(['ResourceLimitExceeded', 'RequestResourceCountExceeded']);

export class CopyRunner {
  private readonly loop: PollLoop;
  private readonly starting = new Set<string>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly options: CopyRunnerOptions,
  ) {
    this.loop = new PollLoop(() => this.pass(), options.pollMs ?? 2000);
  }

  /** Queues one job per planned copy (blocked items are left out) and starts what it can. */
  enqueue(source: AccountSource, items: readonly CopyPlanItem[], request: CopyRequest): CopyJob[] {
    const store = this.options.jobs.storeFor(source);
    const jobs = items
      .filter((i) => i.blockers.length === 0)
      .map((i) =>
        store.add({
          source: { ...i.source, name: i.sourceName },
          destination: i.destination,
          name: i.name,
          description: i.description,
          encrypted: i.encrypted,
          kmsKeyArn: i.kmsKeyArn,
          copyTags: request.copyTags,
          clientToken: randomUUID(),
        }),
      );
    for (const job of jobs) this.changed(job);
    this.wake();
    return jobs.map(publicJob);
  }

  /** The jobs of the open workspace. */
  list(): CopyJob[] {
    return this.options.jobs.list([this.ctx.active()]).map(publicJob);
  }

  async cancel(id: string): Promise<CopyJob> {
    const found = this.options.jobs.find(this.ctx.sources(), id);
    if (!found) throw new AppError({ code: 'NOT_FOUND', message: 'That copy job no longer exists.', retryable: false });
    const { store, job } = found;
    if (job.state === 'queued') {
      const done = store.update(id, { state: 'cancelled', finishedAt: new Date().toISOString() });
      this.audit(job, 'ok', null, 'cancelled before it started', 'cancel-copy');
      this.changed(done);
      return publicJob(done);
    }
    if (job.state !== 'copying') return publicJob(job);
    const cancelling = store.update(id, { state: 'cancelling' });
    this.changed(cancelling);
    if (cancelling.newImageId) await this.stop(store, cancelling);
    return publicJob(store.get(id)!);
  }

  clearFinished(): CopyJob[] {
    this.options.jobs.storeFor(this.ctx.active()).clearFinished();
    return this.list();
  }

  /** Starts following stored jobs (after a restart) and keeps polling while any is active. */
  wake(): void {
    this.loop.wake();
  }

  close(): void {
    this.loop.close();
  }

  private async pass(): Promise<number> {
    let active = 0;
    for (const source of this.ctx.sources()) {
      const store = this.options.jobs.storeFor(source);
      const jobs = store.active();
      active += jobs.length;
      const inFlight = new Map<string, number>();
      const key = (j: StoredJob) => `${j.destination.account}|${j.destination.region}`;
      for (const j of jobs) if (j.state === 'copying' || j.state === 'cancelling') inFlight.set(key(j), (inFlight.get(key(j)) ?? 0) + 1);
      const work: Promise<void>[] = [];
      for (const job of jobs) {
        if (job.state === 'queued') {
          const n = inFlight.get(key(job)) ?? 0;
          if (n >= (this.options.perRegion ?? DEFAULT_COPY_LIMIT)) continue;
          inFlight.set(key(job), n + 1);
          work.push(this.begin(store, job));
        } else if (job.state === 'copying' && !job.newImageId) {
          work.push(this.begin(store, job)); // resumed after a crash: same token, same image
        } else if (job.state === 'copying') {
          work.push(this.follow(store, job));
        } else if (job.state === 'cancelling') {
          // A failed stop leaves the job running; the user sees it and may cancel again.
          work.push(job.newImageId ? this.stop(store, job).catch(() => undefined) : this.begin(store, job));
        }
      }
      await Promise.all(work);
    }
    return active;
  }

  private async begin(store: JobStore, job: StoredJob): Promise<void> {
    if (this.starting.has(job.id) || !this.ctx.find(job.destination.account)) return;
    this.starting.add(job.id);
    try {
      if (job.state === 'queued') this.changed(store.update(job.id, { state: 'copying', startedAt: new Date().toISOString() }));
      const { region } = job.destination;
      const imageId = await this.ctx.write(job.destination.account, region, 'ec2:CopyImage', async (path) => {
        const out = await this.ctx.pool.ec2(path, region).send(
          new CopyImageCommand({
            SourceImageId: job.source.imageId,
            SourceRegion: job.source.region,
            Name: job.name,
            ...(job.description ? { Description: job.description } : {}),
            Encrypted: job.encrypted,
            ...(job.encrypted && job.kmsKeyArn ? { KmsKeyId: job.kmsKeyArn } : {}),
            CopyImageTags: job.copyTags,
            ClientToken: job.clientToken,
          }),
        );
        return out.ImageId ?? null;
      });
      if (!imageId) throw new AppError({ code: 'AWS_ERROR', message: 'CopyImage answered without an image id.', retryable: true });
      const current = store.get(job.id)!;
      const recorded = transaction(store.db, () => {
        const updated = store.update(job.id, { newImageId: imageId });
        if (!current.newImageId) this.audit(updated, 'ok', null, `to ${region} as ${imageId} (${job.name})`);
        return updated;
      });
      this.changed(recorded);
      if (recorded.state === 'cancelling') await this.stop(store, recorded).catch(() => undefined);
    } catch (error) {
      const appError = error instanceof AppError ? error : new AppError({ code: 'INTERNAL', message: String(error), retryable: false });
      if (LIMIT_CODES.has(appError.details?.awsCode ?? '')) {
        this.changed(store.update(job.id, { state: 'queued' })); // AWS's own limit: try again on a later pass
      } else {
        const failed = store.update(job.id, { state: 'failed', error: appError.toShape(), finishedAt: new Date().toISOString() });
        this.audit(failed, 'failed', appError.message, `to ${job.destination.region} (${job.name})`);
        this.changed(failed);
        this.notify(failed);
      }
    } finally {
      this.starting.delete(job.id);
    }
  }

  private async follow(store: JobStore, job: StoredJob): Promise<void> {
    const { region } = job.destination;
    try {
      const state = await this.ctx.read(job.destination.account, region, 'ec2:DescribeImages', async (path) => {
        const ec2 = this.ctx.pool.ec2(path, region);
        const out = await ec2.send(new DescribeImagesCommand({ ImageIds: [job.newImageId!], IncludeDeprecated: true, IncludeDisabled: true }));
        const image = out.Images?.[0];
        if (!image) return { state: 'gone', progress: job.progress, reason: null, image: null, awsAccountId: path.awsAccountId };
        const snapshotIds = (image.BlockDeviceMappings ?? []).flatMap((b) => (b.Ebs?.SnapshotId ? [b.Ebs.SnapshotId] : []));
        let progress = image.State === 'available' ? 100 : job.progress;
        if (image.State === 'pending' && snapshotIds.length > 0) {
          const snaps = (await ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: snapshotIds }))).Snapshots ?? [];
          progress = Math.min(...snaps.map((s) => Number.parseInt(s.Progress ?? '0', 10) || 0));
        }
        return { state: image.State ?? 'pending', progress, reason: image.StateReason?.Message ?? null, image, awsAccountId: path.awsAccountId };
      });
      if (state.state === 'available') {
        const done = store.update(job.id, { state: 'available', progress: 100, finishedAt: new Date().toISOString() });
        if (state.image) this.options.reflect?.added({ account: job.destination.account, region, view: 'owned' }, state.image, state.awsAccountId);
        this.changed(done);
        this.ctx.emit('images:changed', { images: [{ account: job.destination.account, region, imageId: job.newImageId! }], auditIds: [] });
        this.notify(done);
      } else if (state.state === 'pending') {
        if (state.progress !== job.progress) this.changed(store.update(job.id, { progress: state.progress }));
      } else {
        const reason = state.state === 'gone' ? 'The new image disappeared: it was deregistered outside the app.' : `The copy ended ${state.state}${state.reason ? `: ${state.reason}` : ''}.`;
        const failed = store.update(job.id, { state: 'failed', finishedAt: new Date().toISOString(), error: { code: 'AWS_ERROR', message: reason, retryable: false } });
        this.changed(failed);
        this.notify(failed);
      }
    } catch {
      // A failed check (network, throttling, credentials) is not a failed copy: the account shows
      // its health, and the next pass checks again.
    }
  }

  private async stop(store: JobStore, job: StoredJob): Promise<void> {
    const { region } = job.destination;
    try {
      await this.ctx.write(job.destination.account, region, 'ec2:DeregisterImage', (path) =>
        this.ctx.pool.ec2(path, region).send(new DeregisterImageCommand({ ImageId: job.newImageId!, DeleteAssociatedSnapshots: true })),
      );
    } catch (error) {
      const appError = error instanceof AppError ? error : null;
      if (!/NotFound/.test(appError?.details?.awsCode ?? '')) {
        this.audit(job, 'failed', appError?.message ?? String(error), `stopping the copy to ${region} (${job.newImageId})`, 'cancel-copy');
        this.changed(store.update(job.id, { state: 'copying' })); // still running: the user can try again
        throw error;
      }
    }
    const done = store.update(job.id, { state: 'cancelled', finishedAt: new Date().toISOString() });
    this.audit(done, 'ok', null, `stopped the copy to ${region}; deregistered ${job.newImageId} and its snapshots`, 'cancel-copy');
    this.changed(done);
    this.ctx.emit('images:changed', { images: [{ account: job.destination.account, region, imageId: job.newImageId! }], auditIds: [] });
  }

  private audit(job: StoredJob, outcome: 'ok' | 'failed', error: string | null, detail: string, action: 'copy' | 'cancel-copy' = 'copy'): void {
    const located = this.ctx.find(job.destination.account);
    if (!located) return;
    const acting = this.ctx.actingPath(job.destination.account);
    this.options.audit.logFor(located.source).append({
      ...(acting ? actorOf(acting) : {}),
      action,
      account: job.destination.account,
      accountName: job.destination.accountName,
      awsAccountId: located.account.awsAccountId,
      region: job.destination.region,
      imageId: job.newImageId ?? job.source.imageId,
      imageName: job.name,
      added: [],
      removed: [],
      snapshotIds: [],
      outcome,
      error,
      detail: `${job.source.name} (${job.source.imageId}, ${job.source.region}) ${detail}`,
    });
  }

  private changed(job: StoredJob): void {
    this.ctx.emit('jobs:changed', publicJob(job));
  }

  private notify(job: StoredJob): void {
    if (!this.options.notify) return;
    const where = `${job.destination.accountName}/${job.destination.region}`;
    this.options.notify(
      job.state === 'available'
        ? { title: 'Copy finished', body: `${job.name} is available in ${where} (${job.newImageId}).` }
        : { title: 'Copy failed', body: `${job.name} → ${where}: ${job.error?.message ?? 'failed'}` },
    );
  }
}
