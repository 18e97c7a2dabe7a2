/**
 * What uses images inside the accounts: EC2 instances, launch templates and their versions,
 * Auto Scaling groups and launch configurations, SSM parameters. Records use AWS's vocabulary,
 * like the rest of the world, and belong to one account and one region. Nothing here mutates
 * after seeding (no emulated action creates or changes these resources), so the indexes are
 * built once per account and region as records are added.
 */
import type { TagRecord } from './model';

export type InstanceStateName = 'pending' | 'running' | 'shutting-down' | 'terminated' | 'stopping' | 'stopped';

/** EC2's 16-bit state codes (the low byte; the high byte is internal and always 0 here). */
export const INSTANCE_STATE_CODES: Readonly<Record<InstanceStateName, number>> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

export interface InstanceRecord {
  instanceId: string;
  reservationId: string;
  region: string;
  accountId: string;
  /** Always an AMI id: an instance launched through `resolve:ssm:` records what it resolved to. */
  imageId: string;
  instanceType: string;
  state: InstanceStateName;
  /** Why it is in that state, e.g. `User initiated (2026-11-20 10:04:11 GMT)`; '' while running. */
  stateTransitionReason: string;
  stateReason: { code: string; message: string } | null;
  launchTime: string;
  availabilityZone: string;
  /** Null once terminated (AWS drops the network placement). */
  subnetId: string | null;
  vpcId: string | null;
  privateIpAddress: string | null;
  keyName: string | null;
  iamInstanceProfileArn: string | null;
  architecture: 'i386' | 'x86_64' | 'arm64';
  platform: 'windows' | null;
  platformDetails: string;
  rootDeviceName: string;
  rootDeviceType: 'ebs' | 'instance-store';
  virtualizationType: 'hvm' | 'paravirtual';
  httpTokens: 'required' | 'optional';
  /** Including the `aws:` tags EC2 adds (`aws:ec2launchtemplate:id`, `aws:autoscaling:groupName`). */
  tags: TagRecord[];
}

export interface LaunchTemplateDataRecord {
  /** An AMI id, or `resolve:ssm:<parameter>[:<version or label>]`; null when the version names none. */
  imageId: string | null;
  instanceType: string | null;
  keyName: string | null;
  iamInstanceProfileArn: string | null;
  securityGroupIds: string[];
  httpTokens: 'required' | 'optional' | null;
  ebsOptimized: boolean | null;
  tagSpecifications: Array<{ resourceType: 'instance' | 'volume'; tags: TagRecord[] }>;
}

export interface LaunchTemplateVersionRecord {
  versionNumber: number;
  description: string | null;
  createTime: string;
  /** ARN of the principal that made the version. */
  createdBy: string;
  data: LaunchTemplateDataRecord;
}

export interface LaunchTemplateRecord {
  launchTemplateId: string;
  name: string;
  region: string;
  accountId: string;
  createTime: string;
  createdBy: string;
  defaultVersion: number;
  /** Ascending by version number; the last is `$Latest`. */
  versions: LaunchTemplateVersionRecord[];
  tags: TagRecord[];
}

/** How Auto Scaling names a launch template: by id or name, and `$Default`, `$Latest` or a number. */
export interface LaunchTemplateSpecRecord {
  launchTemplateId: string;
  launchTemplateName: string;
  version: string;
}

export interface MixedInstancesPolicyRecord {
  launchTemplate: LaunchTemplateSpecRecord;
  overrides: Array<{ instanceType: string; weightedCapacity: string | null; launchTemplate: LaunchTemplateSpecRecord | null }>;
  onDemandBaseCapacity: number;
  onDemandPercentageAboveBaseCapacity: number;
  spotAllocationStrategy: string;
}

export interface AutoScalingGroupRecord {
  name: string;
  arn: string;
  region: string;
  accountId: string;
  /** Exactly one of the three is set, as Auto Scaling requires. */
  launchConfigurationName: string | null;
  launchTemplate: LaunchTemplateSpecRecord | null;
  mixedInstancesPolicy: MixedInstancesPolicyRecord | null;
  minSize: number;
  maxSize: number;
  desiredCapacity: number;
  availabilityZones: string[];
  vpcZoneIdentifier: string;
  healthCheckType: 'EC2' | 'ELB';
  createdTime: string;
  /** Ids of the group's instances (InstanceRecords of the same account and region). */
  instanceIds: string[];
  tags: Array<TagRecord & { propagateAtLaunch: boolean }>;
}

export interface LaunchConfigurationRecord {
  name: string;
  arn: string;
  region: string;
  accountId: string;
  imageId: string;
  instanceType: string;
  keyName: string | null;
  securityGroups: string[];
  iamInstanceProfile: string | null;
  ebsOptimized: boolean;
  createdTime: string;
}

export type SsmParameterType = 'String' | 'StringList' | 'SecureString';

export interface SsmParameterRecord {
  /** `/golden/web/latest`, or a flat name such as `release-channel`. */
  name: string;
  region: string;
  accountId: string;
  type: SsmParameterType;
  /** `aws:ec2:image` for parameters whose value Parameter Store checks is an AMI id. */
  dataType: 'text' | 'aws:ec2:image';
  value: string;
  version: number;
  lastModifiedDate: string;
  lastModifiedUser: string;
  description: string | null;
  tier: 'Standard' | 'Advanced';
  /** SecureString only: the KMS key (`alias/aws/ssm` by default). */
  keyId: string | null;
  /** Labels attached to the current version (GetParameters `name:label`). */
  labels: string[];
  tags: TagRecord[];
}

/**
 * An EC2 Image Builder image recipe that should exist in an account, recorded when the world is
 * seeded and handed to Image Builder's state when that state is first made (it is built lazily).
 */
export interface PlannedImageRecipe {
  accountId: string;
  region: string;
  name: string;
  version: string;
  description: string;
  parentImage: string;
  rootDeviceName: string;
  dateCreated: string;
}

export function parameterArn(p: Pick<SsmParameterRecord, 'region' | 'accountId' | 'name'>): string {
  return `arn:aws:ssm:${p.region}:${p.accountId}:parameter${p.name.startsWith('/') ? '' : '/'}${p.name}`;
}

export function instanceArn(i: Pick<InstanceRecord, 'region' | 'accountId' | 'instanceId'>): string {
  return `arn:aws:ec2:${i.region}:${i.accountId}:instance/${i.instanceId}`;
}

export function launchTemplateArn(t: Pick<LaunchTemplateRecord, 'region' | 'accountId' | 'launchTemplateId'>): string {
  return `arn:aws:ec2:${t.region}:${t.accountId}:launch-template/${t.launchTemplateId}`;
}

export function latestVersion(template: LaunchTemplateRecord): LaunchTemplateVersionRecord {
  const last = template.versions[template.versions.length - 1];
  if (!last) throw new Error(`launch template ${template.launchTemplateId} has no versions`);
  return last;
}

/** `$Default`, `$Latest` or a version number, as Auto Scaling and DescribeLaunchTemplateVersions take them. */
export function templateVersion(template: LaunchTemplateRecord, version: string): LaunchTemplateVersionRecord | undefined {
  if (version === '$Latest') return latestVersion(template);
  const number = version === '$Default' ? template.defaultVersion : /^\d{1,18}$/.test(version) ? Number(version) : NaN;
  return template.versions.find((v) => v.versionNumber === number);
}

const key = (accountId: string, region: string): string => `${accountId} ${region}`;

class Bucket<T> {
  private readonly byScope = new Map<string, T[]>();
  readonly all: T[] = [];

  add(accountId: string, region: string, item: T): void {
    this.all.push(item);
    const k = key(accountId, region);
    const list = this.byScope.get(k);
    if (list) list.push(item);
    else this.byScope.set(k, [item]);
  }

  in(accountId: string, region: string): readonly T[] {
    return this.byScope.get(key(accountId, region)) ?? [];
  }
}

/** Every usage resource of the world, looked up by owning account and region. */
export class UsageState {
  readonly instances = new Bucket<InstanceRecord>();
  readonly launchTemplates = new Bucket<LaunchTemplateRecord>();
  readonly autoScalingGroups = new Bucket<AutoScalingGroupRecord>();
  readonly launchConfigurations = new Bucket<LaunchConfigurationRecord>();
  readonly parameters = new Bucket<SsmParameterRecord>();
  readonly plannedRecipes: PlannedImageRecipe[] = [];
  private readonly ids = new Set<string>();

  /** Instance, reservation and launch template ids are unique across the world, as in AWS. */
  hasId(id: string): boolean {
    return this.ids.has(id);
  }

  addInstance(instance: InstanceRecord): void {
    this.claim(instance.instanceId);
    this.ids.add(instance.reservationId);
    this.instances.add(instance.accountId, instance.region, instance);
  }

  addLaunchTemplate(template: LaunchTemplateRecord): void {
    this.claim(template.launchTemplateId);
    if (this.launchTemplates.in(template.accountId, template.region).some((t) => t.name === template.name)) {
      throw new Error(`duplicate launch template name ${template.name}`);
    }
    this.launchTemplates.add(template.accountId, template.region, template);
  }

  addAutoScalingGroup(group: AutoScalingGroupRecord): void {
    this.autoScalingGroups.add(group.accountId, group.region, group);
  }

  addLaunchConfiguration(config: LaunchConfigurationRecord): void {
    this.launchConfigurations.add(config.accountId, config.region, config);
  }

  addParameter(parameter: SsmParameterRecord): void {
    if (this.parameters.in(parameter.accountId, parameter.region).some((p) => p.name === parameter.name)) {
      throw new Error(`duplicate parameter ${parameter.name}`);
    }
    this.parameters.add(parameter.accountId, parameter.region, parameter);
  }

  private claim(id: string): void {
    if (this.ids.has(id)) throw new Error(`duplicate id ${id}`);
    this.ids.add(id);
  }
}

/**
 * A parameter by `name`, `name:version` or `name:label` (GetParameters' selectors, and what
 * `resolve:ssm:` takes). Only the current version of a parameter is kept, so a version selector
 * finds it only when it names that version.
 */
export function selectParameter(usage: UsageState, accountId: string, region: string, selector: string): SsmParameterRecord | undefined {
  const colon = selector.indexOf(':');
  const name = colon < 0 ? selector : selector.slice(0, colon);
  const pick = colon < 0 ? null : selector.slice(colon + 1);
  const parameter = usage.parameters.in(accountId, region).find((p) => p.name === name);
  if (!parameter || pick === null) return parameter;
  if (/^\d+$/.test(pick)) return Number(pick) === parameter.version ? parameter : undefined;
  return parameter.labels.includes(pick) ? parameter : undefined;
}

export const RESOLVE_SSM_PREFIX = 'resolve:ssm:';
