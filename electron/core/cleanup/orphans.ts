/**
 * Snapshots left behind by AMIs that no longer exist: in one account-region, the account's own
 * snapshots whose description says which AMI they were made for (CreateImage, CopyImage), with
 * that AMI neither registered nor in the Recycle Bin (where it still needs them to come back),
 * and no other AMI of the account registered from the snapshot.
 * The named AMIs are looked up by an `image-id` filter, which answers the ones that exist and
 * never fails for the ones that do not.
 */
import { DescribeImagesCommand, DescribeSnapshotsCommand, type EC2Client, type Image, type Snapshot } from '@aws-sdk/client-ec2';
import type { OrphanSnapshot } from '../../../shared/cleanup';
import { estimateMonthlyCost } from '../../../shared/pricing/ebs-snapshots';
import type { Wrap } from '../sharing/image-facts';
import { readBinImages } from './recycle-bin';
import { imageNamedBy } from './snapshot-origin';

const FILTER_CHUNK = 200;

export interface Place {
  account: string;
  accountName: string;
  region: string;
}

export async function ownSnapshots(ec2: EC2Client, wrap: Wrap, snapshotIds?: readonly string[]): Promise<Snapshot[]> {
  const out: Snapshot[] = [];
  const chunks: Array<readonly string[] | null> = [];
  if (snapshotIds) for (let i = 0; i < snapshotIds.length; i += FILTER_CHUNK) chunks.push(snapshotIds.slice(i, i + FILTER_CHUNK));
  else chunks.push(null);
  for (const ids of chunks) {
    let nextToken: string | undefined;
    do {
      const page = await ec2
        .send(new DescribeSnapshotsCommand({ OwnerIds: ['self'], ...(ids ? { Filters: [{ Name: 'snapshot-id', Values: [...ids] }] } : {}), MaxResults: 1000, ...(nextToken ? { NextToken: nextToken } : {}) }))
        .catch((error: unknown) => {
          throw wrap(error, 'ec2:DescribeSnapshots');
        });
      out.push(...(page.Snapshots ?? []));
      nextToken = page.NextToken;
    } while (nextToken);
  }
  return out;
}

/** The account's registered AMIs matching a filter whose values are `values` (asked 200 at a time). */
async function ownImages(ec2: EC2Client, filter: 'image-id' | 'block-device-mapping.snapshot-id', values: readonly string[], wrap: Wrap): Promise<Image[]> {
  const found: Image[] = [];
  for (let i = 0; i < values.length; i += FILTER_CHUNK) {
    const ids = values.slice(i, i + FILTER_CHUNK);
    let nextToken: string | undefined;
    do {
      const page = await ec2
        .send(new DescribeImagesCommand({ Owners: ['self'], Filters: [{ Name: filter, Values: ids }], IncludeDeprecated: true, IncludeDisabled: true, ...(nextToken ? { NextToken: nextToken } : {}) }))
        .catch((error: unknown) => {
          throw wrap(error, 'ec2:DescribeImages');
        });
      found.push(...(page.Images ?? []));
      nextToken = page.NextToken;
    } while (nextToken);
  }
  return found;
}

export async function findOrphans(ec2: EC2Client, place: Place, wrap: Wrap): Promise<OrphanSnapshot[]> {
  const named = (await ownSnapshots(ec2, wrap)).flatMap((s) => {
    const imageId = imageNamedBy(s.Description);
    return imageId && s.SnapshotId ? [{ snapshot: s, imageId }] : [];
  });
  if (named.length === 0) return [];
  const existing = new Set((await ownImages(ec2, 'image-id', [...new Set(named.map((n) => n.imageId))], wrap)).map((i) => i.ImageId));
  let candidates = named.filter((n) => !existing.has(n.imageId));
  if (candidates.length === 0) return [];
  // Made for an AMI that is gone, but another AMI registered from it still needs it.
  const users = await ownImages(ec2, 'block-device-mapping.snapshot-id', candidates.map((c) => c.snapshot.SnapshotId ?? ''), wrap);
  const used = new Set(users.flatMap((i) => (i.BlockDeviceMappings ?? []).flatMap((b) => (b.Ebs?.SnapshotId ? [b.Ebs.SnapshotId] : []))));
  candidates = candidates.filter((c) => !used.has(c.snapshot.SnapshotId ?? ''));
  if (candidates.length === 0) return [];
  // An AMI in the Recycle Bin still needs its snapshots to be restored: they are not left behind.
  // A bin the account may not read hides nothing (the snapshots are listed, as without a bin).
  const binned = new Set((await readBinImages(ec2, place).catch(() => [])).map((i) => i.imageId));
  return candidates
    .filter((n) => !binned.has(n.imageId))
    .map(({ snapshot, imageId }) => {
      const sizeGiB = snapshot.VolumeSize ?? 0;
      const tier = snapshot.StorageTier === 'archive' ? 'archive' : 'standard';
      return {
        ...place,
        snapshotId: snapshot.SnapshotId ?? '',
        imageId,
        description: snapshot.Description ?? '',
        sizeGiB,
        startTime: snapshot.StartTime ? snapshot.StartTime.toISOString() : null,
        monthlyCost: estimateMonthlyCost(sizeGiB, place.region, tier)?.usd ?? null,
      };
    })
    .sort((a, b) => a.snapshotId.localeCompare(b.snapshotId));
}
