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
import { endpointProblem } from './endpoint';
import { INVENTORY_COLUMNS, type InventoryPage, type InventoryRow, type ScanStatus, type ScanTarget, type TargetProgress } from './inventory';
import type { AmiDetail, AmiSummary, AppInfo, MfaPrompt, ProfileInfo, RegionInfo, SsoSignInStart, SsoStatus, StaleRead, Workspace } from './model';
import {
  ACCOUNT_ID,
  ORGANIZATION_ARN,
  OU_ARN,
  type AuditEntry,
  type BlockPublicAccessState,
  type ShareMatrix,
  type SharePlan,
  type ShareResult,
} from './sharing';
import type { CopyJob, CopyPlan, ImageUsage, KmsKeyChoice, LifecycleItemResult } from './lifecycle';
import type { BuildRun, ComponentChoice, CreatePipelineResult, PipelineDetail, PipelineSummary } from './imagebuilder';
import type { StartupStatus } from './startup';

const id = z.string().min(1).max(64);
const region = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'must look like eu-west-1');
const imageId = z.string().regex(/^ami-[0-9a-f]{8,17}$/, 'must look like ami-0123456789abcdef0');
const displayName = z.string().trim().min(1).max(100);
const roleArn = z
  .string()
  .max(2048)
  .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, 'must be a role ARN such as arn:aws:iam::123456789012:role/Name');
const mfaSerial = z
  .string()
  .max(256)
  .regex(/^(arn:aws[a-z-]*:iam::\d{12}:mfa\/[\w+=,.@/-]+|GAHT\w+|\w{9,})$/, 'must be an MFA device ARN such as arn:aws:iam::123456789012:mfa/name');
const externalId = z.string().min(2).max(1224).regex(/^[\w+=,.@:/-]+$/, 'may contain letters, digits and +=,.@:/-');
/** https, or http on this computer; never a link-local or metadata address (shared/endpoint.ts). */
const endpoint = z
  .url({ protocol: /^https?$/ })
  .max(512)
  .superRefine((value, ctx) => {
    // Not a URL at all is z.url's to say.
    const problem = URL.canParse(value) ? endpointProblem(value) : null;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
const shareEntity = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('account'), accountId: z.string().regex(ACCOUNT_ID, 'must be a 12-digit account id') }),
  z.strictObject({ kind: z.literal('organization'), arn: z.string().max(256).regex(ORGANIZATION_ARN, 'must be an organization ARN') }),
  z.strictObject({ kind: z.literal('organizational-unit'), arn: z.string().max(256).regex(OU_ARN, 'must be an OU ARN') }),
  z.strictObject({ kind: z.literal('public') }),
]);
const imageRefShape = { account: id, region, imageId };
const shareChange = {
  images: z.array(z.strictObject(imageRefShape)).min(1).max(200),
  add: z.array(shareEntity).max(100),
  remove: z.array(shareEntity).max(100),
  snapshots: z.boolean(),
};
const nameTemplate = z.string().trim().min(1).max(200);
const copyRequest = {
  images: z.array(z.strictObject(imageRefShape)).min(1).max(100),
  destinationAccount: id,
  regions: z.array(region).min(1).max(32),
  nameTemplate,
  descriptionTemplate: z.string().max(255),
  encrypted: z.boolean(),
  kmsKey: z.string().min(1).max(2048).regex(/^(alias\/[\w/_-]+|[0-9a-f-]{36}|mrk-[0-9a-f]{32}|arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[\w/_-]+)$/, 'must be a KMS alias (alias/name), key id or ARN').nullable(),
  copyTags: z.boolean(),
};
const lifecycleAction = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('deregister'), deleteSnapshots: z.boolean() }),
  z.strictObject({ kind: z.literal('deprecate'), at: z.iso.datetime({ offset: true }) }),
  z.strictObject({ kind: z.literal('undeprecate') }),
  z.strictObject({ kind: z.literal('disable') }),
  z.strictObject({ kind: z.literal('enable') }),
  z.strictObject({ kind: z.literal('protect'), cooldown: z.boolean() }),
  z.strictObject({ kind: z.literal('unprotect') }),
]);
const builderArn = z.string().max(1024).regex(/^arn:aws[a-z-]*:imagebuilder:[a-z0-9-]+:(\d{12}|aws):[a-z-]+\/[\w./-]+$/, 'must be an Image Builder ARN');
const builderName = z.string().trim().min(1).max(126).regex(/^[-_A-Za-z0-9]+$/, 'letters, digits, - and _ only');
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour such as #2f81f7');

export const schemas = {
  empty: z.strictObject({}),
  /** A backup by its file name as `startup:status` listed it (never a path). */
  restoreBackup: z.strictObject({ backup: z.string().min(1).max(200).regex(/^[\w.-]+\.sqlite$/, 'must be the name of a backup') }),
  /** An image by region and id alone: main builds its console URL from these, never takes a URL. */
  consoleImage: z.strictObject({ region, imageId }),
  addAccessKeyAccount: z.strictObject({
    name: displayName,
    clientName: displayName,
    accessKeyId: z.string().regex(/^[A-Z0-9]{16,128}$/, 'must be an access key id such as AKIA…'),
    secretAccessKey: z.string().min(16).max(256),
    defaultRegion: region,
    endpoint: endpoint.nullable().optional(),
    production: z.boolean().optional(),
    /** Add the key pair as another way into this account (refused if it reaches another one). */
    account: id.optional(),
  }),
  addRoleAccount: z.strictObject({
    name: displayName,
    clientName: displayName,
    /** The access path whose credentials assume the role. */
    sourcePath: id,
    roleArn,
    externalId: externalId.nullable().optional(),
    mfaSerial: mfaSerial.nullable().optional(),
    sessionName: z.string().regex(/^[\w+=,.@-]{2,64}$/, '2–64 letters, digits or +=,.@-').nullable().optional(),
    durationSeconds: z.number().int().min(900).max(43200).nullable().optional(),
    defaultRegion: region,
    production: z.boolean().optional(),
    account: id.optional(),
  }),
  importProfiles: z.strictObject({
    profiles: z
      .array(
        z.strictObject({
          profileName: z.string().min(1).max(128),
          name: displayName,
          clientName: displayName,
          production: z.boolean().optional(),
          account: id.optional(),
        }),
      )
      .min(1)
      .max(500),
  }),
  updateAccount: z.strictObject({
    account: id,
    name: displayName.optional(),
    clientName: displayName.optional(),
    defaultRegion: region.optional(),
    production: z.boolean().optional(),
    favoriteRegions: z.array(region).max(40).optional(),
    /** The path reads start with (null: any healthy path). */
    readPath: id.nullable().optional(),
    /** The path changes go through (null: the first path). */
    writePath: id.nullable().optional(),
    /** The account's name, typed, when the change stops it counting as production. */
    confirmations: z.record(id, z.string().max(200)).optional(),
  }),
  updatePath: z.strictObject({
    path: id,
    /** A name for the path (null: described by how it reaches the account). */
    label: displayName.nullable().optional(),
    externalId: externalId.nullable().optional(),
    mfaSerial: mfaSerial.nullable().optional(),
  }),
  pathRef: z.strictObject({ path: id }),
  updateKeys: z.strictObject({
    path: id,
    accessKeyId: z.string().regex(/^[A-Z0-9]{16,128}$/, 'must be an access key id such as AKIA…'),
    secretAccessKey: z.string().min(16).max(256),
  }),
  updateClient: z.strictObject({
    client: id,
    name: displayName.optional(),
    color: color.optional(),
    production: z.boolean().optional(),
    /** The client's name (keyed by its id), typed, when its production flag is cleared. */
    confirmations: z.record(id, z.string().max(200)).optional(),
  }),
  mfaAnswer: z.strictObject({
    requestId: id,
    /** null cancels the prompt (the call that needed it fails with AUTH_FAILED). */
    code: z.string().regex(/^\d{6}$/, 'must be the 6-digit code from the MFA device').nullable(),
  }),
  accountRef: z.strictObject({ account: id }),
  /** A production account is removed only with its name typed (removing it removes its guard). */
  removeAccount: z.strictObject({ account: id, confirmations: z.record(id, z.string().max(200)).optional() }),
  inventoryScan: z.strictObject({
    /** Default: every account of the workspace. */
    accounts: z.array(id).max(1000).optional(),
    /** Default: each account's enabled regions. */
    regions: z.array(region).max(64).optional(),
    views: z.array(z.enum(['owned', 'shared'])).min(1).max(2).optional(),
  }),
  scanRef: z.strictObject({ scanId: id }),
  inventoryRows: z.strictObject({
    /** Whole targets, so a page is never split by a scan that writes while it loads. */
    targets: z
      .array(z.strictObject({ account: id, region, view: z.enum(['owned', 'shared']) }))
      .min(1)
      .max(5000),
  }),
  inventoryExport: z.strictObject({
    columns: z.array(z.enum(INVENTORY_COLUMNS)).min(1).max(INVENTORY_COLUMNS.length),
    /** null exports the whole inventory. */
    filter: z
      .strictObject({
        text: z.string().max(500),
        regions: z.array(z.string().max(32)).max(64),
        platforms: z.array(z.string().max(100)).max(100),
        architectures: z.array(z.string().max(32)).max(10),
        launchPermissions: z.array(z.enum(['private', 'shared', 'organization', 'public'])).max(4),
        rootDeviceTypes: z.array(z.string().max(32)).max(4),
        states: z.array(z.string().max(32)).max(20),
        accounts: z.array(id).max(1000),
        owners: z.array(z.string().max(64)).max(1000),
        views: z.array(z.enum(['owned', 'shared'])).max(2),
        deprecated: z.enum(['any', 'yes', 'no']),
        encrypted: z.enum(['any', 'yes', 'no']),
        tags: z.array(z.string().max(300)).max(50),
      })
      .nullable(),
    /** A byte-order mark so Excel reads UTF-8. */
    bom: z.boolean(),
  }),
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
  /** Leaving a share changes the account that leaves: production asks for its name. */
  leaveShare: z.strictObject({ ...imageRefShape, confirmations: z.record(id, z.string().max(200)).optional() }),
  sharePlan: z.strictObject(shareChange),
  shareApply: z.strictObject({
    ...shareChange,
    confirmations: z.record(id, z.string().max(200)),
    publicConfirmation: z.string().max(200).optional(),
  }),
  shareReset: z.strictObject({ ...imageRefShape, snapshots: z.boolean(), confirmations: z.record(id, z.string().max(200)) }),
  auditList: z.strictObject({ limit: z.number().int().min(1).max(2000) }),
  auditUndo: z.strictObject({ id: z.string().max(40).regex(/^[a-z][a-z0-9]*-\d+$/, 'must be an audit entry id'), confirmations: z.record(id, z.string().max(200)) }),
  regionRef: z.strictObject({ account: id, region }),
  /** A client's own AMIs × its accounts, or one hub account's AMIs × every client's accounts. */
  shareMatrix: z.union([z.strictObject({ client: id }), z.strictObject({ hub: id })]),
  copyPlan: z.strictObject(copyRequest),
  copyStart: z.strictObject({ ...copyRequest, confirmations: z.record(id, z.string().max(200)) }),
  jobRef: z.strictObject({ id }),
  /** Cancelling a copy or a build changes the account it runs in: production asks for its name. */
  jobCancel: z.strictObject({ id, confirmations: z.record(id, z.string().max(200)).optional() }),
  pipelineRef: z.strictObject({ account: id, region, arn: builderArn }),
  pipelineStart: z.strictObject({ account: id, region, arn: builderArn, confirmations: z.record(id, z.string().max(200)) }),
  pipelineCreate: z.strictObject({
    account: id,
    region,
    name: builderName,
    description: z.string().max(1024),
    parentImage: z.union([imageId, builderArn]),
    recipeVersion: z.string().regex(/^\d+\.\d+\.\d+$/, 'must look like 1.0.0'),
    components: z.array(builderArn).min(1).max(20),
    tests: z.array(builderArn).max(20),
    instanceProfileName: z.string().min(1).max(256).regex(/^[\w+=,.@-]+$/, 'must be an instance profile name'),
    instanceTypes: z.array(z.string().regex(/^[a-z0-9]+[a-z0-9-]*\.[a-z0-9]+$/, 'must be an instance type such as m5.large')).min(1).max(10),
    terminateInstanceOnFailure: z.boolean(),
    regions: z.array(region).min(1).max(32),
    amiName: z.string().min(1).max(127),
    shareWithAccounts: z.array(z.string().regex(/^\d{12}$/, 'must be a 12-digit account id')).max(100),
    schedule: z.string().max(256).regex(/^cron\(.+\)$/, 'must be a cron expression such as cron(0 6 ? * MON *)').nullable(),
    confirmations: z.record(id, z.string().max(200)),
  }),
  lifecycleInspect: z.strictObject({ images: z.array(z.strictObject(imageRefShape)).min(1).max(200) }),
  lifecycleApply: z.strictObject({
    images: z.array(z.strictObject(imageRefShape)).min(1).max(200),
    action: lifecycleAction,
    confirmations: z.record(id, z.string().max(200)),
  }),
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

export interface InventorySummary {
  total: number;
  /** Every target's last scan (whether it worked, when, how many rows). */
  targets: TargetProgress[];
  /** The oldest scan time among the targets that hold rows: "as of". */
  asOf: string | null;
  /** The scan running now, if any. */
  running: ScanStatus | null;
}

export interface PublicSearchResult {
  images: AmiSummary[];
  nextToken: string | null;
}

export interface AccountVerifyResult {
  awsAccountId: string;
  arn: string;
  alias: string | null;
  /** The account the path is attached to now, and whether it had to move there. */
  account: string;
  accountName: string;
  moved: boolean;
}

/** A new access path: the account it joined (an existing one, when it reaches an account already in the workspace). */
export interface AddPathResult {
  workspace: Workspace;
  account: string;
  accountName: string;
  path: string;
  /** It reaches an account the workspace already had: the name and client typed were not used. */
  joined: boolean;
}

export interface ProfileImportResult {
  workspace: Workspace;
  /** One per requested profile: imported and verified, imported but not verified (why), or refused (why). */
  results: Array<{
    profileName: string;
    account: string | null;
    accountName: string | null;
    path: string | null;
    joined: boolean;
    verified: boolean;
    error: AppErrorShape | null;
  }>;
}

/** Every invokable channel: `area:verb` → input schema + output type. */
export const channels = {
  'app:info': { input: schemas.empty, output: {} as AppInfo },
  /** Whether the database could be opened; when not, why, and the backups that can be restored. */
  'startup:status': { input: schemas.empty, output: {} as StartupStatus },
  /** Checks the database again (after the user fixed permissions or space). */
  'startup:retry': { input: schemas.empty, output: {} as StartupStatus },
  /** Keeps the unusable database aside and puts the backup in its place. */
  'startup:restore': { input: schemas.restoreBackup, output: {} as StartupStatus },
  /** Keeps the unusable database aside and starts with an empty one. */
  'startup:startFresh': { input: schemas.empty, output: {} as StartupStatus },
  /** Opens the image's page in the AWS Console in the user's browser; answers with the URL opened. */
  'app:openConsole': { input: schemas.consoleImage, output: {} as { url: string } },
  'workspace:get': { input: schemas.empty, output: {} as Workspace },
  /** Opens the demo workspace (starting its world the first time); the user's accounts wait aside. */
  'demo:open': { input: schemas.empty, output: {} as Workspace },
  /** Closes the demo workspace and its world; the user's own accounts are shown again. */
  'demo:close': { input: schemas.empty, output: {} as Workspace },
  'accounts:addAccessKey': { input: schemas.addAccessKeyAccount, output: {} as AddPathResult },
  'accounts:addRole': { input: schemas.addRoleAccount, output: {} as AddPathResult },
  'accounts:update': { input: schemas.updateAccount, output: {} as Workspace },
  'accounts:remove': { input: schemas.removeAccount, output: {} as Workspace },
  'paths:update': { input: schemas.updatePath, output: {} as Workspace },
  'paths:updateKeys': { input: schemas.updateKeys, output: {} as Workspace },
  /** Removes one way in; the account stays (with its inventory and history). */
  'paths:remove': { input: schemas.pathRef, output: {} as Workspace },
  'paths:verify': { input: schemas.pathRef, output: {} as AccountVerifyResult },
  'clients:update': { input: schemas.updateClient, output: {} as Workspace },
  'profiles:list': { input: schemas.empty, output: {} as ProfileInfo[] },
  'profiles:import': { input: schemas.importProfiles, output: {} as ProfileImportResult },
  'sso:signIn': { input: schemas.pathRef, output: {} as SsoSignInStart },
  'sso:cancel': { input: schemas.pathRef, output: {} as Workspace },
  'mfa:answer': { input: schemas.mfaAnswer, output: {} as { accepted: boolean } },
  'keychain:useSessionOnly': { input: schemas.empty, output: {} as Workspace },
  'inventory:scan': { input: schemas.inventoryScan, output: {} as ScanStatus },
  'inventory:cancel': { input: schemas.scanRef, output: {} as ScanStatus | null },
  'inventory:summary': { input: schemas.empty, output: {} as InventorySummary },
  'inventory:rows': { input: schemas.inventoryRows, output: {} as InventoryPage },
  /** Streams the rows to a file the user picks in the native save dialog (main decides the path). */
  'inventory:export': { input: schemas.inventoryExport, output: {} as { path: string | null; rows: number } },
  'images:searchPublic': { input: schemas.searchPublic, output: {} as PublicSearchResult },
  'regions:list': { input: schemas.accountRef, output: {} as RegionInfo[] },
  'images:list': { input: schemas.imageList, output: {} as ImageListResult },
  'images:get': { input: schemas.imageRef, output: {} as AmiDetail },
  /** Read-only: what a share/unshare would change, and what blocks or needs care. */
  'sharing:plan': { input: schemas.sharePlan, output: {} as SharePlan },
  'sharing:apply': { input: schemas.shareApply, output: {} as ShareResult },
  /** ResetImageAttribute: only the owner can launch it again (optionally the snapshots too). */
  'sharing:reset': { input: schemas.shareReset, output: {} as ShareResult },
  /** The recipient removes an image shared with it (CancelImageLaunchPermission). */
  'sharing:leave': { input: schemas.leaveShare, output: {} as ShareResult },
  'sharing:blockPublicAccess': { input: schemas.regionRef, output: {} as BlockPublicAccessState },
  'sharing:matrix': { input: schemas.shareMatrix, output: {} as ShareMatrix },
  'audit:list': { input: schemas.auditList, output: {} as AuditEntry[] },
  'audit:undo': { input: schemas.auditUndo, output: {} as ShareResult },
  /** Read-only: every copy to be made, with what AWS would refuse and why. */
  'copy:plan': { input: schemas.copyPlan, output: {} as CopyPlan },
  /** Queues the copies as jobs (tracked in SQLite, resumed after a restart). */
  'copy:start': { input: schemas.copyStart, output: {} as CopyJob[] },
  'jobs:list': { input: schemas.empty, output: {} as CopyJob[] },
  /** A queued copy is dropped; a running one is stopped by deregistering the pending image. */
  'jobs:cancel': { input: schemas.jobCancel, output: {} as CopyJob },
  /** Forgets finished jobs (available, failed, cancelled). */
  'jobs:clearFinished': { input: schemas.empty, output: {} as CopyJob[] },
  /** KMS keys of an account and region, by alias, to choose the copies' encryption key. */
  'kms:keys': { input: schemas.regionRef, output: {} as KmsKeyChoice[] },
  /** Whether images are still in use (last launched, references) and who they are shared with. */
  'lifecycle:inspect': { input: schemas.lifecycleInspect, output: {} as ImageUsage[] },
  'lifecycle:apply': { input: schemas.lifecycleApply, output: {} as LifecycleItemResult[] },
  'builder:pipelines': { input: schemas.regionRef, output: {} as PipelineSummary[] },
  'builder:pipeline': { input: schemas.pipelineRef, output: {} as PipelineDetail },
  /** Starts a run (with a client token) and follows it as a job. */
  'builder:start': { input: schemas.pipelineStart, output: {} as BuildRun },
  'builder:runs': { input: schemas.empty, output: {} as BuildRun[] },
  'builder:cancel': { input: schemas.jobCancel, output: {} as BuildRun },
  /** The account's and Amazon's components in a region. */
  'builder:components': { input: schemas.regionRef, output: {} as ComponentChoice[] },
  /** Creates recipe, infrastructure, distribution and pipeline in order; rolls back on failure. */
  'builder:create': { input: schemas.pipelineCreate, output: {} as CreatePipelineResult },
} as const;

export type Channel = keyof typeof channels;
export type ChannelInput<C extends Channel> = z.input<(typeof channels)[C]['input']>;
export type ChannelParsedInput<C extends Channel> = z.output<(typeof channels)[C]['input']>;
export type ChannelOutput<C extends Channel> = (typeof channels)[C]['output'];

/** Events main → renderer. */
export interface Events {
  'workspace:changed': Workspace;
  /** A credential needs an MFA code: answer with `mfa:answer`. */
  'mfa:prompt': MfaPrompt;
  /** A prompt was answered or withdrawn elsewhere (e.g. timed out): close it. */
  'mfa:closed': { requestId: string };
  'sso:status': SsoStatus;
  /** Scan progress: per target and overall. */
  'inventory:progress': ScanStatus;
  /** A target finished: its rows replace whatever the inventory held for it. */
  'inventory:targetRows': { scanId: string; target: ScanTarget; rows: InventoryRow[] };
  /** Launch permissions changed (share, unshare, undo): the audit log has new entries and these images changed. */
  'sharing:changed': { images: Array<{ account: string; region: string; imageId: string }>; auditIds: string[] };
  /** A copy job was queued, progressed, finished or was cancelled. */
  'jobs:changed': CopyJob;
  /** Images were created, deregistered or changed by a lifecycle action or a finished copy. */
  'images:changed': { images: Array<{ account: string; region: string; imageId: string }>; auditIds: string[] };
  /** An Image Builder run was started, moved on, or ended. */
  'builder:run': BuildRun;
  /** Something failed that no request was waiting for; the app kept running (see faults.log). */
  'app:fault': { what: string; message: string; at: string; logName: string | null };
}
export type EventName = keyof Events;
export const eventNames: readonly EventName[] = ['workspace:changed', 'mfa:prompt', 'mfa:closed', 'sso:status', 'inventory:progress', 'inventory:targetRows', 'sharing:changed', 'jobs:changed', 'images:changed', 'builder:run', 'app:fault'];

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
