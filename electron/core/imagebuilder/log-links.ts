/**
 * Where an image build's logs are, and their pages in the AWS Console. Image Builder writes a
 * build's log to the log group /aws/imagebuilder/<image name> (unless the image names another
 * group), in the stream <version>/<build number>; when the infrastructure configuration says so
 * it also uploads them to S3 under a bucket and key prefix. Pure: built from what AWS names.
 */
import type { BuildLogStream, BuildS3Logs } from '../../../shared/imagebuilder-history';

const NOT_COMMERCIAL = /^(cn-|us-gov-|[a-z]{2}-iso[a-z]?-)/;

/** …:image/NAME/1.0.0/3 → { name, version: '1.0.0/3' }; null for anything else. */
export function parseBuildArn(arn: string): { name: string; version: string } | null {
  const match = /:image\/([a-z0-9-_]+)\/(\d+\.\d+\.\d+\/\d+)$/.exec(arn);
  return match ? { name: match[1]!, version: match[2]! } : null;
}

/**
 * The CloudWatch console escapes each path element of a logsV2 hash twice and writes `%` as `$`
 * (`/aws/x` → `$252Faws$252Fx`), so the console's router does not take the slashes as its own.
 */
export function logsV2Escape(value: string): string {
  return encodeURIComponent(encodeURIComponent(value)).replace(/%/g, '$');
}

export function cloudWatchStreamUrl(region: string, logGroup: string, logStream: string): string | null {
  if (NOT_COMMERCIAL.test(region)) return null;
  const r = encodeURIComponent(region);
  return `https://${r}.console.aws.amazon.com/cloudwatch/home?region=${r}#logsV2:log-groups/log-group/${logsV2Escape(logGroup)}/log-events/${logsV2Escape(logStream)}`;
}

/** The S3 console lists a "folder" when the prefix ends with a slash; the bucket's region is passed so it opens there. */
export function s3PrefixUrl(region: string, bucket: string, prefix: string): string | null {
  if (NOT_COMMERCIAL.test(region)) return null;
  const folder = prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
  const query = [`region=${encodeURIComponent(region)}`, ...(folder ? [`prefix=${encodeURIComponent(folder)}`] : []), 'showversions=false'];
  return `https://s3.console.aws.amazon.com/s3/buckets/${encodeURIComponent(bucket)}?${query.join('&')}`;
}

/** The build's log stream; `logGroupName` is the image's own logging configuration, when it has one. */
export function buildLogStream(region: string, build: { name: string; version: string }, logGroupName?: string | null): BuildLogStream {
  const logGroup = logGroupName || `/aws/imagebuilder/${build.name}`;
  return { logGroup, logStream: build.version, consoleUrl: cloudWatchStreamUrl(region, logGroup, build.version) };
}

export function buildS3Logs(region: string, s3: { s3BucketName?: string | undefined; s3KeyPrefix?: string | undefined } | undefined | null): BuildS3Logs | null {
  if (!s3?.s3BucketName) return null;
  const prefix = s3.s3KeyPrefix ?? '';
  return { bucket: s3.s3BucketName, prefix, consoleUrl: s3PrefixUrl(region, s3.s3BucketName, prefix) };
}
