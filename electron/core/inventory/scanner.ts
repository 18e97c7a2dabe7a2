/**
 * One inventory scan: chosen accounts × their regions × views (owned, shared with me). Every
 * AWS call takes a slot overall and a slot for its account, so a scan of many accounts stays
 * within what AWS tolerates and no single account starves the others. A failed or denied
 * target is reported and never stops the rest; cancel stops starting anything new and aborts
 * the calls in flight. AWS access comes in through `ScanOps` so the scheduling can be tested
 * without a network.
 */
import { randomUUID } from 'node:crypto';
import type { Image, LaunchPermission } from '@aws-sdk/client-ec2';
import type { ImageView } from '../../../shared/model';
import type { InventoryRow, ScanStatus, ScanTarget, TargetProgress } from '../../../shared/inventory';
import { KeyedLimiter } from './semaphore';
import { toInventoryRow, toLaunchAccess } from './rows';

export interface AccountInfo {
  awsAccountId: string | null;
  /** Where a failure to list the account's regions is reported. */
  defaultRegion: string;
}

export interface ImagesPage {
  images: Image[];
  nextToken: string | undefined;
}

/** The AWS calls a scan makes; each one is a single request. */
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
  targetDone(target: ScanTarget, rows: InventoryRow[], scannedAt: string): void;
  targetFailed(target: ScanTarget, failure: { message: string; code: string | null }, at: string): void;
}

export interface ScanPlan {
  accounts: string[];
  /** Default: each account's enabled regions. */
  regions?: string[];
  views: ImageView[];
}

export interface ScanLimits {
  /** AWS calls in flight overall. */
  maxCalls: number;
  /** AWS calls in flight per account. */
  maxCallsPerAccount: number;
  /** Targets being read at once. */
  maxTargets: number;
  /** Least time between two progress events. */
  progressIntervalMs: number;
}

export const DEFAULT_SCAN_LIMITS: ScanLimits = { maxCalls: 16, maxCallsPerAccount: 4, maxTargets: 16, progressIntervalMs: 100 };

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
  private readonly calls: KeyedLimiter;
  /** A target takes a slot of its account first, so the overall slots hold many accounts' targets. */
  private readonly targetSlots: KeyedLimiter;
  private lastEmit = 0;
  private pendingEmit: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly plan: ScanPlan,
    private readonly ops: ScanOps,
    private readonly sink: ScanSink,
    private readonly limits: ScanLimits = DEFAULT_SCAN_LIMITS,
  ) {
    this.calls = new KeyedLimiter(limits.maxCalls, limits.maxCallsPerAccount);
    this.targetSlots = new KeyedLimiter(limits.maxTargets, limits.maxCallsPerAccount);
    this.status = { scanId: randomUUID(), state: 'running', startedAt: new Date().toISOString(), finishedAt: null, listedAt: null, targets: [] };
  }

  get signal(): AbortSignal {
    return this.abort.signal;
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
      const regions = await this.calls.run(account, () => this.ops.regions(account, this.signal), this.signal);
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

  private async runTarget(t: TargetProgress): Promise<void> {
    try {
      await this.targetSlots.run(t.account, async () => {
        t.state = 'running';
        this.scheduleEmit();
        const { rows, scannedAt } = await this.readTarget(t);
        this.signal.throwIfAborted();
        t.state = 'done';
        t.count = rows.length;
        t.scannedAt = scannedAt;
        this.sink.targetDone(targetOf(t), rows, scannedAt);
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

  /** The target's rows, and its scan time: the time each row carries (the cache keeps it once). */
  private async readTarget(t: TargetProgress): Promise<{ rows: InventoryRow[]; scannedAt: string }> {
    const target = targetOf(t);
    const { awsAccountId } = this.ops.accountInfo(t.account);
    const images: Image[] = [];
    let token: string | undefined;
    do {
      const page = await this.calls.run(t.account, () => this.ops.imagesPage(target, token, this.signal), this.signal);
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
    if (t.view !== 'owned') return { rows: images.map((image) => toInventoryRow(image, target, awsAccountId, null, scannedAt)), scannedAt };

    // Only the owner may read launch permissions; one call per image, within the account's slots.
    const rows = await Promise.all(
      images.map(async (image) => {
        const perms = await this.calls.run(t.account, () => this.ops.launchPermissions(target, image.ImageId ?? '', this.signal), this.signal);
        return perms === null ? null : toInventoryRow(image, target, awsAccountId, toLaunchAccess(perms), scannedAt);
      }),
    );
    return { rows: rows.filter((r): r is InventoryRow => r !== null), scannedAt };
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
  return { ...status, targets: status.targets.map((t) => ({ ...t })) };
}
