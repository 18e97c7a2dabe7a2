/**
 * Seeded resources that use images, for DescribeImageReferences, drawn from their own random
 * stream so no other id of the world moves. In each fixture account and region, the owner's
 * three newest available images are referenced:
 * - the newest by a running and a stopped instance, the newest version of a launch template
 *   and an SSM parameter;
 * - the second newest by a terminated instance and by a launch template version 12 versions
 *   back (found only with a `version-depth` of 12 or more; the default depth is 10);
 * - the third newest by an EC2 Image Builder image recipe.
 */
import type { ImageRecord, ImageReferenceRecord, World } from './model';
import type { Rng } from './random';

export const IMAGE_REFERENCE_FIXTURE = [
  { accountName: 'acme-production', region: 'us-east-1' },
  { accountName: 'globex-prod', region: 'eu-central-1' },
] as const;

export function addImageReferenceFixtures(world: World, rng: Rng): void {
  for (const { accountName, region } of IMAGE_REFERENCE_FIXTURE) {
    const account = world.accounts.find((a) => a.name === accountName);
    if (!account) continue;
    const images = world
      .seededImagesIn(region)
      .filter((i) => i.ownerId === account.accountId && i.state === 'available')
      .sort((a, b) => (a.creationDate < b.creationDate ? 1 : a.creationDate > b.creationDate ? -1 : 0));
    const arn = (service: string, resource: string): string => `arn:aws:${service}:${region}:${account.accountId}:${resource}`;
    const ref = (image: ImageRecord | undefined, extra: Omit<ImageReferenceRecord, 'imageId' | 'region' | 'accountId'>): void => {
      if (image) world.imageReferences.push({ imageId: image.imageId, region, accountId: account.accountId, ...extra });
    };
    const [newest, second, third] = images;
    ref(newest, { resourceType: 'ec2:Instance', arn: arn('ec2', `instance/i-${rng.hex(17)}`), instanceState: 'running' });
    ref(newest, { resourceType: 'ec2:Instance', arn: arn('ec2', `instance/i-${rng.hex(17)}`), instanceState: 'stopped' });
    ref(newest, { resourceType: 'ec2:LaunchTemplate', arn: arn('ec2', `launch-template/lt-${rng.hex(17)}`), launchTemplateVersionDepth: 1 });
    ref(newest, { resourceType: 'ssm:Parameter', arn: arn('ssm', `parameter/${accountName}/golden-ami/latest`) });
    ref(second, { resourceType: 'ec2:Instance', arn: arn('ec2', `instance/i-${rng.hex(17)}`), instanceState: 'terminated' });
    ref(second, { resourceType: 'ec2:LaunchTemplate', arn: arn('ec2', `launch-template/lt-${rng.hex(17)}`), launchTemplateVersionDepth: 12 });
    ref(third, { resourceType: 'imagebuilder:ImageRecipe', arn: arn('imagebuilder', `image-recipe/${accountName}-base/1.0.${rng.int(0, 9)}`) });
  }
}
