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

export type AccountHealth = 'unknown' | 'ok' | 'error';

/** An account entry as the renderer sees it: how it is reached, never its secret. */
export interface AccountSummary {
  id: string;
  name: string;
  clientId: string;
  /** The 12-digit AWS account id, known once verified with STS. */
  awsAccountId: string | null;
  /** ARN of the identity the credentials belong to, once verified. */
  arn: string | null;
  kind: 'access-key';
  /** Production (its own flag, or its client's): changes here need an extra confirmation. */
  production: boolean;
  /** The public half of the key pair; the secret stays in main. */
  accessKeyId: string;
  defaultRegion: string;
  /** Custom endpoint (the demo emulator, or a private AWS-compatible endpoint). */
  endpoint: string | null;
  health: AccountHealth;
  healthMessage: string | null;
}

export interface Workspace {
  clients: Client[];
  accounts: AccountSummary[];
  /** True while the built-in demo world is the data source. */
  demo: boolean;
}

export interface RegionInfo {
  name: string;
  /** opt-in-not-required | opted-in | not-opted-in */
  optInStatus: string;
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
