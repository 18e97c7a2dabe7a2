/**
 * Who may see what, following EC2's rules:
 * - an account sees the images it owns, public images, and images with a launch permission
 *   naming its account id, its organization or one of its organizational units;
 * - deregistered images are gone from every listing;
 * - deprecated images are hidden from non-owners unless asked for (IncludeDeprecated or by id);
 * - disabled images are hidden unless asked for (IncludeDisabled or by id);
 * - snapshots: own, public, or with a create-volume permission naming the account.
 */
import {
  isPublicImage,
  isPublicSnapshot,
  type AccountRecord,
  type ImageRecord,
  type SnapshotRecord,
} from './model';

export function ownsImage(account: AccountRecord, image: ImageRecord): boolean {
  return image.ownerId === account.accountId;
}

/** A launch permission names this account directly, or its organization / an OU it is in. */
export function hasExplicitLaunchPermission(account: AccountRecord, image: ImageRecord): boolean {
  return image.launchPermissions.some(
    (p) =>
      p.userId === account.accountId ||
      (p.organizationArn !== undefined && p.organizationArn === account.organizationArn) ||
      (p.organizationalUnitArn !== undefined &&
        account.organizationalUnitArns.includes(p.organizationalUnitArn)),
  );
}

/** Permission naming exactly this account id (what ExecutableBy=<other account> matches). */
export function hasUserLaunchPermission(accountId: string, image: ImageRecord): boolean {
  return image.launchPermissions.some((p) => p.userId === accountId);
}

export function canLaunch(account: AccountRecord, image: ImageRecord): boolean {
  return ownsImage(account, image) || isPublicImage(image) || hasExplicitLaunchPermission(account, image);
}

export function isDeprecated(image: ImageRecord, now: Date): boolean {
  return image.deprecationTime !== null && Date.parse(image.deprecationTime) <= now.getTime();
}

/** The image exists for this caller at all (what decides NotFound for an explicit id). */
export function isVisibleImage(account: AccountRecord, image: ImageRecord): boolean {
  return image.state !== 'deregistered' && canLaunch(account, image);
}

export interface ListingOptions {
  includeDeprecated: boolean;
  includeDisabled: boolean;
  /** The caller named the image by id, which shows deprecated and disabled images too. */
  requestedById: boolean;
}

/** Whether a visible image appears in a DescribeImages answer. */
export function isListed(
  account: AccountRecord,
  image: ImageRecord,
  now: Date,
  options: ListingOptions,
): boolean {
  if (!isVisibleImage(account, image)) return false;
  if (image.state === 'disabled' && !options.includeDisabled && !options.requestedById) return false;
  if (
    isDeprecated(image, now) &&
    !ownsImage(account, image) &&
    !options.includeDeprecated &&
    !options.requestedById
  ) {
    return false;
  }
  return true;
}

export function ownsSnapshot(account: AccountRecord, snapshot: SnapshotRecord): boolean {
  return snapshot.ownerId === account.accountId;
}

export function hasExplicitVolumePermission(accountId: string, snapshot: SnapshotRecord): boolean {
  return snapshot.createVolumePermissions.some((p) => p.userId === accountId);
}

export function isVisibleSnapshot(account: AccountRecord, snapshot: SnapshotRecord): boolean {
  return (
    ownsSnapshot(account, snapshot) ||
    isPublicSnapshot(snapshot) ||
    hasExplicitVolumePermission(account.accountId, snapshot)
  );
}
