/**
 * "Open in AWS Console": the page names an image (region and id, both checked by the contract's
 * schemas) and main builds the URL itself, so the page can never make main open an arbitrary one.
 */

/**
 * The EC2 console page of an image, in its own region. Commercial partition only: China, GovCloud
 * and the isolated regions have consoles of their own. (renderer/lib/awsLinks.ts builds the same
 * URL for the page; a unit test keeps the two in step.)
 */
export function imageConsoleUrl(region: string, imageId: string): string | null {
  if (/^(cn-|us-gov-|[a-z]{2}-iso[a-z]?-)/.test(region)) return null;
  const url = new URL(`https://${region}.console.aws.amazon.com/ec2/home`);
  url.searchParams.set('region', region);
  url.hash = `ImageDetails:imageId=${imageId}`;
  return url.href;
}
