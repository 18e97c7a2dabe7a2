/** Domain types shared by main and renderer. Never contains secret material. */

export type ImageView = 'owned' | 'shared';

export interface Client {
  id: string;
  name: string;
  /** A CSS colour, shown wherever this client's accounts appear. */
  color: string;
  /** Every account of this client counts as production. */
  production: boolean;
}

/**
 * ok: the last call worked. needs-sign-in: credentials are missing, expired or rejected and the
 * user must act (see `fix`). error: something else failed (network, denied) — retrying may help.
 */
export type AccountHealth = 'unknown' | 'ok' | 'needs-sign-in' | 'error';

/** How an access path reaches its account. */
export type AccessPathKind =
  /** An access key pair typed into the app; the secret lives in the OS keychain. */
  | 'access-key'
  /** A profile of the AWS CLI's config/credentials files (keys, roles, SSO, credential_process). */
  | 'profile'
  /** A role assumed with the credentials of another access path of the app. */
  | 'assume-role';

/** The one action that repairs an access path in `needs-sign-in`. */
export type AccountFix =
  | 'sso-sign-in' // run the SSO device sign-in (opens the browser)
  | 'enter-mfa' // a new MFA code is needed
  | 'update-keys' // the stored key pair was rejected: enter a new one
  | 'fix-source' // the source path of a role needs attention first
  | 'edit-profile' // the profile in ~/.aws is missing or broken
  | 'retry';

/**
 * One way into an AWS account: a profile, a key pair, a role. Paths are attached to the account
 * their caller identity reports; an account may have several (read-only role, admin role, SSO).
 */
export interface AccessPathSummary {
  id: string;
  /** The AWS account it reaches (an AccountSummary id). */
  account: string;
  kind: AccessPathKind;
  /** How it reaches the account, e.g. "profile acme-admin", "access key …WXYZ", "role Deploy from tools (ExternalId, MFA)". */
  via: string;
  /** A name people gave it (kept from earlier versions, where each path was an account of its own). */
  label: string | null;
  /** The principal acting through it, once verified (STS caller ARN). */
  arn: string | null;
  /** The principal in short: "user/alice", "role/ReadOnly". */
  principal: string | null;
  endpoint: string | null;
  /** access-key: the public half of the key pair (the secret stays in main). */
  accessKeyId: string | null;
  /** profile: the AWS CLI profile name. */
  profileName: string | null;
  /** assume-role: the role, the path whose credentials assume it, and its conditions. */
  roleArn: string | null;
  sourcePath: string | null;
  externalId: string | null;
  mfaSerial: string | null;
  health: AccountHealth;
  healthMessage: string | null;
  fix: AccountFix | null;
  /** When the current temporary credentials expire (null for long-term keys or unknown). */
  sessionExpiresAt: string | null;
}

/** An AWS account: the thing people think in. Its access paths are only ways in. */
export interface AccountSummary {
  id: string;
  /** The name people chose. */
  name: string;
  clientId: string;
  /** The 12-digit AWS account id, known once a path's identity was read (or its role ARN names it). */
  awsAccountId: string | null;
  /** The IAM account alias, when the account has one and we may read it. */
  alias: string | null;
  /** Production (its own flag, or its client's): changes here need an extra confirmation. */
  production: boolean;
  defaultRegion: string;
  /** Regions the user starred for this account; the region picker leads with them. */
  favoriteRegions: string[];
  /** Custom endpoint every path of the account uses (a private AWS-compatible endpoint), or null for AWS. */
  endpoint: string | null;
  paths: AccessPathSummary[];
  /** The path the user marked for reads (the least privileged one, typically); null: any healthy path. */
  readPath: string | null;
  /** The path the user chose for changes; null: the first path. */
  writePath: string | null;
  /** The path changes go through now: the write path, or, while it fails, another healthy path (said in `notice`). */
  actingPath: string | null;
  /** ok while a path works; needs-sign-in when every path needs it; the worst otherwise. */
  health: AccountHealth;
  healthMessage: string | null;
  fix: AccountFix | null;
  /** The path `fix` repairs. */
  fixPath: string | null;
  /** Something to know, e.g. "Reading through profile acme-admin: profile acme-readonly needs sign-in." */
  notice: string | null;
}

export interface KeychainState {
  /** The OS keychain answered. */
  available: boolean;
  /** Why not, in words the user can act on. */
  reason: string | null;
  /** The user chose to keep secrets in memory until quit. */
  sessionOnly: boolean;
}

export interface Workspace {
  clients: Client[];
  accounts: AccountSummary[];
  /**
   * True while the demo workspace is open: the built-in demo world, kept apart from the user's
   * own clients and accounts (which come back when it is closed).
   */
  demo: boolean;
  /** How many accounts the user's own workspace holds (so the demo can offer the way back). */
  userAccountCount: number;
  keychain: KeychainState;
}

/** A profile found in the AWS CLI's files, as offered for import. */
export interface ProfileInfo {
  name: string;
  kind: 'static' | 'assume-role' | 'sso' | 'process' | 'unsupported';
  /** Profiles from this one down to the one holding the root credential. */
  chain: string[];
  roleArn: string | null;
  externalId: string | null;
  mfaSerial: string | null;
  ssoStartUrl: string | null;
  ssoSession: string | null;
  region: string | null;
  endpointUrl: string | null;
  /** The account the profile says it reaches (its role ARN or SSO account id), before any AWS call. */
  expectedAccountId: string | null;
  /** The access path that already uses this profile, and the account it belongs to. */
  imported: { path: string; account: string; accountName: string } | null;
  /** Why it cannot be imported as it is (missing source_profile, a loop, …). */
  problem: string | null;
}

export interface SsoSignInStart {
  /** Open this (the browser is opened for the user too). */
  verificationUri: string;
  verificationUriComplete: string | null;
  /** Shown so the user can check the page asks for the same code. */
  userCode: string;
  expiresAt: string;
}

export interface MfaPrompt {
  requestId: string;
  /** The access path that needs the code, and the account it reaches. */
  path: string;
  account: string;
  accountName: string;
  /** How the path reaches the account ("profile ci", "access key …WXYZ"). */
  via: string;
  profileName: string | null;
  mfaSerial: string;
}

export interface SsoStatus {
  /** The access path being signed in. */
  path: string;
  state: 'pending' | 'signed-in' | 'denied' | 'expired' | 'failed';
  message: string | null;
}

export interface RegionInfo {
  name: string;
  /** opt-in-not-required | opted-in | not-opted-in */
  optInStatus: string;
  /** Usable: not an opt-in region this account has not enabled. */
  enabled: boolean;
  favorite: boolean;
}

export interface Tag {
  key: string;
  value: string;
}

export interface AmiSummary {
  imageId: string;
  name: string;
  description: string | null;
  ownerId: string;
  /** e.g. "amazon", "aws-marketplace" for catalogue images. */
  ownerAlias: string | null;
  state: string;
  architecture: string;
  /** "Linux/UNIX", "Windows", "Red Hat Enterprise Linux", … (PlatformDetails) */
  platform: string;
  rootDeviceType: 'ebs' | 'instance-store' | string;
  virtualizationType: string;
  creationDate: string | null;
  deprecationTime: string | null;
  public: boolean;
  /** True when any EBS snapshot behind the image is encrypted. */
  encrypted: boolean;
  tags: Tag[];
  /** Where it was listed: our account (an AccountSummary id) and region. */
  account: string;
  region: string;
}

export interface BlockDevice {
  deviceName: string;
  snapshotId: string | null;
  volumeSizeGiB: number | null;
  volumeType: string | null;
  encrypted: boolean | null;
  kmsKeyId: string | null;
  deleteOnTermination: boolean | null;
  /** ephemeral0…, for instance-store mappings. */
  virtualName: string | null;
  /** Provisioned IOPS (gp3, io1, io2); null where the volume type has none or AWS does not say. */
  iops: number | null;
  /** MiB/s (gp3 only). */
  throughputMiBs: number | null;
}

export interface LaunchPermission {
  kind: 'account' | 'group' | 'organization' | 'organizational-unit';
  /** Account id, "all", or the org/OU ARN. */
  value: string;
  /** Our own account entry's name when the account is one we know. */
  knownAs: string | null;
}

export interface SnapshotInfo {
  snapshotId: string;
  volumeSizeGiB: number | null;
  encrypted: boolean;
  kmsKeyId: string | null;
  state: string | null;
  description: string | null;
}

/** A read answered from the offline inventory because AWS could not be asked, and why. */
export interface StaleRead {
  /** When the inventory read it (ISO), or null when unknown. */
  asOf: string | null;
  /** What asking AWS failed with (offline, credentials): the place and the fix. */
  reason: { code: string; message: string };
}

export interface AmiDetail extends AmiSummary {
  imageLocation: string | null;
  rootDeviceName: string | null;
  enaSupport: boolean | null;
  bootMode: string | null;
  sourceImageId: string | null;
  sourceRegion: string | null;
  lastLaunchedTime: string | null;
  /** The billing code AWS derives from the platform, e.g. "RunInstances:0002" (UsageOperation). */
  usageOperation: string | null;
  /** "v2.0" when instances launched from it require IMDSv2. */
  imdsSupport: string | null;
  /** "v2.0" when instances get a NitroTPM. */
  tpmSupport: string | null;
  /** "disabled", "enabled", or "enabled-with-cooldown"; only the owner is told (null otherwise). */
  deregistrationProtection: string | null;
  blockDevices: BlockDevice[];
  /** null when the caller may not read them (not the owner). */
  launchPermissions: LaunchPermission[] | null;
  snapshots: SnapshotInfo[];
  /** Read from the offline inventory (block devices and snapshot details are then unknown). */
  stale: StaleRead | null;
}

export interface AppInfo {
  name: string;
  version: string;
  platform: string;
  /** 'electron' in the desktop app, 'preview' behind the loopback preview bridge. */
  host: 'electron' | 'preview';
}
