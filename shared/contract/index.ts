/**
 * The one contract both processes import, made of one file per domain (`shared/contract/<domain>.ts`:
 * its input schemas, channels and events). Every channel has a zod schema for its input (checked
 * in main before any handler runs) and a TypeScript type for its output; events flow main →
 * renderer, typed the same way. The channel and event tables here are the domains' put together,
 * so adding a channel touches its domain's file only.
 *
 * Input objects are strict (unknown fields are rejected) and every string has a bound, so a
 * compromised or buggy page cannot push oversized or unexpected data into the core.
 */
import type { z } from 'zod';
import type { AppErrorShape } from '../errors';
import * as access from './access';
import * as accounts from './accounts';
import * as app from './app';
import * as builder from './builder';
import * as builderAuthoring from './builder-authoring';
import * as builderChecks from './builder-checks';
import * as builderHistory from './builder-history';
import * as builderManage from './builder-manage';
import * as cleanup from './cleanup';
import * as copy from './copy';
import * as discovery from './discovery';
import { common } from './fields';
import * as images from './images';
import * as inventory from './inventory';
import * as jobs from './jobs';
import * as kms from './kms';
import * as lifecycle from './lifecycle';
import * as retention from './retention';
import * as sharing from './sharing';
import * as usage from './usage';
import * as workspace from './workspace';

export type { AddPathResult } from './accounts';
export type { AccountVerifyResult, ProfileImportResult } from './access';
export type { DirectoryAccount, OrgAccount, OrgAddResult, OrgDirectory, SsoAddResult, SsoDirectory, SsoDiscoveryStatus, SsoPortalChanges, SsoRemoved, SsoSessionInfo } from './discovery';
export type { ImageListResult, PublicSearchResult } from './images';
export type { InventorySummary } from './inventory';

/** Every input schema by name (tests and tools check inputs against them directly). */
export const schemas = {
  ...common,
  ...app.schemas,
  ...accounts.schemas,
  ...access.schemas,
  ...discovery.schemas,
  ...workspace.schemas,
  ...images.schemas,
  ...inventory.schemas,
  ...sharing.schemas,
  ...copy.schemas,
  ...lifecycle.schemas,
  ...builder.schemas,
  ...builderManage.schemas,
  ...builderHistory.schemas,
  ...builderAuthoring.schemas,
  ...builderChecks.schemas,
  ...usage.schemas,
  ...retention.schemas,
  ...cleanup.schemas,
} as const;

/** Every invokable channel: `area:verb` → input schema + output type. */
export const channels = {
  ...app.channels,
  ...workspace.channels,
  ...accounts.channels,
  ...access.channels,
  ...discovery.channels,
  ...inventory.channels,
  ...images.channels,
  ...sharing.channels,
  ...copy.channels,
  ...jobs.channels,
  ...kms.channels,
  ...lifecycle.channels,
  ...builder.channels,
  ...builderManage.channels,
  ...builderHistory.channels,
  ...builderAuthoring.channels,
  ...builderChecks.channels,
  ...usage.channels,
  ...retention.channels,
  ...cleanup.channels,
} as const;

export type Channel = keyof typeof channels;
export type ChannelInput<C extends Channel> = z.input<(typeof channels)[C]['input']>;
export type ChannelParsedInput<C extends Channel> = z.output<(typeof channels)[C]['input']>;
export type ChannelOutput<C extends Channel> = (typeof channels)[C]['output'];

const events = {
  ...workspace.events,
  ...access.events,
  ...discovery.events,
  ...inventory.events,
  ...sharing.events,
  ...jobs.events,
  ...images.events,
  ...lifecycle.events,
  ...builder.events,
  ...builderManage.events,
  ...builderHistory.events,
  ...builderAuthoring.events,
  ...builderChecks.events,
  ...usage.events,
  ...retention.events,
  ...cleanup.events,
  ...app.events,
} as const;

/** Events main → renderer: name → payload. */
export type Events = { [E in keyof typeof events]: (typeof events)[E] };
export type EventName = keyof Events;
/** Derived from the domains' event tables, never kept by hand. */
export const eventNames = Object.keys(events) as EventName[];

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: AppErrorShape };

export const channelNames = Object.keys(channels) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}

/** What preload exposes as `window.atlas` (and what the preview shim imitates). */
export interface AtlasBridge {
  invoke(channel: string, input: unknown): Promise<Envelope<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** Names of the IPC primitives the preload uses; main listens on exactly these. */
export const IPC_INVOKE = 'atlas:invoke';
export const IPC_EVENT_PREFIX = 'atlas:event:';
