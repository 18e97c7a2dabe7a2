/**
 * The streaming reader of EC2 answers against the SDK's own reader on answers written by hand:
 * AWS's pretty-printed form, entities, empty and unknown elements, timestamps; and the answers it
 * must hand back to the SDK (attributes, text beside elements, a repeated member, comments and
 * CDATA, a cut-off or mismatched tag), where the result must still be the SDK's.
 */
import { DescribeImagesCommand, DescribeSnapshotsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { HttpResponse } from '@smithy/protocol-http';
import type { HttpHandlerOptions, RequestHandler } from '@smithy/types';
import type { HttpRequest } from '@smithy/protocol-http';
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { StreamingEc2QueryProtocol, streamingXmlCounts } from '../../electron/core/aws/ec2-streaming-xml';

/** A client whose every call is answered with `xml` (no network). */
function answering(xml: string, streaming: boolean): EC2Client {
  const requestHandler: RequestHandler<HttpRequest, HttpResponse, HttpHandlerOptions> = {
    handle: async () => ({ response: new HttpResponse({ statusCode: 200, headers: { 'content-type': 'text/xml' }, body: Buffer.from(xml, 'utf8') }) }),
  };
  return new EC2Client({
    region: 'eu-west-1',
    endpoint: 'http://127.0.0.1:9',
    maxAttempts: 1,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    requestHandler,
    ...(streaming ? { protocol: StreamingEc2QueryProtocol } : {}),
  });
}

type Outcome = { ok: true; value: unknown } | { ok: false; name: string; message: string };

async function outcome(client: EC2Client, command: DescribeImagesCommand | DescribeSnapshotsCommand): Promise<Outcome> {
  try {
    const { $metadata: _ignored, ...value } = await client.send(command as DescribeImagesCommand);
    return { ok: true, value };
  } catch (error) {
    return error instanceof Error ? { ok: false, name: error.name, message: error.message } : { ok: false, name: 'thrown', message: String(error) };
  }
}

/** Both readers on the same answer, and whether the streaming one read it itself. */
async function both(xml: string, command: () => DescribeImagesCommand | DescribeSnapshotsCommand = () => new DescribeImagesCommand({})) {
  const sdk = await outcome(answering(xml, false), command());
  const before = { ...streamingXmlCounts };
  const streaming = await outcome(answering(xml, true), command());
  return { sdk, streaming, streamed: streamingXmlCounts.streamed > before.streamed, handedBack: streamingXmlCounts.handedBack > before.handedBack };
}

const images = (items: string, tail = ''): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<DescribeImagesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">\n  <requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>\n  <imagesSet>\n${items}\n  </imagesSet>${tail}\n</DescribeImagesResponse>`;

// As AWS writes it: indented, one element per line.
const AWS_IMAGE = `    <item>
      <imageId>ami-0abcdef1234567890</imageId>
      <imageLocation>123456789012/web &amp; api &lt;v2&gt;</imageLocation>
      <imageState>available</imageState>
      <imageOwnerId>123456789012</imageOwnerId>
      <creationDate>2026-11-02T10:00:00.000Z</creationDate>
      <isPublic>false</isPublic>
      <architecture>arm64</architecture>
      <imageType>machine</imageType>
      <name>web &#x41;&#66;</name>
      <description>built by &lt;pipeline&gt; &amp; friends &#8212; &quot;nightly&quot; &apos;x&apos;</description>
      <rootDeviceType>ebs</rootDeviceType>
      <rootDeviceName>/dev/xvda</rootDeviceName>
      <blockDeviceMapping>
        <item>
          <deviceName>/dev/xvda</deviceName>
          <ebs>
            <snapshotId>snap-1234567890abcdef0</snapshotId>
            <volumeSize>8</volumeSize>
            <deleteOnTermination>true</deleteOnTermination>
            <volumeType>gp3</volumeType>
            <encrypted>false</encrypted>
          </ebs>
        </item>
        <item>
          <deviceName>/dev/sdb</deviceName>
          <virtualName>ephemeral0</virtualName>
        </item>
      </blockDeviceMapping>
      <productCodes/>
      <tagSet>
        <item>
          <key>Name</key>
          <value></value>
        </item>
        <item>
          <key>team</key>
          <value>  platform  </value>
        </item>
      </tagSet>
      <virtualizationType>hvm</virtualizationType>
      <enaSupport>true</enaSupport>
      <hypervisor>xen</hypervisor>
      <futureField>not in this SDK's model yet</futureField>
      <futureSet>
        <item><nested>ignored</nested></item>
      </futureSet>
      <bootMode>uefi-preferred</bootMode>
    </item>`;

describe('reading EC2 answers in one pass', () => {
  it('reads an answer as AWS writes it exactly as the SDK does, by itself', async () => {
    const r = await both(images(`${AWS_IMAGE}\n${AWS_IMAGE.replace('ami-0abcdef1234567890', 'ami-0fedcba0987654321')}`, '\n  <nextToken>token&amp;more</nextToken>'));
    expect(r.streamed).toBe(true);
    expect(r.handedBack).toBe(false);
    expect(r.streaming).toEqual(r.sdk);
    const value = (r.sdk as { ok: true; value: { Images: Record<string, unknown>[]; NextToken: string } }).value;
    // The expectations a person would check, so both readers cannot agree on something wrong.
    expect(value.Images).toHaveLength(2);
    expect(value.NextToken).toBe('token&more');
    expect(value.Images[0]).toMatchObject({
      ImageLocation: '123456789012/web & api <v2>',
      Name: 'web AB',
      Description: 'built by <pipeline> & friends \u2014 "nightly" \'x\'',
      Public: false,
      EnaSupport: true,
      ProductCodes: [],
      Tags: [
        { Key: 'Name', Value: '' },
        { Key: 'team', Value: '  platform  ' },
      ],
      BlockDeviceMappings: [
        { DeviceName: '/dev/xvda', Ebs: { SnapshotId: 'snap-1234567890abcdef0', VolumeSize: 8, DeleteOnTermination: true, VolumeType: 'gp3', Encrypted: false } },
        { DeviceName: '/dev/sdb', VirtualName: 'ephemeral0' },
      ],
    });
  });

  it('keeps no answer alive through the values taken from it', async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const heap = () => {
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    // 4 MiB of answer around each image id (an element the model does not know, skipped).
    const padding = `\n      <futureBlob>${'x'.repeat(4 * 2 ** 20)}</futureBlob>`;
    const kept: string[] = [];
    const before = heap();
    for (let i = 0; i < 20; i++) {
      const id = `ami-0${String(i).padStart(16, '0')}`;
      const out = await answering(images(AWS_IMAGE.replace('ami-0abcdef1234567890', id).replace('<bootMode>', `${padding}\n      <bootMode>`)), true).send(new DescribeImagesCommand({}));
      kept.push(out.Images?.[0]?.ImageId ?? '');
    }
    const grown = heap() - before;
    expect(kept).toHaveLength(20);
    expect(kept[7]).toBe('ami-00000000000000007');
    // A scan keeps image ids for phase two: were they views of their answers, 80 MiB would stay.
    expect(grown).toBeLessThan(8 * 2 ** 20);
  });

  it('reads Windows line ends, an empty list and an answer with nothing but its request id', async () => {
    for (const xml of [images(AWS_IMAGE).replace(/\n/g, '\r\n'), images(''), '<DescribeImagesResponse><requestId>r</requestId><imagesSet/></DescribeImagesResponse>', '<DescribeImagesResponse/>']) {
      const r = await both(xml);
      expect(r.streaming).toEqual(r.sdk);
      expect(r.streamed).toBe(true);
    }
  });

  it('converts timestamps and numbers with the SDK', async () => {
    const xml = `<DescribeSnapshotsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
  <requestId>r</requestId>
  <snapshotSet>
    <item>
      <snapshotId>snap-1234567890abcdef0</snapshotId>
      <volumeId>vol-1234567890abcdef0</volumeId>
      <status>completed</status>
      <startTime>2026-11-02T10:00:00.123Z</startTime>
      <progress>100%</progress>
      <ownerId>123456789012</ownerId>
      <volumeSize>30</volumeSize>
      <encrypted>true</encrypted>
    </item>
  </snapshotSet>
</DescribeSnapshotsResponse>`;
    const r = await both(xml, () => new DescribeSnapshotsCommand({}));
    expect(r.streamed).toBe(true);
    expect(r.streaming).toEqual(r.sdk);
    const snapshot = (r.sdk as { ok: true; value: { Snapshots: { StartTime: Date; VolumeSize: number }[] } }).value.Snapshots[0];
    expect(snapshot?.StartTime).toEqual(new Date('2026-11-02T10:00:00.123Z'));
    expect(snapshot?.VolumeSize).toBe(30);
  });

  it('hands to the SDK what it would read differently, and the result is the SDK’s', async () => {
    const cases = {
      'an attribute on an element': images(AWS_IMAGE.replace('<imageId>', '<imageId kind="x">')),
      'text beside elements without a line break': images(AWS_IMAGE.replace('<item>\n      <imageId>', '<item> <imageId>')),
      'a member given twice': images(AWS_IMAGE.replace('<name>', '<name>first</name><name>')),
      'an element inside a value': images(AWS_IMAGE.replace('<architecture>arm64</architecture>', '<architecture>arm<b>64</b></architecture>')),
      'CDATA between elements': images(AWS_IMAGE.replace('<rootDeviceType>', '<![CDATA[x]]><rootDeviceType>')),
      'CDATA in a value': images(AWS_IMAGE.replace('<name>web &#x41;&#66;</name>', '<name><![CDATA[web <AB>]]></name>')),
      'a comment': images(AWS_IMAGE.replace('<rootDeviceType>', '<!-- generated --><rootDeviceType>')),
      'an unknown element with an attribute': images(AWS_IMAGE.replace('<futureField>', '<futureField kind="x">')),
      'content after the root': `${images(AWS_IMAGE)}<extra/>`,
      'an entity XML does not define': images(AWS_IMAGE.replace('arm64', 'arm&nbsp;64')),
    };
    for (const [what, xml] of Object.entries(cases)) {
      const r = await both(xml);
      expect(r.handedBack, what).toBe(true);
      expect(r.streaming, what).toEqual(r.sdk);
    }
  });

  it('fails as the SDK fails on a cut-off or malformed answer', async () => {
    const full = images(AWS_IMAGE);
    for (const xml of [full.slice(0, full.length / 2), full.slice(0, full.lastIndexOf('<')), full.replace('</name>', '</nome>'), 'not xml at all']) {
      const r = await both(xml);
      expect(r.sdk.ok).toBe(false);
      expect(r.streaming).toEqual(r.sdk);
    }
  });
});
