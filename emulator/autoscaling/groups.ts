/**
 * DescribeAutoScalingGroups and DescribeLaunchConfigurations over the caller's own groups and
 * launch configurations in the region, ordered by name.
 *
 * Names that match nothing are left out of the answer, not refused (as Auto Scaling does).
 * MaxRecords 1–100 (default 50); up to 50 names a call, or MaxRecords names when that is more.
 * Groups take Filters (`tag-key`, `tag-value`, `tag:KEY`; values are exact and OR'ed, filters
 * AND'ed). NextToken is opaque and bound to the question: another one is InvalidNextToken.
 */
import { ApiError } from '../protocol/errors';
import type { QueryParams } from '../protocol/query';
import { el, type XmlNode } from '../protocol/xml';
import type { ServiceCall } from '../service';
import type { AutoScalingGroupRecord, InstanceRecord, LaunchConfigurationRecord, LaunchTemplateSpecRecord } from '../world/usage-model';
import { questionFingerprint, takePage } from '../ec2/paging';
import { autoScalingDocument, invalidNextToken, memberList, validationError } from './response';

const DEFAULT_RECORDS = 50;
const MAX_RECORDS = 100;
const MAX_NAMES = 50;

function readMaxRecords(params: QueryParams): number {
  const raw = params.string('MaxRecords');
  if (raw === undefined) return DEFAULT_RECORDS;
  const value = Number(raw);
  if (!/^-?\d{1,10}$/.test(raw)) throw validationError('maxRecords', raw, 'Member must be an integer');
  if (value > MAX_RECORDS) throw validationError('maxRecords', raw, `Member must have value less than or equal to ${MAX_RECORDS}`);
  if (value < 1) throw validationError('maxRecords', raw, 'Member must have value greater than or equal to 1');
  return value;
}

function readNames(params: QueryParams, field: string, maxRecords: number): Set<string> {
  const names = params.list(field);
  const limit = Math.max(MAX_NAMES, params.string('MaxRecords') === undefined ? 0 : maxRecords);
  if (names.length > limit) {
    throw new ApiError('ValidationError', `The number of names in ${field} (${names.length}) exceeds the limit of ${limit}.`);
  }
  return new Set(names);
}

interface TagFilter {
  name: string;
  values: Set<string>;
}

/** `Filters.member.N.Name` / `Filters.member.N.Values.member.M`. */
function readFilters(params: QueryParams): TagFilter[] {
  const filters: TagFilter[] = [];
  for (let n = 1; ; n++) {
    const name = params.string(`Filters.member.${n}.Name`);
    if (name === undefined) break;
    if (name !== 'tag-key' && name !== 'tag-value' && !(name.startsWith('tag:') && name.length > 4)) {
      throw new ApiError('ValidationError', `Filter name '${name}' is not valid. Valid filter names: tag-key, tag-value, tag:<key>.`);
    }
    filters.push({ name, values: new Set(params.list(`Filters.member.${n}.Values`)) });
  }
  return filters;
}

function matchesFilters(group: AutoScalingGroupRecord, filters: readonly TagFilter[]): boolean {
  return filters.every(({ name, values }) => {
    if (name === 'tag-key') return group.tags.some((t) => values.has(t.key));
    if (name === 'tag-value') return group.tags.some((t) => values.has(t.value));
    const key = name.slice(4);
    return group.tags.some((t) => t.key === key && values.has(t.value));
  });
}

function templateSpecNodes(spec: LaunchTemplateSpecRecord): XmlNode[] {
  return [el('LaunchTemplateId', spec.launchTemplateId), el('LaunchTemplateName', spec.launchTemplateName), el('Version', spec.version)];
}

/** How Auto Scaling lists a member instance: the template version it was launched from, or its launch configuration. */
function instanceMember(group: AutoScalingGroupRecord, instance: InstanceRecord): XmlNode[] {
  const tag = (key: string): string | undefined => instance.tags.find((t) => t.key === key)?.value;
  const templateId = tag('aws:ec2launchtemplate:id');
  const spec = group.launchTemplate ?? group.mixedInstancesPolicy?.launchTemplate ?? null;
  const lifecycle = instance.state === 'running' ? 'InService' : instance.state === 'pending' ? 'Pending' : instance.state === 'stopped' ? 'Standby' : 'Terminated';
  return [
    el('InstanceId', instance.instanceId),
    el('InstanceType', instance.instanceType),
    el('AvailabilityZone', instance.availabilityZone),
    el('LifecycleState', lifecycle),
    el('HealthStatus', instance.state === 'running' ? 'Healthy' : 'Unhealthy'),
    ...(group.launchConfigurationName ? [el('LaunchConfigurationName', group.launchConfigurationName)] : []),
    ...(templateId && spec
      ? [el('LaunchTemplate', templateSpecNodes({ launchTemplateId: templateId, launchTemplateName: spec.launchTemplateName, version: tag('aws:ec2launchtemplate:version') ?? spec.version }))]
      : []),
    el('ProtectedFromScaleIn', false),
  ];
}

function groupMember(group: AutoScalingGroupRecord, instances: readonly InstanceRecord[]): XmlNode[] {
  const policy = group.mixedInstancesPolicy;
  const members = group.instanceIds.flatMap((id) => {
    const instance = instances.find((i) => i.instanceId === id);
    return instance && instance.state !== 'terminated' ? [instanceMember(group, instance)] : [];
  });
  const nodes: Array<XmlNode | null> = [
    el('AutoScalingGroupName', group.name),
    el('AutoScalingGroupARN', group.arn),
    el('LaunchConfigurationName', group.launchConfigurationName),
    group.launchTemplate ? el('LaunchTemplate', templateSpecNodes(group.launchTemplate)) : null,
    policy
      ? el('MixedInstancesPolicy', [
          el('LaunchTemplate', [
            el('LaunchTemplateSpecification', templateSpecNodes(policy.launchTemplate)),
            memberList(
              'Overrides',
              policy.overrides.map((o) => [
                el('InstanceType', o.instanceType),
                el('WeightedCapacity', o.weightedCapacity),
                o.launchTemplate ? el('LaunchTemplateSpecification', templateSpecNodes(o.launchTemplate)) : null,
              ].filter((n): n is XmlNode => n !== null)),
            ),
          ]),
          el('InstancesDistribution', [
            el('OnDemandAllocationStrategy', 'prioritized'),
            el('OnDemandBaseCapacity', policy.onDemandBaseCapacity),
            el('OnDemandPercentageAboveBaseCapacity', policy.onDemandPercentageAboveBaseCapacity),
            el('SpotAllocationStrategy', policy.spotAllocationStrategy),
          ]),
        ])
      : null,
    el('MinSize', group.minSize),
    el('MaxSize', group.maxSize),
    el('DesiredCapacity', group.desiredCapacity),
    el('DefaultCooldown', 300),
    memberList('AvailabilityZones', group.availabilityZones),
    memberList('LoadBalancerNames', []),
    memberList('TargetGroupARNs', []),
    el('HealthCheckType', group.healthCheckType),
    el('HealthCheckGracePeriod', 300),
    memberList('Instances', members),
    el('CreatedTime', group.createdTime),
    memberList('SuspendedProcesses', []),
    el('VPCZoneIdentifier', group.vpcZoneIdentifier),
    memberList('EnabledMetrics', []),
    memberList(
      'Tags',
      group.tags.map((t) => [
        el('ResourceId', group.name),
        el('ResourceType', 'auto-scaling-group'),
        el('Key', t.key),
        el('Value', t.value),
        el('PropagateAtLaunch', t.propagateAtLaunch),
      ]),
    ),
    memberList('TerminationPolicies', ['Default']),
    el('NewInstancesProtectedFromScaleIn', false),
    el('ServiceLinkedRoleARN', `arn:aws:iam::${group.accountId}:role/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling`),
    el('CapacityRebalance', false),
  ];
  return nodes.filter((n): n is XmlNode => n !== null);
}

const byName = <T extends { name: string }>(a: T, b: T): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function describeAutoScalingGroups(call: ServiceCall): string {
  const { world, caller, region, params } = call;
  const maxRecords = readMaxRecords(params);
  const names = readNames(params, 'AutoScalingGroupNames', maxRecords);
  const filters = readFilters(params);
  const matching = world.usage.autoScalingGroups
    .in(caller.accountId, region)
    .filter((g) => (names.size === 0 || names.has(g.name)) && matchesFilters(g, filters))
    .sort(byName);
  const page = takePage(matching, (g) => g.name, {
    maxResults: maxRecords,
    nextToken: params.string('NextToken'),
    fingerprint: questionFingerprint(caller.accountId, region, params, ['NextToken', 'MaxRecords']),
    invalidToken: invalidNextToken,
  });
  const instances = world.usage.instances.in(caller.accountId, region);
  return autoScalingDocument('DescribeAutoScalingGroups', call.requestId, [
    memberList('AutoScalingGroups', page.items.map((g) => groupMember(g, instances))),
    ...(page.nextToken ? [el('NextToken', page.nextToken)] : []),
  ]);
}

function configurationMember(c: LaunchConfigurationRecord): XmlNode[] {
  const nodes: Array<XmlNode | null> = [
    el('LaunchConfigurationName', c.name),
    el('LaunchConfigurationARN', c.arn),
    el('ImageId', c.imageId),
    el('KeyName', c.keyName ?? ''),
    memberList('SecurityGroups', c.securityGroups),
    memberList('ClassicLinkVPCSecurityGroups', []),
    el('UserData', ''),
    el('InstanceType', c.instanceType),
    el('KernelId', ''),
    el('RamdiskId', ''),
    memberList('BlockDeviceMappings', []),
    el('InstanceMonitoring', [el('Enabled', false)]),
    el('IamInstanceProfile', c.iamInstanceProfile),
    el('CreatedTime', c.createdTime),
    el('EbsOptimized', c.ebsOptimized),
    el('MetadataOptions', [el('HttpTokens', 'required'), el('HttpPutResponseHopLimit', 2), el('HttpEndpoint', 'enabled')]),
  ];
  return nodes.filter((n): n is XmlNode => n !== null);
}

export function describeLaunchConfigurations(call: ServiceCall): string {
  const { world, caller, region, params } = call;
  const maxRecords = readMaxRecords(params);
  const names = readNames(params, 'LaunchConfigurationNames', maxRecords);
  const matching = world.usage.launchConfigurations
    .in(caller.accountId, region)
    .filter((c) => names.size === 0 || names.has(c.name))
    .sort(byName);
  const page = takePage(matching, (c) => c.name, {
    maxResults: maxRecords,
    nextToken: params.string('NextToken'),
    fingerprint: questionFingerprint(caller.accountId, region, params, ['NextToken', 'MaxRecords']),
    invalidToken: invalidNextToken,
  });
  return autoScalingDocument('DescribeLaunchConfigurations', call.requestId, [
    memberList('LaunchConfigurations', page.items.map(configurationMember)),
    ...(page.nextToken ? [el('NextToken', page.nextToken)] : []),
  ]);
}
