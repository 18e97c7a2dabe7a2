/**
 * What a comparison of two AMIs reads, through the core and the real SDK against the emulator:
 * `images:get` carries every fact the comparison shows (usage operation, IMDS, TPM, boot mode,
 * ENA, lineage of copies, deregistration protection for the owner only, IOPS and throughput per
 * volume) exactly as the emulator's world holds them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator';
import type { ImageRecord } from '../../emulator/world/model';
import type { AppCore } from '../../electron/core/app-core';
import type { Workspace } from '../../shared/model';
import { coreOver } from './core-fixture';

let emulator: RunningEmulator;
let core: AppCore;
let ws: Workspace;

const entryFor = (awsAccountId: string) => {
  const entry = ws.accounts.find((a) => a.awsAccountId === awsAccountId);
  if (!entry) throw new Error(`no entry for ${awsAccountId}`);
  return entry;
};

function ownedImages(): ImageRecord[] {
  return emulator.world.regions.flatMap((r) => emulator.world.imagesIn(r.name)).filter((i) => i.state === 'available' && emulator.world.accounts.some((a) => a.accountId === i.ownerId));
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  core = coreOver(emulator);
  ws = await core.handlers['demo:open']({});
});

afterAll(async () => {
  await core?.close();
  await emulator?.close();
});

describe('images:get for a comparison', () => {
  it('gives the platform facts, lineage and each volume’s IOPS and throughput as the world holds them', async () => {
    const images = ownedImages();
    // One of each kind that differs: IMDSv2 and NitroTPM or neither, a copy, a Windows usage operation, gp2 and gp3 volumes.
    const samples = [
      images.find((i) => i.imdsSupport === 'v2.0' && i.tpmSupport === 'v2.0'),
      images.find((i) => i.imdsSupport === null && i.bootMode === 'legacy-bios'),
      images.find((i) => i.sourceImageId !== null),
      images.find((i) => i.platform === 'windows'),
      images.find((i) => i.blockDevices.some((d) => d.ebs?.volumeType === 'gp2')),
    ];
    for (const image of samples) {
      expect(image, 'the demo world has such an image').toBeTruthy();
      const detail = await core.handlers['images:get']({ account: entryFor(image!.ownerId).id, region: image!.region, imageId: image!.imageId });
      expect(detail, image!.imageId).toMatchObject({
        platform: image!.platformDetails,
        usageOperation: image!.usageOperation,
        imdsSupport: image!.imdsSupport,
        tpmSupport: image!.tpmSupport,
        bootMode: image!.bootMode,
        enaSupport: image!.enaSupport,
        sourceImageId: image!.sourceImageId,
        sourceRegion: image!.sourceImageRegion,
        deregistrationProtection: image!.deregistrationProtection,
      });
      expect(detail.blockDevices.map((d) => [d.deviceName, d.iops, d.throughputMiBs])).toEqual(
        image!.blockDevices.map((d) => [d.deviceName, d.ebs?.iops ?? null, d.ebs?.throughput ?? null]),
      );
    }
  });

  it('tells deregistration protection to the owner only: an account the image is shared with does not learn it', async () => {
    const shared = ownedImages().find((i) => i.launchPermissions.some((p) => p.userId && ws.accounts.some((a) => a.awsAccountId === p.userId)));
    expect(shared, 'the demo world shares an image with another of its accounts').toBeTruthy();
    const recipient = shared!.launchPermissions.find((p) => p.userId && ws.accounts.some((a) => a.awsAccountId === p.userId))!.userId!;
    const asOwner = await core.handlers['images:get']({ account: entryFor(shared!.ownerId).id, region: shared!.region, imageId: shared!.imageId });
    const asRecipient = await core.handlers['images:get']({ account: entryFor(recipient).id, region: shared!.region, imageId: shared!.imageId });
    expect(asOwner.deregistrationProtection).toBe(shared!.deregistrationProtection);
    expect(asOwner.deregistrationProtection).not.toBeNull();
    expect(asRecipient.deregistrationProtection).toBeNull();
    expect(asRecipient.launchPermissions).toBeNull();
    // What both may read is the same image.
    expect(asRecipient.usageOperation).toBe(asOwner.usageOperation);
  });
});
