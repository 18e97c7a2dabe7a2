/** Lists the AMIs one account sees in one region, following every DescribeImages page. */
import { paginateDescribeImages, type DescribeImagesCommandInput, type EC2Client } from '@aws-sdk/client-ec2';
import type { AmiSummary, ImageView } from '../../../shared/model';
import { toAmiSummary, type Listed } from './map-image';

export function describeImagesInputFor(view: ImageView): DescribeImagesCommandInput {
  switch (view) {
    case 'owned':
      // An owner manages deprecated and disabled images too, so both are listed.
      return { Owners: ['self'], IncludeDeprecated: true, IncludeDisabled: true };
    case 'shared':
      // Images with an explicit launch permission for this account (not public ones).
      return { ExecutableUsers: ['self'], IncludeDeprecated: true };
  }
}

export async function listImages(
  ec2: EC2Client,
  view: ImageView,
  where: Listed & { awsAccountId: string | null },
): Promise<{ images: AmiSummary[]; pages: number }> {
  const images: AmiSummary[] = [];
  let pages = 0;
  for await (const page of paginateDescribeImages({ client: ec2, pageSize: 1000 }, describeImagesInputFor(view))) {
    pages += 1;
    for (const image of page.Images ?? []) {
      // "Shared with me" is about other owners' images, even if one is also shared back to us.
      if (view === 'shared' && where.awsAccountId && image.OwnerId === where.awsAccountId) continue;
      images.push(toAmiSummary(image, where));
    }
  }
  return { images, pages };
}
