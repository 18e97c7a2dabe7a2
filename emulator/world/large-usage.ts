/**
 * A little usage in every account and region of the large world, so a where-used scan has
 * something to find at scale without making the world slower to build: its cost is per account
 * and region, not per image. In each: a launch template `app` (version 1 on an older build,
 * version 2 — default and latest — on the newest), a running instance launched from it, a
 * stopped instance on a third build, the parameter `/ami/app/latest` (`aws:ec2:image`) naming
 * the newest, in production accounts an Auto Scaling group `app` on the template's `$Default`,
 * and a running instance in the account that one of the first shared images is shared with.
 * Drawn from its own random stream, so no image or snapshot id moves. Made on the world's first
 * use of `usage` (tens of milliseconds for 50 × 16), from the images as they are then: a scan that
 * deregistered images before its first usage call sees other picks.
 */
import type { ImageRecord, World } from './model';
import { Rng } from './random';
import { templateSpec, UsageBuilder } from './usage-builder';

/** How many of an account-region's newest images are looked at for one shared with another account of the world. */
const SHARED_LOOKAHEAD = 20;

export function addLargeWorldUsage(world: World, seed: number, imagesPerAccountRegion: number, regions: readonly string[]): void {
  if (imagesPerAccountRegion === 0) return;
  const build = new UsageBuilder(world, Rng.from(seed, 'large:usage'));
  world.accounts.forEach((account, a) => {
    for (const region of regions) {
      // Images were added account by account, so this account's are one contiguous run of the region's list.
      const list = world.seededImagesIn(region);
      const start = a * imagesPerAccountRegion;
      const end = start + imagesPerAccountRegion;
      const usable: ImageRecord[] = [];
      for (let k = start; k < end && usable.length < 3; k++) {
        const image = list[k];
        if (image && image.state === 'available' && image.rootDeviceType === 'ebs') usable.push(image);
      }
      const [newest, older, oldest] = usable;
      if (!newest) continue;
      const versions = [
        ...(older ? [{ imageId: older.imageId, instanceType: 'm6i.large', description: older.name, daysAgo: 20 }] : []),
        { imageId: newest.imageId, instanceType: 'm7i.large', description: newest.name, daysAgo: 0.05 },
      ];
      const template = build.launchTemplate({ account, region, name: 'app', versions, defaultVersion: versions.length });
      const running = build.instance({ account, region, image: newest, state: 'running', instanceType: 'm7i.large', name: 'app-1', launched: world.anchor, fromTemplate: { template, version: versions.length }, ...(account.production ? { group: 'app' } : {}) });
      if (oldest) build.instance({ account, region, image: oldest, state: 'stopped', instanceType: 'm6i.large', name: 'app-old' });
      build.parameter({ account, region, name: '/ami/app/latest', value: newest.imageId, dataType: 'aws:ec2:image', daysAgo: 0.05, version: 3 });
      if (account.production) {
        build.autoScalingGroup({ account, region, name: 'app', launchTemplate: templateSpec(template, '$Default'), minSize: 1, maxSize: 4, instances: [running], daysAgo: 30 });
      }
      for (let k = start; k < Math.min(end, start + SHARED_LOOKAHEAD); k++) {
        const image = list[k];
        const user = image?.state === 'available' ? image.launchPermissions.find((p) => p.userId !== undefined && world.accountById(p.userId)) : undefined;
        const recipient = user?.userId ? world.accountById(user.userId) : undefined;
        if (image && recipient) {
          build.instance({ account: recipient, region, image, state: 'running', instanceType: 't3.large', name: `from-${account.name}` });
          break;
        }
      }
    }
  });
}
