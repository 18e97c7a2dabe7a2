/**
 * How fast any scan of a world could be, by two limits that have nothing to do with how the
 * scanner schedules its calls:
 *
 * - EC2's token buckets: per account, region and action, a bucket holds `capacity` calls and
 *   refills `refill` a second, so n calls of an action in one account-region need at least
 *   max(0, (n − capacity) ÷ refill) seconds, plus one latency for the last answer. A scan lists
 *   the account's regions first (one DescribeRegions), then each region's images (DescribeImages,
 *   both views from one bucket), then reads each owned image's launch permissions
 *   (DescribeImageAttribute), so per account-region these add up; the scan's bound is the
 *   slowest account-region.
 * - The client's CPU: every call costs the SDK (signing, the HTTP request, parsing the XML
 *   answer) about the same on this machine whatever the scanner does, and the scan's process
 *   cannot spend more than one core's time on it. Measured in the same run (call-cost.ts).
 */
import type { WorldTruth } from './scan-truth';

/** A bucket of EC2's "non-mutating" category (Describe*): 100 tokens, 20 a second (emulator/ec2/throttling.ts). */
export const NON_MUTATING_BUCKET = { capacity: 100, refillPerSecond: 20 } as const;

/** DescribeImages pages as the scanner asks for them (electron/core/inventory/aws-ops.ts). */
export const DESCRIBE_IMAGES_PAGE = 1000;

/** What one call costs the benchmark's process in CPU, measured against a 0 ms emulator. */
export interface CallCost {
  /** CPU per call that answers one small thing (DescribeImageAttribute), ms. */
  perCallMs: number;
  /** CPU per image in a DescribeImages answer, above a call's own cost, ms. */
  perListedImageMs: number;
  /**
   * The same for the emulator's process: AWS's servers cost the client nothing, but on a small
   * machine the emulator's CPU competes with the client's, so the figures say how much it took.
   */
  server: { perCallMs: number; perListedImageMs: number };
  /** What the calibration made: calls of each kind, their CPU and wall time. */
  detail: string;
}

export interface ScanCalls {
  regions: number;
  describeImages: number;
  describeImageAttribute: number;
  imagesListed: number;
}

export interface ScanBounds {
  calls: ScanCalls;
  /** Token buckets: every target listed (the grid complete), and every permission read. */
  bucketGridMs: number;
  bucketAllMs: number;
  /** Client CPU: the listing's calls, and all calls. Null without a calibration. */
  cpuGridMs: number | null;
  cpuAllMs: number | null;
  /** The emulator's CPU for all calls (a property of the test rig, not of AWS). Null without a calibration. */
  serverCpuAllMs: number | null;
}

const pages = (images: number): number => Math.max(1, Math.ceil(images / DESCRIBE_IMAGES_PAGE));

/** How long the bucket makes n calls wait, in ms (0 while its first tokens last). */
export function bucketWaitMs(calls: number, bucket: { capacity: number; refillPerSecond: number } = NON_MUTATING_BUCKET): number {
  return Math.max(0, (calls - bucket.capacity) / bucket.refillPerSecond) * 1000;
}

export function scanBounds(truth: WorldTruth, latencyMs: number, cost: CallCost | null): ScanBounds {
  const calls: ScanCalls = { regions: truth.accounts, describeImages: 0, describeImageAttribute: 0, imagesListed: 0 };
  let grid = 0;
  let slowest = 0;
  for (const place of truth.places) {
    const ownedPages = pages(place.owned.length);
    const sharedPages = pages(place.shared.length);
    calls.describeImages += ownedPages + sharedPages;
    calls.describeImageAttribute += place.owned.length;
    calls.imagesListed += place.owned.length + place.shared.length;
    // The regions' answer first; then the pages, which follow each other within a view.
    const listing = latencyMs + Math.max(bucketWaitMs(ownedPages + sharedPages) + latencyMs, Math.max(ownedPages, sharedPages) * latencyMs);
    const permissions = place.owned.length > 0 ? bucketWaitMs(place.owned.length) + latencyMs : 0;
    grid = Math.max(grid, listing);
    slowest = Math.max(slowest, listing + permissions);
  }
  const cpu = (n: number, images: number) => (cost ? n * cost.perCallMs + images * cost.perListedImageMs : null);
  const all = calls.regions + calls.describeImages + calls.describeImageAttribute;
  return {
    calls,
    bucketGridMs: grid,
    bucketAllMs: slowest,
    cpuGridMs: cpu(calls.regions + calls.describeImages, calls.imagesListed),
    cpuAllMs: cpu(all, calls.imagesListed),
    serverCpuAllMs: cost ? all * cost.server.perCallMs + calls.imagesListed * cost.server.perListedImageMs : null,
  };
}

export const totalCalls = (c: ScanCalls): number => c.regions + c.describeImages + c.describeImageAttribute;
