/**
 * DescribeVpcs, DescribeSubnets, DescribeSecurityGroups and DescribeKeyPairs over the caller's
 * own network in the region (emulator/world/network.ts).
 *
 * Ids named in the request must be well formed (InvalidVpcID.Malformed, InvalidSubnetID.Malformed,
 * InvalidGroupId.Malformed) and exist (InvalidVpcID.NotFound, InvalidSubnetID.NotFound,
 * InvalidGroup.NotFound, InvalidKeyPair.NotFound, naming the first missing one); Filter.N as
 * listed below plus tag:KEY, tag-key and tag-value. VPCs, subnets and security groups page with
 * MaxResults 5–1000 / NextToken (not together with ids, as EC2 refuses); key pairs do not page.
 */
import { ApiError, invalidParameterCombination } from '../protocol/errors';
import { el, itemList, type XmlNode } from '../protocol/xml';
import type { ServiceCall } from '../service';
import { networkOf, type KeyPairRecord, type SecurityGroupRecord, type SubnetRecord, type VpcRecord } from '../world/network';
import { compileFilters, type FilterTable } from './filters';
import { byId, questionFingerprint, readMaxResults, takePage } from './paging';
import { ec2Document } from './response';
import { tagSet } from './serialize';

const VPC_FILTERS: FilterTable<VpcRecord> = {
  fields: {
    'cidr': (v) => v.cidrBlock,
    'cidr-block-association.cidr-block': (v) => v.cidrBlock,
    'is-default': (v) => v.isDefault,
    'owner-id': (v) => v.ownerId,
    state: () => 'available',
    'vpc-id': (v) => v.vpcId,
  },
  tags: (v) => v.tags,
};

const SUBNET_FILTERS: FilterTable<SubnetRecord> = {
  fields: {
    'availability-zone': (s) => s.availabilityZone,
    'availability-zone-id': (s) => s.availabilityZoneId,
    'available-ip-address-count': (s) => s.availableIpAddressCount,
    'cidr-block': (s) => s.cidrBlock,
    'default-for-az': (s) => s.defaultForAz,
    'map-public-ip-on-launch': (s) => s.mapPublicIpOnLaunch,
    'owner-id': (s) => s.ownerId,
    state: () => 'available',
    'subnet-id': (s) => s.subnetId,
    'vpc-id': (s) => s.vpcId,
  },
  tags: (s) => s.tags,
};

const GROUP_FILTERS: FilterTable<SecurityGroupRecord> = {
  fields: {
    description: (g) => g.description,
    'group-id': (g) => g.groupId,
    'group-name': (g) => g.groupName,
    'owner-id': (g) => g.ownerId,
    'vpc-id': (g) => g.vpcId,
  },
  tags: (g) => g.tags,
};

const KEY_FILTERS: FilterTable<KeyPairRecord> = {
  fields: {
    fingerprint: (k) => k.keyFingerprint,
    'key-name': (k) => k.keyName,
    'key-pair-id': (k) => k.keyPairId,
    'key-type': (k) => k.keyType,
  },
  tags: (k) => k.tags,
};

const wellFormed = (prefix: string) => new RegExp(`^${prefix}-(?:[0-9a-f]{8}|[0-9a-f]{17})$`);

/** Each named id well formed, then each one found; the request's order decides which is reported. */
function named<T>(ids: readonly string[], all: readonly T[], idOf: (t: T) => string, pattern: RegExp, malformed: (id: string) => ApiError, missing: (id: string) => ApiError): T[] {
  const bad = ids.find((id) => !pattern.test(id));
  if (bad !== undefined) throw malformed(bad);
  const gone = ids.find((id) => !all.some((t) => idOf(t) === id));
  if (gone !== undefined) throw missing(gone);
  return all.filter((t) => ids.includes(idOf(t)));
}

/** Common to the three paged actions: ids or everything, filtered, ordered by id, one page. */
function paged<T>(call: ServiceCall, action: string, ids: string[], all: readonly T[], idOf: (t: T) => string, table: FilterTable<T>, choose: (ids: string[]) => T[]): { items: T[]; tail: XmlNode[] } {
  const { caller, region, params } = call;
  const maxResults = readMaxResults(params, 5, 1000);
  if (maxResults !== undefined && ids.length > 0) {
    throw invalidParameterCombination(`The parameter ${action === 'DescribeSecurityGroups' ? 'groupIds' : action === 'DescribeSubnets' ? 'subnetIds' : 'vpcIds'} cannot be used with the parameter maxResults`);
  }
  const filter = compileFilters(params.filters(), table);
  const candidates = ids.length > 0 ? choose(ids) : [...all];
  const matching = candidates.filter(filter).sort(byId(idOf));
  const page = takePage(matching, idOf, {
    maxResults,
    nextToken: params.string('NextToken'),
    fingerprint: questionFingerprint(caller.accountId, region, params, ['NextToken', 'MaxResults']),
  });
  return { items: page.items, tail: page.nextToken ? [el('nextToken', page.nextToken)] : [] };
}

const present = (nodes: Array<XmlNode | null>): XmlNode[] => nodes.filter((n): n is XmlNode => n !== null);

export function describeVpcs(call: ServiceCall): string {
  const { vpcs } = networkOf(call.world, call.caller.accountId, call.region);
  const ids = [...new Set(call.params.list('VpcId'))];
  const { items, tail } = paged(call, 'DescribeVpcs', ids, vpcs, (v) => v.vpcId, VPC_FILTERS, (wanted) =>
    named(
      wanted,
      vpcs,
      (v) => v.vpcId,
      wellFormed('vpc'),
      (id) => new ApiError('InvalidVpcID.Malformed', `Invalid id: "${id}"`),
      (id) => new ApiError('InvalidVpcID.NotFound', `The vpc ID '${id}' does not exist`),
    ),
  );
  return ec2Document('DescribeVpcs', call.requestId, [
    itemList(
      'vpcSet',
      items.map((v) =>
        present([
          el('vpcId', v.vpcId),
          el('ownerId', v.ownerId),
          el('state', 'available'),
          el('cidrBlock', v.cidrBlock),
          itemList('cidrBlockAssociationSet', [[el('associationId', v.vpcId.replace('vpc-', 'vpc-cidr-assoc-')), el('cidrBlock', v.cidrBlock), el('cidrBlockState', [el('state', 'associated')])]]),
          el('instanceTenancy', 'default'),
          el('isDefault', v.isDefault),
          tagSet(v.tags),
        ]),
      ),
    ),
    ...tail,
  ]);
}

export function describeSubnets(call: ServiceCall): string {
  const { subnets } = networkOf(call.world, call.caller.accountId, call.region);
  const ids = [...new Set(call.params.list('SubnetId'))];
  const { items, tail } = paged(call, 'DescribeSubnets', ids, subnets, (s) => s.subnetId, SUBNET_FILTERS, (wanted) =>
    named(
      wanted,
      subnets,
      (s) => s.subnetId,
      wellFormed('subnet'),
      (id) => new ApiError('InvalidSubnetID.Malformed', `Invalid id: "${id}"`),
      (id) => new ApiError('InvalidSubnetID.NotFound', `The subnet ID '${id}' does not exist`),
    ),
  );
  return ec2Document('DescribeSubnets', call.requestId, [
    itemList(
      'subnetSet',
      items.map((s) =>
        present([
          el('subnetId', s.subnetId),
          el('subnetArn', `arn:aws:ec2:${call.region}:${s.ownerId}:subnet/${s.subnetId}`),
          el('state', 'available'),
          el('ownerId', s.ownerId),
          el('vpcId', s.vpcId),
          el('cidrBlock', s.cidrBlock),
          el('availableIpAddressCount', s.availableIpAddressCount),
          el('availabilityZone', s.availabilityZone),
          el('availabilityZoneId', s.availabilityZoneId),
          el('defaultForAz', s.defaultForAz),
          el('mapPublicIpOnLaunch', s.mapPublicIpOnLaunch),
          tagSet(s.tags),
        ]),
      ),
    ),
    ...tail,
  ]);
}

export function describeSecurityGroups(call: ServiceCall): string {
  const { securityGroups, vpcs } = networkOf(call.world, call.caller.accountId, call.region);
  const ids = [...new Set(call.params.list('GroupId'))];
  const names = [...new Set(call.params.list('GroupName'))];
  // GroupName looks in the default VPC only, as EC2 documents.
  const defaultVpc = vpcs.find((v) => v.isDefault)?.vpcId;
  const byName = names.map((name) => {
    const found = securityGroups.find((g) => g.groupName === name && g.vpcId === defaultVpc);
    if (!found) throw new ApiError('InvalidGroup.NotFound', `The security group '${name}' does not exist in default VPC '${defaultVpc ?? ''}'`);
    return found;
  });
  const { items, tail } = paged(
    call,
    'DescribeSecurityGroups',
    [...ids, ...byName.map((g) => g.groupId)],
    securityGroups,
    (g) => g.groupId,
    GROUP_FILTERS,
    (wanted) =>
      named(
        wanted,
        securityGroups,
        (g) => g.groupId,
        wellFormed('sg'),
        (id) => new ApiError('InvalidGroupId.Malformed', `Invalid id: "${id}" (expecting "sg-...")`),
        (id) => new ApiError('InvalidGroup.NotFound', `The security group '${id}' does not exist`),
      ),
  );
  return ec2Document('DescribeSecurityGroups', call.requestId, [
    itemList(
      'securityGroupInfo',
      items.map((g) =>
        present([
          el('ownerId', g.ownerId),
          el('groupId', g.groupId),
          el('groupName', g.groupName),
          el('groupDescription', g.description),
          el('vpcId', g.vpcId),
          el('securityGroupArn', `arn:aws:ec2:${call.region}:${g.ownerId}:security-group/${g.groupId}`),
          el('ipPermissions', []),
          itemList('ipPermissionsEgress', [[el('ipProtocol', '-1'), itemList('ipRanges', [[el('cidrIp', '0.0.0.0/0')]])]]),
          tagSet(g.tags),
        ]),
      ),
    ),
    ...tail,
  ]);
}

export function describeKeyPairs(call: ServiceCall): string {
  const { keyPairs } = networkOf(call.world, call.caller.accountId, call.region);
  const names = [...new Set(call.params.list('KeyName'))];
  const ids = [...new Set(call.params.list('KeyPairId'))];
  const filter = compileFilters(call.params.filters(), KEY_FILTERS);
  const missingName = names.find((n) => !keyPairs.some((k) => k.keyName === n));
  if (missingName !== undefined) throw new ApiError('InvalidKeyPair.NotFound', `The key pair '${missingName}' does not exist`);
  const missingId = ids.find((id) => !keyPairs.some((k) => k.keyPairId === id));
  if (missingId !== undefined) throw new ApiError('InvalidKeyPair.NotFound', `The key pair '${missingId}' does not exist`);
  const chosen = names.length > 0 || ids.length > 0 ? keyPairs.filter((k) => names.includes(k.keyName) || ids.includes(k.keyPairId)) : keyPairs;
  const includePublicKey = call.params.bool('IncludePublicKey') ?? false;
  return ec2Document('DescribeKeyPairs', call.requestId, [
    itemList(
      'keySet',
      chosen
        .filter(filter)
        .sort(byId((k) => k.keyName))
        .map((k) =>
          present([
            el('keyPairId', k.keyPairId),
            el('keyFingerprint', k.keyFingerprint),
            el('keyName', k.keyName),
            el('keyType', k.keyType),
            el('createTime', k.createTime),
            includePublicKey ? el('publicKey', `ssh-${k.keyType} AAAA${Buffer.from(k.keyPairId).toString('base64')} ${k.keyName}`) : null,
            tagSet(k.tags),
          ]),
        ),
    ),
  ]);
}
