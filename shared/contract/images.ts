/** One account's AMIs in one region, an AMI in depth, and the public, Marketplace and Amazon catalogues. */
import { z } from 'zod';
import type { AmiDetail, AmiSummary, StaleRead } from '../model';
import { id, region, imageRefShape, output, event } from './fields';

export const schemas = {
  searchPublic: z.strictObject({
    account: id,
    region,
    scope: z.enum(['public', 'marketplace', 'amazon']),
    /** Name pattern (wildcards * ?); AWS needs some narrowing for public images. */
    name: z.string().max(200).optional(),
    /** Owner account id or alias. */
    owner: z.string().max(64).optional(),
    nextToken: z.string().max(4096).nullable().optional(),
  }),
  imageList: z.strictObject({
    account: id,
    region,
    view: z.enum(['owned', 'shared']),
  }),
  imageRef: z.strictObject(imageRefShape),
} as const;

export interface ImageListResult {
  images: AmiSummary[];
  /** ISO time the list was read from AWS (or, when `stale`, when the inventory read it). */
  fetchedAt: string;
  /** How many DescribeImages pages were read (paging is followed to the end); 0 from the inventory. */
  pages: number;
  /** AWS could not be asked (offline, or no path could sign in): this is the last inventory instead. */
  stale: StaleRead | null;
}

export interface PublicSearchResult {
  images: AmiSummary[];
  nextToken: string | null;
}

export const channels = {
  'images:searchPublic': { input: schemas.searchPublic, output: output<PublicSearchResult>() },
  'images:list': { input: schemas.imageList, output: output<ImageListResult>() },
  'images:get': { input: schemas.imageRef, output: output<AmiDetail>() },
} as const;

export const events = {
  /** Images were created, deregistered or changed by a lifecycle action or a finished copy. */
  'images:changed': event<{ images: Array<{ account: string; region: string; imageId: string }>; auditIds: string[] }>(),
} as const;
