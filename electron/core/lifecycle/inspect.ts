/**
 * Whether an image is still in use, before it is deregistered or disabled: when it was last
 * launched, what references it (instances, launch templates… via DescribeImageReferences), who
 * it is shared with, and its deprecation and deregistration protection.
 */
import { DescribeImageAttributeCommand, DescribeImageReferencesCommand, DescribeImagesCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { AppError } from '../../../shared/errors';
import { regionLabel } from '../../../shared/region-names';
import type { ImageUsage } from '../../../shared/lifecycle';
import type { ImageRef } from '../../../shared/sharing';
import { fromLaunchPermission } from '../sharing/entities';
import type { Wrap } from '../sharing/image-facts';

export async function inspectImage(
  ec2: EC2Client,
  ref: ImageRef,
  account: { name: string; production: boolean },
  wrap: Wrap,
): Promise<ImageUsage> {
  let image;
  try {
    image = (await ec2.send(new DescribeImagesCommand({ ImageIds: [ref.imageId], IncludeDeprecated: true, IncludeDisabled: true }))).Images?.[0];
  } catch (error) {
    throw wrap(error, 'ec2:DescribeImages');
  }
  if (!image) {
    throw new AppError({ code: 'NOT_FOUND', message: `${ref.imageId} no longer exists in ${regionLabel(ref.region)}.`, retryable: false, details: { region: ref.region } });
  }
  const attribute = async (name: 'lastLaunchedTime' | 'launchPermission') => {
    try {
      return await ec2.send(new DescribeImageAttributeCommand({ ImageId: ref.imageId, Attribute: name }));
    } catch (error) {
      throw wrap(error, 'ec2:DescribeImageAttribute');
    }
  };
  const [launched, permissions, references] = await Promise.all([
    attribute('lastLaunchedTime'),
    attribute('launchPermission'),
    readReferences(ec2, ref.imageId).then(
      (list) => ({ list, error: null }),
      (error: unknown) => ({ list: [], error: wrap(error, 'ec2:DescribeImageReferences').message }),
    ),
  ]);
  return {
    ref,
    name: image.Name ?? ref.imageId,
    state: image.State ?? 'unknown',
    lastLaunchedTime: launched.LastLaunchedTime?.Value ?? null,
    references: references.list,
    referencesError: references.error,
    sharedWith: (permissions.LaunchPermissions ?? []).flatMap((p) => fromLaunchPermission(p) ?? []),
    deprecationTime: image.DeprecationTime ?? null,
    deregistrationProtection: image.DeregistrationProtection ?? null,
    snapshotIds: (image.BlockDeviceMappings ?? []).flatMap((b) => (b.Ebs?.SnapshotId ? [b.Ebs.SnapshotId] : [])),
    production: account.production,
    accountName: account.name,
  };
}

async function readReferences(ec2: EC2Client, imageId: string): Promise<ImageUsage['references']> {
  const out: ImageUsage['references'] = [];
  let nextToken: string | undefined;
  do {
    const page = await ec2.send(new DescribeImageReferencesCommand({ ImageIds: [imageId], IncludeAllResourceTypes: true, ...(nextToken ? { NextToken: nextToken } : {}) }));
    for (const r of page.ImageReferences ?? []) out.push({ resourceType: r.ResourceType ?? 'unknown', arn: r.Arn ?? '' });
    nextToken = page.NextToken;
  } while (nextToken);
  return out;
}
