/**
 * Image work that takes time on the world clock: CopyImage tasks (pending until their copy
 * time has passed), the client tokens that make CopyImage idempotent, and the 24-hour
 * deregistration-protection cooldowns. Kept apart from the image records so that settling
 * them only walks what is in flight, never every image of the world.
 */

import { Rng } from './random';

/** How CopyImage behaves; changeable at runtime (setImageCopySettings). */
export interface ImageCopySettings {
  /** World-clock seconds a copy stays `pending` before it is `available`. */
  durationSeconds: number;
  /**
   * Copies in progress one account may have per destination region before CopyImage answers
   * ResourceLimitExceeded (the emulator's default follows AWS's documented quota of 100).
   */
  concurrentCopiesPerRegion: number;
}

export const DEFAULT_IMAGE_COPY_SETTINGS: Readonly<ImageCopySettings> = {
  durationSeconds: 8,
  concurrentCopiesPerRegion: 100,
};

export interface CopyTask {
  imageId: string;
  region: string;
  ownerId: string;
  snapshotIds: string[];
  /** World-clock milliseconds. */
  startedAtMs: number;
  /** Fixed when the copy starts, so changing the setting does not move copies in flight. */
  durationMs: number;
}

/**
 * How long CopyImage remembers a client token, in world-clock seconds from its first use. AWS
 * documents "at least 24 hours" only for RunInstances and no figure for CopyImage; the emulator
 * forgets after exactly 24 hours so that clients cannot count on more.
 */
export const COPY_TOKEN_LIFETIME_SECONDS = 24 * 3600;

interface TokenRecord {
  fingerprint: string;
  imageId: string;
  /** World-clock milliseconds of the request that first used the token. */
  atMs: number;
}

export class ImageActivity {
  /** Ids of images and snapshots made at runtime come from their own stream: same seed, same ids. */
  private readonly ids: Rng;
  readonly copySettings: ImageCopySettings = { ...DEFAULT_IMAGE_COPY_SETTINGS };
  private readonly copies = new Map<string, CopyTask>();
  private readonly tokens = new Map<string, TokenRecord>();
  /** imageId → its region and the world-clock ms when its protection cooldown ends. */
  private readonly cooldowns = new Map<string, { region: string; untilMs: number }>();

  constructor(seed: number) {
    this.ids = Rng.from(seed, 'image-activity');
  }

  /** A fresh id that `taken` does not know yet. */
  newId(prefix: 'ami' | 'snap', taken: (id: string) => boolean): string {
    for (;;) {
      const id = `${prefix}-${this.ids.hex(17)}`;
      if (!taken(id)) return id;
    }
  }

  startCopy(task: CopyTask): void {
    this.copies.set(task.imageId, task);
  }

  copy(imageId: string): CopyTask | undefined {
    return this.copies.get(imageId);
  }

  endCopy(imageId: string): void {
    this.copies.delete(imageId);
  }

  copiesInFlight(): CopyTask[] {
    return [...this.copies.values()];
  }

  copiesInProgress(ownerId: string, region: string): number {
    let n = 0;
    for (const task of this.copies.values()) if (task.ownerId === ownerId && task.region === region) n++;
    return n;
  }

  /** Client tokens are scoped to account and region, as EC2's are, and forgotten after COPY_TOKEN_LIFETIME_SECONDS. */
  tokenFor(accountId: string, region: string, token: string, nowMs: number): TokenRecord | undefined {
    const key = `${accountId}/${region}/${token}`;
    const record = this.tokens.get(key);
    if (record && nowMs - record.atMs >= COPY_TOKEN_LIFETIME_SECONDS * 1000) {
      this.tokens.delete(key);
      return undefined;
    }
    return record;
  }

  rememberToken(accountId: string, region: string, token: string, record: TokenRecord): void {
    this.tokens.set(`${accountId}/${region}/${token}`, record);
  }

  startCooldown(imageId: string, region: string, untilMs: number): void {
    this.cooldowns.set(imageId, { region, untilMs });
  }

  cancelCooldown(imageId: string): void {
    this.cooldowns.delete(imageId);
  }

  /** Cooldowns that have ended by `nowMs` (and are forgotten). */
  takeEndedCooldowns(nowMs: number): Array<{ imageId: string; region: string }> {
    const ended: Array<{ imageId: string; region: string }> = [];
    for (const [imageId, { region, untilMs }] of this.cooldowns) {
      if (untilMs <= nowMs) {
        ended.push({ imageId, region });
        this.cooldowns.delete(imageId);
      }
    }
    return ended;
  }
}
