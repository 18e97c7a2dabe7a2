/**
 * GetImage for Amazon-managed images (owner `aws`): a version ARN with wildcards
 * (`…:aws:image/amazon-linux-2023-x86/x.x.x`) answers the newest matching version, a build
 * version ARN (`…/2025.4.0/1`) that build. The caller's own image builds go to images.ts.
 * An ARN of another region, or a name Amazon does not publish, is ResourceNotFoundException.
 */
import { AMAZON_OWNER_ID } from '../world/catalogue';
import { awsTime } from '../world/factory';
import { imageBuilderArn, parseImageBuilderArn } from '../world/imagebuilder-arns';
import { managedImageAmi, managedImagePlan, managedImageVersion } from '../world/imagebuilder-managed-images';
import type { IbHandler } from './call';
import { notFound } from './errors';
import { getImage } from './images';
import { reqString } from './json';

export const getImageOrManaged: IbHandler = (c) => {
  const arn = reqString(c.input, 'imageBuildVersionArn');
  const parsed = parseImageBuilderArn(arn);
  if (!parsed || parsed.owner !== 'aws' || parsed.type !== 'image') return getImage(c);
  const [name = '', pattern = '', build] = parsed.parts;
  const plan = managedImagePlan(name);
  const version = plan && (parsed.parts.length === 2 || (parsed.parts.length === 3 && build === '1')) ? managedImageVersion(plan, pattern) : undefined;
  if (!plan || !version || parsed.region !== c.region || (parsed.parts.length === 3 && version !== pattern)) throw notFound(arn);
  const ami = managedImageAmi(c.world, plan, c.region);
  const buildArn = imageBuilderArn(c.region, 'aws', 'image', plan.arnName, version, '1');
  return {
    requestId: c.requestId,
    image: {
      arn: buildArn,
      type: 'AMI',
      name: plan.name,
      version: `${version}/1`,
      platform: plan.platform,
      enhancedImageMetadataEnabled: true,
      osVersion: plan.osVersion,
      state: { status: 'AVAILABLE' },
      dateCreated: awsTime(new Date(plan.dateCreated)),
      outputResources: ami ? { amis: [{ region: c.region, image: ami.imageId, name: ami.name, description: ami.description ?? undefined, accountId: AMAZON_OWNER_ID }] } : { amis: [] },
      tags: {},
      buildType: 'SCHEDULED',
      imageSource: 'AMAZON_MANAGED',
    },
    latestVersionReferences: { latestVersionArn: imageBuilderArn(c.region, 'aws', 'image', plan.arnName, version) },
  };
};
