/**
 * The one contract both processes import. Every channel is declared once here with a zod
 * schema for its input (checked in main before any handler runs) and a TypeScript type for
 * its output. Events flow main → renderer and are typed the same way.
 *
 * Input objects are strict (unknown fields are rejected) and every string has a bound, so a
 * compromised or buggy page cannot push oversized or unexpected data into the core.
 */
import { z } from 'zod';
import type { AppErrorShape } from './errors';
import type { AmiDetail, AmiSummary, AppInfo, RegionInfo, Workspace } from './model';

const id = z.string().min(1).max(64);
const region = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'must look like eu-west-1');
const imageId = z.string().regex(/^ami-[0-9a-f]{8,17}$/, 'must look like ami-0123456789abcdef0');

export const schemas = {
  empty: z.strictObject({}),
  addAccessKeyAccount: z.strictObject({
    name: z.string().trim().min(1).max(100),
    clientName: z.string().trim().min(1).max(100),
    accessKeyId: z.string().regex(/^[A-Z0-9]{16,128}$/, 'must be an access key id such as AKIA…'),
    secretAccessKey: z.string().min(16).max(256),
    defaultRegion: region,
    endpoint: z.url({ protocol: /^https?$/ }).max(512).nullable().optional(),
  }),
  accountRef: z.strictObject({ account: id }),
  imageList: z.strictObject({
    account: id,
    region,
    view: z.enum(['owned', 'shared']),
  }),
  imageRef: z.strictObject({ account: id, region, imageId }),
} as const;

export interface ImageListResult {
  images: AmiSummary[];
  /** ISO time the list was read from AWS. */
  fetchedAt: string;
  /** How many DescribeImages pages were read (paging is followed to the end). */
  pages: number;
}

export interface AccountVerifyResult {
  awsAccountId: string;
  arn: string;
}

/** Every invokable channel: `area:verb` → input schema + output type. */
export const channels = {
  'app:info': { input: schemas.empty, output: {} as AppInfo },
  'workspace:get': { input: schemas.empty, output: {} as Workspace },
  'demo:open': { input: schemas.empty, output: {} as Workspace },
  'accounts:addAccessKey': { input: schemas.addAccessKeyAccount, output: {} as Workspace },
  'accounts:remove': { input: schemas.accountRef, output: {} as Workspace },
  'accounts:verify': { input: schemas.accountRef, output: {} as AccountVerifyResult },
  'regions:list': { input: schemas.accountRef, output: {} as RegionInfo[] },
  'images:list': { input: schemas.imageList, output: {} as ImageListResult },
  'images:get': { input: schemas.imageRef, output: {} as AmiDetail },
} as const;

export type Channel = keyof typeof channels;
export type ChannelInput<C extends Channel> = z.input<(typeof channels)[C]['input']>;
export type ChannelParsedInput<C extends Channel> = z.output<(typeof channels)[C]['input']>;
export type ChannelOutput<C extends Channel> = (typeof channels)[C]['output'];

/** Events main → renderer. */
export interface Events {
  'workspace:changed': Workspace;
}
export type EventName = keyof Events;
export const eventNames: readonly EventName[] = ['workspace:changed'];

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: AppErrorShape };

export const channelNames = Object.keys(channels) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && (eventNames as readonly string[]).includes(name);
}

/** What preload exposes as `window.atlas` (and what the preview shim imitates). */
export interface AtlasBridge {
  invoke(channel: string, input: unknown): Promise<Envelope<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** Names of the IPC primitives the preload uses; main listens on exactly these. */
export const IPC_INVOKE = 'atlas:invoke';
export const IPC_EVENT_PREFIX = 'atlas:event:';
