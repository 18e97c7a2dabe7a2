/** Image Builder records in the shapes the API answers (members without a value left out). */
import { awsTime } from '../world/factory';
import { buildDateCreated } from '../world/imagebuilder-builds';
import { nextCronRun } from '../world/imagebuilder-cron';
import type {
  ComponentRecord,
  DistributionConfigurationRecord,
  ImageBuildRecord,
  ImagePipelineRecord,
  ImageRecipeRecord,
  InfrastructureConfigurationRecord,
} from '../world/imagebuilder-model';
import type { BuildView } from '../world/imagebuilder-timeline';
import { compact } from './json';

const ARN_OWNER = /^arn:aws[^:]*:imagebuilder:[^:]+:([^:]+):/;

/** `component/name/1.0.0/1` → `component/name/1.0.0`: ListComponents answers version ARNs. */
export function versionArn(arn: string): string {
  return arn.replace(/\/[0-9]+$/, '');
}

export function componentSummary(c: ComponentRecord): Record<string, unknown> {
  return compact({
    arn: versionArn(c.arn),
    name: c.name,
    version: c.version,
    description: c.description,
    platform: c.platform,
    supportedOsVersions: c.supportedOsVersions,
    type: c.type,
    owner: c.owner,
    dateCreated: c.dateCreated,
    status: 'ACTIVE',
  });
}

export function component(c: ComponentRecord): Record<string, unknown> {
  return compact({
    arn: c.arn,
    name: c.name,
    version: c.version,
    description: c.description,
    changeDescription: c.changeDescription,
    type: c.type,
    platform: c.platform,
    supportedOsVersions: c.supportedOsVersions,
    state: { status: 'ACTIVE' },
    owner: c.owner,
    data: c.data,
    kmsKeyId: c.kmsKeyId,
    encrypted: true,
    dateCreated: c.dateCreated,
    tags: c.tags,
    publisher: ARN_OWNER.exec(c.arn)?.[1] === 'aws' ? 'Amazon' : undefined,
  });
}

export function recipe(r: ImageRecipeRecord): Record<string, unknown> {
  return compact({
    arn: r.arn,
    type: 'AMI',
    name: r.name,
    description: r.description,
    platform: r.platform,
    owner: r.owner,
    version: r.version,
    components: r.components,
    parentImage: r.parentImage,
    blockDeviceMappings: r.blockDeviceMappings,
    dateCreated: r.dateCreated,
    tags: r.tags,
    workingDirectory: r.workingDirectory,
    amiTags: r.amiTags,
  });
}

export function recipeSummary(r: ImageRecipeRecord): Record<string, unknown> {
  return compact({ arn: r.arn, name: r.name, platform: r.platform, owner: r.owner, parentImage: r.parentImage, dateCreated: r.dateCreated, tags: r.tags });
}

export function infrastructure(i: InfrastructureConfigurationRecord): Record<string, unknown> {
  return compact({
    arn: i.arn,
    name: i.name,
    description: i.description,
    instanceTypes: i.instanceTypes,
    instanceProfileName: i.instanceProfileName,
    securityGroupIds: i.securityGroupIds,
    subnetId: i.subnetId,
    keyPair: i.keyPair,
    logging: i.logging,
    terminateInstanceOnFailure: i.terminateInstanceOnFailure,
    snsTopicArn: i.snsTopicArn,
    dateCreated: i.dateCreated,
    dateUpdated: i.dateUpdated,
    resourceTags: i.resourceTags,
    tags: i.tags,
  });
}

export function infrastructureSummary(i: InfrastructureConfigurationRecord): Record<string, unknown> {
  return compact({
    arn: i.arn,
    name: i.name,
    description: i.description,
    dateCreated: i.dateCreated,
    dateUpdated: i.dateUpdated,
    resourceTags: i.resourceTags,
    tags: i.tags,
    instanceTypes: i.instanceTypes,
    instanceProfileName: i.instanceProfileName,
  });
}

export function distribution(d: DistributionConfigurationRecord): Record<string, unknown> {
  return compact({
    arn: d.arn,
    name: d.name,
    description: d.description,
    distributions: d.distributions.map((x) =>
      compact({
        region: x.region,
        amiDistributionConfiguration: x.amiDistributionConfiguration
          ? compact({
              name: x.amiDistributionConfiguration.name,
              description: x.amiDistributionConfiguration.description,
              targetAccountIds: x.amiDistributionConfiguration.targetAccountIds,
              amiTags: x.amiDistributionConfiguration.amiTags,
              kmsKeyId: x.amiDistributionConfiguration.kmsKeyId,
              launchPermission: x.amiDistributionConfiguration.launchPermission ?? undefined,
            })
          : undefined,
        licenseConfigurationArns: x.licenseConfigurationArns.length > 0 ? x.licenseConfigurationArns : undefined,
        launchTemplateConfigurations: x.launchTemplateConfigurations?.length ? x.launchTemplateConfigurations : undefined,
      }),
    ),
    timeoutMinutes: d.timeoutMinutes,
    dateCreated: d.dateCreated,
    dateUpdated: d.dateUpdated,
    tags: d.tags,
  });
}

export function distributionSummary(d: DistributionConfigurationRecord): Record<string, unknown> {
  return compact({
    arn: d.arn,
    name: d.name,
    description: d.description,
    dateCreated: d.dateCreated,
    dateUpdated: d.dateUpdated,
    tags: d.tags,
    regions: d.distributions.map((x) => x.region),
  });
}

export interface PipelineRunInfo {
  last: ImageBuildRecord | undefined;
  lastStatus: string | undefined;
}

export function pipeline(p: ImagePipelineRecord, run: PipelineRunInfo, now: Date): Record<string, unknown> {
  const next = p.status === 'ENABLED' && p.schedule ? nextCronRun(p.schedule.scheduleExpression, now) : null;
  return compact({
    arn: p.arn,
    name: p.name,
    description: p.description,
    platform: p.platform,
    enhancedImageMetadataEnabled: p.enhancedImageMetadataEnabled,
    imageRecipeArn: p.imageRecipeArn,
    infrastructureConfigurationArn: p.infrastructureConfigurationArn,
    distributionConfigurationArn: p.distributionConfigurationArn,
    imageTestsConfiguration: p.imageTestsConfiguration,
    schedule: p.schedule ?? undefined,
    status: p.status,
    dateCreated: p.dateCreated,
    dateUpdated: p.dateUpdated,
    dateLastRun: run.last ? buildDateCreated(run.last) : undefined,
    lastRunStatus: run.lastStatus,
    dateNextRun: next ? awsTime(next) : undefined,
    tags: p.tags,
    imageTags: p.imageTags,
  });
}

function outputResources(b: ImageBuildRecord, view: BuildView): Record<string, unknown> {
  const amiStatus = view.status === 'AVAILABLE' ? 'AVAILABLE' : 'PENDING';
  return {
    amis: b.amis.map((a) =>
      compact({ region: a.region, image: a.imageId, name: a.name, description: a.description, state: { status: amiStatus }, accountId: a.accountId }),
    ),
  };
}

function state(view: BuildView): Record<string, unknown> {
  return compact({ status: view.status, reason: view.reason });
}

export function imageSummary(b: ImageBuildRecord, view: BuildView): Record<string, unknown> {
  return compact({
    arn: b.arn,
    name: b.name,
    type: 'AMI',
    version: b.version,
    platform: b.platform,
    osVersion: b.osVersion,
    state: state(view),
    owner: b.owner,
    dateCreated: buildDateCreated(b),
    outputResources: outputResources(b, view),
    tags: b.tags,
    buildType: b.buildType,
    imageSource: 'CUSTOM',
  });
}

export function image(b: ImageBuildRecord, view: BuildView): Record<string, unknown> {
  return compact({
    arn: b.arn,
    type: 'AMI',
    name: b.name,
    version: b.version,
    platform: b.platform,
    enhancedImageMetadataEnabled: b.enhancedImageMetadataEnabled,
    osVersion: b.osVersion,
    state: state(view),
    imageRecipe: recipe(b.recipe),
    sourcePipelineName: b.pipelineName,
    sourcePipelineArn: b.pipelineArn,
    infrastructureConfiguration: infrastructure(b.infrastructure),
    distributionConfiguration: b.distribution ? distribution(b.distribution) : undefined,
    imageTestsConfiguration: b.imageTestsConfiguration,
    dateCreated: buildDateCreated(b),
    outputResources: outputResources(b, view),
    tags: b.tags,
    buildType: b.buildType,
    imageSource: 'CUSTOM',
  });
}
