/**
 * A large, uniform world for benchmarks: N accounts × R regions × K private images each, every
 * account with an IAM user, a key pair and an MFA device, every EBS image with real snapshots
 * and launch permissions. It trades the hand-written history of the demo world for speed:
 * 160,000 images are generated in about 1.5 s, so a benchmark can afford to build it twice
 * (once to serve, once to know the expected answer).
 *
 * Rules that keep the expected scan result independent of a scanner's flags:
 * - images shared with other accounts are never deprecated and no image is disabled, so what an
 *   account is shared is the same with or without IncludeDeprecated / IncludeDisabled;
 * - a few images are deregistered (gone from every listing; their snapshots stay, as in AWS).
 *
 * Ids are a seeded hash followed by a bijective mix of a counter, so they look random, never
 * collide and need no uniqueness lookup. The public catalogue is off unless asked for. A little
 * usage (instances, a launch template, a parameter, groups) per account and region is added on
 * first use (large-usage.ts), so it costs nothing here.
 */
import { base32Encode } from '../auth/totp';
import { rootArn, roleArn, userArn } from './iam';
import { loadCatalogue } from './catalogue';
import { addLargeWorldUsage } from './large-usage';
import { OS_PROFILES, type OsKind } from './os';
import {
  World,
  type AccountRecord,
  type Architecture,
  type BlockDeviceRecord,
  type ClientRecord,
  type CreateVolumePermissionRecord,
  type ImageRecord,
  type ImageState,
  type LaunchPermissionRecord,
  type MfaDeviceRecord,
  type RegionRecord,
  type RoleRecord,
  type SnapshotRecord,
  type TagRecord,
  type VolumeType,
} from './model';
import { hashString, Rng } from './random';
import { WORLD_ANCHOR } from './seed';
import { SSO_REGION, SSO_START_URL } from './sso';

export interface LargeWorldShape {
  /** Accounts, 1..1000; grouped five to a client (one AWS Organization each). */
  accounts: number;
  /** Enabled regions per account, 1..LARGE_WORLD_MAX_REGIONS; the rest of the partition is not opted in. */
  regions: number;
  /** Private images each account owns in each enabled region, 0..5000. */
  imagesPerAccountRegion: number;
  /** Also serve the public catalogue (built lazily per region on first use). Default false. */
  catalogue?: boolean;
}

/** The benchmark's world: 50 accounts × 16 regions × 200 images = 160,000 private images. */
export const LARGE_WORLD_DEFAULT: Readonly<Required<LargeWorldShape>> = {
  accounts: 50,
  regions: 16,
  imagesPerAccountRegion: 200,
  catalogue: false,
};

/** The partition in the order regions are enabled; eu-south-1 is an opt-in region when enabled. */
const PARTITION = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
  'sa-east-1',
  'eu-south-1',
] as const;

export const LARGE_WORLD_MAX_REGIONS = PARTITION.length;

const ENVS = ['prod', 'staging', 'dev', 'shared', 'sandbox'] as const;
const COLORS = ['#e4572e', '#2e86ab', '#76b041', '#f3a712', '#8e44ad', '#16a085', '#c0392b', '#2c3e50'];
const KEY_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const ORG_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

interface Family {
  word: string;
  os: OsKind;
  team: string;
  description: string | null;
}

const FAMILIES: readonly Family[] = [
  { word: 'golden-al2023', os: 'al2023', team: 'platform', description: 'Golden Amazon Linux 2023, CIS level 1' },
  { word: 'app-payments-api', os: 'al2023', team: 'payments', description: 'payments-api build from main' },
  { word: 'app-checkout-web', os: 'al2023', team: 'web', description: 'checkout-web build from main' },
  { word: 'svc-orders', os: 'ubuntu-22.04', team: 'orders', description: 'orders service' },
  { word: 'svc-search', os: 'ubuntu-24.04', team: 'search', description: 'search service (OpenSearch sidecars)' },
  { word: 'base-ubuntu-22.04', os: 'ubuntu-22.04', team: 'sre', description: 'Base image: Ubuntu 22.04, hardened' },
  { word: 'rhel-9-cis', os: 'rhel-9', team: 'platform', description: 'RHEL 9 with CIS level 2 hardening' },
  { word: 'windows-2022-hardened', os: 'windows', team: 'platform', description: 'Windows Server 2022 Datacenter, CIS benchmark' },
  { word: 'win-2022-reporting', os: 'windows-sql-standard', team: 'bi', description: 'SQL Server Reporting Services on Windows Server 2022' },
  { word: 'debian-12-builder', os: 'debian-12', team: 'ci', description: 'CI builder image' },
  { word: 'legacy-batch', os: 'al2', team: 'batch', description: null },
];

/** An account outside the world that some images are also shared with. */
const OUTSIDE_ACCOUNT_ID = '210987654321';

/** 32-bit bijection (xorshift-multiply), so distinct counters always give distinct ids. */
function mix32(x: number): number {
  x = (x ^ (x >>> 16)) >>> 0;
  x = Math.imul(x, 0x7feb352d) >>> 0;
  x = (x ^ (x >>> 15)) >>> 0;
  x = Math.imul(x, 0x846ca68b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

const hex8 = (n: number): string => n.toString(16).padStart(8, '0');

class Ids {
  private counter = 0;
  private readonly salt: number;

  constructor(seed: number) {
    this.salt = hashString(`large-ids:${seed >>> 0}`);
  }

  /** `prefix-0` + 16 hex digits: 17 digits, as AWS's current ids have. */
  next(prefix: 'ami' | 'snap' | 'vol' | 'i'): string {
    const n = this.counter++;
    return `${prefix}-0${hex8((mix32(n ^ this.salt) ^ 0x5bd1e995) >>> 0)}${hex8(mix32(n + this.salt))}`;
  }
}

export function largeWorldRegions(enabled: number): RegionRecord[] {
  return PARTITION.map((name, i) => ({
    name,
    optInStatus: i >= enabled ? 'not-opted-in' : name === 'eu-south-1' ? 'opted-in' : 'opt-in-not-required',
  }));
}

function clampInt(value: number, min: number, max: number, name: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`large world: ${name} must be a whole number from ${min} to ${max}, got ${value}`);
  }
  return value;
}

export function normaliseShape(shape: LargeWorldShape): Required<LargeWorldShape> {
  return {
    accounts: clampInt(shape.accounts, 1, 1000, 'accounts'),
    regions: clampInt(shape.regions, 1, LARGE_WORLD_MAX_REGIONS, 'regions'),
    imagesPerAccountRegion: clampInt(shape.imagesPerAccountRegion, 0, 5000, 'imagesPerAccountRegion'),
    catalogue: shape.catalogue ?? false,
  };
}

function buildAccounts(count: number, regionNames: string[], rng: Rng): { clients: ClientRecord[]; accounts: AccountRecord[] } {
  const clients: ClientRecord[] = [];
  const accounts: AccountRecord[] = [];
  const used = new Set<string>();
  const accountId = (): string => {
    for (;;) {
      const id = `${rng.int(1, 9)}${rng.digits(11)}`;
      if (!used.has(id) && id !== OUTSIDE_ACCOUNT_ID) {
        used.add(id);
        return id;
      }
    }
  };
  for (let start = 0, c = 0; start < count; start += ENVS.length, c++) {
    const size = Math.min(ENVS.length, count - start);
    const slug = `client${String(c + 1).padStart(3, '0')}`;
    const ids = Array.from({ length: size }, accountId);
    const management = ids[0] as string;
    const organizationId = `o-${rng.chars(10, ORG_ALPHABET)}`;
    const organizationArn = `arn:aws:organizations::${management}:organization/${organizationId}`;
    const root = rng.chars(4, ORG_ALPHABET);
    const workloads = `arn:aws:organizations::${management}:ou/${organizationId}/ou-${root}-${rng.chars(8, ORG_ALPHABET)}`;
    const color = COLORS[c % COLORS.length] as string;
    const name = `Client ${String(c + 1).padStart(3, '0')}`;
    clients.push({ id: slug, name, color, organizationId, organizationArn });
    ids.forEach((id, i) => {
      const env = ENVS[i] as (typeof ENVS)[number];
      const ou = `arn:aws:organizations::${management}:ou/${organizationId}/ou-${root}-${rng.chars(8, ORG_ALPHABET)}`;
      const accountName = `${slug}-${env}`;
      accounts.push({
        accountId: id,
        name: accountName,
        clientId: slug,
        clientName: name,
        clientColor: color,
        production: env === 'prod',
        userName: 'ami-atlas',
        userId: `AIDA${rng.chars(17, KEY_ALPHABET)}`,
        accessKeyId: `AKIA${rng.chars(16, KEY_ALPHABET)}`,
        secretAccessKey: rng.chars(40, SECRET_ALPHABET),
        defaultRegion: regionNames[0] ?? 'us-east-1',
        regions: [...regionNames],
        organizationArn,
        organizationalUnitArns: [ou, workloads],
        alias: accountName,
        email: `aws-${accountName}@${slug}.example`,
      });
    });
  }
  return { clients, accounts };
}

function buildMfa(accounts: readonly AccountRecord[], rng: Rng): MfaDeviceRecord[] {
  return accounts.map((a) => ({
    serialNumber: `arn:aws:iam::${a.accountId}:mfa/${a.userName}`,
    accountId: a.accountId,
    userName: a.userName,
    seedBase32: base32Encode(Uint8Array.from({ length: 20 }, () => rng.int(0, 255))),
    enableDate: '2025-03-14T09:26:53.000Z',
  }));
}

/** OrganizationAccountAccessRole in every account, trusting the first account (the hub). */
function buildHubRoles(accounts: readonly AccountRecord[], rng: Rng): RoleRecord[] {
  const hub = accounts[0];
  if (!hub) return [];
  return accounts.map((a) => ({
    accountId: a.accountId,
    roleName: 'OrganizationAccountAccessRole',
    path: '/',
    arn: roleArn(a.accountId, '/', 'OrganizationAccountAccessRole'),
    roleId: `AROA${rng.chars(17, KEY_ALPHABET)}`,
    description: 'Administrative access from the hub account',
    maxSessionDuration: 3_600,
    trust: { principals: [rootArn(hub.accountId), userArn(hub.accountId, hub.userName)], externalId: null, mfaRequired: false },
    ssoPermissionSet: null,
  }));
}

const tag = (key: string, value: string): TagRecord => ({ key, value });

const NO_CATALOGUE = (): void => undefined;
// Shared empty lists: nothing mutates records after seeding, and 340,000 fewer arrays keep seeding fast.
const NO_TAGS: TagRecord[] = [];
const NO_PRODUCT_CODES: ImageRecord['productCodes'] = [];

export function createLargeWorld(seed: number, requested: LargeWorldShape): World {
  const shape = normaliseShape(requested);
  const regions = largeWorldRegions(shape.regions);
  const regionNames = regions.filter((r) => r.optInStatus !== 'not-opted-in').map((r) => r.name);
  const { clients, accounts } = buildAccounts(shape.accounts, regionNames, Rng.from(seed, 'large:accounts'));
  const anchor = new Date(WORLD_ANCHOR);
  const world = new World({
    seed,
    anchor,
    regions,
    clients,
    accounts,
    roles: buildHubRoles(accounts, Rng.from(seed, 'large:roles')),
    mfaDevices: buildMfa(accounts, Rng.from(seed, 'large:mfa')),
    sso: {
      instanceArn: `arn:aws:sso:::instance/ssoins-${Rng.from(seed, 'large:sso').hex(16)}`,
      startUrl: SSO_START_URL,
      region: SSO_REGION,
      user: { userName: 'ana.lopez', displayName: 'Ana López', email: 'ana.lopez@atlas-demo.example' },
      samlProvider: 'AWSSSO_large_DO_NOT_DELETE',
      permissionSets: [],
      assignments: [],
    },
    catalogueLoader: shape.catalogue ? loadCatalogue : NO_CATALOGUE,
    usageLoader: (w) => addLargeWorldUsage(w, seed, shape.imagesPerAccountRegion, regionNames),
  });
  const ids = new Ids(seed);
  for (const account of accounts) {
    for (const region of regionNames) {
      addImagesOf(world, account, region, shape.imagesPerAccountRegion, ids, Rng.from(seed, `large:${account.accountId}:${region}`));
    }
  }
  return world;
}

function addImagesOf(world: World, account: AccountRecord, region: string, count: number, ids: Ids, rng: Rng): void {
  const accounts = world.accounts;
  const anchorMs = world.anchor.getTime();
  let kmsKeyId: string | null = null;
  const key = (): string => {
    if (kmsKeyId === null) {
      kmsKeyId = `arn:aws:kms:${region}:${account.accountId}:key/${rng.uuid()}`;
      world.kmsKeys.push({ arn: kmsKeyId, accountId: account.accountId, region, alias: 'alias/ami-encryption', managedBy: 'customer' });
    }
    return kmsKeyId;
  };

  const build = 1000;
  for (let k = 0; k < count; k++) {
    const family = FAMILIES[rng.int(0, FAMILIES.length - 1)] as Family;
    const profile = OS_PROFILES[family.os];
    // Roughly one build every half day going back, so names and dates differ per image.
    // Whole minutes before a midnight anchor, so the ISO form is already what AWS prints.
    const createdMs = anchorMs - Math.round((k * 0.5 + 0.1) * 1440 + rng.int(0, 600)) * 60_000;
    const creationDate = new Date(createdMs).toISOString();
    const arch: Architecture = family.os === 'al2' && rng.chance(0.2) ? 'i386' : rng.chance(0.3) ? 'arm64' : 'x86_64';
    const instanceStore = family.os === 'al2' && rng.chance(0.3);
    const roll = rng.next();
    const state: ImageState = k === 0 && rng.chance(0.3) ? 'pending' : roll < 0.01 ? 'failed' : roll < 0.04 ? 'deregistered' : 'available';
    const encrypted = !instanceStore && rng.chance(0.25);
    const dataVolume = !instanceStore && rng.chance(0.15);

    // Sharing: most images stay private; a third are shared with other accounts of the world.
    const share = rng.next();
    const launchPermissions: LaunchPermissionRecord[] = [];
    if (state === 'available' && !instanceStore) {
      if (share < 0.28) {
        const n = rng.int(1, 3);
        for (let s = 0; s < n; s++) {
          const other = accounts[rng.int(0, accounts.length - 1)] as AccountRecord;
          if (other.accountId !== account.accountId && !launchPermissions.some((p) => p.userId === other.accountId)) {
            launchPermissions.push({ userId: other.accountId });
          }
        }
        if (rng.chance(0.05)) launchPermissions.push({ userId: OUTSIDE_ACCOUNT_ID });
      } else if (share < 0.32) {
        launchPermissions.push({ organizationArn: account.organizationArn });
      } else if (share < 0.33) {
        launchPermissions.push({ organizationalUnitArn: account.organizationalUnitArns[1] as string });
      } else if (share < 0.332) {
        launchPermissions.push({ group: 'all' });
      }
    }
    const deprecated = launchPermissions.length === 0 && rng.chance(0.3);
    const volumePermissions: CreateVolumePermissionRecord[] = launchPermissions.flatMap((p): CreateVolumePermissionRecord[] =>
      p.userId ? [{ userId: p.userId }] : p.group ? [{ group: p.group }] : [],
    );

    const imageId = ids.next('ami');
    // 2026-11-02T0930, as dashedWithTime writes it, cut from the ISO string (much cheaper).
    const name = `${family.word}-${creationDate.slice(0, 13)}${creationDate.slice(14, 16)}-${k}`;
    const tags = [tag('Name', name), tag('Team', family.team), tag('Env', account.name.slice(account.name.lastIndexOf('-') + 1)), tag('Build', String(build + k))];
    const sourceInstanceId = ids.next('i');
    const startTime = new Date(createdMs - rng.int(60, 900) * 1000).toISOString();
    const snapshotState = state === 'pending' ? 'pending' : state === 'failed' ? 'error' : 'completed';
    const kms = encrypted ? key() : null;

    const blockDevices: BlockDeviceRecord[] = [];
    const volume: VolumeSpec = { world, ids, region, account, imageId, sourceInstanceId, startTime, snapshotState, kms, volumePermissions, volumeType: profile.volumeType };
    if (instanceStore) {
      blockDevices.push({ deviceName: '/dev/sdb', virtualName: 'ephemeral0' });
    } else {
      blockDevices.push(addVolume(volume, profile.rootDeviceName, profile.rootVolumeGiB + 8, true));
      if (dataVolume) blockDevices.push(addVolume(volume, '/dev/sdf', 50, false));
    }

    const paravirtual = instanceStore || arch === 'i386';
    const image: ImageRecord = {
      imageId,
      region,
      ownerId: account.accountId,
      ownerAlias: null,
      name,
      description: family.description,
      state,
      stateReason: state === 'failed' ? { code: 'Server.InternalError', message: 'Server.InternalError: Internal error on launch' } : null,
      architecture: arch,
      platform: profile.platform,
      platformDetails: profile.platformDetails,
      usageOperation: profile.usageOperation,
      imageType: 'machine',
      virtualizationType: paravirtual ? 'paravirtual' : 'hvm',
      hypervisor: 'xen',
      rootDeviceType: instanceStore ? 'instance-store' : 'ebs',
      rootDeviceName: instanceStore ? '/dev/sda1' : profile.rootDeviceName,
      imageLocation: instanceStore ? `${account.name}-bundles/${name}/image.manifest.xml` : `${account.accountId}/${name}`,
      enaSupport: paravirtual ? null : true,
      sriovNetSupport: paravirtual ? null : 'simple',
      bootMode: paravirtual ? null : profile.bootMode(arch),
      tpmSupport: profile.tpmSupport,
      imdsSupport: profile.imdsSupport,
      kernelId: paravirtual ? `aki-${rng.hex(8)}` : null,
      ramdiskId: null,
      creationDate,
      // Half of the deprecated ones are past their date, half still ahead.
      deprecationTime: deprecated ? new Date(createdMs + (rng.chance(0.5) ? 30 : 400) * 86_400_000).toISOString() : null,
      lastLaunchedTime: state === 'available' && rng.chance(0.5) ? new Date(createdMs + Math.floor(rng.next() * (anchorMs - createdMs) / 1000) * 1000).toISOString() : null,
      deregistrationProtection: 'disabled',
      freeTierEligible: null,
      productCodes: NO_PRODUCT_CODES,
      blockDevices,
      tags,
      launchPermissions,
      sourceImageId: null,
      sourceImageRegion: null,
      sourceInstanceId,
    };
    world.addImage(image);
  }
}

interface VolumeSpec {
  world: World;
  ids: Ids;
  region: string;
  account: AccountRecord;
  imageId: string;
  sourceInstanceId: string;
  startTime: string;
  snapshotState: SnapshotRecord['state'];
  kms: string | null;
  volumePermissions: CreateVolumePermissionRecord[];
  volumeType: VolumeType;
}

/** One EBS volume of an image: its snapshot goes into the world, its mapping is returned. */
function addVolume(v: VolumeSpec, deviceName: string, size: number, root: boolean): BlockDeviceRecord {
  const snapshot: SnapshotRecord = {
    snapshotId: v.ids.next('snap'),
    region: v.region,
    ownerId: v.account.accountId,
    ownerAlias: null,
    volumeId: v.ids.next('vol'),
    volumeSize: size,
    state: v.snapshotState,
    progress: v.snapshotState === 'pending' ? '42%' : '100%',
    startTime: v.startTime,
    description: `Created by CreateImage(${v.sourceInstanceId}) for ${v.imageId}`,
    encrypted: v.kms !== null,
    kmsKeyId: v.kms,
    storageTier: 'standard',
    tags: NO_TAGS,
    createVolumePermissions: v.volumePermissions,
  };
  v.world.addSnapshot(snapshot);
  return {
    deviceName,
    ebs: {
      snapshotId: snapshot.snapshotId,
      volumeSize: size,
      volumeType: v.volumeType,
      deleteOnTermination: root,
      encrypted: v.kms !== null,
      kmsKeyId: v.kms,
      iops: v.volumeType === 'gp3' ? 3000 : null,
      throughput: v.volumeType === 'gp3' ? 125 : null,
    },
  };
}
