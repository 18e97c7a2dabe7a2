/**
 * DescribeImages. Which images come back, following the EC2 API reference:
 * - without ImageIds, Owners or ExecutableBy: every image the caller may launch (its own,
 *   public ones, and ones shared with its account, organization or OU);
 * - Owners scopes by owner (`self`, `amazon`, `aws-marketplace`, `aws-backup-vault`, ids);
 * - ExecutableBy scopes by launch permission: `self` (or the caller's id) = shared with the
 *   caller explicitly (account, organization or OU), `all` = public, another id = shared with
 *   exactly that account id;
 * - ImageIds names images; an id the caller cannot see is InvalidAMIID.NotFound;
 * - deprecated images are hidden from non-owners unless IncludeDeprecated or named by id;
 *   disabled images are hidden unless IncludeDisabled or named by id; deregistered ones are gone;
 * - MaxResults (5…1000) cannot be combined with ImageIds.
 */
import { invalidParameterCombination } from '../protocol/errors';
import { itemList } from '../protocol/xml';
import type { ServiceCall } from '../service';
import { isPublicImage, type AccountRecord, type ImageRecord } from '../world/model';
import {
  hasExplicitLaunchPermission,
  hasUserLaunchPermission,
  isListed,
  isVisibleImage,
} from '../world/visibility';
import { compileFilters, type FilterTable } from './filters';
import { checkImageId, imagesNotFound, isAccountId, malformedUserId } from './ids';
import { byId, questionFingerprint, readMaxResults, takePage } from './paging';
import { ec2Document } from './response';
import { imageItem } from './serialize';

const OWNER_ALIASES = ['amazon', 'aws-marketplace', 'aws-backup-vault'] as const;

export const IMAGE_FILTERS: FilterTable<ImageRecord> = {
  fields: {
    architecture: (i) => i.architecture,
    'block-device-mapping.delete-on-termination': (i) => i.blockDevices.flatMap((d) => (d.ebs ? [d.ebs.deleteOnTermination] : [])),
    'block-device-mapping.device-name': (i) => i.blockDevices.map((d) => d.deviceName),
    'block-device-mapping.snapshot-id': (i) => i.blockDevices.flatMap((d) => (d.ebs?.snapshotId ? [d.ebs.snapshotId] : [])),
    'block-device-mapping.volume-size': (i) => i.blockDevices.flatMap((d) => (d.ebs ? [d.ebs.volumeSize] : [])),
    'block-device-mapping.volume-type': (i) => i.blockDevices.flatMap((d) => (d.ebs ? [d.ebs.volumeType] : [])),
    'block-device-mapping.encrypted': (i) => i.blockDevices.flatMap((d) => (d.ebs ? [d.ebs.encrypted] : [])),
    'boot-mode': (i) => i.bootMode,
    'creation-date': (i) => i.creationDate,
    description: (i) => i.description,
    'ena-support': (i) => i.enaSupport,
    'free-tier-eligible': (i) => i.freeTierEligible,
    hypervisor: (i) => i.hypervisor,
    'image-id': (i) => i.imageId,
    'image-type': (i) => i.imageType,
    'imds-support': (i) => i.imdsSupport,
    'is-public': (i) => isPublicImage(i),
    'kernel-id': (i) => i.kernelId,
    'manifest-location': (i) => i.imageLocation,
    name: (i) => i.name,
    'owner-alias': (i) => i.ownerAlias,
    'owner-id': (i) => i.ownerId,
    platform: (i) => i.platform,
    'platform-details': (i) => i.platformDetails,
    'product-code': (i) => i.productCodes.map((p) => p.productCodeId),
    'product-code.type': (i) => i.productCodes.map((p) => p.productCodeType),
    'ramdisk-id': (i) => i.ramdiskId,
    'root-device-name': (i) => i.rootDeviceName,
    'root-device-type': (i) => i.rootDeviceType,
    'source-image-id': (i) => i.sourceImageId,
    'source-image-region': (i) => i.sourceImageRegion,
    'source-instance-id': (i) => i.sourceInstanceId,
    state: (i) => i.state,
    'state-reason-code': (i) => i.stateReason?.code,
    'state-reason-message': (i) => i.stateReason?.message,
    'sriov-net-support': (i) => i.sriovNetSupport,
    'usage-operation': (i) => i.usageOperation,
    'virtualization-type': (i) => i.virtualizationType,
  },
  tags: (i) => i.tags,
};

interface OwnerScope {
  test: (image: ImageRecord) => boolean;
  /** The owner ids asked for, when no alias was: their images are all a listing can hold. */
  onlyIds: ReadonlySet<string> | null;
}

function ownerScope(owners: string[], caller: AccountRecord): OwnerScope | null {
  if (owners.length === 0) return null;
  const ids = new Set<string>();
  const aliases = new Set<string>();
  for (const owner of owners) {
    if (owner === 'self') ids.add(caller.accountId);
    else if ((OWNER_ALIASES as readonly string[]).includes(owner)) aliases.add(owner);
    else if (isAccountId(owner)) ids.add(owner);
    else throw malformedUserId(owner);
  }
  return {
    test: (image) => ids.has(image.ownerId) || (image.ownerAlias !== null && aliases.has(image.ownerAlias)),
    onlyIds: aliases.size === 0 ? ids : null,
  };
}

function executableScope(users: string[], caller: AccountRecord): ((image: ImageRecord) => boolean) | null {
  if (users.length === 0) return null;
  const tests = users.map((user): ((image: ImageRecord) => boolean) => {
    if (user === 'all') return isPublicImage;
    if (user === 'self' || user === caller.accountId) return (image) => hasExplicitLaunchPermission(caller, image);
    if (isAccountId(user)) return (image) => hasUserLaunchPermission(user, image);
    throw malformedUserId(user);
  });
  return (image) => tests.some((t) => t(image));
}

export function describeImages(call: ServiceCall): string {
  const { world, caller, region, params } = call;
  const imageIds = params.list('ImageId');
  const owners = params.list('Owner');
  const executableBy = params.list('ExecutableBy');
  const includeDeprecated = params.bool('IncludeDeprecated') ?? false;
  const includeDisabled = params.bool('IncludeDisabled') ?? false;

  if (imageIds.length > 0 && params.string('MaxResults') !== undefined) {
    throw invalidParameterCombination('The parameter ImageIds cannot be used with the parameter MaxResults');
  }
  const maxResults = readMaxResults(params, 5, 1000);
  imageIds.forEach(checkImageId);
  const byOwner = ownerScope(owners, caller);
  const byExecutable = executableScope(executableBy, caller);
  const filter = compileFilters(params.filters(), IMAGE_FILTERS);

  let candidates: readonly ImageRecord[];
  if (imageIds.length > 0) {
    const unique = [...new Set(imageIds)];
    const found = unique.map((id) => world.image(region, id));
    const missing = unique.filter((_, i) => {
      const image = found[i];
      return image === undefined || !isVisibleImage(caller, image);
    });
    if (missing.length > 0) throw imagesNotFound(missing);
    candidates = found.filter((i): i is ImageRecord => i !== undefined);
  } else if (byOwner?.onlyIds) {
    // Owners by id only: their images, not the whole region (a large world has thousands per region).
    candidates = [...byOwner.onlyIds].flatMap((id) => world.imagesOwnedBy(region, id));
  } else {
    candidates = world.imagesIn(region);
  }

  const now = world.now();
  const listing = { includeDeprecated, includeDisabled, requestedById: imageIds.length > 0 };
  const matching = candidates
    .filter(
      // The owner and launch-permission scopes first: they rule out most of a region's images cheaply.
      (image) =>
        (byOwner === null || byOwner.test(image)) &&
        (byExecutable === null || byExecutable(image)) &&
        isListed(caller, image, now, listing) &&
        filter(image),
    )
    .sort(byId((i) => i.imageId));

  const page = takePage(matching, (i) => i.imageId, {
    maxResults,
    nextToken: params.string('NextToken'),
    fingerprint: questionFingerprint(caller.accountId, region, params, ['NextToken', 'MaxResults']),
  });

  return ec2Document('DescribeImages', call.requestId, [
    itemList(
      'imagesSet',
      page.items.map((image) => imageItem(image, caller)),
    ),
    ...(page.nextToken ? [{ name: 'nextToken', value: page.nextToken }] : []),
  ]);
}
