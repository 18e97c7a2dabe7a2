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

/** How an account entry is reached. */
export type AccountKind =
  /** An access key pair typed into the app; the secret lives in the OS keychain. */
  | 'access-key'
  /** A profile of the AWS CLI's config/credentials files (keys, roles, SSO, credential_process). */
  | 'profile'
  /** A role assumed from another account entry of the app. */
  | 'assume-role';

/** The one action that repairs an account in `needs-sign-in`. */
export type AccountFix =
  | 'sso-sign-in' // run the SSO device sign-in (opens the browser)
  | 'enter-mfa' // a new MFA code is needed
  | 'update-keys' // the stored key pair was rejected: enter a new one
  | 'fix-source' // the source account of a role needs attention first
  | 'edit-profile' // the profile in ~/.aws is missing or broken
  | 'retry';

export interface AccountSummary {
  id: string;
  name: string;
  clientId: string;
  kind: AccountKind;
  /** The 12-digit AWS account id, known once verified with STS. */
  awsAccountId: string | null;
  /** ARN of the identity the credentials belong to, once verified. */
  arn: string | null;
  /** The IAM account alias, when the account has one and we may read it. */
  alias: string | null;
  /** Production (its own flag, or its client's): changes here need an extra confirmation. */
  production: boolean;
  defaultRegion: string;
  /** Regions the user starred for this account; the region picker leads with them. */
  favoriteRegions: string[];
  /** Custom endpoint (the demo emulator, or a private AWS-compatible endpoint). */
  endpoint: string | null;
  /** access-key: the public half of the key pair (the secret stays in main). */
  accessKeyId: string | null;
  /** profile: the AWS CLI profile name. */
  profileName: string | null;
  /** assume-role: the role, the entry whose credentials assume it, and its conditions. */
  roleArn: string | null;
  sourceAccount: string | null;
  externalId: string | null;
  mfaSerial: string | null;
  /** One line saying how credentials are obtained, e.g. "profile ci → role Deploy (MFA)". */
  via: string;
  health: AccountHealth;
  healthMessage: string | null;
  fix: AccountFix | null;
  /** When the current temporary credentials expire (null for long-term keys or unknown). */
  sessionExpiresAt: string | null;
  /** Other entries that reach the same AWS account (shown as a warning). */
  sameAccountAs: string[];
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
  /** True while the built-in demo world is the data source. */
  demo: boolean;
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
  /** Our entry already importing this profile. */
  importedAs: string | null;
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
  account: string;
  accountName: string;
  profileName: string | null;
  mfaSerial: string;
}

export interface SsoStatus {
  account: string;
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
  /** Where it was listed: our account entry and region. */
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

export interface AmiDetail extends AmiSummary {
  imageLocation: string | null;
  rootDeviceName: string | null;
  enaSupport: boolean | null;
  bootMode: string | null;
  sourceImageId: string | null;
  sourceRegion: string | null;
  lastLaunchedTime: string | null;
  blockDevices: BlockDevice[];
  /** null when the caller may not read them (not the owner). */
  launchPermissions: LaunchPermission[] | null;
  snapshots: SnapshotInfo[];
}

export interface AppInfo {
  name: string;
  version: string;
  platform: string;
  /** 'electron' in the desktop app, 'preview' behind the loopback preview bridge. */
  host: 'electron' | 'preview';
}
