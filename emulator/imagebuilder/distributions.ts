/**
 * List/Get/Create/DeleteDistributionConfiguration. Each distribution names a region and how the
 * AMI is named (with `{{ imagebuilder:buildDate }}`), shared (launchPermission) and copied to
 * other accounts (targetAccountIds).
 */
import { awsTime } from '../world/factory';
import { arnName, imageBuilderArn } from '../world/imagebuilder-arns';
import type { AmiDistributionRecord, DistributionRecord, LaunchPermissionConfigurationRecord } from '../world/imagebuilder-model';
import { alreadyExists, idempotent, ownResource, resourceName, type IbCall, type IbHandler } from './call';
import { imageBuilderError, invalidValue } from './errors';
import { objectList, optBool, optInt, optObject, optString, reqString, stringList, stringMap, type JsonObject } from './json';
import { applyFilters, page } from './paging';
import { distribution, distributionSummary } from './serialize';

export const listDistributionConfigurations: IbHandler = (c) => {
  const own = c.state.distributions.filter((d) => d.owner === c.accountId && d.region === c.region);
  const items = applyFilters(c, own, { name: (d) => d.name });
  const { items: pageItems, nextToken } = page(c, [...items].sort((a, b) => (a.arn < b.arn ? -1 : 1)));
  return { requestId: c.requestId, distributionConfigurationSummaryList: pageItems.map(distributionSummary), nextToken };
};

export const getDistributionConfiguration: IbHandler = (c) => ({
  requestId: c.requestId,
  distributionConfiguration: distribution(ownResource(c, c.state.distributions, 'distributionConfigurationArn', 'distribution-configuration')),
});

const ACCOUNT_ID = /^[0-9]{12}$/;
const ORG_ARN = /^arn:aws[^:]*:organizations::[0-9]{12}:organization\/o-[a-z0-9]{10,32}$/;
const OU_ARN = /^arn:aws[^:]*:organizations::[0-9]{12}:ou\/o-[a-z0-9]{10,32}\/ou-[0-9a-z]{4,32}-[0-9a-z]{8,32}$/;

function launchPermission(input: JsonObject): LaunchPermissionConfigurationRecord | null {
  const lp = optObject(input, 'launchPermission');
  if (!lp) return null;
  const record = {
    userIds: stringList(lp, 'userIds'),
    userGroups: stringList(lp, 'userGroups'),
    organizationArns: stringList(lp, 'organizationArns'),
    organizationalUnitArns: stringList(lp, 'organizationalUnitArns'),
  };
  if (!record.userIds.every((id) => ACCOUNT_ID.test(id))) throw invalidValue('launchPermission.userIds', 'Account ids have 12 digits.');
  if (!record.userGroups.every((g) => g === 'all')) throw invalidValue('launchPermission.userGroups', "The only group is 'all'.");
  if (!record.organizationArns.every((a) => ORG_ARN.test(a))) throw invalidValue('launchPermission.organizationArns', 'Not an organization ARN.');
  if (!record.organizationalUnitArns.every((a) => OU_ARN.test(a))) throw invalidValue('launchPermission.organizationalUnitArns', 'Not an OU ARN.');
  return record;
}

function amiDistribution(input: JsonObject): AmiDistributionRecord | null {
  const ami = optObject(input, 'amiDistributionConfiguration');
  if (!ami) return null;
  const name = optString(ami, 'name') ?? null;
  // After the build date is put in, the name must still be a valid AMI name.
  if (name !== null && !/^[-_A-Za-z0-9{][-_A-Za-z0-9\s:{}.()/'@[\]]{0,126}$/.test(name)) {
    throw invalidValue('amiDistributionConfiguration.name', 'AMI names are 1 to 127 letters, digits and ( ) [ ] . / - \' @ _.');
  }
  const targetAccountIds = stringList(ami, 'targetAccountIds');
  if (!targetAccountIds.every((id) => ACCOUNT_ID.test(id))) throw invalidValue('targetAccountIds', 'Account ids have 12 digits.');
  return {
    name,
    description: optString(ami, 'description') ?? null,
    targetAccountIds,
    amiTags: stringMap(ami, 'amiTags'),
    kmsKeyId: kmsKey(ami),
    launchPermission: launchPermission(ami),
  };
}

/** A key ARN, alias ARN, alias name, key id or multi-Region key id (the forms EC2's CopyImage takes). */
const KMS_KEY = /^(arn:aws[^:]*:kms:[a-z0-9-]+:[0-9]{12}:(key|alias)\/[\w/-]+|alias\/[\w/-]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})$/;

function kmsKey(ami: JsonObject): string | null {
  const key = optString(ami, 'kmsKeyId');
  if (key === undefined) return null;
  if (!KMS_KEY.test(key)) throw invalidValue('amiDistributionConfiguration.kmsKeyId', `'${key}' is not a KMS key id, key ARN or alias.`);
  return key;
}

const LAUNCH_TEMPLATE_ID = /^lt-[a-z0-9-_]{17}$/;

/** Which launch templates get a new version with the region's AMI (the service model's shape: 1–100 of them). */
function launchTemplates(d: JsonObject): NonNullable<DistributionRecord['launchTemplateConfigurations']> | undefined {
  if (d['launchTemplateConfigurations'] === undefined) return undefined;
  const list = objectList(d, 'launchTemplateConfigurations');
  if (list.length === 0 || list.length > 100) throw invalidValue('launchTemplateConfigurations', 'Give 1 to 100 launch template configurations.');
  return list.map((t) => {
    const launchTemplateId = reqString(t, 'launchTemplateId');
    if (!LAUNCH_TEMPLATE_ID.test(launchTemplateId)) throw invalidValue('launchTemplateConfigurations.launchTemplateId', `'${launchTemplateId}' is not a launch template id.`);
    const accountId = optString(t, 'accountId');
    if (accountId !== undefined && !ACCOUNT_ID.test(accountId)) throw invalidValue('launchTemplateConfigurations.accountId', 'Account ids have 12 digits.');
    return { launchTemplateId, ...(accountId !== undefined ? { accountId } : {}), setDefaultVersion: optBool(t, 'setDefaultVersion') ?? false };
  });
}

function distributions(c: IbCall): DistributionRecord[] {
  const list = objectList(c.input, 'distributions');
  if (list.length === 0) throw imageBuilderError('InvalidRequestException', "The request is missing the required parameter 'distributions'.");
  const seen = new Set<string>();
  return list.map((d) => {
    const region = reqString(d, 'region');
    if (!c.world.region(region)) throw invalidValue('distributions.region', `'${region}' is not a region.`);
    if (seen.has(region)) throw imageBuilderError('InvalidParameterCombinationException', `The region ${region} appears in more than one distribution.`);
    seen.add(region);
    const templates = launchTemplates(d);
    return {
      region,
      amiDistributionConfiguration: amiDistribution(d),
      licenseConfigurationArns: stringList(d, 'licenseConfigurationArns'),
      ...(templates ? { launchTemplateConfigurations: templates } : {}),
    };
  });
}

export const createDistributionConfiguration: IbHandler = (c) =>
  idempotent(c, 'CreateDistributionConfiguration', () => {
    const name = resourceName(c);
    const list = distributions(c);
    const arn = imageBuilderArn(c.region, c.accountId, 'distribution-configuration', arnName(name));
    if (c.state.distributions.some((d) => d.arn === arn)) throw alreadyExists(arn);
    c.state.distributions.push({
      arn,
      owner: c.accountId,
      region: c.region,
      name,
      description: optString(c.input, 'description') ?? null,
      distributions: list,
      timeoutMinutes: optInt(c.input, 'timeoutMinutes', 30, 720) ?? 720,
      dateCreated: awsTime(c.now),
      dateUpdated: null,
      tags: stringMap(c.input, 'tags'),
    });
    return { requestId: c.requestId, clientToken: optString(c.input, 'clientToken'), distributionConfigurationArn: arn };
  });

/**
 * UpdateDistributionConfiguration replaces the description and the regions' distributions (the
 * only settings it takes); name, tags, timeout and creation date stay.
 */
export const updateDistributionConfiguration: IbHandler = (c) =>
  idempotent(c, 'UpdateDistributionConfiguration', () => {
    reqString(c.input, 'clientToken');
    const d = ownResource(c, c.state.distributions, 'distributionConfigurationArn', 'distribution-configuration');
    const list = distributions(c);
    Object.assign(d, { description: optString(c.input, 'description') ?? null, distributions: list, dateUpdated: awsTime(c.now) });
    return { requestId: c.requestId, clientToken: optString(c.input, 'clientToken'), distributionConfigurationArn: d.arn };
  });

export const deleteDistributionConfiguration: IbHandler = (c) => {
  const d = ownResource(c, c.state.distributions, 'distributionConfigurationArn', 'distribution-configuration');
  const users = c.state.pipelines.filter((p) => p.distributionConfigurationArn === d.arn);
  if (users.length > 0) {
    throw imageBuilderError(
      'ResourceDependencyException',
      `Resource dependency error: The resource ARN '${d.arn}' has dependent resources: ${users.map((p) => p.arn).join(', ')}.`,
    );
  }
  c.state.distributions.splice(c.state.distributions.indexOf(d), 1);
  return { requestId: c.requestId, distributionConfigurationArn: d.arn };
};
