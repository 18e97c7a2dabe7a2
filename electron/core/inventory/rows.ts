/** Turns what EC2 answered for one target into inventory rows. */
import type { Image, LaunchPermission } from '@aws-sdk/client-ec2';
import type { InventoryRow, LaunchPermissionKind, ScanTarget } from '../../../shared/inventory';
import { toAmiSummary } from '../images/map-image';

export interface LaunchAccess {
  launchPermission: LaunchPermissionKind;
  sharedWith: string[];
}

/** Public when the group "all" may launch it, shared when anyone else may, private otherwise. */
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
  return { launchPermission: isPublic ? 'public' : sharedWith.length > 0 ? 'shared' : 'private', sharedWith };
}

export function snapshotIdsOf(image: Image): string[] {
  return (image.BlockDeviceMappings ?? []).flatMap((b) => (b.Ebs?.SnapshotId ? [b.Ebs.SnapshotId] : []));
}

export function toInventoryRow(image: Image, target: ScanTarget, awsAccountId: string | null, access: LaunchAccess | null, scannedAt: string): InventoryRow {
  return {
    ...toAmiSummary(image, { account: target.account, region: target.region }),
    awsAccountId,
    view: target.view,
    launchPermission: access?.launchPermission ?? null,
    sharedWith: access?.sharedWith ?? [],
    snapshotIds: snapshotIdsOf(image),
    scannedAt,
  };
}
