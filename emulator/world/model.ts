/**
 * The emulator's in-memory model of AWS: regions, accounts (grouped by client), KMS keys,
 * EBS snapshots and machine images. Records use AWS's own vocabulary so the wire layer can
 * serialise them without translation, and tests can compute the expected answer from them.
 *
 * Time: the world runs on its own clock that starts at a fixed anchor date and moves forward
 * with real elapsed time (and advanceClock). Dates inside the world (creation, deprecation) are relative to that
 * anchor, so "deprecated" means the same thing on every run, whatever the machine's date.
 */

import { ImageActivity } from './image-activity';
import { RecycleBinState } from './recycle-bin';
import { UsageState } from './usage-model';
import { imageReferencesOf } from './usage-references';

export type RegionOptInStatus = 'opt-in-not-required' | 'opted-in' | 'not-opted-in';

export interface RegionRecord {
  name: string;
  optInStatus: RegionOptInStatus;
}

export interface ClientRecord {
  id: string;
  name: string;
  /** CSS hex colour. */
  color: string;
  /** AWS Organizations id shared by the client's accounts, e.g. o-a1b2c3d4e5. */
  organizationId: string;
  organizationArn: string;
  /** The organization's OUs by ARN (DescribeOrganizationalUnit's names); an OU not here is named by its id. */
  organizationalUnitNames?: Record<string, string>;
}

export interface AccountRecord {
  accountId: string;
  name: string;
  clientId: string;
  clientName: string;
  clientColor: string;
  production: boolean;
  /** IAM user the access key belongs to. */
  userName: string;
  /** IAM unique id of that user (AIDA…). */
  userId: string;
  accessKeyId: string;
  secretAccessKey: string;
  defaultRegion: string;
  /** Regions the account keeps images in. */
  regions: string[];
  organizationArn: string;
  /** The account's OU and every OU above it, innermost first. */
  organizationalUnitArns: string[];
  /** IAM account alias (ListAccountAliases); null when the account has none. */
  alias: string | null;
  /** Root e-mail address, as the SSO portal lists it. */
  email: string;
  /** AWS Organizations' status of the account (default ACTIVE). */
  organizationStatus?: 'ACTIVE' | 'SUSPENDED';
}

/**
 * A role's trust policy, reduced to the one Allow statement for sts:AssumeRole the seeded roles
 * use. Principals are ARNs as IAM stores them: `arn:aws:iam::ID:root` trusts every principal
 * of that account, a user or role ARN trusts that principal (and, for a role, its sessions).
 */
export interface TrustPolicyRecord {
  principals: string[];
  /** `StringEquals sts:ExternalId`; null when the statement has no such condition. */
  externalId: string | null;
  /** `Bool aws:MultiFactorAuthPresent = true`. */
  mfaRequired: boolean;
}

export interface RoleRecord {
  accountId: string;
  roleName: string;
  /** '/' for ordinary roles; SSO-provisioned roles live under /aws-reserved/sso.amazonaws.com/. */
  path: string;
  arn: string;
  /** IAM unique id (AROA…). */
  roleId: string;
  description: string;
  /** Seconds, 3600..43200. */
  maxSessionDuration: number;
  trust: TrustPolicyRecord;
  /** Set on roles IAM Identity Center provisions for a permission set. */
  ssoPermissionSet: string | null;
}

/** A virtual MFA device assigned to an account's IAM user. */
export interface MfaDeviceRecord {
  /** arn:aws:iam::ACCOUNT:mfa/USER */
  serialNumber: string;
  accountId: string;
  userName: string;
  /** TOTP seed, RFC 4648 base32 without padding (what an authenticator app is given). */
  seedBase32: string;
  enableDate: string;
}

export interface SsoPermissionSetRecord {
  name: string;
  description: string;
  arn: string;
  /** How long role credentials from GetRoleCredentials last, in seconds. */
  sessionDurationSeconds: number;
  /** AWSReservedSSO_<name>_<16 hex>: the role provisioned in each assigned account. */
  roleName: string;
}

export interface SsoAssignmentRecord {
  accountId: string;
  permissionSet: string;
}

/** One IAM Identity Center instance with one user. */
export interface SsoInstanceRecord {
  instanceArn: string;
  startUrl: string;
  region: string;
  user: { userName: string; displayName: string; email: string };
  /** The SAML provider every provisioned role trusts. */
  samlProvider: string;
  permissionSets: SsoPermissionSetRecord[];
  assignments: SsoAssignmentRecord[];
}

export interface KmsKeyRecord {
  arn: string;
  accountId: string;
  region: string;
  alias: string;
  /** AWS-managed keys (alias aws/ebs) cannot be shared with other accounts. */
  managedBy: 'aws' | 'customer';
  /** KMS DescribeKey's Description; a default per kind of key when absent. */
  description?: string;
}

/**
 * Limits EC2 enforces when images are shared. AWS's defaults: 5 public AMIs per region (the
 * "Public AMIs" quota) and 1,000 entities (accounts, organizations, OUs) per image.
 */
export interface SharingQuotas {
  publicImagesPerRegion: number;
  launchPermissionEntitiesPerImage: number;
}

export const DEFAULT_SHARING_QUOTAS: Readonly<SharingQuotas> = {
  publicImagesPerRegion: 5,
  launchPermissionEntitiesPerImage: 1000,
};

export interface TagRecord {
  key: string;
  value: string;
}

export interface CreateVolumePermissionRecord {
  userId?: string;
  group?: 'all';
}

export type SnapshotState = 'pending' | 'completed' | 'error' | 'recoverable' | 'recovering';

export interface SnapshotRecord {
  snapshotId: string;
  region: string;
  ownerId: string;
  ownerAlias: string | null;
  volumeId: string;
  volumeSize: number;
  state: SnapshotState;
  progress: string;
  startTime: string;
  description: string;
  encrypted: boolean;
  kmsKeyId: string | null;
  storageTier: 'standard' | 'archive';
  tags: TagRecord[];
  createVolumePermissions: CreateVolumePermissionRecord[];
}

export type VolumeType = 'gp2' | 'gp3' | 'io1' | 'io2' | 'st1' | 'sc1' | 'standard';

export interface EbsRecord {
  snapshotId: string | null;
  volumeSize: number;
  volumeType: VolumeType;
  deleteOnTermination: boolean;
  encrypted: boolean;
  kmsKeyId: string | null;
  iops: number | null;
  throughput: number | null;
}

export interface BlockDeviceRecord {
  deviceName: string;
  ebs?: EbsRecord;
  /** ephemeralN for instance-store volumes. */
  virtualName?: string;
}

export interface LaunchPermissionRecord {
  userId?: string;
  group?: 'all';
  organizationArn?: string;
  organizationalUnitArn?: string;
}

export type ImageState =
  | 'pending'
  | 'available'
  | 'invalid'
  | 'deregistered'
  | 'transient'
  | 'failed'
  | 'error'
  | 'disabled';

export type Architecture = 'i386' | 'x86_64' | 'arm64';

/**
 * As DescribeImages spells it: `enabled-with-cooldown` keeps protecting for 24 hours after it
 * is disabled, shown meanwhile as `disabled-until-<ISO time>`.
 */
export type DeregistrationProtection = 'enabled' | 'enabled-with-cooldown' | 'disabled' | `disabled-until-${string}`;

export interface ProductCodeRecord {
  productCodeId: string;
  productCodeType: 'devpay' | 'marketplace';
}

export interface ImageRecord {
  imageId: string;
  region: string;
  ownerId: string;
  /** "amazon" / "aws-marketplace" for catalogue owners; null for ordinary accounts. */
  ownerAlias: string | null;
  name: string;
  description: string | null;
  state: ImageState;
  stateReason: { code: string; message: string } | null;
  architecture: Architecture;
  /** Only ever "windows" (AWS leaves it empty for everything else). */
  platform: 'windows' | null;
  platformDetails: string;
  usageOperation: string;
  imageType: 'machine' | 'kernel' | 'ramdisk';
  virtualizationType: 'hvm' | 'paravirtual';
  hypervisor: 'xen' | 'ovm';
  rootDeviceType: 'ebs' | 'instance-store';
  rootDeviceName: string;
  imageLocation: string;
  enaSupport: boolean | null;
  sriovNetSupport: 'simple' | null;
  bootMode: 'legacy-bios' | 'uefi' | 'uefi-preferred' | null;
  tpmSupport: 'v2.0' | null;
  imdsSupport: 'v2.0' | null;
  kernelId: string | null;
  ramdiskId: string | null;
  /** ISO 8601, e.g. 2026-11-02T09:30:12.000Z */
  creationDate: string;
  deprecationTime: string | null;
  lastLaunchedTime: string | null;
  deregistrationProtection: DeregistrationProtection | null;
  freeTierEligible: boolean | null;
  productCodes: ProductCodeRecord[];
  blockDevices: BlockDeviceRecord[];
  tags: TagRecord[];
  launchPermissions: LaunchPermissionRecord[];
  /** Set on images made by CopyImage. */
  sourceImageId: string | null;
  sourceImageRegion: string | null;
  /** Set on images made by CreateImage from an instance. */
  sourceInstanceId: string | null;
}

/** What another resource of an account says about the image it uses (DescribeImageReferences). */
export type ImageReferenceType =
  | 'ec2:Instance'
  | 'ec2:LaunchTemplate'
  | 'ssm:Parameter'
  | 'imagebuilder:ImageRecipe'
  | 'imagebuilder:ContainerRecipe';

export interface ImageReferenceRecord {
  imageId: string;
  region: string;
  /** The account the referencing resource belongs to. */
  accountId: string;
  resourceType: ImageReferenceType;
  arn: string;
  /** ec2:Instance only: the instance's state (the `state-name` option filters on it). */
  instanceState?: 'pending' | 'running' | 'shutting-down' | 'terminated' | 'stopping' | 'stopped';
  /** ec2:LaunchTemplate only: how many versions back from the newest the reference is (1 = newest). */
  launchTemplateVersionDepth?: number;
}

/** Fills one region's public catalogue on first use (generation is lazy to keep start-up fast). */
export type CatalogueLoader = (world: World, region: string) => void;

/** Seeds the usage resources on first use (the large world's, so building it costs no more). */
export type UsageLoader = (world: World) => void;

export interface WorldInit {
  seed: number;
  anchor: Date;
  regions: RegionRecord[];
  clients: ClientRecord[];
  accounts: AccountRecord[];
  roles: RoleRecord[];
  mfaDevices: MfaDeviceRecord[];
  sso: SsoInstanceRecord;
  catalogueLoader: CatalogueLoader;
  usageLoader?: UsageLoader;
}

export class World {
  readonly seed: number;
  /** The world's "now" at the moment it was created. */
  readonly anchor: Date;
  readonly regions: readonly RegionRecord[];
  readonly clients: readonly ClientRecord[];
  readonly accounts: readonly AccountRecord[];
  readonly roles: readonly RoleRecord[];
  readonly mfaDevices: readonly MfaDeviceRecord[];
  readonly sso: SsoInstanceRecord;
  readonly kmsKeys: KmsKeyRecord[] = [];
  /** Key policies written with PutKeyPolicy, by key ARN (others answer a default policy). */
  readonly kmsKeyPolicies = new Map<string, string>();
  /** `ACCOUNT/REGION` pairs where image block public access is `block-new-sharing`. */
  readonly imageBlockPublicAccess = new Set<string>();
  readonly sharingQuotas: SharingQuotas = { ...DEFAULT_SHARING_QUOTAS };
  /** CopyImage tasks, client tokens, deregistration-protection cooldowns; see image-activity.ts. */
  readonly imageActivity: ImageActivity;
  /** Recycle Bin rules and the AMIs and snapshots they hold; see recycle-bin.ts. */
  readonly recycleBin = new RecycleBinState();

  private readonly startedAt = performance.now();
  /** How far advanceClock has moved the world forward, in milliseconds. */
  private offsetMs = 0;
  private readonly catalogueLoader: CatalogueLoader;
  private readonly usageState = new UsageState();
  private usageLoader: UsageLoader | null;
  private readonly loadedCatalogues = new Set<string>();
  private readonly images = new Map<string, ImageRecord>();
  private readonly snapshots = new Map<string, SnapshotRecord>();
  private readonly imagesByRegion = new Map<string, ImageRecord[]>();
  /** `region|owner id` → images, in the order added (an image's owner never changes). */
  private readonly imagesByOwner = new Map<string, ImageRecord[]>();
  private readonly snapshotsByRegion = new Map<string, SnapshotRecord[]>();
  private readonly accountsByKey = new Map<string, AccountRecord>();
  private readonly accountsById = new Map<string, AccountRecord>();
  private readonly rolesByArn = new Map<string, RoleRecord>();
  private readonly mfaBySerial = new Map<string, MfaDeviceRecord>();

  constructor(init: WorldInit) {
    this.seed = init.seed;
    this.anchor = init.anchor;
    this.regions = init.regions;
    this.clients = init.clients;
    this.accounts = init.accounts;
    this.roles = init.roles;
    this.mfaDevices = init.mfaDevices;
    this.sso = init.sso;
    this.catalogueLoader = init.catalogueLoader;
    this.usageLoader = init.usageLoader ?? null;
    this.imageActivity = new ImageActivity(init.seed);
    for (const account of init.accounts) {
      this.accountsByKey.set(account.accessKeyId, account);
      this.accountsById.set(account.accountId, account);
    }
    for (const role of init.roles) this.rolesByArn.set(role.arn, role);
    for (const device of init.mfaDevices) this.mfaBySerial.set(device.serialNumber, device);
  }

  /** The world clock: anchor + real time elapsed since the world was built + advanceClock. */
  now(): Date {
    return new Date(this.anchor.getTime() + Math.round(performance.now() - this.startedAt) + this.offsetMs);
  }

  /** Moves the world clock forward (copies progress, deprecation dates come closer). */
  advance(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError('advanceClock takes a number of seconds >= 0');
    this.offsetMs += Math.round(seconds * 1000);
  }

  region(name: string): RegionRecord | undefined {
    return this.regions.find((r) => r.name === name);
  }

  /** Regions an account can call: everything except opt-in regions it has not enabled. */
  isRegionEnabled(name: string): boolean {
    const region = this.region(name);
    return region !== undefined && region.optInStatus !== 'not-opted-in';
  }

  accountByAccessKey(accessKeyId: string): AccountRecord | undefined {
    return this.accountsByKey.get(accessKeyId);
  }

  accountById(accountId: string): AccountRecord | undefined {
    return this.accountsById.get(accountId);
  }

  /** Accounts joining the world after it was built (an IAM Identity Center directory growing), with their roles. */
  addAccounts(accounts: readonly AccountRecord[], roles: readonly RoleRecord[]): void {
    for (const account of accounts) {
      if (this.accountsById.has(account.accountId)) throw new Error(`account ${account.accountId} exists`);
      (this.accounts as AccountRecord[]).push(account);
      this.accountsByKey.set(account.accessKeyId, account);
      this.accountsById.set(account.accountId, account);
    }
    for (const role of roles) {
      (this.roles as RoleRecord[]).push(role);
      this.rolesByArn.set(role.arn, role);
    }
  }

  role(arn: string): RoleRecord | undefined {
    return this.rolesByArn.get(arn);
  }

  mfaDevice(serialNumber: string): MfaDeviceRecord | undefined {
    return this.mfaBySerial.get(serialNumber);
  }

  /** Every image record in a region, in any state (deregistered ones included). */
  imagesIn(region: string): readonly ImageRecord[] {
    this.ensureCatalogue(region);
    return this.imagesByRegion.get(region) ?? [];
  }

  /** Every image record of one owner in a region, in any state: what Owners=<id> can list without walking the region. */
  imagesOwnedBy(region: string, ownerId: string): readonly ImageRecord[] {
    this.ensureCatalogue(region);
    return this.imagesByOwner.get(`${region}|${ownerId}`) ?? [];
  }

  /** The images added to a region so far, without building its public catalogue (for seeding). */
  seededImagesIn(region: string): readonly ImageRecord[] {
    return this.imagesByRegion.get(region) ?? [];
  }

  snapshotsIn(region: string): readonly SnapshotRecord[] {
    this.ensureCatalogue(region);
    return this.snapshotsByRegion.get(region) ?? [];
  }

  image(region: string, imageId: string): ImageRecord | undefined {
    this.ensureCatalogue(region);
    const image = this.images.get(imageId);
    return image && image.region === region ? image : undefined;
  }

  snapshot(region: string, snapshotId: string): SnapshotRecord | undefined {
    this.ensureCatalogue(region);
    const snapshot = this.snapshots.get(snapshotId);
    return snapshot && snapshot.region === region ? snapshot : undefined;
  }

  /** True when an id is already taken anywhere (ids are unique across regions, as in AWS). */
  hasId(id: string): boolean {
    return this.images.has(id) || this.snapshots.has(id);
  }

  addImage(image: ImageRecord): void {
    if (this.images.has(image.imageId)) throw new Error(`duplicate image id ${image.imageId}`);
    this.images.set(image.imageId, image);
    pushTo(this.imagesByRegion, image.region, image);
    pushTo(this.imagesByOwner, `${image.region}|${image.ownerId}`, image);
  }

  addSnapshot(snapshot: SnapshotRecord): void {
    if (this.snapshots.has(snapshot.snapshotId)) {
      throw new Error(`duplicate snapshot id ${snapshot.snapshotId}`);
    }
    this.snapshots.set(snapshot.snapshotId, snapshot);
    pushTo(this.snapshotsByRegion, snapshot.region, snapshot);
  }

  /** Deletes a snapshot (DeleteSnapshot, DeregisterImage with DeleteAssociatedSnapshots). */
  removeSnapshot(snapshotId: string): boolean {
    const snapshot = this.snapshots.get(snapshotId);
    if (!snapshot) return false;
    this.snapshots.delete(snapshotId);
    const list = this.snapshotsByRegion.get(snapshot.region);
    const index = list ? list.indexOf(snapshot) : -1;
    if (list && index >= 0) list.splice(index, 1);
    return true;
  }

  kmsKey(arn: string): KmsKeyRecord | undefined {
    return this.kmsKeys.find((k) => k.arn === arn);
  }

  isImagePublicSharingBlocked(accountId: string, region: string): boolean {
    return this.imageBlockPublicAccess.has(`${accountId}/${region}`);
  }

  setImagePublicSharingBlocked(accountId: string, region: string, blocked: boolean): void {
    const key = `${accountId}/${region}`;
    if (blocked) this.imageBlockPublicAccess.add(key);
    else this.imageBlockPublicAccess.delete(key);
  }

  /** Instances, launch templates, Auto Scaling groups, SSM parameters: what uses images. */
  get usage(): UsageState {
    const loader = this.usageLoader;
    if (loader) {
      this.usageLoader = null;
      loader(this);
    }
    return this.usageState;
  }

  /**
   * Every resource of every account that references an image, as DescribeImageReferences
   * answers them (derived from `usage` and Image Builder's recipes, so always current).
   */
  get imageReferences(): ImageReferenceRecord[] {
    return imageReferencesOf(this);
  }

  private ensureCatalogue(region: string): void {
    if (this.loadedCatalogues.has(region) || !this.isRegionEnabled(region)) return;
    this.loadedCatalogues.add(region);
    this.catalogueLoader(this, region);
  }
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function isPublicImage(image: ImageRecord): boolean {
  return image.launchPermissions.some((p) => p.group === 'all');
}

export function isPublicSnapshot(snapshot: SnapshotRecord): boolean {
  return snapshot.createVolumePermissions.some((p) => p.group === 'all');
}
