/** The emulator's truth about an inventory scan, computed from its in-memory world. */
import type { RunningEmulator } from '../../emulator';
import { isListed } from '../../emulator/world/visibility';
import type { AccountRecord, ImageRecord } from '../../emulator/world/model';
import { launchPermissionOf } from '../../shared/ami-rows';
import type { LaunchPermissionKind } from '../../shared/inventory';

export interface TruthRow {
  imageId: string;
  launchPermission: LaunchPermissionKind | null;
  sharedWith: string[];
  snapshotIds: string[];
}

export function enabledRegions(emulator: RunningEmulator): string[] {
  return emulator.world.regions.filter((r) => r.optInStatus !== 'not-opted-in').map((r) => r.name).sort();
}

function accessOf(image: ImageRecord): Pick<TruthRow, 'launchPermission' | 'sharedWith'> {
  const sharedWith = image.launchPermissions.flatMap((p) => (p.group ? [] : [p.userId ?? p.organizationArn ?? p.organizationalUnitArn ?? ''])).sort();
  const isPublic = image.launchPermissions.some((p) => p.group === 'all');
  return { launchPermission: launchPermissionOf(isPublic, sharedWith), sharedWith };
}

/** What a scan of (account, region, view) must find, sorted by image id. */
export function truthFor(emulator: RunningEmulator, account: AccountRecord, region: string, view: 'owned' | 'shared'): TruthRow[] {
  const now = emulator.world.now();
  return emulator.world
    .imagesIn(region)
    .filter((image) =>
      view === 'owned'
        ? image.ownerId === account.accountId && image.state !== 'deregistered'
        : image.ownerId !== account.accountId &&
          image.launchPermissions.some(
            (p) => p.userId === account.accountId || p.organizationArn === account.organizationArn || (p.organizationalUnitArn !== undefined && account.organizationalUnitArns.includes(p.organizationalUnitArn)),
          ) &&
          isListed(account, image, now, { includeDeprecated: true, includeDisabled: false, requestedById: false }),
    )
    .map((image) => ({
      imageId: image.imageId,
      ...(view === 'owned' ? accessOf(image) : { launchPermission: null, sharedWith: [] }),
      snapshotIds: image.blockDevices.flatMap((d) => (d.ebs?.snapshotId ? [d.ebs.snapshotId] : [])),
    }))
    .sort((a, b) => (a.imageId < b.imageId ? -1 : a.imageId > b.imageId ? 1 : 0));
}
