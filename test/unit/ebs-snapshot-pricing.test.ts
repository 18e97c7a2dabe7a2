import { describe, expect, it } from 'vitest';
import { KNOWN_REGIONS } from '../../renderer/lib/regions';
import { REGIONS } from '../../emulator/world/regions';
import {
  costCaveat,
  EBS_SNAPSHOT_PRICES,
  EBS_SNAPSHOT_PRICES_AS_OF,
  EBS_SNAPSHOT_PRICES_SOURCE,
  estimateMonthlyCost,
  snapshotPrice,
  unconfirmedRegions,
} from '../../shared/pricing/ebs-snapshots';

describe('EBS snapshot price table', () => {
  it('is dated and names its source', () => {
    expect(EBS_SNAPSHOT_PRICES_AS_OF).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(EBS_SNAPSHOT_PRICES_SOURCE).toBe('https://aws.amazon.com/ebs/pricing/');
  });

  it('prices every commercial region the app and the emulator know', () => {
    for (const region of [...KNOWN_REGIONS, ...REGIONS.map((r) => r.name)]) expect(EBS_SNAPSHOT_PRICES[region], region).toBeDefined();
  });

  it('holds AWS’s published us-east-1 prices, and archive below standard everywhere', () => {
    expect(EBS_SNAPSHOT_PRICES['us-east-1']).toEqual({ standard: 0.05, archive: 0.0125, confirmed: true });
    for (const [region, price] of Object.entries(EBS_SNAPSHOT_PRICES)) {
      expect(price.archive, region).toBeLessThan(price.standard);
      expect(price.standard, region).toBeGreaterThan(0.04);
      expect(price.standard, region).toBeLessThan(0.1);
      // A figure not checked says so, and what was not.
      if (price.confirmed !== true) expect(price.note, region).toBeTruthy();
    }
  });

  it('lists the regions whose prices are not confirmed, in a tier or in either', () => {
    const open = unconfirmedRegions();
    expect(open).not.toContain('us-east-1');
    expect(open).toContain('sa-east-1');
    expect(open).toEqual([...open].sort());
    // us-west-1: the standard price was checked, the archive one was not.
    expect(open).toContain('us-west-1');
    expect(unconfirmedRegions('archive')).toContain('us-west-1');
    expect(unconfirmedRegions('standard')).not.toContain('us-west-1');
    expect(unconfirmedRegions('standard')).toContain('sa-east-1');
  });
});

describe('estimateMonthlyCost', () => {
  it('multiplies the size by the region’s price in the tier', () => {
    expect(estimateMonthlyCost(100, 'us-east-1', 'standard')).toEqual({ usd: 5, perGiB: 0.05, asOf: EBS_SNAPSHOT_PRICES_AS_OF, confirmed: true });
    expect(estimateMonthlyCost(100, 'us-east-1', 'archive')?.usd).toBeCloseTo(1.25, 10);
    expect(estimateMonthlyCost(8, 'eu-central-1')?.usd).toBeCloseTo(0.432, 10);
    expect(estimateMonthlyCost(30, 'eu-west-2', 'archive')?.usd).toBeCloseTo(0.3975, 10);
    expect(estimateMonthlyCost(0, 'eu-west-1')?.usd).toBe(0);
  });

  it('is null for a region it has no price for and for sizes that are not sizes', () => {
    expect(estimateMonthlyCost(8, 'us-gov-west-1')).toBeNull();
    expect(estimateMonthlyCost(8, 'mars-north-1')).toBeNull();
    expect(estimateMonthlyCost(8, 'constructor')).toBeNull();
    expect(estimateMonthlyCost(8, '__proto__')).toBeNull();
    expect(estimateMonthlyCost(-1, 'us-east-1')).toBeNull();
    expect(estimateMonthlyCost(Number.NaN, 'us-east-1')).toBeNull();
  });

  it('says whether the price in the tier was confirmed', () => {
    expect(estimateMonthlyCost(8, 'sa-east-1')?.confirmed).toBe(false);
    expect(estimateMonthlyCost(8, 'us-west-1', 'standard')?.confirmed).toBe(true);
    expect(estimateMonthlyCost(8, 'us-west-1', 'archive')?.confirmed).toBe(false);
    expect(snapshotPrice('eu-west-1', 'archive')).toEqual({ perGiB: 0.0125, confirmed: true });
  });
});

describe('costCaveat', () => {
  it('names both tiers when both are shown', () => {
    expect(costCaveat(['standard', 'archive'])).toContain('for the standard and archive tiers, before taxes');
  });

  it('says snapshots are incremental, the date and the tier', () => {
    expect(costCaveat('archive')).toBe(
      `Snapshots are incremental: an AMI's snapshot may share blocks with others, so the bill can be lower; figures are list prices as of ${EBS_SNAPSHOT_PRICES_AS_OF} for the archive tier, before taxes and discounts.`,
    );
  });
});
