/** Image channels: list an account's AMIs in a region, and one AMI's details. */
import { listImages } from '../images/list-images';
import { getImage } from '../images/get-image';
import { placeError, type CoreContext } from '../context';
import type { Handlers } from './types';

export function imageHandlers(ctx: CoreContext): Pick<Handlers, 'images:list' | 'images:get'> {
  const knownAs = (awsAccountId: string): string | null => ctx.knownAs(awsAccountId);

  return {
    'images:list': async ({ account, region, view }) =>
      ctx.read(account, region, 'ec2:DescribeImages', async (path) => {
        const { images, pages } = await listImages(ctx.pool.ec2(path, region), view, {
          account,
          region,
          awsAccountId: path.awsAccountId,
        });
        return { images, pages, fetchedAt: new Date().toISOString() };
      }),

    'images:get': async ({ account, region, imageId }) =>
      ctx.read(account, region, 'ec2:DescribeImages', async (path) =>
        getImage(ctx.pool.ec2(path, region), imageId, {
          account,
          accountName: path.accountName,
          region,
          awsAccountId: path.awsAccountId,
          knownAs,
          wrap: (error, action) => placeError(error, path, region, action),
        }),
      ),
  };
}
