/**
 * The images service: list an account's AMIs in a region, one AMI's details, and the public,
 * Marketplace and Amazon catalogues page by page. When AWS cannot be asked (offline, or no path
 * of the account can sign in), the list and details answer from the offline inventory instead,
 * saying so and as of when — reads keep working; changes need AWS. Serves `images:*`.
 */
import { AppError } from '../../../shared/errors';
import type { AmiDetail, ImageView, LaunchPermission, StaleRead } from '../../../shared/model';
import type { InventoryRow } from '../../../shared/inventory';
import { listImages } from './list-images';
import { getImage } from './get-image';
import { searchCatalogue } from '../inventory/search-public';
import { placeError, type CoreContext } from '../context';
import type { InventoryStore } from '../inventory/store';
import type { channels } from '../../../shared/contract/images';
import type { ServiceOf } from '../serve';

/** Failures after which the inventory answers instead: AWS could not be reached, or not signed in to. */
const OFFLINE = new Set(['NETWORK', 'AUTH_FAILED']);

export type ImagesService = ServiceOf<typeof channels>;

export interface ImagesDeps {
  /** AWS through the accounts' paths (reads only). */
  aws: Pick<CoreContext, 'read' | 'pool'>;
  /** Where an account is, and our names for 12-digit account ids. */
  accounts: Pick<CoreContext, 'find' | 'knownAs'>;
  /** The offline inventory the reads fall back on. */
  inventory: InventoryStore;
}

export function imagesService({ aws, accounts, inventory: store }: ImagesDeps): ImagesService {
  const knownAs = (awsAccountId: string): string | null => accounts.knownAs(awsAccountId);

  /** The account's cached rows of one region and view, and when they were scanned. */
  const cached = (account: string, region: string, view: ImageView): { rows: InventoryRow[]; asOf: string | null } | null => {
    const located = accounts.find(account);
    if (!located) return null;
    const cache = store.cacheFor(located.source);
    const target = { account, region, view };
    const record = cache.targets().find((t) => t.account === account && t.region === region && t.view === view);
    if (!record?.scannedAt) return null;
    return { rows: cache.targetRows(target), asOf: record.scannedAt };
  };

  const staleOf = (error: AppError, asOf: string | null): StaleRead => ({ asOf, reason: { code: error.code, message: error.message } });

  return {
    list: async ({ account, region, view }) => {
      try {
        return await aws.read(account, region, 'ec2:DescribeImages', async (path) => {
          const { images, pages } = await listImages(aws.pool.ec2(path, region), view, {
            account,
            region,
            awsAccountId: path.awsAccountId,
          });
          return { images, pages, fetchedAt: new Date().toISOString(), stale: null };
        });
      } catch (error) {
        const appError = error instanceof AppError ? error : new AppError({ code: 'INTERNAL', message: String(error), retryable: false });
        const fallback = OFFLINE.has(appError.code) ? cached(account, region, view) : null;
        if (!fallback) throw appError;
        return { images: fallback.rows, pages: 0, fetchedAt: fallback.asOf ?? new Date().toISOString(), stale: staleOf(appError, fallback.asOf) };
      }
    },

    get: async ({ account, region, imageId }) => {
      try {
        return await aws.read(account, region, 'ec2:DescribeImages', async (path) =>
          getImage(aws.pool.ec2(path, region), imageId, {
            account,
            accountName: path.accountName,
            region,
            awsAccountId: path.awsAccountId,
            knownAs,
            wrap: (error, action) => placeError(error, path, region, action),
          }),
        );
      } catch (error) {
        const appError = error instanceof AppError ? error : new AppError({ code: 'INTERNAL', message: String(error), retryable: false });
        if (!OFFLINE.has(appError.code)) throw appError;
        // The image as the inventory last saw it through this account (owned first: it knows who may launch it).
        for (const view of ['owned', 'shared'] as const) {
          const hit = cached(account, region, view);
          const row = hit?.rows.find((r) => r.imageId === imageId);
          if (row) return detailFromInventory(row, knownAs, staleOf(appError, row.scannedAt ?? hit!.asOf));
        }
        throw appError;
      }
    },

    searchPublic: async ({ account, region, scope, name, owner, nextToken }) =>
      aws.read(account, region, 'ec2:DescribeImages', (path) => searchCatalogue(aws.pool.ec2(path, region), { scope, name, owner, nextToken }, { account, region })),
  };
}

/** What the inventory knows of an image, shaped as details: no block devices or snapshot sizes (those need AWS). */
export function detailFromInventory(row: InventoryRow, knownAs: (awsAccountId: string) => string | null, stale: StaleRead): AmiDetail {
  const launchPermissions: LaunchPermission[] | null =
    row.view === 'owned'
      ? [
          ...(row.public ? [{ kind: 'group' as const, value: 'all', knownAs: null }] : []),
          ...row.sharedWith.map((value): LaunchPermission => {
            if (value.includes(':ou/')) return { kind: 'organizational-unit', value, knownAs: null };
            if (value.startsWith('arn:')) return { kind: 'organization', value, knownAs: null };
            return { kind: 'account', value, knownAs: knownAs(value) };
          }),
        ]
      : null;
  return {
    imageId: row.imageId,
    name: row.name,
    description: row.description,
    ownerId: row.ownerId,
    ownerAlias: row.ownerAlias,
    state: row.state,
    architecture: row.architecture,
    platform: row.platform,
    rootDeviceType: row.rootDeviceType,
    virtualizationType: row.virtualizationType,
    creationDate: row.creationDate,
    deprecationTime: row.deprecationTime,
    public: row.public,
    encrypted: row.encrypted,
    tags: row.tags,
    account: row.account,
    region: row.region,
    imageLocation: null,
    rootDeviceName: null,
    enaSupport: null,
    bootMode: null,
    sourceImageId: null,
    sourceRegion: null,
    lastLaunchedTime: row.lastLaunchedTime,
    usageOperation: null,
    imdsSupport: null,
    tpmSupport: null,
    deregistrationProtection: null,
    blockDevices: [],
    launchPermissions,
    snapshots: row.snapshotIds.map((snapshotId) => ({ snapshotId, volumeSizeGiB: null, encrypted: row.encrypted, kmsKeyId: null, state: null, description: null })),
    stale,
  };
}
