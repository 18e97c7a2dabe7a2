/** List/Get/Create/DeleteInfrastructureConfiguration. */
import { awsTime } from '../world/factory';
import { arnName, imageBuilderArn } from '../world/imagebuilder-arns';
import { alreadyExists, idempotent, ownResource, resourceName, type IbHandler } from './call';
import { imageBuilderError, invalidValue } from './errors';
import { optBool, optString, reqString, stringList, stringMap } from './json';
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
    const instanceProfileName = reqString(c.input, 'instanceProfileName');
    const subnetId = optString(c.input, 'subnetId');
    if (subnetId !== undefined && !/^subnet-[0-9a-f]{8,17}$/.test(subnetId)) invalidSubnet(subnetId);
    const securityGroupIds = stringList(c.input, 'securityGroupIds');
    if (securityGroupIds.length > 0 && subnetId === undefined) {
      throw imageBuilderError('InvalidParameterCombinationException', 'securityGroupIds require a subnetId.');
    }
    const arn = imageBuilderArn(c.region, c.accountId, 'infrastructure-configuration', arnName(name));
    if (c.state.infrastructure.some((i) => i.arn === arn)) throw alreadyExists(arn);
    c.state.infrastructure.push({
      arn,
      owner: c.accountId,
      region: c.region,
      name,
      description: optString(c.input, 'description') ?? null,
      instanceProfileName,
      instanceTypes: stringList(c.input, 'instanceTypes'),
      securityGroupIds,
      subnetId: subnetId ?? null,
      keyPair: optString(c.input, 'keyPair') ?? null,
      terminateInstanceOnFailure: optBool(c.input, 'terminateInstanceOnFailure') ?? true,
      snsTopicArn: optString(c.input, 'snsTopicArn') ?? null,
      dateCreated: awsTime(c.now),
      dateUpdated: null,
      resourceTags: stringMap(c.input, 'resourceTags'),
      tags: stringMap(c.input, 'tags'),
    });
    return { requestId: c.requestId, clientToken: optString(c.input, 'clientToken'), infrastructureConfigurationArn: arn };
  });

function invalidSubnet(subnetId: string): never {
  throw invalidValue('subnetId', `'${subnetId}' is not a subnet id.`);
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
