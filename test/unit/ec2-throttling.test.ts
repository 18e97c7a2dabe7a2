/**
 * EC2's request rate limit categories as the emulator applies them, and the token bucket
 * arithmetic (refill by elapsed time, capped at the bucket's size).
 */
import { describe, expect, it } from 'vitest';
import { ec2RequestBucket } from '../../emulator/ec2/throttling';
import { QueryParams } from '../../emulator/protocol/query';
import { TokenBuckets } from '../../emulator/token-buckets';

const params = (fields: Record<string, string> = {}): QueryParams => QueryParams.parse(new URLSearchParams(fields), null);

describe('EC2 request bucket of a call', () => {
  it.each([
    ['DescribeImages', 'non-mutating', 100, 20],
    ['DescribeImageAttribute', 'non-mutating', 100, 20],
    ['DescribeRegions', 'non-mutating', 100, 20],
    ['DescribeLaunchTemplates', 'non-mutating', 100, 20],
    ['DescribeImageReferences', 'non-mutating', 100, 20],
    ['GetImageBlockPublicAccessState', 'non-mutating', 100, 20],
    ['ListImagesInRecycleBin', 'non-mutating', 100, 20],
    ['DescribeSnapshots', 'unfiltered-unpaginated', 50, 10],
    ['DescribeInstances', 'unfiltered-unpaginated', 50, 10],
    ['EnableImageDeprecation', 'mutating', 50, 5],
    ['DisableImage', 'mutating', 50, 5],
    ['ResetImageAttribute', 'mutating', 50, 5],
    ['CancelImageLaunchPermission', 'mutating', 50, 5],
    ['RestoreImageFromRecycleBin', 'mutating', 50, 5],
    ['CopyImage', 'uncategorized', 100, 1],
    ['CreateTags', 'uncategorized', 100, 10],
    ['DeleteTags', 'uncategorized', 100, 10],
    ['DeregisterImage', 'uncategorized', 100, 5],
    ['DeleteSnapshot', 'uncategorized', 100, 5],
    ['ModifyImageAttribute', 'uncategorized', 100, 5],
    ['ModifySnapshotAttribute', 'uncategorized', 100, 5],
    ['EnableImageBlockPublicAccess', 'uncategorized', 1, 0.1],
    ['AuthorizeSecurityGroupIngress', 'resource-intensive', 50, 5],
  ])('%s without filters: %s, %i tokens, %f a second', (action, category, capacity, refillPerSecond) => {
    expect(ec2RequestBucket(action, params())).toMatchObject({ category, capacity, refillPerSecond });
  });

  it('a filtered or paginated DescribeSnapshots draws on the standard non-mutating bucket, an unfiltered one on its own', () => {
    const unfiltered = ec2RequestBucket('DescribeSnapshots', params({ 'SnapshotId.1': 'snap-0123456789abcdef0' }));
    const filtered = ec2RequestBucket('DescribeSnapshots', params({ 'Filter.1.Name': 'owner-id', 'Filter.1.Value.1': '123456789012' }));
    const paged = ec2RequestBucket('DescribeSnapshots', params({ MaxResults: '100' }));
    const nextPage = ec2RequestBucket('DescribeSnapshots', params({ NextToken: 'abc' }));
    expect(unfiltered).toMatchObject({ category: 'unfiltered-unpaginated', capacity: 50 });
    for (const bucket of [filtered, paged, nextPage]) expect(bucket).toMatchObject({ category: 'non-mutating', capacity: 100, name: 'DescribeSnapshots' });
    expect(unfiltered.name).not.toBe(filtered.name);
  });

  it('DescribeImages without filters is not in the unfiltered subset', () => {
    expect(ec2RequestBucket('DescribeImages', params()).name).toBe('DescribeImages');
  });

  it('every action has its own bucket name', () => {
    expect(ec2RequestBucket('EnableImage', params()).name).not.toBe(ec2RequestBucket('DisableImage', params()).name);
  });
});

describe('token buckets', () => {
  it('start full, empty after capacity calls, and refill by elapsed time up to the capacity', () => {
    let now = 0;
    const buckets = new TokenBuckets(() => now);
    const limit = { capacity: 3, refillPerSecond: 2 };
    expect([1, 2, 3, 4].map(() => buckets.take('a', limit))).toEqual([true, true, true, false]);
    expect(buckets.take('b', limit)).toBe(true);
    now = 400; // 0.8 token
    expect(buckets.take('a', limit)).toBe(false);
    now = 500; // 1 token
    expect(buckets.take('a', limit)).toBe(true);
    expect(buckets.take('a', limit)).toBe(false);
    now = 60_000; // refilled long ago: capped at 3
    expect([1, 2, 3, 4].map(() => buckets.take('a', limit))).toEqual([true, true, true, false]);
  });
});
