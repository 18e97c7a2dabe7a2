/**
 * AWS-compatible emulator: a real HTTP server speaking the EC2 query, STS, IAM and Auto Scaling
 * query protocols, KMS's and Systems Manager's JSON protocol, and the rest-json APIs of EC2 Image Builder and IAM Identity
 * Center (SSO OIDC and the access portal), so the real AWS SDK clients (signing, paging,
 * retries, error parsing, credential providers) run against it unchanged. It serves a seeded multi-account, multi-region world in memory.
 *
 * This module is the emulator's whole public surface; other code imports only from here.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ec2Service } from './ec2/service';
import { iamService } from './iam/service';
import { IdentityService } from './identity/service';
import { Knobs, type KnobSettings, type LossPoint } from './knobs';
export type { KnobSettings, LossPoint, RequestThrottling } from './knobs';
export { ec2RequestBucket, type Ec2RequestBucket, type Ec2ThrottleCategory } from './ec2/throttling';
import { kmsService } from './kms/service';
import { organizationsService } from './organizations/service';
import { imageBuilderService } from './imagebuilder/service';
import { imageBuilderState, settleImageBuilder } from './world/imagebuilder-state';
import { createRequestHandler } from './server';
import { SsoFrontend } from './sso/router';
import { SsoState } from './sso/state';
import { stsService } from './sts/service';
import { autoScalingService } from './autoscaling/service';
import { ssmService } from './ssm/service';
import { rbinService } from './rbin/service';
import { userArn } from './world/iam';
import type { ImageCopySettings } from './world/image-activity';
import type { AccountRecord, RoleRecord, SharingQuotas, World } from './world/model';
import { createLargeWorld, type LargeWorldShape } from './world/large';
import { DIRECTORY_CLIENT_ID, SsoDirectory, type SsoDirectoryShape } from './world/sso-directory';
import { createWorld } from './world/seed';

export type { World } from './world/model';
export type {
  AccountRecord,
  ImageRecord,
  SnapshotRecord,
  RegionRecord,
  LaunchPermissionRecord,
  KmsKeyRecord,
  RoleRecord,
  TrustPolicyRecord,
  MfaDeviceRecord,
  SsoInstanceRecord,
  SsoPermissionSetRecord,
} from './world/model';
export { createWorld, WORLD_ANCHOR } from './world/seed';
export { createLargeWorld, LARGE_WORLD_DEFAULT, LARGE_WORLD_MAX_REGIONS, type LargeWorldShape } from './world/large';
export { CHAIN_EXTERNAL_ID, HUB_ACCOUNT_NAME, PARTNER_EXTERNAL_ID, ROLE_NAMES } from './world/iam';
export { SSO_REGION, SSO_START_URL } from './world/sso';
export { IMAGE_BUILDER_FIXTURES } from './world/imagebuilder-fixtures';
export { DEFAULT_IMAGE_BUILDER_SETTINGS } from './world/imagebuilder-model';
export { BLOCK_PUBLIC_ACCESS_FIXTURE, PRODUCT_CODE_FIXTURE } from './world/sharing-fixtures';
export { DEFAULT_SHARING_QUOTAS, type SharingQuotas, type ImageReferenceRecord } from './world/model';
export { COPY_TOKEN_LIFETIME_SECONDS, DEFAULT_IMAGE_COPY_SETTINGS, type ImageCopySettings } from './world/image-activity';
export { IMAGE_REFERENCE_FIXTURE } from './world/image-references';
export { USAGE_FIXTURE } from './world/usage-fixtures';
export { CLEANUP_FIXTURE } from './world/cleanup-fixtures';
export {
  INSTANCE_STATE_CODES,
  type AutoScalingGroupRecord,
  type InstanceRecord,
  type InstanceStateName,
  type LaunchConfigurationRecord,
  type LaunchTemplateRecord,
  type LaunchTemplateVersionRecord,
  type SsmParameterRecord,
} from './world/usage-model';

export interface EmulatorOptions {
  /** The world's "today" (default WORLD_ANCHOR, fixed so answers are the same on every run). */
  anchor?: Date;
  /** 0 = an ephemeral port (default). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Delay before each answer, in milliseconds. */
  latencyMs?: number;
  /** 0..1: the fraction of calls answered RequestLimitExceeded (EC2) / Throttling (STS). */
  throttleRate?: number;
  /**
   * EC2's documented request rate limits: a token bucket per account, region and action, sized
   * by the action's category and refilled by real time; answered RequestLimitExceeded when empty.
   * Off by default; `scale` multiplies sizes and refill rates (default 1).
   */
  ec2Throttling?: { enabled?: boolean; scale?: number };
  /** Seed of the deterministic world; default 1. */
  seed?: number;
  /**
   * Serve a large uniform world instead of the demo world (benchmarks), e.g.
   * `{ accounts: 50, regions: 16, imagesPerAccountRegion: 200 }`. `createLargeWorld(seed, shape)`
   * builds the same world without a server, for computing expected answers.
   */
  world?: LargeWorldShape;
  /**
   * EC2's sharing quotas: public images per account and region (AWS default 5) and entities an
   * image can be shared with (default 1,000). Lower them to reach ResourceLimitExceeded in a test.
   */
  sharingQuotas?: Partial<SharingQuotas>;
  /** Image Builder: world-clock seconds from StartImagePipelineExecution to AVAILABLE (default 10; `advanceClock` skips ahead). */
  imageBuildSeconds?: number;
  /** CopyImage: world-clock seconds a copy stays pending (default 8; `advanceClock` skips ahead). */
  copyDurationSeconds?: number;
  /** CopyImage: copies in progress per account and destination region (default 100, AWS's quota). */
  copyConcurrencyPerRegion?: number;
  /**
   * A larger IAM Identity Center directory beside the demo world, e.g. `{ accounts: 200 }`: that
   * many more accounts, each with three permission sets, listed by the access portal.
   */
  ssoDirectory?: SsoDirectoryShape;
  /**
   * Actions a region does not offer yet, e.g. `{ DescribeImageReferences: ['eu-south-1'] }`
   * (named as denyAction names them): answered there as the service answers an unknown action.
   */
  unavailableActions?: Record<string, string[]>;
}

export interface EmulatorIdentity {
  /** 12 digits. */
  accountId: string;
  accountName: string;
  clientName: string;
  /** CSS hex colour. */
  clientColor: string;
  production: boolean;
  accessKeyId: string;
  secretAccessKey: string;
  defaultRegion: string;
  /** The IAM user the key pair belongs to. */
  userName: string;
  /** arn:aws:iam::ACCOUNT:user/NAME */
  userArn: string;
  /** The user's virtual MFA device, arn:aws:iam::ACCOUNT:mfa/NAME; codes from `mfaCode`. */
  mfaSerial: string;
  /** The device's TOTP seed in base32, for adding it to an authenticator app. */
  mfaSeedBase32: string;
  /** IAM account alias; null for the one account without one. */
  accountAlias: string | null;
}

/** A role of the world and its trust policy, flattened. */
export interface EmulatorRole {
  arn: string;
  accountId: string;
  accountName: string;
  name: string;
  /** Principal ARNs the trust policy names: `arn:aws:iam::ID:root` (the whole account), user or role ARNs. */
  trusts: string[];
  /** The `sts:ExternalId` the caller must pass, or null. */
  externalId: string | null;
  /** `aws:MultiFactorAuthPresent` must be true. */
  mfaRequired: boolean;
  /** Seconds. */
  maxSessionDuration: number;
  /** For roles IAM Identity Center provisioned: the permission set's name; otherwise null. */
  ssoPermissionSet: string | null;
}

export interface EmulatorSsoAccount {
  accountId: string;
  accountName: string;
  emailAddress: string;
  /** Permission set names assigned in the account (the portal's role names). */
  roles: string[];
}

export interface EmulatorSsoPermissionSet {
  name: string;
  /** AWSReservedSSO_<name>_<hash>, the role its credentials are sessions of. */
  roleName: string;
  sessionDurationSeconds: number;
}

export interface EmulatorSso {
  /** https://atlas-demo.awsapps.com/start */
  startUrl: string;
  /** The instance's home region (sso_region). */
  region: string;
  user: { userName: string; displayName: string; email: string };
  accounts: EmulatorSsoAccount[];
  permissionSets: EmulatorSsoPermissionSet[];
  /** Approves a pending device authorization, as the user pressing Allow. Throws when the code is not pending. */
  approve(userCode: string): void;
  /** Denies it, as the user pressing Deny. Throws when the code is not pending. */
  deny(userCode: string): void;
  /** User codes of device authorizations waiting for an answer. */
  pending(): string[];
  /** Adds accounts to the directory (three permission sets each, or those of `ssoDirectory.roles`). */
  addAccounts(count: number): EmulatorSsoAccount[];
  /** Takes every assignment of these accounts away: the portal stops listing them. */
  removeAccounts(accountIds: readonly string[]): void;
}

export interface ExpireSessionsFilter {
  /** Only temporary credentials of principals in this account (SSO tokens are then left alone unless asked for). */
  accountId?: string;
  /** GetSessionToken, AssumeRole and SSO role credentials; default true. */
  temporaryCredentials?: boolean;
  /** SSO access tokens; default true without accountId, false with it. */
  ssoAccessTokens?: boolean;
  /** SSO refresh tokens too, so only a new device login helps; default false. */
  ssoRefreshTokens?: boolean;
}

export interface ExpiredSessionCounts {
  temporaryCredentials: number;
  ssoAccessTokens: number;
  ssoRefreshTokens: number;
}

export interface EmulatorStats {
  requests: number;
  throttled: number;
}

export interface RunningEmulator {
  /** e.g. http://127.0.0.1:PORT */
  url: string;
  port: number;
  identities: EmulatorIdentity[];
  /** Every role of the world, SSO-provisioned ones included. */
  roles: EmulatorRole[];
  /** The IAM Identity Center instance, and the user's side of the device flow. */
  sso: EmulatorSso;
  /** The in-memory model, so tests can compute the expected answers. */
  world: World;
  /** Changing `ec2Throttling` fills every bucket again. */
  setKnobs(k: KnobSettings): void;
  /** Requests received since start, and how many of them were answered with a throttling error. */
  stats(): EmulatorStats;
  /**
   * The code an MFA device shows at `at` (default: now on the credential clock). STS accepts
   * the current and the previous code, each once per device.
   */
  mfaCode(mfaSerial: string, at?: Date): string;
  /**
   * Deletes an IAM user's access key (calls then fail with InvalidClientTokenId / AuthFailure),
   * or revokes one temporary key (ASIA…), answered as an invalid session token. Sessions made
   * earlier from a deleted long-term key keep working until they expire, as in AWS.
   */
  revokeAccessKey(accessKeyId: string): void;
  /** Makes issued temporary credentials and/or SSO tokens expire now. */
  expireSessions(filter?: ExpireSessionsFilter): ExpiredSessionCounts;
  /**
   * Moves the credential clock and the world clock forward: session and SSO token expiry,
   * device-code expiry, TOTP windows, CopyImage progress, Image Builder runs, deprecation and
   * protection cooldowns. Request signing is not affected, and seeded image dates stay where they are.
   */
  advanceClock(seconds: number): void;
  /**
   * The account may no longer call `action` (e.g. 'DescribeImages'), in `regions` or
   * everywhere: answered UnauthorizedOperation, as when its IAM policy lacks the permission.
   */
  denyAction(accountId: string, action: string, regions?: string[]): void;
  /** Undoes `denyAction` for that account and action. */
  allowAction(accountId: string, action: string): void;
  /**
   * From now on `action` (named as for denyAction, e.g. 'DescribeImageReferences') is unknown in
   * these regions, as an API AWS has not rolled out there yet: EC2 answers InvalidAction, Auto
   * Scaling InvalidAction, SSM UnknownOperationException. An empty list offers it everywhere again.
   */
  setActionUnavailable(action: string, regions: string[]): void;
  /**
   * The next `count` calls of `action` (e.g. 'CopyImage'; by `accountId`, or by anyone) get no
   * answer: the server closes the connection, and the SDK sees a reset socket. `at: 'after'`
   * (default) runs the action first, as when the answer is lost on the way back; `at: 'before'`
   * drops the request unread. Replaces an earlier setting for the action; `count` 0 stops it.
   */
  loseCalls(action: string, count: number, options?: { accountId?: string; at?: LossPoint }): void;
  /** Changes EC2's sharing quotas from now on (see `EmulatorOptions.sharingQuotas`). */
  setSharingQuotas(quotas: Partial<SharingQuotas>): void;
  /** Turns image block public access on or off for an account in a region, as Enable/DisableImageBlockPublicAccess. */
  setImageBlockPublicAccess(accountId: string, region: string, blocked: boolean): void;
  /** AWS Organizations' status of an account (ListAccounts): SUSPENDED, as a closed account is for 90 days, or ACTIVE again. */
  setOrganizationStatus(accountId: string, status: 'ACTIVE' | 'SUSPENDED'): void;
  /** Changes how long Image Builder runs started from now on take (see `EmulatorOptions.imageBuildSeconds`). */
  setImageBuildSeconds(seconds: number): void;
  /** Changes CopyImage's copy time for copies started from now on (see `EmulatorOptions.copyDurationSeconds`). */
  setCopyDuration(seconds: number): void;
  /** Changes the limit of copies in progress per account and destination region (see `EmulatorOptions.copyConcurrencyPerRegion`). */
  setCopyConcurrency(copies: number): void;
  close(): Promise<void>;
}

function identityOf(world: World, a: AccountRecord): EmulatorIdentity {
  const device = world.mfaDevices.find((d) => d.accountId === a.accountId && d.userName === a.userName);
  if (!device) throw new Error(`no MFA device for ${a.name}`);
  return {
    accountId: a.accountId,
    accountName: a.name,
    clientName: a.clientName,
    clientColor: a.clientColor,
    production: a.production,
    accessKeyId: a.accessKeyId,
    secretAccessKey: a.secretAccessKey,
    defaultRegion: a.defaultRegion,
    userName: a.userName,
    userArn: userArn(a.accountId, a.userName),
    mfaSerial: device.serialNumber,
    mfaSeedBase32: device.seedBase32,
    accountAlias: a.alias,
  };
}

function roleOf(world: World, r: RoleRecord): EmulatorRole {
  return {
    arn: r.arn,
    accountId: r.accountId,
    accountName: world.accountById(r.accountId)?.name ?? r.accountId,
    name: r.roleName,
    trusts: [...r.trust.principals],
    externalId: r.trust.externalId,
    mfaRequired: r.trust.mfaRequired,
    maxSessionDuration: r.maxSessionDuration,
    ssoPermissionSet: r.ssoPermissionSet,
  };
}

function ssoOf(world: World, state: SsoState, directory: SsoDirectory): EmulatorSso {
  const { sso } = world;
  const decide = (userCode: string, approve: boolean): void => {
    if (!state.decide(userCode, approve)) throw new Error(`no pending device authorization for user code ${userCode}`);
  };
  const listed = (): EmulatorSsoAccount[] =>
    world.accounts
      .map((a) => ({
        accountId: a.accountId,
        accountName: a.name,
        emailAddress: a.email,
        roles: sso.assignments.filter((x) => x.accountId === a.accountId).map((x) => x.permissionSet),
      }))
      .filter((a) => a.roles.length > 0);
  return {
    startUrl: sso.startUrl,
    region: sso.region,
    user: { ...sso.user },
    // Read when asked: the directory changes (addAccounts, removeAccounts).
    get accounts() {
      return listed();
    },
    get permissionSets() {
      return sso.permissionSets.map((p) => ({ name: p.name, roleName: p.roleName, sessionDurationSeconds: p.sessionDurationSeconds }));
    },
    approve: (userCode) => decide(userCode, true),
    deny: (userCode) => decide(userCode, false),
    pending: () => state.pendingUserCodes(),
    addAccounts: (count) => {
      const ids = new Set(directory.add(count).map((a) => a.accountId));
      return listed().filter((a) => ids.has(a.accountId));
    },
    removeAccounts: (accountIds) => directory.remove(accountIds),
  };
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const seed = options.seed ?? 1;
  const host = options.host ?? '127.0.0.1';
  const world = options.world ? createLargeWorld(seed, options.world) : createWorld(seed, options.anchor);
  const directory = new SsoDirectory(world, seed, options.ssoDirectory?.roles);
  if (options.ssoDirectory) directory.add(options.ssoDirectory.accounts);
  const knobs = new Knobs(seed, { latencyMs: options.latencyMs, throttleRate: options.throttleRate, ec2Throttling: options.ec2Throttling });
  for (const [action, regions] of Object.entries(options.unavailableActions ?? {})) knobs.setUnavailable(action, regions);
  const setSharingQuotas = (quotas: Partial<SharingQuotas>): void => {
    // Negative or fractional quotas make no sense; clamp rather than crash, like the other knobs.
    const clamp = (n: number | undefined, current: number): number =>
      n === undefined || !Number.isFinite(n) ? current : Math.max(0, Math.floor(n));
    world.sharingQuotas.publicImagesPerRegion = clamp(quotas.publicImagesPerRegion, world.sharingQuotas.publicImagesPerRegion);
    world.sharingQuotas.launchPermissionEntitiesPerImage = clamp(
      quotas.launchPermissionEntitiesPerImage,
      world.sharingQuotas.launchPermissionEntitiesPerImage,
    );
  };
  if (options.sharingQuotas) setSharingQuotas(options.sharingQuotas);
  const setImageBuildSeconds = (seconds: number): void => {
    if (Number.isFinite(seconds)) imageBuilderState(world).settings.buildSeconds = Math.max(0, seconds);
  };
  if (options.imageBuildSeconds !== undefined) setImageBuildSeconds(options.imageBuildSeconds);
  // Clamped like the other knobs: a knob should never crash a run.
  const setImageCopySettings = (settings: Partial<ImageCopySettings>): void => {
    const copy = world.imageActivity.copySettings;
    const { durationSeconds, concurrentCopiesPerRegion } = settings;
    if (durationSeconds !== undefined && Number.isFinite(durationSeconds)) copy.durationSeconds = Math.max(0, durationSeconds);
    if (concurrentCopiesPerRegion !== undefined && Number.isFinite(concurrentCopiesPerRegion)) {
      copy.concurrentCopiesPerRegion = Math.max(0, Math.floor(concurrentCopiesPerRegion));
    }
  };
  setImageCopySettings({ durationSeconds: options.copyDurationSeconds, concurrentCopiesPerRegion: options.copyConcurrencyPerRegion });
  const identity = new IdentityService(world);
  const ssoState = new SsoState(world.sso, identity.clock);
  const handler = createRequestHandler({
    world,
    knobs,
    services: [ec2Service, stsService, iamService, kmsService, organizationsService, imageBuilderService, autoScalingService, ssmService, rbinService],
    beforeCall: () => settleImageBuilder(world),
    fallback: ec2Service,
    identity,
    sso: new SsoFrontend({ world, identity, state: ssoState }, knobs),
  });
  const server: Server = createServer(handler);
  let requests = 0;
  server.on('request', () => {
    requests++;
  });
  // SDK clients keep connections alive; don't let an idle socket hold close() up.
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  let closing: Promise<void> | null = null;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    world,
    // The IAM users the tests sign with: the directory's accounts have none (only SSO reaches them).
    identities: world.accounts.filter((a) => a.clientId !== DIRECTORY_CLIENT_ID).map((a) => identityOf(world, a)),
    roles: world.roles.map((r) => roleOf(world, r)),
    sso: ssoOf(world, ssoState, directory),
    setKnobs: (k) => knobs.set(k),
    setOrganizationStatus: (accountId, status) => {
      const account = world.accountById(accountId);
      if (!account) throw new Error(`unknown account ${accountId}`);
      account.organizationStatus = status;
    },
    stats: () => ({ requests, throttled: knobs.throttledCalls }),
    mfaCode: (mfaSerial, at) => identity.mfa.code(mfaSerial, at),
    revokeAccessKey: (accessKeyId) => {
      if (!identity.revokeAccessKey(accessKeyId)) throw new Error(`unknown access key ${accessKeyId}`);
    },
    expireSessions: (filter = {}) => {
      const { accountId } = filter;
      const temporaryCredentials =
        filter.temporaryCredentials === false
          ? 0
          : identity.sessions.expire((s) => accountId === undefined || s.principal.accountId === accountId);
      const access = filter.ssoAccessTokens ?? accountId === undefined;
      const refresh = filter.ssoRefreshTokens ?? false;
      return {
        temporaryCredentials,
        ssoAccessTokens: access ? ssoState.expireTokens({ access: true, refresh: false }) : 0,
        ssoRefreshTokens: refresh ? ssoState.expireTokens({ access: false, refresh: true }) : 0,
      };
    },
    advanceClock: (seconds) => {
      identity.clock.advance(seconds);
      world.advance(seconds);
    },
    denyAction: (accountId, action, regions) => knobs.deny(accountId, action, regions),
    allowAction: (accountId, action) => knobs.allow(accountId, action),
    setActionUnavailable: (action, regions) => knobs.setUnavailable(action, regions),
    loseCalls: (action, count, lossOptions) => knobs.loseCalls(action, count, lossOptions),
    setSharingQuotas,
    setImageBlockPublicAccess: (accountId, region, blocked) => world.setImagePublicSharingBlocked(accountId, region, blocked),
    setImageBuildSeconds,
    setCopyDuration: (seconds) => setImageCopySettings({ durationSeconds: seconds }),
    setCopyConcurrency: (copies) => setImageCopySettings({ concurrentCopiesPerRegion: copies }),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
