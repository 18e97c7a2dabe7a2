/** Where an image build's logs are, and the AWS Console pages that show them. */
import { describe, expect, it } from 'vitest';
import { buildLogStream, buildS3Logs, cloudWatchStreamUrl, logsV2Escape, parseBuildArn, s3PrefixUrl } from '../../electron/core/imagebuilder/log-links';

describe('CloudWatch Logs', () => {
  it('escapes logsV2 path elements as the console does: twice, with $ for %', () => {
    expect(logsV2Escape('/aws/imagebuilder/golden-ubuntu')).toBe('$252Faws$252Fimagebuilder$252Fgolden-ubuntu');
    expect(logsV2Escape('1.0.0/12')).toBe('1.0.0$252F12');
    expect(logsV2Escape('a b[1]')).toBe('a$2520b$255B1$255D');
  });

  it("links the build's stream in its own region's console", () => {
    expect(cloudWatchStreamUrl('eu-west-1', '/aws/imagebuilder/app-base', '2.1.0/7')).toBe(
      'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/$252Faws$252Fimagebuilder$252Fapp-base/log-events/2.1.0$252F7',
    );
  });

  it('names the default group after the image and the stream after its version and build, unless the image names a group', () => {
    const arn = 'arn:aws:imagebuilder:us-east-1:123456789012:image/app-base/2.1.0/7';
    expect(parseBuildArn(arn)).toEqual({ name: 'app-base', version: '2.1.0/7' });
    expect(parseBuildArn('arn:aws:imagebuilder:us-east-1:123456789012:image/app-base/2.1.0')).toBeNull();
    expect(buildLogStream('us-east-1', { name: 'app-base', version: '2.1.0/7' })).toMatchObject({ logGroup: '/aws/imagebuilder/app-base', logStream: '2.1.0/7' });
    expect(buildLogStream('us-east-1', { name: 'app-base', version: '2.1.0/7' }, '/team/builds').logGroup).toBe('/team/builds');
  });

  it('has no link outside the commercial partition', () => {
    expect(cloudWatchStreamUrl('cn-north-1', '/aws/imagebuilder/x', '1.0.0/1')).toBeNull();
    expect(cloudWatchStreamUrl('us-gov-west-1', '/aws/imagebuilder/x', '1.0.0/1')).toBeNull();
    expect(buildLogStream('us-iso-east-1', { name: 'x', version: '1.0.0/1' }).consoleUrl).toBeNull();
  });
});

describe('S3 logs', () => {
  it('opens the bucket at the prefix as a folder', () => {
    expect(s3PrefixUrl('us-west-2', 'build-logs', 'image-builder/app base')).toBe(
      'https://s3.console.aws.amazon.com/s3/buckets/build-logs?region=us-west-2&prefix=image-builder%2Fapp%20base%2F&showversions=false',
    );
    expect(s3PrefixUrl('us-west-2', 'build-logs', 'logs/')).toContain('prefix=logs%2F&');
    expect(s3PrefixUrl('us-west-2', 'build-logs', '')).toBe('https://s3.console.aws.amazon.com/s3/buckets/build-logs?region=us-west-2&showversions=false');
    expect(s3PrefixUrl('cn-north-1', 'build-logs', 'x')).toBeNull();
  });

  it('is only there when the infrastructure configuration names a bucket', () => {
    expect(buildS3Logs('us-east-1', undefined)).toBeNull();
    expect(buildS3Logs('us-east-1', { s3KeyPrefix: 'x' })).toBeNull();
    expect(buildS3Logs('us-east-1', { s3BucketName: 'b' })).toMatchObject({ bucket: 'b', prefix: '' });
  });
});
