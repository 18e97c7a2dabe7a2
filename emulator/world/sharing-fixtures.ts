/**
 * Seeded state for the sharing rules, drawn from its own random stream so it never shifts the
 * ids of the rest of the world:
 * - image block public access is on (`block-new-sharing`) for initech-shared-services in
 *   us-east-1, where its community image stays public (the block only stops new sharing);
 * - globex-dev owns a private Marketplace-coded appliance in eu-central-1, which can be shared
 *   with accounts but never made public.
 * Customer-key and AWS-managed-key encrypted images come from the main seed (acme-staging's
 * payments-api and globex-prod's svc-search use customer keys; globex-prod's svc-orders the
 * AWS-managed aws/ebs key).
 */
import { ImageFactory } from './factory';
import type { World } from './model';
import type { Rng } from './random';

export const BLOCK_PUBLIC_ACCESS_FIXTURE = { accountName: 'initech-shared-services', region: 'us-east-1' } as const;

export const PRODUCT_CODE_FIXTURE = {
  accountName: 'globex-dev',
  region: 'eu-central-1',
  imageName: 'globex-licensed-analytics-appliance-2026.09',
} as const;

export function addSharingFixtures(world: World, rng: Rng): void {
  const blocked = world.accounts.find((a) => a.name === BLOCK_PUBLIC_ACCESS_FIXTURE.accountName);
  if (blocked) world.setImagePublicSharingBlocked(blocked.accountId, BLOCK_PUBLIC_ACCESS_FIXTURE.region, true);

  const owner = world.accounts.find((a) => a.name === PRODUCT_CODE_FIXTURE.accountName);
  if (!owner) return;
  new ImageFactory(world, rng).create({
    region: PRODUCT_CODE_FIXTURE.region,
    ownerId: owner.accountId,
    name: PRODUCT_CODE_FIXTURE.imageName,
    description: 'Licensed analytics appliance (AWS Marketplace product code)',
    os: 'ubuntu-24.04',
    arch: 'x86_64',
    created: new Date(Date.UTC(2026, 8, 14, 11, 20)),
    productCodes: [{ productCodeId: rng.chars(25, 'abcdefghijklmnopqrstuvwxyz0123456789'), productCodeType: 'marketplace' }],
    tags: [
      { key: 'Name', value: 'globex-licensed-analytics-appliance' },
      { key: 'Team', value: 'analytics' },
      { key: 'Env', value: 'dev' },
    ],
  });
}
