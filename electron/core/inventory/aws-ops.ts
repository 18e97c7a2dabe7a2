/**
 * The scanner's AWS calls over the app's clients. Each goes through `read`, so credential
 * failures mark the path's health, and another path reads, exactly as everywhere else in the app.
 * One attempt per call: the scanner retries a throttled call itself, through its pacing.
 */
import { DescribeImageAttributeCommand, DescribeImagesCommand, DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { AppError } from '../../../shared/errors';
import type { CoreContext } from '../context';
import { describeImagesInputFor } from '../images/list-images';
import type { ScanOps } from './scanner';

/** DescribeImages pages as large as AWS allows: fewer calls. */
const PAGE_SIZE = 1000;

export function awsScanOps(ctx: CoreContext): ScanOps {
  return {
    accountInfo(account) {
      const { account: record } = ctx.require(account);
      return { awsAccountId: record.awsAccountId, defaultRegion: record.defaultRegion };
    },

    regions(account, signal) {
      const { account: record } = ctx.require(account);
      return ctx.read(account, record.defaultRegion, 'ec2:DescribeRegions', async (path) => {
        const out = await ctx.pool.ec2SingleAttempt(path, record.defaultRegion).send(new DescribeRegionsCommand({}), { abortSignal: signal });
        // Without AllRegions, EC2 lists exactly the regions enabled for the account.
        return (out.Regions ?? []).flatMap((r) => (r.RegionName && r.OptInStatus !== 'not-opted-in' ? [r.RegionName] : [])).sort();
      });
    },

    imagesPage(target, nextToken, signal) {
      return ctx.read(target.account, target.region, 'ec2:DescribeImages', async (path) => {
        const input = { ...describeImagesInputFor(target.view), MaxResults: PAGE_SIZE, ...(nextToken ? { NextToken: nextToken } : {}) };
        const out = await ctx.pool.ec2SingleAttempt(path, target.region).send(new DescribeImagesCommand(input), { abortSignal: signal });
        return { images: out.Images ?? [], nextToken: out.NextToken || undefined };
      });
    },

    async launchPermissions(target, imageId, signal) {
      try {
        return await ctx.read(target.account, target.region, 'ec2:DescribeImageAttribute', async (path) => {
          const out = await ctx.pool
            .ec2SingleAttempt(path, target.region)
            .send(new DescribeImageAttributeCommand({ ImageId: imageId, Attribute: 'launchPermission' }), { abortSignal: signal });
          return out.LaunchPermissions ?? [];
        });
      } catch (error) {
        // Deregistered between the listing and this call: it is simply no longer there.
        if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
        throw error;
      }
    },
  };
}
