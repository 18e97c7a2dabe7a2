/**
 * Makes consistent usage records for seeding: an instance takes its architecture, platform and
 * root device from the image it was launched from and a time after that image was made; launch
 * template versions are numbered from 1; instances launched through a template or an Auto
 * Scaling group carry the `aws:` tags EC2 puts on them. Ids come from the given random stream,
 * so a fixture drawn from its own stream moves no other id of the world.
 */
import { awsTime } from './factory';
import { userArn } from './iam';
import type { AccountRecord, ImageRecord, TagRecord, World } from './model';
import type { Rng } from './random';
import {
  templateVersion,
  type AutoScalingGroupRecord,
  type InstanceRecord,
  type InstanceStateName,
  type LaunchConfigurationRecord,
  type LaunchTemplateDataRecord,
  type LaunchTemplateRecord,
  type LaunchTemplateSpecRecord,
  type MixedInstancesPolicyRecord,
  type SsmParameterRecord,
} from './usage-model';

const DAY_MS = 86_400_000;

export interface InstanceSpec {
  account: AccountRecord;
  region: string;
  image: ImageRecord;
  state: InstanceStateName;
  instanceType: string;
  name: string;
  /** Default: some time between the image's creation and the world's anchor. */
  launched?: Date;
  /** Launched from this template version (adds the `aws:ec2launchtemplate:*` tags). */
  fromTemplate?: { template: LaunchTemplateRecord; version: number };
  /** A member of this Auto Scaling group (adds `aws:autoscaling:groupName`). */
  group?: string;
  tags?: TagRecord[];
}

export interface TemplateVersionSpec {
  imageId: string | null;
  instanceType: string;
  description?: string | null;
  /** How long before the anchor the version was made. */
  daysAgo: number;
}

export interface TemplateSpec {
  account: AccountRecord;
  region: string;
  name: string;
  versions: TemplateVersionSpec[];
  /** Default 1, as CreateLaunchTemplate leaves it. */
  defaultVersion?: number;
  tags?: TagRecord[];
}

export interface GroupSpec {
  account: AccountRecord;
  region: string;
  name: string;
  launchTemplate?: LaunchTemplateSpecRecord;
  launchConfigurationName?: string;
  mixedInstancesPolicy?: MixedInstancesPolicyRecord;
  minSize: number;
  maxSize: number;
  instances: InstanceRecord[];
  daysAgo: number;
  tags?: TagRecord[];
}

export interface ParameterSpec {
  account: AccountRecord;
  region: string;
  name: string;
  value: string;
  dataType?: SsmParameterRecord['dataType'];
  type?: SsmParameterRecord['type'];
  description?: string | null;
  version?: number;
  daysAgo: number;
  labels?: string[];
  tags?: TagRecord[];
}

export const tagOf = (key: string, value: string): TagRecord => ({ key, value });

export const templateSpec = (template: LaunchTemplateRecord, version: string): LaunchTemplateSpecRecord => ({
  launchTemplateId: template.launchTemplateId,
  launchTemplateName: template.name,
  version,
});

export class UsageBuilder {
  /** One VPC per account and region, with a subnet per zone used. */
  private readonly networks = new Map<string, { vpcId: string; subnets: Map<string, string> }>();

  constructor(
    private readonly world: World,
    private readonly rng: Rng,
  ) {}

  private id(prefix: string): string {
    for (;;) {
      const id = `${prefix}-0${this.rng.hex(16)}`;
      if (!this.world.usage.hasId(id)) return id;
    }
  }

  private ago(days: number): Date {
    return new Date(this.world.anchor.getTime() - days * DAY_MS - this.rng.int(0, 86_399) * 1000);
  }

  private subnet(accountId: string, region: string, zone: string): { vpcId: string; subnetId: string } {
    const key = `${accountId} ${region}`;
    let network = this.networks.get(key);
    if (!network) {
      network = { vpcId: `vpc-0${this.rng.hex(16)}`, subnets: new Map() };
      this.networks.set(key, network);
    }
    let subnetId = network.subnets.get(zone);
    if (!subnetId) {
      subnetId = `subnet-0${this.rng.hex(16)}`;
      network.subnets.set(zone, subnetId);
    }
    return { vpcId: network.vpcId, subnetId };
  }

  zone(region: string): string {
    return `${region}${this.rng.pick(['a', 'b', 'c'])}`;
  }

  instance(spec: InstanceSpec): InstanceRecord {
    const { account, region, image, state } = spec;
    const created = Date.parse(image.creationDate);
    const anchor = this.world.anchor.getTime();
    const launched = spec.launched ?? new Date(created + Math.floor(this.rng.next() * Math.max(0, anchor - created - DAY_MS)) + 3_600_000);
    const zone = this.zone(region);
    const { vpcId, subnetId } = this.subnet(account.accountId, region, zone);
    const gone = state === 'terminated' || state === 'shutting-down';
    const stoppedAt = new Date(Math.min(anchor - 3_600_000, launched.getTime() + this.rng.int(1, 20) * DAY_MS));
    const gmt = `${awsTime(stoppedAt).slice(0, 19).replace('T', ' ')} GMT`;
    const tags: TagRecord[] = [tagOf('Name', spec.name), ...(spec.tags ?? [])];
    if (spec.fromTemplate) {
      tags.push(tagOf('aws:ec2launchtemplate:id', spec.fromTemplate.template.launchTemplateId));
      tags.push(tagOf('aws:ec2launchtemplate:version', String(spec.fromTemplate.version)));
    }
    if (spec.group) tags.push(tagOf('aws:autoscaling:groupName', spec.group));
    const instance: InstanceRecord = {
      instanceId: this.id('i'),
      reservationId: this.id('r'),
      region,
      accountId: account.accountId,
      imageId: image.imageId,
      instanceType: spec.instanceType,
      state,
      stateTransitionReason: state === 'stopped' || state === 'terminated' ? `User initiated (${gmt})` : '',
      stateReason:
        state === 'stopped' || state === 'stopping'
          ? { code: 'Client.UserInitiatedShutdown', message: 'Client.UserInitiatedShutdown: User initiated shutdown' }
          : state === 'terminated'
            ? { code: 'Client.UserInitiatedShutdown', message: 'Client.UserInitiatedShutdown: User initiated shutdown' }
            : null,
      launchTime: awsTime(launched),
      availabilityZone: zone,
      subnetId: gone ? null : subnetId,
      vpcId: gone ? null : vpcId,
      privateIpAddress: gone ? null : `10.${this.rng.int(0, 31)}.${this.rng.int(0, 255)}.${this.rng.int(4, 254)}`,
      keyName: image.platform === 'windows' ? `${account.name}-windows` : null,
      iamInstanceProfileArn: `arn:aws:iam::${account.accountId}:instance-profile/${account.name}-ec2`,
      architecture: image.architecture,
      platform: image.platform,
      platformDetails: image.platformDetails,
      rootDeviceName: image.rootDeviceName,
      rootDeviceType: image.rootDeviceType,
      virtualizationType: image.virtualizationType,
      httpTokens: image.imdsSupport === 'v2.0' ? 'required' : 'optional',
      tags,
    };
    this.world.usage.addInstance(instance);
    return instance;
  }

  launchTemplate(spec: TemplateSpec): LaunchTemplateRecord {
    const { account, region } = spec;
    const createdBy = userArn(account.accountId, account.userName);
    const securityGroupId = `sg-0${this.rng.hex(16)}`;
    const versions = spec.versions.map((v, i) => {
      const data: LaunchTemplateDataRecord = {
        imageId: v.imageId,
        instanceType: v.instanceType,
        keyName: null,
        iamInstanceProfileArn: `arn:aws:iam::${account.accountId}:instance-profile/${account.name}-ec2`,
        securityGroupIds: [securityGroupId],
        httpTokens: 'required',
        ebsOptimized: true,
        tagSpecifications: [{ resourceType: 'instance', tags: [tagOf('Name', spec.name)] }],
      };
      return { versionNumber: i + 1, description: v.description ?? null, createTime: awsTime(this.ago(v.daysAgo)), createdBy, data };
    });
    const first = versions[0];
    if (!first) throw new Error(`launch template ${spec.name} needs a version`);
    const template: LaunchTemplateRecord = {
      launchTemplateId: this.id('lt'),
      name: spec.name,
      region,
      accountId: account.accountId,
      createTime: first.createTime,
      createdBy,
      defaultVersion: spec.defaultVersion ?? 1,
      versions,
      tags: spec.tags ?? [],
    };
    this.world.usage.addLaunchTemplate(template);
    return template;
  }

  /** The version number an Auto Scaling group's or RunInstances' `$Default` / `$Latest` / number picks. */
  static versionNumber(template: LaunchTemplateRecord, version: string): number {
    const found = templateVersion(template, version);
    if (!found) throw new Error(`launch template ${template.name} has no version ${version}`);
    return found.versionNumber;
  }

  launchConfiguration(spec: { account: AccountRecord; region: string; name: string; image: ImageRecord; instanceType: string; daysAgo: number }): LaunchConfigurationRecord {
    const config: LaunchConfigurationRecord = {
      name: spec.name,
      arn: `arn:aws:autoscaling:${spec.region}:${spec.account.accountId}:launchConfiguration:${this.rng.uuid()}:launchConfigurationName/${spec.name}`,
      region: spec.region,
      accountId: spec.account.accountId,
      imageId: spec.image.imageId,
      instanceType: spec.instanceType,
      keyName: spec.image.platform === 'windows' ? `${spec.account.name}-windows` : null,
      securityGroups: [`sg-0${this.rng.hex(16)}`],
      iamInstanceProfile: `${spec.account.name}-ec2`,
      ebsOptimized: false,
      createdTime: awsTime(this.ago(spec.daysAgo)),
    };
    this.world.usage.addLaunchConfiguration(config);
    return config;
  }

  autoScalingGroup(spec: GroupSpec): AutoScalingGroupRecord {
    const { account, region } = spec;
    const zones = [...new Set([...spec.instances.map((i) => i.availabilityZone), `${region}a`, `${region}b`])].sort();
    const subnets = zones.map((z) => this.subnet(account.accountId, region, z).subnetId);
    const group: AutoScalingGroupRecord = {
      name: spec.name,
      arn: `arn:aws:autoscaling:${region}:${account.accountId}:autoScalingGroup:${this.rng.uuid()}:autoScalingGroupName/${spec.name}`,
      region,
      accountId: account.accountId,
      launchConfigurationName: spec.launchConfigurationName ?? null,
      launchTemplate: spec.launchTemplate ?? null,
      mixedInstancesPolicy: spec.mixedInstancesPolicy ?? null,
      minSize: spec.minSize,
      maxSize: spec.maxSize,
      desiredCapacity: spec.instances.filter((i) => i.state === 'running' || i.state === 'pending').length,
      availabilityZones: zones,
      vpcZoneIdentifier: subnets.join(','),
      healthCheckType: 'EC2',
      createdTime: awsTime(this.ago(spec.daysAgo)),
      instanceIds: spec.instances.map((i) => i.instanceId),
      tags: [{ key: 'Name', value: spec.name, propagateAtLaunch: true }, ...(spec.tags ?? []).map((t) => ({ ...t, propagateAtLaunch: true }))],
    };
    this.world.usage.addAutoScalingGroup(group);
    return group;
  }

  parameter(spec: ParameterSpec): SsmParameterRecord {
    const type = spec.type ?? 'String';
    const parameter: SsmParameterRecord = {
      name: spec.name,
      region: spec.region,
      accountId: spec.account.accountId,
      type,
      dataType: spec.dataType ?? 'text',
      value: spec.value,
      version: spec.version ?? 1,
      lastModifiedDate: awsTime(this.ago(spec.daysAgo)),
      lastModifiedUser: userArn(spec.account.accountId, spec.account.userName),
      description: spec.description ?? null,
      tier: 'Standard',
      keyId: type === 'SecureString' ? 'alias/aws/ssm' : null,
      labels: spec.labels ?? [],
      tags: spec.tags ?? [],
    };
    this.world.usage.addParameter(parameter);
    return parameter;
  }
}
