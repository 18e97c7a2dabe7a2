/**
 * The Recycle Bin of every account-region: its retention rules (Amazon Recycle Bin, `rbin`) and
 * what they hold. A deregistered AMI stays in the world as `deregistered` with an entry here;
 * a deleted snapshot leaves the world's listings and waits here with its record, so restoring
 * it puts back the same snapshot. What a rule holds is gone once its retention has passed
 * (checked whenever the bin is read, against the world clock).
 */
import type { ImageRecord, SnapshotRecord, TagRecord } from './model';
import { Rng } from './random';

export type RecycleBinResourceType = 'EBS_SNAPSHOT' | 'EC2_IMAGE';

export interface RetentionRuleRecord {
  /** 11 letters and digits, as rbin names rules. */
  identifier: string;
  accountId: string;
  region: string;
  resourceType: RecycleBinResourceType;
  retentionDays: number;
  description: string | null;
  /** Empty: a Region-level rule (keeps every resource of its type). */
  resourceTags: Array<{ key: string; value: string | null }>;
  /** The rule's own tags. */
  tags: TagRecord[];
}

export interface BinnedImage {
  image: ImageRecord;
  enterTime: Date;
  exitTime: Date;
}

export interface BinnedSnapshot {
  snapshot: SnapshotRecord;
  enterTime: Date;
  exitTime: Date;
}

const RULE_ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export class RecycleBinState {
  private readonly rules: RetentionRuleRecord[] = [];
  private readonly images = new Map<string, BinnedImage>();
  private readonly snapshots = new Map<string, BinnedSnapshot>();
  private counter = 0;

  /** A new rule id: deterministic for a world seed, unique, 11 characters. */
  nextIdentifier(seed: number): string {
    for (;;) {
      this.counter++;
      const id = Rng.from(seed, `rbin-rule-${this.counter}`).chars(11, RULE_ID_ALPHABET);
      if (!this.rules.some((r) => r.identifier === id)) return id;
    }
  }

  rulesOf(accountId: string, region: string): RetentionRuleRecord[] {
    return this.rules.filter((r) => r.accountId === accountId && r.region === region);
  }

  rule(accountId: string, region: string, identifier: string): RetentionRuleRecord | undefined {
    return this.rules.find((r) => r.identifier === identifier && r.accountId === accountId && r.region === region);
  }

  addRule(rule: RetentionRuleRecord): void {
    this.rules.push(rule);
  }

  removeRule(rule: RetentionRuleRecord): void {
    const index = this.rules.indexOf(rule);
    if (index >= 0) this.rules.splice(index, 1);
  }

  /**
   * How many days a resource deleted now is kept: the longest retention among the rules of its
   * type in its account-region that keep it (Region-level ones, or tag-level ones with one of its
   * tags); null when none does and the resource is gone at once.
   */
  retentionFor(accountId: string, region: string, type: RecycleBinResourceType, tags: readonly TagRecord[]): number | null {
    let days: number | null = null;
    for (const rule of this.rules) {
      if (rule.accountId !== accountId || rule.region !== region || rule.resourceType !== type) continue;
      const keeps =
        rule.resourceTags.length === 0 ||
        rule.resourceTags.some((t) => tags.some((own) => own.key === t.key && (t.value === null || own.value === t.value)));
      if (keeps && (days === null || rule.retentionDays > days)) days = rule.retentionDays;
    }
    return days;
  }

  holdImage(image: ImageRecord, now: Date, days: number): void {
    this.images.set(image.imageId, { image, enterTime: now, exitTime: new Date(now.getTime() + days * 86_400_000) });
  }

  holdSnapshot(snapshot: SnapshotRecord, now: Date, days: number): void {
    this.snapshots.set(snapshot.snapshotId, { snapshot, enterTime: now, exitTime: new Date(now.getTime() + days * 86_400_000) });
  }

  /** The account-region's AMIs in the bin, retention not yet passed. */
  imagesIn(accountId: string, region: string, now: Date): BinnedImage[] {
    this.expire(now);
    return [...this.images.values()].filter((b) => b.image.ownerId === accountId && b.image.region === region);
  }

  snapshotsIn(accountId: string, region: string, now: Date): BinnedSnapshot[] {
    this.expire(now);
    return [...this.snapshots.values()].filter((b) => b.snapshot.ownerId === accountId && b.snapshot.region === region);
  }

  image(imageId: string, now: Date): BinnedImage | undefined {
    this.expire(now);
    return this.images.get(imageId);
  }

  snapshot(snapshotId: string, now: Date): BinnedSnapshot | undefined {
    this.expire(now);
    return this.snapshots.get(snapshotId);
  }

  releaseImage(imageId: string): void {
    this.images.delete(imageId);
  }

  releaseSnapshot(snapshotId: string): void {
    this.snapshots.delete(snapshotId);
  }

  /** Whether the state holds rules or resources at all (tells seeded worlds apart in tests). */
  get size(): number {
    return this.rules.length + this.images.size + this.snapshots.size;
  }

  private expire(now: Date): void {
    const t = now.getTime();
    for (const [id, b] of this.images) if (b.exitTime.getTime() <= t) this.images.delete(id);
    for (const [id, b] of this.snapshots) if (b.exitTime.getTime() <= t) this.snapshots.delete(id);
  }
}
