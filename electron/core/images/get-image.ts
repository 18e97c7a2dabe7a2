/**
 * Everything the detail pane shows for one AMI: the image, its launch permissions (only its
 * owner may read them) and the snapshots behind its EBS mappings.
 */
import { DescribeImageAttributeCommand, DescribeImagesCommand, DescribeSnapshotsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { AppError, placeLabel } from '../../../shared/errors';
import type { AmiDetail, SnapshotInfo } from '../../../shared/model';
import { toAmiDetail, toLaunchPermissions, toSnapshotInfo, type Listed } from './map-image';

export interface ImageContext extends Listed {
  accountName: string;
  awsAccountId: string | null;
  knownAs(awsAccountId: string): string | null;
  /** Wraps SDK errors with the account/region/action they happened in. */
  wrap(error: unknown, action: string): AppError;
}

export async function getImage(ec2: EC2Client, imageId: string, ctx: ImageContext): Promise<AmiDetail> {
  let image;
  try {
    const out = await ec2.send(new DescribeImagesCommand({ ImageIds: [imageId], IncludeDeprecated: true }));
    image = out.Images?.[0];
  } catch (error) {
    throw ctx.wrap(error, 'ec2:DescribeImages');
  }
  if (!image) {
    throw new AppError({
      code: 'NOT_FOUND',
      message: `${imageId} is not visible in ${placeLabel(ctx.accountName, ctx.awsAccountId, ctx.region)}: it was deregistered or is not shared with this account.`,
      retryable: false,
      details: { account: ctx.account, accountName: ctx.accountName, region: ctx.region, action: 'ec2:DescribeImages', awsCode: 'InvalidAMIID.NotFound' },
    });
  }

  const isOwner = ctx.awsAccountId !== null && image.OwnerId === ctx.awsAccountId;
  const snapshotIds = (image.BlockDeviceMappings ?? []).flatMap((b) => (b.Ebs?.SnapshotId ? [b.Ebs.SnapshotId] : []));

  const [launchPermissions, snapshots] = await Promise.all([
    isOwner ? readLaunchPermissions(ec2, imageId, ctx) : Promise.resolve(null),
    isOwner && snapshotIds.length > 0 ? readSnapshots(ec2, snapshotIds, ctx) : Promise.resolve([] as SnapshotInfo[]),
  ]);
  return toAmiDetail(image, ctx, { launchPermissions, snapshots });
}

async function readLaunchPermissions(ec2: EC2Client, imageId: string, ctx: ImageContext) {
  try {
    const out = await ec2.send(new DescribeImageAttributeCommand({ ImageId: imageId, Attribute: 'launchPermission' }));
    return toLaunchPermissions(out.LaunchPermissions ?? [], ctx.knownAs);
  } catch (error) {
    throw ctx.wrap(error, 'ec2:DescribeImageAttribute');
  }
}

async function readSnapshots(ec2: EC2Client, snapshotIds: string[], ctx: ImageContext): Promise<SnapshotInfo[]> {
  try {
    const out = await ec2.send(new DescribeSnapshotsCommand({ SnapshotIds: snapshotIds }));
    return (out.Snapshots ?? []).map(toSnapshotInfo);
  } catch (error) {
    throw ctx.wrap(error, 'ec2:DescribeSnapshots');
  }
}
