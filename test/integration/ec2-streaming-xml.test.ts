/**
 * The app's EC2 clients read answers with a streaming reader of their own: over HTTP, for every
 * read the app makes, it must give exactly what the SDK's own reader gives.
 */
import {
  DescribeImageAttributeCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeLaunchTemplatesCommand,
  DescribeLaunchTemplateVersionsCommand,
  DescribeRegionsCommand,
  DescribeSnapshotsCommand,
  DescribeImageReferencesCommand,
  DescribeKeyPairsCommand,
  DescribeSecurityGroupsCommand,
  DescribeSnapshotAttributeCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
  GetImageBlockPublicAccessStateCommand,
  ListImagesInRecycleBinCommand,
  type ImageAttributeName,
} from '@aws-sdk/client-ec2';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { StreamingEc2QueryProtocol, streamingXmlCounts } from '../../electron/core/aws/ec2-streaming-xml';
import { useEmulator } from './emulator-fixture';

const fx = useEmulator({ seed: 1 });
const EAST = 'us-east-1';

function clients(account: string, region: string): { sdk: EC2Client; streaming: EC2Client } {
  const base = { endpoint: fx.emulator.url, region, maxAttempts: 1, credentials: fx.credentials(account) };
  return { sdk: new EC2Client(base), streaming: new EC2Client({ ...base, protocol: StreamingEc2QueryProtocol }) };
}

/** Both readers' outputs without the request metadata (its request id differs per call). */
async function both<T extends object>(account: string, region: string, send: (c: EC2Client) => Promise<T>): Promise<{ sdk: unknown; streaming: unknown }> {
  const { sdk, streaming } = clients(account, region);
  const strip = (out: T): unknown => {
    const { $metadata: _ignored, ...rest } = out as T & { $metadata?: unknown };
    return rest;
  };
  return { sdk: strip(await send(sdk)), streaming: strip(await send(streaming)) };
}

describe('the streaming reader against the emulator over HTTP', () => {
  it('reads every image listing the scanner and the pages make exactly as the SDK does, on its own', async () => {
    const before = { ...streamingXmlCounts };
    const inputs = [
      { Owners: ['self'], IncludeDeprecated: true, IncludeDisabled: true },
      { ExecutableUsers: ['self'] },
      { Owners: ['amazon'], MaxResults: 50 },
      { Owners: ['aws-marketplace'], MaxResults: 50 },
      { Filters: [{ Name: 'is-public', Values: ['true'] }], MaxResults: 100 },
    ];
    let images = 0;
    for (const account of ['acme-production', 'globex-prod']) {
      const region = fx.account(account).defaultRegion;
      for (const input of inputs) {
        const out = await both(account, region, (c) => c.send(new DescribeImagesCommand(input)));
        expect(out.streaming).toEqual(out.sdk);
        expect(isDeepStrictEqual(out.streaming, out.sdk)).toBe(true);
        images += ((out.sdk as { Images?: unknown[] }).Images ?? []).length;
      }
    }
    // Images with tags, block devices, product codes and booleans were in it.
    expect(images).toBeGreaterThan(50);
    expect(streamingXmlCounts.streamed - before.streamed).toBe(inputs.length * 2);
    expect(streamingXmlCounts.handedBack).toBe(before.handedBack);
  });

  it('reads every other EC2 answer the app reads as the SDK does', async () => {
    const image = fx.takeImage('acme-production', EAST, (i) => i.blockDevices.some((b) => b.ebs));
    const attributes: ImageAttributeName[] = ['launchPermission', 'description', 'blockDeviceMapping', 'deregistrationProtection', 'lastLaunchedTime', 'imdsSupport', 'bootMode'];
    const sends: ((c: EC2Client) => Promise<object>)[] = [
      ...attributes.map((Attribute) => (c: EC2Client) => c.send(new DescribeImageAttributeCommand({ ImageId: image.imageId, Attribute }))),
      (c) => c.send(new DescribeRegionsCommand({ AllRegions: true })),
      (c) => c.send(new DescribeSnapshotsCommand({ OwnerIds: ['self'], MaxResults: 100 })),
      (c) => c.send(new DescribeInstancesCommand({})),
      (c) => c.send(new DescribeLaunchTemplatesCommand({})),
      (c) => c.send(new DescribeLaunchTemplateVersionsCommand({ Versions: ['$Latest'] })),
      (c) => c.send(new DescribeImageReferencesCommand({ ImageIds: [image.imageId], IncludeAllResourceTypes: true })),
      (c) => c.send(new DescribeSnapshotAttributeCommand({ SnapshotId: image.blockDevices.find((b) => b.ebs)?.ebs?.snapshotId ?? '', Attribute: 'createVolumePermission' })),
      (c) => c.send(new DescribeKeyPairsCommand({})),
      (c) => c.send(new DescribeVpcsCommand({})),
      (c) => c.send(new DescribeSubnetsCommand({})),
      (c) => c.send(new DescribeSecurityGroupsCommand({})),
      (c) => c.send(new GetImageBlockPublicAccessStateCommand({})),
      (c) => c.send(new ListImagesInRecycleBinCommand({})),
    ];
    const before = { ...streamingXmlCounts };
    for (const send of sends) {
      const out = await both('acme-production', EAST, send);
      expect(out.streaming).toEqual(out.sdk);
      expect(isDeepStrictEqual(out.streaming, out.sdk)).toBe(true);
    }
    expect(streamingXmlCounts.streamed - before.streamed).toBe(sends.length);
    expect(streamingXmlCounts.handedBack).toBe(before.handedBack);
  });

  it('leaves errors to the SDK: the same error, code and message', async () => {
    const { sdk, streaming } = clients('acme-production', EAST);
    const failure = async (c: EC2Client): Promise<{ name: string; message: string }> => {
      try {
        await c.send(new DescribeImageAttributeCommand({ ImageId: 'ami-0123456789abcdef0', Attribute: 'launchPermission' }));
      } catch (error) {
        if (error instanceof Error) return { name: error.name, message: error.message };
      }
      throw new Error('expected the call to fail');
    };
    const expected = await failure(sdk);
    expect(expected.name).toBe('InvalidAMIID.NotFound');
    expect(await failure(streaming)).toEqual(expected);
  });
});
