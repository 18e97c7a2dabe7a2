/**
 * The VPC network of each account and region, as EC2 describes it: a default VPC with a default
 * subnet in each of three Availability Zones (172.31.0.0/16, as AWS makes them), a second,
 * named "build" VPC with two private subnets, each VPC's default security group plus two named
 * ones in the build VPC, and two key pairs. Nothing here is created or deleted through the API,
 * so each account's network is derived from its id and region when first asked for: ids are
 * stable across runs and distinct across accounts and regions.
 */
import { createHash } from 'node:crypto';
import type { TagRecord, World } from './model';

export interface VpcRecord {
  vpcId: string;
  ownerId: string;
  cidrBlock: string;
  isDefault: boolean;
  tags: TagRecord[];
}

export interface SubnetRecord {
  subnetId: string;
  ownerId: string;
  vpcId: string;
  availabilityZone: string;
  availabilityZoneId: string;
  cidrBlock: string;
  availableIpAddressCount: number;
  defaultForAz: boolean;
  mapPublicIpOnLaunch: boolean;
  tags: TagRecord[];
}

export interface SecurityGroupRecord {
  groupId: string;
  ownerId: string;
  groupName: string;
  description: string;
  vpcId: string;
  tags: TagRecord[];
}

export interface KeyPairRecord {
  keyPairId: string;
  keyName: string;
  keyType: 'rsa' | 'ed25519';
  keyFingerprint: string;
  createTime: string;
  tags: TagRecord[];
}

export interface NetworkRecord {
  vpcs: VpcRecord[];
  subnets: SubnetRecord[];
  securityGroups: SecurityGroupRecord[];
  keyPairs: KeyPairRecord[];
}

/** The named resources every account's network has (the tests and the demo pick them by these names). */
export const NETWORK_FIXTURE = {
  buildVpcName: 'build',
  buildSubnetNames: ['build-private-a', 'build-private-b'],
  buildSecurityGroupName: 'image-builder',
  sshSecurityGroupName: 'ssh-from-office',
  keyPairNames: ['build-debug', 'ops-admin'],
} as const;

const networks = new WeakMap<World, Map<string, NetworkRecord>>();

/** `prefix-0` and 16 hex digits, from the account, region and what the id is for. */
function stableId(prefix: string, accountId: string, region: string, label: string): string {
  return `${prefix}-0${createHash('sha256').update(`${accountId}/${region}/${label}`).digest('hex').slice(0, 16)}`;
}

const tag = (key: string, value: string): TagRecord => ({ key, value });

/** Zone ids look like use1-az1: the region's initials and a number. */
function zoneId(region: string, n: number): string {
  const [area = '', direction = '', number = ''] = region.split('-');
  return `${area}${direction.slice(0, 1)}${number}-az${n}`;
}

function build(world: World, accountId: string, region: string): NetworkRecord {
  const id = (prefix: string, label: string) => stableId(prefix, accountId, region, label);
  const defaultVpc: VpcRecord = { vpcId: id('vpc', 'default'), ownerId: accountId, cidrBlock: '172.31.0.0/16', isDefault: true, tags: [] };
  const buildVpc: VpcRecord = {
    vpcId: id('vpc', 'build'),
    ownerId: accountId,
    cidrBlock: '10.20.0.0/16',
    isDefault: false,
    tags: [tag('Name', NETWORK_FIXTURE.buildVpcName)],
  };
  const zones = ['a', 'b', 'c'];
  const subnets: SubnetRecord[] = [
    ...zones.map((z, i) => ({
      subnetId: id('subnet', `default-${z}`),
      ownerId: accountId,
      vpcId: defaultVpc.vpcId,
      availabilityZone: `${region}${z}`,
      availabilityZoneId: zoneId(region, i + 1),
      cidrBlock: `172.31.${i * 16}.0/20`,
      availableIpAddressCount: 4091,
      defaultForAz: true,
      mapPublicIpOnLaunch: true,
      tags: [],
    })),
    ...NETWORK_FIXTURE.buildSubnetNames.map((name, i) => ({
      subnetId: id('subnet', name),
      ownerId: accountId,
      vpcId: buildVpc.vpcId,
      availabilityZone: `${region}${zones[i]}`,
      availabilityZoneId: zoneId(region, i + 1),
      cidrBlock: `10.20.${i + 1}.0/24`,
      availableIpAddressCount: 251,
      defaultForAz: false,
      mapPublicIpOnLaunch: false,
      tags: [tag('Name', name)],
    })),
  ];
  const securityGroups: SecurityGroupRecord[] = [
    ...[defaultVpc, buildVpc].map((vpc) => ({
      groupId: id('sg', `default-${vpc.vpcId}`),
      ownerId: accountId,
      groupName: 'default',
      description: 'default VPC security group',
      vpcId: vpc.vpcId,
      tags: [],
    })),
    {
      groupId: id('sg', NETWORK_FIXTURE.buildSecurityGroupName),
      ownerId: accountId,
      groupName: NETWORK_FIXTURE.buildSecurityGroupName,
      description: 'Outbound HTTPS only, for image builds',
      vpcId: buildVpc.vpcId,
      tags: [tag('Name', NETWORK_FIXTURE.buildSecurityGroupName)],
    },
    {
      groupId: id('sg', NETWORK_FIXTURE.sshSecurityGroupName),
      ownerId: accountId,
      groupName: NETWORK_FIXTURE.sshSecurityGroupName,
      description: 'SSH from the office range',
      vpcId: buildVpc.vpcId,
      tags: [],
    },
  ];
  const created = new Date(world.anchor.getTime() - 400 * 24 * 3600 * 1000).toISOString();
  const keyPairs: KeyPairRecord[] = NETWORK_FIXTURE.keyPairNames.map((keyName, i) => {
    const digest = createHash('sha256').update(`${accountId}/${region}/key/${keyName}`).digest('hex');
    return {
      keyPairId: id('key', keyName),
      keyName,
      keyType: i === 0 ? 'ed25519' : 'rsa',
      // ed25519 keys show a base64 SHA-256 fingerprint, RSA keys a colon-separated MD5-style one.
      keyFingerprint: i === 0 ? `${Buffer.from(digest, 'hex').toString('base64')}` : (digest.slice(0, 32).match(/../g) ?? []).join(':'),
      createTime: created,
      tags: [],
    };
  });
  return { vpcs: [defaultVpc, buildVpc], subnets, securityGroups, keyPairs };
}

/** The network of an account in a region (derived once per world). */
export function networkOf(world: World, accountId: string, region: string): NetworkRecord {
  let byPlace = networks.get(world);
  if (!byPlace) {
    byPlace = new Map();
    networks.set(world, byPlace);
  }
  const key = `${accountId}/${region}`;
  let network = byPlace.get(key);
  if (!network) {
    network = build(world, accountId, region);
    byPlace.set(key, network);
  }
  return network;
}
