/**
 * One inventory scan: chosen accounts × their regions × views (owned, shared with me), in two
 * phases. Phase one lists every target's images, so the grid is complete as early as AWS allows;
 * phase two then reads the launch permissions of the owned images (one call per image), each
 * row saying "permissions pending" until its are read. A rescan re-reads them only
 * for images that are new, changed since, or read longer ago than the plan allows.
 *
 * Calls are paced the way EC2 limits them (see request-pacer.ts): a token bucket per account,
 * region and action, and an overall limit on calls in flight for the client's sockets and CPU.
 * A failed or denied target is reported and never stops the rest; cancel stops starting anything
 * new and aborts the calls in flight. AWS access comes in through `ScanOps` so the scheduling can
 * be tested without a network.
 */
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Image, LaunchPermission } from '@aws-sdk/client-ec2';
import type { ImageView } from '../../../shared/model';
import type { InventoryRow, ScanStatus, ScanTarget, TargetProgress } from '../../../shared/inventory';
import { ec2RequestLimit } from '../aws/ec2-request-limits';
import type { KnownPermissions, PermissionsBatch, PermissionsUpdate } from './cache';
import { RequestPacer, type Priority } from './request-pacer';
import { Semaphore } from './semaphore';
import { listingFingerprint, toInventoryRow, toLaunchAccess } from './rows';

export interface AccountInfo {
  awsAccountId: string | null;
  /** Where a failure to list the account's regions is reported. */
  defaultRegion: string;
}

export interface ImagesPage {
  images: Image[];
  nextToken: string | undefined;
}

/**
 * The AWS calls a scan makes; each one is a single request and a single attempt. A throttled
 * call fails with the code THROTTLED: the scan retries it through its pacing.
 */
export interface ScanOps {
  accountInfo(account: string): AccountInfo;
  /** The account's enabled regions. */
  regions(account: string, signal: AbortSignal): Promise<string[]>;
  imagesPage(target: ScanTarget, nextToken: string | undefined, signal: AbortSignal): Promise<ImagesPage>;
  /** null when the image vanished between listing and asking (deregistered meanwhile). */
  launchPermissions(target: ScanTarget, imageId: string, signal: AbortSignal): Promise<LaunchPermission[] | null>;
}

export interface ScanSink {
  /** Throttled by the scan itself; always called once more at the end. */
  progress(status: ScanStatus): void;
  /**
   * Phase one: the target's rows replace what the inventory held. Owned rows whose permissions
   * were kept from an earlier read carry them (`permissionsReadAt` says when each was read);
   * the others are pending.
   */
  targetDone(target: ScanTarget, rows: InventoryRow[], scannedAt: string, permissionsReadAt: ReadonlyMap<string, string>): void;
  targetFailed(target: ScanTarget, failure: { message: string; code: string | null }, at: string): void;
  /** Phase two: permissions read for some images of one or more targets (each target's in batches). */
  permissionsRead(batches: readonly PermissionsBatch[], readAt: string): void;
  /** Phase two stopped for this target: its remaining rows stay pending. */
  permissionsFailed(target: ScanTarget, failure: { message: string; code: string | null }, at: string): void;
  /** The owned images of a target whose permissions an earlier scan read (for an incremental rescan). */
  knownPermissions?(target: ScanTarget): ReadonlyMap<string, KnownPermissions>;
}

export interface ScanPlan {
  accounts: string[];
  /** Default: each account's enabled regions. */
  regions?: string[];
  views: ImageView[];
  /**
   * Launch permissions read longer ago than this are read again, even for unchanged images;
   * 0 reads every image's. Default: DEFAULT_PERMISSIONS_MAX_AGE_MS.
   */
  permissionsMaxAgeMs?: number;
}

export interface ScanLimits {
  /** AWS calls in flight overall: for the client's sockets and CPU (AWS's own limits are the pacer's buckets). */
  maxInFlight: number;
  /** Targets being listed at once (each holds its images in memory until listed). */
  maxTargets: number;
  /** Least time between two progress events. */
  progressIntervalMs: number;
}

/**
 * 128 calls in flight: a call costs the client about a millisecond of CPU, so at AWS's 50–100 ms
 * round trips 64 left the process waiting a tenth of the time; 128 sockets are nothing to the OS.
 */
export const DEFAULT_SCAN_LIMITS: ScanLimits = { maxInFlight: 128, maxTargets: 64, progressIntervalMs: 100 };

/** A day: permissions change rarely, and the app records the changes made through it. */
export const DEFAULT_PERMISSIONS_MAX_AGE_MS = 24 * 3_600_000;

/** A call AWS throttles is tried again this many times (each waiting for its lane's bucket) before the scan gives up on it. */
export const THROTTLED_RETRIES = 10;
/** A call that failed on the way (network, AWS's own error) is tried again this many times, after a pause. */
const TRANSIENT_RETRIES = 2;
const TRANSIENT_PAUSE_MS = 250;

/** The pacer the app's scans share: AWS's buckets outlive a scan, so what one scan drained the next one knows. */
export function scanPacer(limits: Pick<ScanLimits, 'maxInFlight'> = DEFAULT_SCAN_LIMITS): RequestPacer {
  return new RequestPacer({ maxInFlight: limits.maxInFlight, limitFor: ec2RequestLimit });
}

/**
 * Phase two hands a target's reads over in batches of this many, and every target's so far this
 * often, all at once (hundreds of targets may each have read one or two).
 */
const PERMISSIONS_BATCH = 500;
const PERMISSIONS_FLUSH_MS = 1_000;
/**
 * Reads a target keeps waiting for its lane at once. The pacer needs only a few per lane to keep
 * every call slot busy; one waiting call per image would hold 155,000 of them in a large world.
 */
const PERMISSIONS_WAITING_PER_TARGET = 4;

/** One owned target's second phase: its reads not yet handed over, and what stopped it. */
interface PermissionsRead {
  t: TargetProgress;
  imageIds: readonly string[];
  batch: PermissionsUpdate[];
  failure: unknown;
  stop: AbortController;
}

const isRetryable = (error: unknown) => typeof error === 'object' && error !== null && (error as { retryable?: unknown }).retryable === true;

function failureOf(error: unknown): { message: string; code: string | null } {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { message: error.message, code: typeof code === 'string' ? code : error.name || null };
  }
  return { message: String(error), code: null };
}

export class InventoryScan {
  readonly status: ScanStatus;
  private readonly abort = new AbortController();
  private readonly pacer: RequestPacer;
  private readonly listing: Semaphore;
  /** Owned targets listed with images to read, waiting for the listing of every target to end. */
  private readonly toRead: PermissionsRead[] = [];
  private readonly counts = { calls: 0, throttled: 0 };
  private lastEmit = 0;
  private pendingEmit: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly plan: ScanPlan,
    private readonly ops: ScanOps,
    private readonly sink: ScanSink,
    private readonly limits: ScanLimits = DEFAULT_SCAN_LIMITS,
    pacer: RequestPacer = scanPacer(limits),
  ) {
    this.pacer = pacer;
    this.listing = new Semaphore(limits.maxTargets);
    // Every call waiting for its turn listens for a cancel: thousands at once are expected.
    setMaxListeners(0, this.abort.signal);
    this.status = { scanId: randomUUID(), state: 'running', startedAt: new Date().toISOString(), finishedAt: null, listedAt: null, targets: [] };
  }

  get signal(): AbortSignal {
    return this.abort.signal;
  }

  /** This scan's AWS calls so far, and how many of them AWS throttled (each retried). */
  get calls(): Readonly<{ calls: number; throttled: number }> {
    return this.counts;
  }

  /** Runs the whole scan; resolves (never rejects) with the final status. */
  async run(): Promise<ScanStatus> {
    // Targets known up front are listed at once, so the grid shows what is coming.
    const byAccount = new Map<string, Promise<TargetProgress[]>>();
    for (const account of this.plan.accounts) {
      byAccount.set(account, this.plan.regions ? Promise.resolve(this.addTargets(account, this.plan.regions)) : this.discover(account));
    }
    this.emitNow();
    const work: Promise<void>[] = [];
    for (const [, targets] of byAccount) {
      work.push(targets.then((list) => Promise.all(list.map((t) => this.runTarget(t))).then(() => undefined)));
    }
    await Promise.all(work);
    if (!this.abort.signal.aborted) {
      this.status.listedAt = new Date().toISOString();
      this.emitNow();
      // Phase two once the grid is complete: its calls would otherwise take the CPU the listing needs.
      const flushing = setInterval(() => this.flush(this.toRead), PERMISSIONS_FLUSH_MS);
      try {
        await Promise.all(this.toRead.map((read) => this.readPermissions(read)));
      } finally {
        clearInterval(flushing);
      }
    }
    this.status.state = this.abort.signal.aborted ? 'cancelled' : 'done';
    this.status.finishedAt = new Date().toISOString();
    this.emitNow();
    return this.status;
  }

  cancel(): void {
    if (this.status.state !== 'running') return;
    this.abort.abort(new DOMException('The scan was cancelled.', 'AbortError'));
  }

  private addTargets(account: string, regions: readonly string[]): TargetProgress[] {
    const added: TargetProgress[] = [];
    for (const region of regions) {
      for (const view of this.plan.views) {
        const t: TargetProgress = { account, region, view, state: 'queued', count: 0, error: null, errorCode: null, scannedAt: null };
        this.status.targets.push(t);
        added.push(t);
      }
    }
    return added;
  }

  private async discover(account: string): Promise<TargetProgress[]> {
    try {
      const home = this.homeRegionOf(account);
      const regions = await this.call(account, home, 'DescribeRegions', 'first', (signal) => this.ops.regions(account, signal), this.signal);
      const added = this.addTargets(account, regions);
      this.scheduleEmit();
      return added;
    } catch (error) {
      // Without its regions the account cannot be read at all: say so on its home region.
      const failed = this.addTargets(account, [this.homeRegionOf(account)]);
      for (const t of failed) this.settle(t, error);
      this.scheduleEmit();
      return [];
    }
  }

  private homeRegionOf(account: string): string {
    try {
      return this.ops.accountInfo(account).defaultRegion;
    } catch {
      return 'us-east-1'; // the entry itself is gone; any region names the failure
    }
  }

  /**
   * One paced call: its lane's token and a slot in flight. Throttled, it goes back to its lane
   * (now slower, its bucket empty) rather than retrying around the pacing; failed on the way, it
   * is tried again after a pause.
   */
  private async call<T>(account: string, region: string, action: string, priority: Priority, work: (signal: AbortSignal) => Promise<T>, signal: AbortSignal): Promise<T> {
    const lane = RequestPacer.lane(account, region, action);
    let throttled = 0;
    let transient = 0;
    for (;;) {
      try {
        this.counts.calls += 1;
        const value = await this.pacer.run(lane, priority, () => work(signal), signal);
        this.pacer.succeeded(lane);
        return value;
      } catch (error) {
        if (signal.aborted) throw error;
        const code = failureOf(error).code;
        if (code === 'THROTTLED') {
          this.counts.throttled += 1;
          this.pacer.throttled(lane);
          if (++throttled <= THROTTLED_RETRIES) continue;
        } else if ((code === 'NETWORK' || isRetryable(error)) && ++transient <= TRANSIENT_RETRIES) {
          await sleep(TRANSIENT_PAUSE_MS * transient, undefined, { signal });
          continue;
        }
        throw error;
      }
    }
  }

  private async runTarget(t: TargetProgress): Promise<void> {
    try {
      await this.listing.run(async () => {
        t.state = 'running';
        this.scheduleEmit();
        const listed = await this.listTarget(t);
        this.signal.throwIfAborted();
        t.state = 'done';
        t.count = listed.rows.length;
        t.scannedAt = listed.scannedAt;
        if (t.view === 'owned') t.permissions = { pending: listed.pending.length, error: null, errorCode: null };
        this.sink.targetDone(targetOf(t), listed.rows, listed.scannedAt, listed.permissionsReadAt);
        if (listed.pending.length > 0) this.toRead.push({ t, imageIds: listed.pending, batch: [], failure: null, stop: new AbortController() });
      }, this.signal);
    } catch (error) {
      this.settle(t, error);
    }
    this.scheduleEmit();
  }

  private settle(t: TargetProgress, error: unknown): void {
    if (this.signal.aborted) {
      t.state = 'cancelled';
      return;
    }
    const failure = failureOf(error);
    t.state = 'failed';
    t.error = failure.message;
    t.errorCode = failure.code;
    try {
      this.sink.targetFailed(targetOf(t), failure, new Date().toISOString());
    } catch (recording) {
      // The failure stays on the target (the user sees it); that it could not be kept is said too.
      t.error = `${failure.message} It could not be recorded either: ${failureOf(recording).message}`;
    }
  }

  /**
   * Phase one for a target: its rows and scan time (the time each row carries; the cache keeps it
   * once). Owned images keep the permissions an earlier scan read when their listing is unchanged
   * and the read is recent enough; the rest are pending, for phase two.
   */
  private async listTarget(t: TargetProgress): Promise<{ rows: InventoryRow[]; scannedAt: string; pending: string[]; permissionsReadAt: Map<string, string> }> {
    const target = targetOf(t);
    const { awsAccountId } = this.ops.accountInfo(t.account);
    const images: Image[] = [];
    let token: string | undefined;
    do {
      const page = await this.call(t.account, t.region, 'DescribeImages', 'first', (signal) => this.ops.imagesPage(target, token, signal), this.signal);
      for (const image of page.images) {
        // "Shared with me" is about other owners' images, even if one is shared back to us.
        if (t.view === 'shared' && awsAccountId && image.OwnerId === awsAccountId) continue;
        images.push(image);
      }
      token = page.nextToken;
      t.count = images.length;
      this.scheduleEmit();
    } while (token);

    const scannedAt = new Date().toISOString();
    const rows = images.map((image) => toInventoryRow(image, target, awsAccountId, null, scannedAt));
    const pending: string[] = [];
    const permissionsReadAt = new Map<string, string>();
    if (t.view !== 'owned') return { rows, scannedAt, pending, permissionsReadAt };

    const known = this.sink.knownPermissions?.(target) ?? new Map<string, KnownPermissions>();
    const maxAge = this.plan.permissionsMaxAgeMs ?? DEFAULT_PERMISSIONS_MAX_AGE_MS;
    const now = Date.now();
    for (const row of rows) {
      const before = known.get(row.imageId);
      if (before && now - Date.parse(before.readAt) < maxAge && before.fingerprint === listingFingerprint(row)) {
        row.launchPermission = before.access.launchPermission;
        row.sharedWith = before.access.sharedWith;
        permissionsReadAt.set(row.imageId, before.readAt);
      } else {
        pending.push(row.imageId);
      }
    }
    return { rows, scannedAt, pending, permissionsReadAt };
  }

  /**
   * Phase two for an owned target: each pending image's launch permissions (only the owner may
   * read them), handed to the sink in batches. The first failure other than a vanished image
   * stops the target's reads (a denied action would only be denied again); its rest stay pending.
   */
  private async readPermissions(read: PermissionsRead): Promise<void> {
    const { t } = read;
    const target = targetOf(t);
    const signal = AbortSignal.any([this.signal, read.stop.signal]);
    setMaxListeners(0, signal);
    let next = 0;
    const reader = async (): Promise<void> => {
      while (next < read.imageIds.length && !signal.aborted) {
        const imageId = read.imageIds[next++] as string;
        try {
          const perms = await this.call(t.account, t.region, 'DescribeImageAttribute', 'background', (s) => this.ops.launchPermissions(target, imageId, s), signal);
          read.batch.push({ imageId, access: perms === null ? null : toLaunchAccess(perms) });
          if (read.batch.length >= PERMISSIONS_BATCH) this.flush([read]);
        } catch (error) {
          this.stopReading(read, error);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PERMISSIONS_WAITING_PER_TARGET, read.imageIds.length) }, reader));
    this.flush([read]);
    if (read.failure === null || this.signal.aborted) return;
    const why = failureOf(read.failure);
    if (t.permissions) {
      t.permissions.error = why.message;
      t.permissions.errorCode = why.code;
    }
    try {
      this.sink.permissionsFailed(target, why, new Date().toISOString());
    } catch (recording) {
      if (t.permissions) t.permissions.error = `${why.message} It could not be recorded either: ${failureOf(recording).message}`;
    }
    this.scheduleEmit();
  }

  private stopReading(read: PermissionsRead, error: unknown): void {
    if (read.failure !== null || read.stop.signal.aborted) return;
    read.failure = error;
    read.stop.abort(error);
  }

  /**
   * Hands the targets' reads so far to the sink (saved, and sent to the page as only those rows).
   * They are saved together, so a failure to save stops the reading of each of them.
   */
  private flush(reads: readonly PermissionsRead[]): void {
    const handed = reads.filter((read) => read.batch.length > 0);
    if (handed.length === 0) return;
    const batches = handed.map((read) => ({ target: targetOf(read.t), updates: read.batch }));
    for (const read of handed) read.batch = [];
    try {
      this.sink.permissionsRead(batches, new Date().toISOString());
      handed.forEach((read, i) => {
        if (read.t.permissions) read.t.permissions.pending -= batches[i]!.updates.length;
      });
      this.scheduleEmit();
    } catch (error) {
      for (const read of handed) this.stopReading(read, error);
    }
  }

  private scheduleEmit(): void {
    if (this.pendingEmit) return;
    const wait = Math.max(0, this.lastEmit + this.limits.progressIntervalMs - Date.now());
    this.pendingEmit = setTimeout(() => {
      this.pendingEmit = null;
      this.emitNow();
    }, wait);
  }

  private emitNow(): void {
    if (this.pendingEmit) {
      clearTimeout(this.pendingEmit);
      this.pendingEmit = null;
    }
    this.lastEmit = Date.now();
    this.sink.progress(snapshot(this.status));
  }
}

function targetOf(t: ScanTarget): ScanTarget {
  return { account: t.account, region: t.region, view: t.view };
}

/** Events carry a copy: later progress must not change what a listener already received. */
export function snapshot(status: ScanStatus): ScanStatus {
  return { ...status, targets: status.targets.map((t) => (t.permissions ? { ...t, permissions: { ...t.permissions } } : { ...t })) };
}
