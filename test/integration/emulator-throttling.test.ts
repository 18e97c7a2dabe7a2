/**
 * EC2's request rate limits in the emulator, through the real EC2 client with retries off: one
 * token bucket per account, region and action, sized by the action's category as AWS documents
 * ("Request throttling for the Amazon EC2 API"), refilled by real time, and answered
 * RequestLimitExceeded (503) when empty.
 */
import {
  CreateTagsCommand,
  DescribeImagesCommand,
  DescribeSnapshotsCommand,
  DisableImageDeprecationCommand,
  EnableImageDeprecationCommand,
} from '@aws-sdk/client-ec2';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { useEmulator } from './emulator-fixture';

const fx = useEmulator({ seed: 1, ec2Throttling: { enabled: true } });
const { ec2, takeImage } = fx;

const STAGING = 'acme-staging';
const PRODUCTION = 'acme-production';
const EAST = 'us-east-1';
const WEST = 'eu-west-1';

interface Burst {
  ok: number;
  throttled: number;
}

/** Sends `count` calls at once; every failure must be EC2's throttling answer. */
async function burst(count: number, call: () => Promise<unknown>): Promise<Burst> {
  const results = await Promise.allSettled(Array.from({ length: count }, call));
  let ok = 0;
  let throttled = 0;
  for (const result of results) {
    if (result.status === 'fulfilled') {
      ok++;
      continue;
    }
    const error = result.reason as Error & { $metadata?: { httpStatusCode?: number } };
    expect({ name: error.name, message: error.message, status: error.$metadata?.httpStatusCode }).toEqual({
      name: 'RequestLimitExceeded',
      message: 'Request limit exceeded.',
      status: 503,
    });
    throttled++;
  }
  return { ok, throttled };
}

/** One client per burst, as an app scanning one account-region would use; a first page of 5 keeps each answer small. */
const describeOwnImages = (account: string, region: string): (() => Promise<unknown>) => {
  const client = ec2(account, region);
  return () => client.send(new DescribeImagesCommand({ Owners: ['self'], MaxResults: 5 }));
};

describe('EC2 token buckets at the documented sizes', () => {
  it('a burst of DescribeImages empties the account-region bucket of 100; other regions, accounts and actions go on; 20 tokens come back a second', async () => {
    const throttledBefore = fx.emulator.stats().throttled;
    const startedAt = performance.now();
    const first = await burst(200, describeOwnImages(STAGING, EAST));
    const emptiedAt = performance.now();
    // 100 at once, plus what 20 a second refilled while the burst was being answered.
    expect(first.ok).toBeGreaterThanOrEqual(100);
    expect(first.ok).toBeLessThanOrEqual(101 + Math.ceil(((emptiedAt - startedAt) / 1000) * 20));
    expect(first.throttled).toBe(200 - first.ok);
    expect(fx.emulator.stats().throttled - throttledBefore).toBe(first.throttled);

    expect(await burst(20, describeOwnImages(STAGING, WEST))).toEqual({ ok: 20, throttled: 0 });
    expect(await burst(20, describeOwnImages(PRODUCTION, EAST))).toEqual({ ok: 20, throttled: 0 });
    // CreateTags has its own bucket: the empty DescribeImages bucket does not hold it up.
    const image = takeImage(STAGING, EAST);
    await ec2(STAGING, EAST).send(new CreateTagsCommand({ Resources: [image.imageId], Tags: [{ Key: 'Scanned', Value: 'yes' }] }));

    await sleep(Math.max(0, 1000 - (performance.now() - emptiedAt)));
    const again = await burst(60, describeOwnImages(STAGING, EAST));
    // About a second of refill: at least 20 calls pass, far from the full 100.
    expect(again.ok).toBeGreaterThanOrEqual(20);
    expect(again.throttled).toBeGreaterThan(0);
  });
});

describe('EC2 token buckets scaled to a tenth', () => {
  it('a mutating action empties its own bucket of 5 while DescribeImages and another mutating action still pass', async () => {
    fx.emulator.setKnobs({ ec2Throttling: { enabled: true, scale: 0.1 } });
    const image = takeImage(STAGING, EAST);
    const client = ec2(STAGING, EAST);
    const deprecate = () => client.send(new EnableImageDeprecationCommand({ ImageId: image.imageId, DeprecateAt: new Date('2031-01-01T00:00:00Z') }));
    const mutating = await burst(9, deprecate);
    // 5 at once, refilled at half a token a second.
    expect(mutating.ok).toBeGreaterThanOrEqual(5);
    expect(mutating.ok).toBeLessThanOrEqual(6);
    expect(mutating.throttled).toBe(9 - mutating.ok);
    expect(await burst(10, describeOwnImages(STAGING, EAST))).toEqual({ ok: 10, throttled: 0 });
    await ec2(STAGING, EAST).send(new DisableImageDeprecationCommand({ ImageId: image.imageId }));
  });

  it('an unfiltered, unpaginated DescribeSnapshots has the smaller bucket (5 here); filtered or paginated calls draw on the standard one', async () => {
    fx.emulator.setKnobs({ ec2Throttling: { enabled: true, scale: 0.1 } });
    const client = ec2(PRODUCTION, EAST);
    const unfiltered = await burst(9, () => client.send(new DescribeSnapshotsCommand({})));
    expect(unfiltered.ok).toBeGreaterThanOrEqual(5);
    expect(unfiltered.ok).toBeLessThanOrEqual(6);
    const filtered = await burst(9, () =>
      client.send(new DescribeSnapshotsCommand({ Filters: [{ Name: 'owner-id', Values: [fx.account(PRODUCTION).accountId] }] })),
    );
    expect(filtered).toEqual({ ok: 9, throttled: 0 });
    await client.send(new DescribeSnapshotsCommand({ MaxResults: 5 }));
  });

  it('turned off, nothing is throttled', async () => {
    fx.emulator.setKnobs({ ec2Throttling: { enabled: false } });
    expect(await burst(150, describeOwnImages(STAGING, WEST))).toEqual({ ok: 150, throttled: 0 });
  });
});
