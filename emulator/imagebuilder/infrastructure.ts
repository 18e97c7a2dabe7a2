/** List/Get/Create/Update/DeleteInfrastructureConfiguration. */
import { awsTime } from '../world/factory';
import { arnName, imageBuilderArn } from '../world/imagebuilder-arns';
import type { InfrastructureConfigurationRecord } from '../world/imagebuilder-model';
import { alreadyExists, idempotent, ownResource, resourceName, type IbCall, type IbHandler } from './call';
import { imageBuilderError, invalidValue } from './errors';
import { optBool, optObject, optString, reqString, stringList, stringMap, type JsonObject } from './json';
import { applyFilters, page } from './paging';
import { infrastructure, infrastructureSummary } from './serialize';

export const listInfrastructureConfigurations: IbHandler = (c) => {
  const own = c.state.infrastructure.filter((i) => i.owner === c.accountId && i.region === c.region);
  const items = applyFilters(c, own, { name: (i) => i.name });
  const { items: pageItems, nextToken } = page(c, [...items].sort((a, b) => (a.arn < b.arn ? -1 : 1)));
  return { requestId: c.requestId, infrastructureConfigurationSummaryList: pageItems.map(infrastructureSummary), nextToken };
};

export const getInfrastructureConfiguration: IbHandler = (c) => ({
  requestId: c.requestId,
  infrastructureConfiguration: infrastructure(ownResource(c, c.state.infrastructure, 'infrastructureConfigurationArn', 'infrastructure-configuration')),
});

export const createInfrastructureConfiguration: IbHandler = (c) =>
  idempotent(c, 'CreateInfrastructureConfiguration', () => {
    const name = resourceName(c);
    const settings = infrastructureSettings(c);
    const arn = imageBuilderArn(c.region, c.accountId, 'infrastructure-configuration', arnName(name));
    if (c.state.infrastructure.some((i) => i.arn === arn)) throw alreadyExists(arn);
    c.state.infrastructure.push({
      arn,
      owner: c.accountId,
      region: c.region,
      name,
      ...settings,
      dateCreated: awsTime(c.now),
      dateUpdated: null,
      tags: stringMap(c.input, 'tags'),
    });
    return { requestId: c.requestId, clientToken: optString(c.input, 'clientToken'), infrastructureConfigurationArn: arn };
  });

/**
 * UpdateInfrastructureConfiguration replaces the settings as a whole, as the other Update
 * operations do: what the request leaves out goes back to its default. Name, tags and creation
 * date stay. Checked in full before anything changes.
 */
export const updateInfrastructureConfiguration: IbHandler = (c) =>
  idempotent(c, 'UpdateInfrastructureConfiguration', () => {
    reqString(c.input, 'clientToken');
    const i = ownResource(c, c.state.infrastructure, 'infrastructureConfigurationArn', 'infrastructure-configuration');
    const settings = infrastructureSettings(c);
    Object.assign(i, settings, { dateUpdated: awsTime(c.now) });
    if (!settings.logging) delete i.logging;
    return { requestId: c.requestId, clientToken: optString(c.input, 'clientToken'), infrastructureConfigurationArn: i.arn };
  });

/** What Create and Update take, each checked as Image Builder checks it. */
function infrastructureSettings(c: IbCall) {
  const instanceProfileName = reqString(c.input, 'instanceProfileName');
  const { subnetId, securityGroupIds, keyPair } = placement(c);
  const logging = s3Logging(c.input);
  const snsTopicArn = optString(c.input, 'snsTopicArn');
  if (snsTopicArn !== undefined && !SNS_TOPIC_ARN.test(snsTopicArn)) throw invalidValue('snsTopicArn', `'${snsTopicArn}' is not an SNS topic ARN.`);
  return {
    description: optString(c.input, 'description') ?? null,
    instanceProfileName,
    instanceTypes: stringList(c.input, 'instanceTypes'),
    securityGroupIds,
    subnetId: subnetId ?? null,
    keyPair: keyPair ?? null,
    terminateInstanceOnFailure: optBool(c.input, 'terminateInstanceOnFailure') ?? true,
    snsTopicArn: snsTopicArn ?? null,
    ...(logging ? { logging } : {}),
    resourceTags: stringMap(c.input, 'resourceTags'),
  } satisfies Partial<InfrastructureConfigurationRecord>;
}

const SNS_TOPIC_ARN = /^arn:aws[^:]*:sns:[^:]+:[0-9]{12}:[a-zA-Z0-9-_]{1,256}$/;

/**
 * Where the build instance runs. Security groups need a subnet (they belong to its VPC). Whether
 * the subnet, groups and key pair exist is not checked here: Image Builder's reference does not
 * say it checks them when the configuration is created (a build with a missing one fails).
 */
function placement(c: IbCall): { subnetId: string | undefined; securityGroupIds: string[]; keyPair: string | undefined } {
  const subnetId = optString(c.input, 'subnetId');
  if (subnetId !== undefined && !/^subnet-[0-9a-f]{8,17}$/.test(subnetId)) throw invalidValue('subnetId', `'${subnetId}' is not a subnet id.`);
  const securityGroupIds = stringList(c.input, 'securityGroupIds');
  if (securityGroupIds.length > 0 && subnetId === undefined) {
    throw imageBuilderError('InvalidParameterCombinationException', 'You must specify a subnetId when you specify securityGroupIds.');
  }
  const badGroup = securityGroupIds.find((id) => !/^sg-[0-9a-f]{8,17}$/.test(id));
  if (badGroup !== undefined) throw invalidValue('securityGroupIds', `'${badGroup}' is not a security group id.`);
  return { subnetId, securityGroupIds, keyPair: optString(c.input, 'keyPair') };
}

function s3Logging(input: JsonObject): InfrastructureConfigurationRecord['logging'] | undefined {
  const logging = optObject(input, 'logging');
  if (!logging) return undefined;
  const s3 = optObject(logging, 's3Logs');
  if (!s3) return {};
  const s3BucketName = optString(s3, 's3BucketName');
  const s3KeyPrefix = optString(s3, 's3KeyPrefix');
  if (s3BucketName !== undefined && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(s3BucketName)) {
    throw invalidValue('logging.s3Logs.s3BucketName', `'${s3BucketName}' is not an S3 bucket name.`);
  }
  return { s3Logs: { ...(s3BucketName !== undefined ? { s3BucketName } : {}), ...(s3KeyPrefix !== undefined ? { s3KeyPrefix } : {}) } };
}

export const deleteInfrastructureConfiguration: IbHandler = (c) => {
  const i = ownResource(c, c.state.infrastructure, 'infrastructureConfigurationArn', 'infrastructure-configuration');
  const users = c.state.pipelines.filter((p) => p.infrastructureConfigurationArn === i.arn);
  if (users.length > 0) {
    throw imageBuilderError(
      'ResourceDependencyException',
      `Resource dependency error: The resource ARN '${i.arn}' has dependent resources: ${users.map((p) => p.arn).join(', ')}.`,
    );
  }
  c.state.infrastructure.splice(c.state.infrastructure.indexOf(i), 1);
  return { requestId: c.requestId, infrastructureConfigurationArn: i.arn };
};
