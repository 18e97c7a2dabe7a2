/**
 * The demo's world is anchored at the real date: its images are dated relative to that day, and
 * the fixtures the app's features rely on are still there.
 */
import { ImagebuilderClient, ListImagePipelinesCommand } from '@aws-sdk/client-imagebuilder';
import { describe, expect, it } from 'vitest';
import { IMAGE_BUILDER_FIXTURES, PRODUCT_CODE_FIXTURE, startEmulator } from '../../emulator';

describe('a world anchored at another date', () => {
  it('dates every image before its anchor, recently, and keeps the fixtures', async () => {
    const anchor = new Date('2027-06-15T09:30:00.000Z');
    const emulator = await startEmulator({ port: 0, anchor });
    try {
      const { world } = emulator;
      expect(world.now().getTime()).toBeGreaterThanOrEqual(anchor.getTime());
      const owned = world.accounts.flatMap((a) => a.regions.flatMap((r) => world.imagesIn(r).filter((i) => i.ownerId === a.accountId)));
      const newest = owned.map((i) => Date.parse(i.creationDate)).reduce((a, b) => Math.max(a, b));
      expect(newest).toBeLessThanOrEqual(anchor.getTime());
      expect(anchor.getTime() - newest).toBeLessThan(7 * 86_400_000);
      expect(world.imagesIn(PRODUCT_CODE_FIXTURE.region).some((i) => i.name === PRODUCT_CODE_FIXTURE.imageName)).toBe(true);

      const hub = emulator.identities.find((i) => i.accountName === IMAGE_BUILDER_FIXTURES.hub.accountName)!;
      const builder = new ImagebuilderClient({
        endpoint: emulator.url,
        region: IMAGE_BUILDER_FIXTURES.hub.region,
        credentials: { accessKeyId: hub.accessKeyId, secretAccessKey: hub.secretAccessKey },
      });
      const pipelines = await builder.send(new ListImagePipelinesCommand({}));
      expect(pipelines.imagePipelineList?.map((p) => p.name)).toContain(IMAGE_BUILDER_FIXTURES.hub.pipelineName);
    } finally {
      await emulator.close();
    }
  });
});
