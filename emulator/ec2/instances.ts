/**
 * DescribeInstances: the caller's own instances in the region (another account's are never
 * visible), as reservations holding instances. InstanceId.N names instances (malformed:
 * InvalidInstanceID.Malformed; unknown or another account's: InvalidInstanceID.NotFound, listing
 * every missing id); Filter.N narrows (the filters below, plus tag:KEY, tag-key, tag-value;
 * any other name is refused as unknown); MaxResults (5–1000, not with InstanceId) / NextToken
 * page by instance, ordered by reservation then instance id, so a reservation split across pages
 * appears on each with its part of the instances.
 */
import { ApiError, invalidParameterCombination } from '../protocol/errors';
import { el, itemList, type XmlNode } from '../protocol/xml';
import type { ServiceCall } from '../service';
import { INSTANCE_STATE_CODES, type InstanceRecord } from '../world/usage-model';
import { compileFilters, type FilterTable } from './filters';
import { questionFingerprint, readMaxResults, takePage } from './paging';
import { ec2Document } from './response';
import { tagSet } from './serialize';

const INSTANCE_ID = /^i-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;

export const INSTANCE_FILTERS: FilterTable<InstanceRecord> = {
  fields: {
    architecture: (i) => i.architecture,
    'availability-zone': (i) => i.availabilityZone,
    hypervisor: () => 'xen',
    'iam-instance-profile.arn': (i) => i.iamInstanceProfileArn,
    'image-id': (i) => i.imageId,
    'instance-id': (i) => i.instanceId,
    'instance-state-code': (i) => INSTANCE_STATE_CODES[i.state],
    'instance-state-name': (i) => i.state,
    'instance-type': (i) => i.instanceType,
    'key-name': (i) => i.keyName,
    'launch-index': () => 0,
    'launch-time': (i) => i.launchTime,
    'metadata-options.http-tokens': (i) => i.httpTokens,
    'owner-id': (i) => i.accountId,
    platform: (i) => i.platform,
    'platform-details': (i) => i.platformDetails,
    'private-dns-name': (i) => privateDnsName(i),
    'private-ip-address': (i) => i.privateIpAddress,
    reason: (i) => i.stateTransitionReason,
    'reservation-id': (i) => i.reservationId,
    'root-device-name': (i) => i.rootDeviceName,
    'root-device-type': (i) => i.rootDeviceType,
    'state-reason-code': (i) => i.stateReason?.code,
    'state-reason-message': (i) => i.stateReason?.message,
    'subnet-id': (i) => i.subnetId,
    tenancy: () => 'default',
    'virtualization-type': (i) => i.virtualizationType,
    'vpc-id': (i) => i.vpcId,
  },
  tags: (i) => i.tags,
};

function privateDnsName(i: InstanceRecord): string {
  if (!i.privateIpAddress) return '';
  const host = `ip-${i.privateIpAddress.replace(/\./g, '-')}`;
  return i.region === 'us-east-1' ? `${host}.ec2.internal` : `${host}.${i.region}.compute.internal`;
}

export function checkInstanceId(id: string): void {
  if (!INSTANCE_ID.test(id)) throw new ApiError('InvalidInstanceID.Malformed', `Invalid id: "${id}" (expecting "i-...")`);
}

export function instancesNotFound(ids: string[]): ApiError {
  return ids.length === 1
    ? new ApiError('InvalidInstanceID.NotFound', `The instance ID '${ids[0]}' does not exist`)
    : new ApiError('InvalidInstanceID.NotFound', `The instance IDs '${ids.join(', ')}' do not exist`);
}

function instanceItem(i: InstanceRecord): XmlNode[] {
  const nodes: Array<XmlNode | null> = [
    el('instanceId', i.instanceId),
    el('imageId', i.imageId),
    el('instanceState', [el('code', INSTANCE_STATE_CODES[i.state]), el('name', i.state)]),
    el('privateDnsName', privateDnsName(i)),
    el('dnsName', ''),
    el('reason', i.stateTransitionReason),
    el('keyName', i.keyName),
    el('amiLaunchIndex', 0),
    el('instanceType', i.instanceType),
    el('launchTime', i.launchTime),
    el('placement', [el('availabilityZone', i.availabilityZone), el('groupName', ''), el('tenancy', 'default')]),
    el('platform', i.platform),
    el('platformDetails', i.platformDetails),
    el('monitoring', [el('state', 'disabled')]),
    el('subnetId', i.subnetId),
    el('vpcId', i.vpcId),
    el('privateIpAddress', i.privateIpAddress),
    i.stateReason ? el('stateReason', [el('code', i.stateReason.code), el('message', i.stateReason.message)]) : null,
    el('architecture', i.architecture),
    el('rootDeviceType', i.rootDeviceType),
    el('rootDeviceName', i.rootDeviceName),
    el('virtualizationType', i.virtualizationType),
    tagSet(i.tags),
    el('hypervisor', 'xen'),
    i.iamInstanceProfileArn ? el('iamInstanceProfile', [el('arn', i.iamInstanceProfileArn)]) : null,
    el('ebsOptimized', i.state !== 'terminated'),
    el('enaSupport', i.virtualizationType === 'hvm'),
    el('metadataOptions', [el('state', 'applied'), el('httpTokens', i.httpTokens), el('httpPutResponseHopLimit', 2), el('httpEndpoint', 'enabled')]),
  ];
  return nodes.filter((n): n is XmlNode => n !== null);
}

/** Consecutive instances of one reservation become one reservation item. */
function reservations(instances: readonly InstanceRecord[]): XmlNode[][] {
  const groups: InstanceRecord[][] = [];
  for (const i of instances) {
    const last = groups[groups.length - 1];
    if (last && last[0]?.reservationId === i.reservationId) last.push(i);
    else groups.push([i]);
  }
  return groups.map((group) => [
    el('reservationId', group[0]?.reservationId),
    el('ownerId', group[0]?.accountId),
    el('groupSet', []),
    itemList('instancesSet', group.map(instanceItem)),
  ]);
}

const pageKey = (i: InstanceRecord): string => `${i.reservationId} ${i.instanceId}`;

export function describeInstances(call: ServiceCall): string {
  const { world, caller, region, params } = call;
  const instanceIds = [...new Set(params.list('InstanceId'))];
  if (instanceIds.length > 0 && params.string('MaxResults') !== undefined) {
    throw invalidParameterCombination('The parameter instancesSet cannot be used with the parameter maxResults');
  }
  const maxResults = readMaxResults(params, 5, 1000);
  instanceIds.forEach(checkInstanceId);
  const filter = compileFilters(params.filters(), INSTANCE_FILTERS);
  const own = world.usage.instances.in(caller.accountId, region);

  let candidates: readonly InstanceRecord[] = own;
  if (instanceIds.length > 0) {
    const wanted = new Set(instanceIds);
    candidates = own.filter((i) => wanted.has(i.instanceId));
    const found = new Set(candidates.map((i) => i.instanceId));
    const missing = instanceIds.filter((id) => !found.has(id));
    if (missing.length > 0) throw instancesNotFound(missing);
  }
  const matching = candidates.filter(filter).sort((a, b) => (pageKey(a) < pageKey(b) ? -1 : pageKey(a) > pageKey(b) ? 1 : 0));
  const page = takePage(matching, pageKey, {
    maxResults,
    nextToken: params.string('NextToken'),
    fingerprint: questionFingerprint(caller.accountId, region, params, ['NextToken', 'MaxResults']),
  });
  return ec2Document('DescribeInstances', call.requestId, [
    itemList('reservationSet', reservations(page.items)),
    ...(page.nextToken ? [el('nextToken', page.nextToken)] : []),
  ]);
}
