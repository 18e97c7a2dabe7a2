/** Image channels: list an account's AMIs in a region, and one AMI's details. */
import { listImages } from '../images/list-images';
import { getImage } from '../images/get-image';
import { placeError, type CoreContext } from '../context';
import type { Handlers } from './types';

export function imageHandlers(ctx: CoreContext): Pick<Handlers, 'images:list' | 'images:get'> {
  const knownAs = (awsAccountId: string): string | null =>
    ctx.workspace().accounts.find((a) => a.awsAccountId === awsAccountId)?.name ?? null;

  return {
    'images:list': async ({ account, region, view }) =>
      ctx.withAccount(account, region, 'ec2:DescribeImages', async (record) => {
        const { images, pages } = await listImages(ctx.pool.ec2(record, region), view, {
          account: record.id,
          region,
          awsAccountId: record.awsAccountId,
        });
        return { images, pages, fetchedAt: new Date().toISOString() };
      }),

    'images:get': async ({ account, region, imageId }) =>
      ctx.withAccount(account, region, 'ec2:DescribeImages', async (record) =>
        getImage(ctx.pool.ec2(record, region), imageId, {
          account: record.id,
          region,
          awsAccountId: record.awsAccountId,
          knownAs,
          wrap: (error, action) => placeError(error, record, region, action),
        }),
      ),
  };
}
