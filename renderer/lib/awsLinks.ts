/**
 * What "Open in AWS Console", "Copy ARN" and "Copy as AWS CLI command" produce for an AMI. Pure.
 * Everything here is built from what AWS names (region, image id, profile name, endpoint), never
 * from the app's own ids, because the result ends up in a browser, a clipboard or a terminal.
 * The core builds the console URL again itself (electron/core/app/console-url.ts): the page only
 * ever asks main to open an image's page, never a URL.
 */
import type { AccessPathSummary, AccountSummary } from '../../shared/model';

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov' | `aws-iso${string}`;

/** The AWS partition a region belongs to (its ARNs say so; the console lives elsewhere per partition). */
export function partitionOf(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  // us-iso-east-1 → aws-iso, us-isob-east-1 → aws-iso-b, eu-isoe-west-1 → aws-iso-e.
  const iso = /^[a-z]{2}-iso([a-z]?)-/.exec(region);
  if (iso) return iso[1] ? `aws-iso-${iso[1]}` : 'aws-iso';
  return 'aws';
}

/**
 * The EC2 console page of an image, in its own region; null outside the commercial partition
 * (China, GovCloud and the isolated regions have consoles of their own that we do not link to).
 */
export function consoleUrl(region: string, imageId: string): string | null {
  if (partitionOf(region) !== 'aws') return null;
  const r = encodeURIComponent(region);
  return `https://${r}.console.aws.amazon.com/ec2/home?region=${r}#ImageDetails:imageId=${encodeURIComponent(imageId)}`;
}

/** An AMI's ARN: images have no account in theirs. */
export function imageArn(region: string, imageId: string): string {
  return `arn:${partitionOf(region)}:ec2:${region}::image/${imageId}`;
}

/** The path an account is read through: the one marked for reads, else its first. */
export function readPathOf(account: Pick<AccountSummary, 'paths' | 'readPath'>): AccessPathSummary | null {
  return account.paths.find((p) => p.id === account.readPath) ?? account.paths[0] ?? null;
}

/** The endpoint an account is read from when it is not AWS's own: the account's, else its read path's. */
export function endpointOf(account: Pick<AccountSummary, 'paths' | 'readPath' | 'endpoint'> | null): string | null {
  if (!account) return null;
  return account.endpoint ?? readPathOf(account)?.endpoint ?? null;
}

/** Quotes a word for POSIX shells only when it needs it. */
export function shellWord(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * `aws ec2 describe-images` for one AMI, as it would be typed to look at it from the account it
 * is read through: with `--profile` when that account is read through an AWS CLI profile, and
 * `--endpoint-url` when the account talks to an endpoint other than AWS (such as the demo's).
 */
export function describeImagesCommand(
  image: { region: string; imageId: string },
  account: Pick<AccountSummary, 'paths' | 'readPath' | 'endpoint'> | null,
): string {
  const words = ['aws', 'ec2', 'describe-images', '--region', image.region, '--image-ids', image.imageId];
  const path = account ? readPathOf(account) : null;
  if (path?.kind === 'profile' && path.profileName) words.push('--profile', path.profileName);
  const endpoint = endpointOf(account);
  if (endpoint) words.push('--endpoint-url', endpoint);
  return words.map(shellWord).join(' ');
}
