/** Turns what EC2 answered for one target into inventory rows. */
import type { Image, LaunchPermission } from '@aws-sdk/client-ec2';
import { launchPermissionOf } from '../../../shared/ami-rows';
import type { InventoryRow, LaunchPermissionKind, ScanTarget } from '../../../shared/inventory';
import { toAmiSummary } from '../images/map-image';

export interface LaunchAccess {
  launchPermission: LaunchPermissionKind;
  sharedWith: string[];
}

/** Public when the group "all" may launch it, organization when an organization or OU may, shared with accounts, private otherwise. */
export function toLaunchAccess(perms: readonly LaunchPermission[]): LaunchAccess {
  const sharedWith: string[] = [];
  let isPublic = false;
  for (const p of perms) {
    if (p.Group === 'all') isPublic = true;
    else if (p.UserId) sharedWith.push(p.UserId);
    else if (p.OrganizationArn) sharedWith.push(p.OrganizationArn);
    else if (p.OrganizationalUnitArn) sharedWith.push(p.OrganizationalUnitArn);
  }
  sharedWith.sort();
  return { launchPermission: launchPermissionOf(isPublic, sharedWith), sharedWith };
}

export function snapshotIdsOf(image: Image): string[] {
  return (image.BlockDeviceMappings ?? []).flatMap((b) => (b.Ebs?.SnapshotId ? [b.Ebs.SnapshotId] : []));
}

/** The EBS volumes' sizes added up (what the snapshots hold at most); null without EBS. */
export function snapshotSizeOf(image: Image): number | null {
  let total: number | null = null;
  for (const b of image.BlockDeviceMappings ?? []) if (b.Ebs?.VolumeSize !== undefined) total = (total ?? 0) + b.Ebs.VolumeSize;
  return total;
}

export function toInventoryRow(image: Image, target: ScanTarget, awsAccountId: string | null, access: LaunchAccess | null, scannedAt: string): InventoryRow {
  return {
    ...toAmiSummary(image, { account: target.account, region: target.region }),
    awsAccountId,
    view: target.view,
    launchPermission: access?.launchPermission ?? null,
    sharedWith: access?.sharedWith ?? [],
    snapshotIds: snapshotIdsOf(image),
    snapshotSizeGiB: snapshotSizeOf(image),
    lastLaunchedTime: image.LastLaunchedTime ?? null,
    scannedAt,
  };
}

/**
 * What an image's listing says, without who may launch it, when it was read or last launched:
 * an owned image whose fingerprint is unchanged since its permissions were read need not be read
 * again by an incremental rescan (until they are older than the rescan allows).
 */
export function listingFingerprint(row: InventoryRow): string {
  return JSON.stringify([
    row.name,
    row.description,
    row.state,
    row.public,
    row.deprecationTime,
    row.ownerId,
    row.tags.map((t) => [t.key, t.value]),
    row.snapshotIds,
  ]);
}
