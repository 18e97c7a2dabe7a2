/**
 * Resources that use an account's own newest images, drawn from their own random stream so no
 * other id of the world moves. In each fixture account and region, the owner's three newest
 * available images are used:
 * - the newest by a running and a stopped instance, by both versions of the launch template
 *   `<account>-app` and by the SSM parameter `/<account>/golden-ami/latest` (`aws:ec2:image`);
 * - the second newest by a terminated instance and by version 1 of the launch template
 *   `<account>-batch`, 12 versions back (found only with a `version-depth` of 12 or more; the
 *   default depth is 10); its newer versions take the AMI from the parameter (`resolve:ssm:`);
 * - the third newest by the EC2 Image Builder image recipe `<account>-base`.
 * Nothing else in these two account-regions references an image, so what DescribeImageReferences
 * answers there is exactly these seven references.
 */
import { awsTime } from './factory';
import type { ImageRecord, World } from './model';
import type { Rng } from './random';
import { UsageBuilder } from './usage-builder';

export const IMAGE_REFERENCE_FIXTURE = [
  { accountName: 'acme-production', region: 'us-east-1' },
  { accountName: 'globex-prod', region: 'eu-central-1' },
] as const;

const DAY_MS = 86_400_000;

/** Days between the image's creation and the world's anchor, times `fraction` (a moment after it was made). */
function sinceDays(world: World, image: ImageRecord, fraction: number): number {
  return ((world.anchor.getTime() - Date.parse(image.creationDate)) / DAY_MS) * fraction;
}

export function addImageReferenceFixtures(world: World, rng: Rng): void {
  const build = new UsageBuilder(world, rng);
  for (const { accountName, region } of IMAGE_REFERENCE_FIXTURE) {
    const account = world.accounts.find((a) => a.name === accountName);
    if (!account) continue;
    const images = world
      .seededImagesIn(region)
      .filter((i) => i.ownerId === account.accountId && i.state === 'available')
      .sort((a, b) => (a.creationDate < b.creationDate ? 1 : a.creationDate > b.creationDate ? -1 : 0));
    const [newest, second, third] = images;
    if (!newest || !second || !third) continue;

    const parameterName = `/${accountName}/golden-ami/latest`;
    build.parameter({
      account,
      region,
      name: parameterName,
      value: newest.imageId,
      dataType: 'aws:ec2:image',
      description: 'The AMI new application instances start from',
      version: 12,
      daysAgo: sinceDays(world, newest, 0.9),
    });

    const app = build.launchTemplate({
      account,
      region,
      name: `${accountName}-app`,
      versions: [
        { imageId: newest.imageId, instanceType: 'm6i.large', description: `${newest.name}`, daysAgo: sinceDays(world, newest, 0.8) },
        { imageId: newest.imageId, instanceType: 'm7i.large', description: 'Move to m7i', daysAgo: sinceDays(world, newest, 0.6) },
      ],
      defaultVersion: 2,
    });
    const launched = (fraction: number): Date => new Date(world.anchor.getTime() - sinceDays(world, newest, fraction) * DAY_MS);
    build.instance({ account, region, image: newest, state: 'running', instanceType: 'm7i.large', name: `${accountName}-app-1`, launched: launched(0.5), fromTemplate: { template: app, version: 2 } });
    build.instance({ account, region, image: newest, state: 'stopped', instanceType: 'm6i.large', name: `${accountName}-app-canary`, launched: launched(0.7), fromTemplate: { template: app, version: 1 } });
    build.instance({ account, region, image: second, state: 'terminated', instanceType: 'c6i.xlarge', name: `${accountName}-batch-run` });

    const batchVersions = Array.from({ length: 12 }, (_, i) =>
      i === 0
        ? { imageId: second.imageId, instanceType: 'c6i.xlarge', description: second.name, daysAgo: sinceDays(world, second, 0.9) }
        : { imageId: `resolve:ssm:${parameterName}`, instanceType: i < 6 ? 'c6i.xlarge' : 'c7i.xlarge', description: `Tuning ${i}`, daysAgo: sinceDays(world, second, 0.85 - i * 0.05) },
    );
    build.launchTemplate({ account, region, name: `${accountName}-batch`, versions: batchVersions, defaultVersion: 12 });

    world.usage.plannedRecipes.push({
      accountId: account.accountId,
      region,
      name: `${accountName}-base`,
      version: `1.0.${rng.int(0, 9)}`,
      description: `${accountName} base image on ${third.name}`,
      parentImage: third.imageId,
      rootDeviceName: third.rootDeviceName,
      dateCreated: awsTime(new Date(world.anchor.getTime() - sinceDays(world, third, 0.5) * DAY_MS)),
    });
  }
}
