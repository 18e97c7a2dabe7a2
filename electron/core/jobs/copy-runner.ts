/**
 * Runs copy jobs: starts queued copies while each destination (account, region) has fewer than
 * its limit in flight, follows running ones (image state, the slowest snapshot's progress) until
 * they are available or failed, and stops them on request by deregistering the pending image.
 *
 * No copy is lost. A job stores its client token and the time CopyImage was first sent before
 * sending it, and its copy carries the app's tag (COPY_TAG_KEY = the token). When the answer
 * does not come (network gone longer than the SDK's retries, the app closed or killed), the copy
 * may or may not exist: the job is `checking`. It sends the same request again — AWS answers a
 * repeated token with the image it made, or makes it now — for as long as AWS can be trusted to
 * remember the token (TOKEN_TRUST_MS); after that, or when AWS refuses the repeat, it looks for
 * the copy by its name and tag. It ends with exactly one image recorded, or failed (or
 * cancelled) only once AWS has said that nothing was made. The audit entry is written in the
 * same transaction that records the new image id, so a copy is recorded exactly once.
 */
import { randomUUID } from 'node:crypto';
import { CopyImageCommand, DeregisterImageCommand, DescribeImagesCommand, DescribeSnapshotsCommand, type Image } from '@aws-sdk/client-ec2';
import { AppError } from '../../../shared/errors';
import type { CopyJob, CopyPlanItem, CopyRequest } from '../../../shared/lifecycle';
import type { AccountSource } from '../accounts/account-source';
import type { CoreContext } from '../context';
import { actorOf } from '../accounts/access';
import { JobDriver } from './durable';
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

/** The tag every copy carries (value: its client token), so a copy whose answer was lost can be found. */
export const COPY_TAG_KEY = 'ami-atlas:copy-request';

/**
 * How long after CopyImage was first sent the same request is sent again. AWS documents that
 * EC2 keeps a client token for at least 24 hours only for RunInstances, and gives no figure for
 * CopyImage; the app trusts half of that, then only looks for the copy.
 */
export const TOKEN_TRUST_MS = 12 * 3600_000;

/** The longest wait between two checks of a copy whose answer was lost. */
const CHECK_BACKOFF_CAP_MS = 60_000;

// AWS's answer when its own limit on concurrent copies is reached: wait and try again.
const LIMIT_CODES = new Set(['ResourceLimitExceeded', 'RequestResourceCountExceeded']);

/** Failures that say nothing about what AWS did with the request: ask again later. */
const UNKNOWN_OUTCOME = new Set(['NETWORK', 'THROTTLED', 'INTERNAL']);
/** Refusals before the request did anything: this request made nothing (an earlier one may have). */
const REFUSED_AT_THE_DOOR = new Set(['AUTH_FAILED', 'ACCESS_DENIED', 'ACCOUNT_NOT_FOUND']);

function unknownOutcome(error: AppError): boolean {
  return UNKNOWN_OUTCOME.has(error.code) || (error.code === 'AWS_ERROR' && error.retryable);
}

/** A token: no dashes, so it never reads like one of our own ids where AWS shows it (the tag). */
export function newClientToken(): string {
  return `atlas-copy-${randomUUID().replaceAll('-', '')}`;
}

function asAppError(error: unknown): AppError {
  return error instanceof AppError ? error : new AppError({ code: 'INTERNAL', message: String(error), retryable: false });
}

export class CopyRunner {
  private readonly driver: JobDriver<JobStore, StoredJob>;
  /** Jobs whose answer was lost: when to check again, and how many checks found nothing yet. */
  private readonly nextCheck = new Map<string, { at: number; tries: number }>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly options: CopyRunnerOptions,
  ) {
    this.driver = new JobDriver(() => ctx.sources(), options.jobs.stores, { active: (store) => store.active(), steps: (store, jobs) => this.steps(store, jobs) }, options.pollMs ?? 2000);
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
          clientToken: newClientToken(),
          appTag: true,
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
    if (job.state !== 'copying' && job.state !== 'checking') return publicJob(job);
    // A checking job may have a copy in AWS: it is found (or known not to exist) before it ends.
    const cancelling = store.update(id, { state: 'cancelling' });
    this.changed(cancelling);
    if (cancelling.newImageId) await this.stop(store, cancelling);
    else {
      this.nextCheck.delete(id); // look now, not after the pause between checks
      this.wake();
    }
    return publicJob(store.get(id)!);
  }

  clearFinished(): CopyJob[] {
    this.options.jobs.storeFor(this.ctx.active()).clearFinished();
    return this.list();
  }

  /** Starts following stored jobs (after a restart) and keeps polling while any is active. */
  wake(): void {
    this.driver.wake();
  }

  /** Stops polling; resolves when a pass under way has recorded what it learnt. */
  close(): Promise<void> {
    return this.driver.close();
  }

  /** One pass over a source's active jobs, at most `perRegion` copies in flight per destination. */
  private steps(store: JobStore, jobs: readonly StoredJob[]): Array<Promise<void>> {
    const inFlight = new Map<string, number>();
    const key = (j: StoredJob) => `${j.destination.account}|${j.destination.region}`;
    for (const j of jobs) if (j.state !== 'queued') inFlight.set(key(j), (inFlight.get(key(j)) ?? 0) + 1);
    const work: Promise<void>[] = [];
    for (const job of jobs) {
      if (job.state === 'queued') {
        const n = inFlight.get(key(job)) ?? 0;
        if (n >= (this.options.perRegion ?? DEFAULT_COPY_LIMIT)) continue;
        inFlight.set(key(job), n + 1);
        work.push(this.begin(store, job));
      } else if (job.newImageId) {
        // A failed stop leaves the job running; the user sees it and may cancel again.
        work.push(job.state === 'cancelling' ? this.stop(store, job).catch(() => undefined) : this.follow(store, job));
      } else if (this.due(job)) {
        // Sent, and no image recorded: checking, cancelling, or copying when the app stopped
        // before the answer came. The same request again, or a look for the copy.
        work.push(this.begin(store, job));
      }
    }
    return work;
  }

  /** Sends CopyImage (again, when it may have reached AWS before), or looks for the copy. */
  private async begin(store: JobStore, job: StoredJob): Promise<void> {
    if (!this.ctx.find(job.destination.account)) return;
    await this.driver.exclusive(job.id, () => this.sendOrLook(store, job));
  }

  private async sendOrLook(store: JobStore, job: StoredJob): Promise<void> {
    try {
      // Sent before (a lost answer, a restart): whatever AWS says now is about that request too.
      const repeat = job.sentAt !== null;
      let current = job;
      if (!repeat) {
        const now = new Date().toISOString();
        current = store.update(job.id, { state: 'copying', startedAt: job.startedAt ?? now, sentAt: now });
        this.changed(current);
      }
      if (repeat && Date.now() - Date.parse(job.sentAt!) > TOKEN_TRUST_MS) {
        await this.reconcile(store, current, null); // AWS may have forgotten the token: only look
        return;
      }
      let attempts = 0;
      let imageId: string | null;
      try {
        imageId = await this.send(current, (n) => (attempts = n));
      } catch (error) {
        await this.unanswered(store, current, asAppError(error), repeat || attempts > 1);
        return;
      }
      if (!imageId) {
        this.toChecking(store, current, new AppError({ code: 'AWS_ERROR', message: 'CopyImage answered without an image id.', retryable: true }));
        return;
      }
      await this.record(store, current, imageId);
    } catch (error) {
      // Recording failed (the database): the job stays as it was and the next pass tries again.
      this.toChecking(store, store.get(job.id) ?? job, asAppError(error));
    }
  }

  /** CopyImage with the job's token; `attempts` hears how many HTTP attempts the SDK made. */
  private send(job: StoredJob, attempts: (n: number) => void): Promise<string | null> {
    const { region } = job.destination;
    return this.ctx.write(job.destination.account, region, 'ec2:CopyImage', async (path) => {
      try {
        const out = await this.ctx.pool.ec2(path, region).send(
          new CopyImageCommand({
            SourceImageId: job.source.imageId,
            SourceRegion: job.source.region,
            Name: job.name,
            ...(job.description ? { Description: job.description } : {}),
            Encrypted: job.encrypted,
            ...(job.encrypted && job.kmsKeyArn ? { KmsKeyId: job.kmsKeyArn } : {}),
            CopyImageTags: job.copyTags,
            ...(job.appTag ? { TagSpecifications: [{ ResourceType: 'image', Tags: [{ Key: COPY_TAG_KEY, Value: job.clientToken }] }] } : {}),
            ClientToken: job.clientToken,
          }),
        );
        attempts(out.$metadata.attempts ?? 1);
        return out.ImageId ?? null;
      } catch (error) {
        const metadata = (error as { $metadata?: { attempts?: number } } | null)?.$metadata;
        // No metadata: the request never got an answer, so each of the SDK's tries may have arrived.
        attempts(metadata?.attempts ?? 2);
        throw error;
      }
    });
  }

  /**
   * CopyImage did not answer with an image. `mayExist`: an earlier request (before a restart, or
   * an earlier try of the SDK) may have made the copy, so a refusal now does not mean nothing
   * was made.
   */
  private async unanswered(store: JobStore, job: StoredJob, error: AppError, mayExist: boolean): Promise<void> {
    const awsCode = error.details?.awsCode ?? '';
    if (LIMIT_CODES.has(awsCode)) {
      // AWS's own limit on copies in progress: try again on a later pass. Refused outright, the
      // job waits in the queue as if never sent; if an earlier request may have arrived, it is
      // still a question.
      if (mayExist) this.toChecking(store, job, error);
      else if (store.get(job.id)?.state === 'cancelling') this.fail(store, job, error, '');
      else this.changed(store.update(job.id, { state: 'queued', sentAt: null, error: null }));
      return;
    }
    if (unknownOutcome(error) || (mayExist && REFUSED_AT_THE_DOOR.has(error.code))) {
      this.toChecking(store, job, error);
      return;
    }
    // AWS refused the request. A repeat of a request it had carried out would have been answered
    // with its image; still, the copy is looked for before the job ends.
    if (mayExist) await this.reconcile(store, job, error);
    else this.fail(store, job, error, `to ${job.destination.region} (${job.name})`);
  }

  /** Looks for the job's copy in its destination: records it, or ends the job when there is none. */
  private async reconcile(store: JobStore, job: StoredJob, refusal: AppError | null): Promise<void> {
    let image: Image | null;
    try {
      image = await this.lookup(job);
    } catch (error) {
      this.toChecking(store, job, asAppError(error)); // cannot look now: later
      return;
    }
    if (image?.ImageId) {
      await this.record(store, job, image.ImageId);
      return;
    }
    const where = `${job.destination.accountName}/${job.destination.region}`;
    const message = refusal
      ? `${refusal.message} AWS holds no copy named "${job.name}" in ${where}: nothing was made.`
      : `AWS never answered the copy request, and ${where} holds no copy named "${job.name}": nothing was made. Start the copy again if it is still needed.`;
    this.fail(store, job, new AppError({ code: refusal?.code ?? 'AWS_ERROR', message, retryable: false, ...(refusal?.details ? { details: refusal.details } : {}) }), `to ${job.destination.region} (${job.name}); nothing was made`);
  }

  /** The job's copy in its destination: the image with its name carrying its tag (older jobs: copied from its source). */
  private lookup(job: StoredJob): Promise<Image | null> {
    const { region } = job.destination;
    return this.ctx.read(job.destination.account, region, 'ec2:DescribeImages', async (path) => {
      const out = await this.ctx.pool.ec2(path, region).send(
        new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: 'name', Values: [job.name] }], IncludeDeprecated: true, IncludeDisabled: true }),
      );
      const ours = (image: Image) =>
        job.appTag
          ? (image.Tags ?? []).some((t) => t.Key === COPY_TAG_KEY && t.Value === job.clientToken)
          : image.SourceImageId === job.source.imageId && image.SourceImageRegion === job.source.region;
      return (out.Images ?? []).find((i) => i.Name === job.name && i.State !== 'deregistered' && ours(i)) ?? null;
    });
  }

  /** The copy's image id, recorded once with its audit entry; a cancelled job stops it at once. */
  private async record(store: JobStore, job: StoredJob, imageId: string): Promise<void> {
    const { region } = job.destination;
    const current = store.get(job.id)!;
    const recorded = transaction(store.db, () => {
      const updated = store.update(job.id, { newImageId: imageId, state: current.state === 'cancelling' ? 'cancelling' : 'copying', error: null });
      if (!current.newImageId) this.audit(updated, 'ok', null, `to ${region} as ${imageId} (${job.name})`);
      return updated;
    });
    this.nextCheck.delete(job.id);
    this.changed(recorded);
    if (recorded.state === 'cancelling') await this.stop(store, recorded).catch(() => undefined);
  }

  /** The copy's fate is not known yet: say so (a cancel in progress stays one) and check again later. */
  private toChecking(store: JobStore, job: StoredJob, why: AppError): void {
    const current = store.get(job.id);
    if (!current || current.newImageId || !['copying', 'checking', 'cancelling'].includes(current.state)) return;
    const tries = (this.nextCheck.get(job.id)?.tries ?? 0) + 1;
    const base = this.options.pollMs ?? 2000;
    this.nextCheck.set(job.id, { at: Date.now() + Math.min(CHECK_BACKOFF_CAP_MS, base * 2 ** (tries - 1)), tries });
    const state = current.state === 'cancelling' ? 'cancelling' : 'checking';
    if (current.state !== state || current.error?.message !== why.message) this.changed(store.update(job.id, { state, error: why.toShape() }));
  }

  /** Ends a job that made nothing in AWS: failed, or cancelled when that was asked for. */
  private fail(store: JobStore, job: StoredJob, error: AppError, detail: string): void {
    this.nextCheck.delete(job.id);
    const finishedAt = new Date().toISOString();
    if (store.get(job.id)?.state === 'cancelling') {
      const done = store.update(job.id, { state: 'cancelled', finishedAt, error: null });
      this.audit(done, 'ok', null, `stopped the copy to ${job.destination.region}; nothing was made`, 'cancel-copy');
      this.changed(done);
      return;
    }
    const failed = store.update(job.id, { state: 'failed', error: error.toShape(), finishedAt });
    this.audit(failed, 'failed', error.message, detail);
    this.changed(failed);
    this.notify(failed);
  }

  private due(job: StoredJob): boolean {
    const next = this.nextCheck.get(job.id);
    return !next || Date.now() >= next.at;
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
