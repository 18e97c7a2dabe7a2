/**
 * EBS snapshot storage list prices, USD per GB-month, per commercial region the app knows
 * (renderer/lib/regions.ts and the emulator's regions), for the standard and the archive tier.
 *
 * Source: AWS's Amazon EBS pricing page, https://aws.amazon.com/ebs/pricing/ (Snapshots), whose
 * figures are the AWS Price List's `<prefix>-EBS:SnapshotUsage` and
 * `<prefix>-EBS:SnapshotArchiveStorage` usage types. Taken on EBS_SNAPSHOT_PRICES_AS_OF.
 *
 * `confirmed` says which figures were checked against AWS's own price data (the pricing page,
 * the Price List or an AWS bill line): `true` both, `'standard'` the standard one only, `false`
 * neither — our best reading, not checked, and the page says so wherever it shows a figure
 * priced with it. An archive price not checked is a quarter of the standard one, as in every
 * region where both were checked.
 *
 * AWS bills a "GB-month" of snapshot storage on GiB (its own example: a 100 GiB snapshot at
 * $0.0125 is $1.25 a month), so a GiB is priced at the GB figure.
 */

export type SnapshotTier = 'standard' | 'archive';

export const SNAPSHOT_TIERS: readonly SnapshotTier[] = ['standard', 'archive'];

/** The day these prices were taken (ISO date). */
export const EBS_SNAPSHOT_PRICES_AS_OF = '2026-12-03';

export const EBS_SNAPSHOT_PRICES_SOURCE = 'https://aws.amazon.com/ebs/pricing/';

export interface SnapshotPrice {
  /** USD per GB-month, standard tier. */
  standard: number;
  /** USD per GB-month, archive tier. */
  archive: number;
  /** Which figures were checked against AWS's price data (see the file's comment). */
  confirmed: boolean | 'standard';
  /** What was and was not checked, when not both. */
  note?: string;
}

const checked = (standard: number, archive: number): SnapshotPrice => ({ standard, archive, confirmed: true });
const standardChecked = (standard: number): SnapshotPrice => ({
  standard,
  archive: standard / 4,
  confirmed: 'standard',
  note: 'standard price checked; archive price not checked (a quarter of standard, as where both were checked)',
});
const unchecked = (standard: number): SnapshotPrice => ({ standard, archive: standard / 4, confirmed: false, note: 'not checked against AWS price data' });

export const EBS_SNAPSHOT_PRICES: Readonly<Record<string, SnapshotPrice>> = {
  'us-east-1': checked(0.05, 0.0125),
  'us-east-2': unchecked(0.05),
  'us-west-1': standardChecked(0.055),
  'us-west-2': standardChecked(0.05),
  'ca-central-1': unchecked(0.055),
  'sa-east-1': unchecked(0.068),
  'eu-west-1': checked(0.05, 0.0125),
  'eu-west-2': checked(0.053, 0.01325),
  'eu-west-3': unchecked(0.053),
  'eu-central-1': checked(0.054, 0.0135),
  'eu-central-2': unchecked(0.0594),
  'eu-north-1': unchecked(0.0475),
  'eu-south-1': unchecked(0.0525),
  'eu-south-2': unchecked(0.05),
  'ap-south-1': unchecked(0.05),
  'ap-southeast-1': unchecked(0.05),
  'ap-southeast-2': checked(0.055, 0.01375),
  'ap-northeast-1': standardChecked(0.05),
  'ap-northeast-2': checked(0.05, 0.0125),
  'ap-northeast-3': unchecked(0.05),
  'ap-east-1': unchecked(0.055),
  'me-south-1': unchecked(0.055),
  'me-central-1': unchecked(0.055),
  'af-south-1': unchecked(0.0595),
  'il-central-1': unchecked(0.0525),
};

export interface MonthlyCost {
  /** Estimated USD a month for this size at the list price. */
  usd: number;
  /** USD per GiB-month used. */
  perGiB: number;
  /** The day the price was taken. */
  asOf: string;
  /** Whether the region's price in this tier was checked (see EBS_SNAPSHOT_PRICES). */
  confirmed: boolean;
}

/** The region's price per GB-month in a tier, or null when the table has no price for the region. */
export function snapshotPrice(region: string, tier: SnapshotTier): { perGiB: number; confirmed: boolean } | null {
  const price = Object.hasOwn(EBS_SNAPSHOT_PRICES, region) ? EBS_SNAPSHOT_PRICES[region] : undefined;
  if (!price) return null;
  return { perGiB: price[tier], confirmed: price.confirmed === true || (tier === 'standard' && price.confirmed === 'standard') };
}

/**
 * What `sizeGiB` of snapshot storage costs a month in `region` and `tier` at list price (no
 * rounding: round where it is shown). Null for a region without a price or a size that is not a
 * finite, non-negative number.
 */
export function estimateMonthlyCost(sizeGiB: number, region: string, tier: SnapshotTier = 'standard'): MonthlyCost | null {
  if (!Number.isFinite(sizeGiB) || sizeGiB < 0) return null;
  const price = snapshotPrice(region, tier);
  if (!price) return null;
  return { usd: sizeGiB * price.perGiB, perGiB: price.perGiB, asOf: EBS_SNAPSHOT_PRICES_AS_OF, confirmed: price.confirmed };
}

/** The regions of the table whose price in the tier (in either tier, without one) was not checked, A→Z. */
export function unconfirmedRegions(tier?: SnapshotTier): string[] {
  return Object.keys(EBS_SNAPSHOT_PRICES)
    .filter((r) => (tier ? !snapshotPrice(r, tier)!.confirmed : EBS_SNAPSHOT_PRICES[r]!.confirmed !== true))
    .sort();
}

/** "Snapshots are incremental: …": what every figure needs said beside it, for the tier(s) shown. */
export function costCaveat(tier: SnapshotTier | readonly SnapshotTier[]): string {
  const tiers = typeof tier === 'string' ? [tier] : tier;
  const which = tiers.length === 1 ? `the ${tiers[0]} tier` : `the ${tiers.slice(0, -1).join(', ')} and ${tiers[tiers.length - 1]} tiers`;
  return `Snapshots are incremental: an AMI's snapshot may share blocks with others, so the bill can be lower; figures are list prices as of ${EBS_SNAPSHOT_PRICES_AS_OF} for ${which}, before taxes and discounts.`;
}
