/** ListImageRecipes (every version of each name), GetImageRecipe, CreateImageRecipe (a new recipe, or a new version of one), DeleteImageRecipe. */
import { awsTime } from '../world/factory';
import { arnName, imageBuilderArn, parseImageBuilderArn, SEMANTIC_VERSION } from '../world/imagebuilder-arns';
import type { ComponentConfigurationRecord, ImageBuilderPlatform, InstanceBlockDeviceRecord } from '../world/imagebuilder-model';
import { isVisibleImage } from '../world/visibility';
import { idempotent, ownResource, resourceName, type IbHandler } from './call';
import { resolveComponent } from './components';
import { imageBuilderError, invalidValue } from './errors';
import { isObject, objectList, optObject, optString, reqString, stringList, stringMap, type JsonObject } from './json';
import { applyFilters, page } from './paging';
import { recipe, recipeSummary } from './serialize';

export const listImageRecipes: IbHandler = (c) => {
  const owner = optString(c.input, 'owner') ?? 'Self';
  if (!['Self', 'Shared', 'Amazon', 'ThirdParty', 'AWSMarketplace'].includes(owner)) {
    throw invalidValue('owner', 'It must be one of Self, Shared, Amazon, ThirdParty, AWSMarketplace.');
  }
  const own = owner === 'Self' ? c.state.recipes.filter((r) => r.owner === c.accountId && r.region === c.region) : [];
  const items = applyFilters(c, own, { name: (r) => r.name, parentImage: (r) => r.parentImage, platform: (r) => r.platform });
  const { items: pageItems, nextToken } = page(c, [...items].sort((a, b) => (a.arn < b.arn ? -1 : 1)));
  return { requestId: c.requestId, imageRecipeSummaryList: pageItems.map(recipeSummary), nextToken };
};

export const getImageRecipe: IbHandler = (c) => {
  const r = ownResource(c, c.state.recipes, 'imageRecipeArn', 'image-recipe');
  return { requestId: c.requestId, imageRecipe: recipe(r), latestVersionReferences: { latestVersionArn: r.arn } };
};

function componentConfigurations(c: Parameters<IbHandler>[0]): ComponentConfigurationRecord[] {
  const list = objectList(c.input, 'components');
  if (list.length === 0) throw imageBuilderError('InvalidRequestException', "The request is missing the required parameter 'components'.");
  return list.map((entry) => {
    const componentArn = reqString(entry, 'componentArn');
    if (!resolveComponent(c, componentArn)) {
      throw invalidValue('components', `The component '${componentArn}' does not exist or is not available to this account in ${c.region}.`);
    }
    const parameters = objectList(entry, 'parameters').map((p) => ({ name: reqString(p, 'name'), value: stringList(p, 'value') }));
    return parameters.length > 0 ? { componentArn, parameters } : { componentArn };
  });
}

function blockDevices(input: JsonObject): InstanceBlockDeviceRecord[] {
  return objectList(input, 'blockDeviceMappings').map((m) => {
    const ebs = optObject(m, 'ebs');
    const out: InstanceBlockDeviceRecord = {};
    const deviceName = optString(m, 'deviceName');
    if (deviceName !== undefined) out.deviceName = deviceName;
    const virtualName = optString(m, 'virtualName');
    if (virtualName !== undefined) out.virtualName = virtualName;
    const noDevice = optString(m, 'noDevice');
    if (noDevice !== undefined) out.noDevice = noDevice;
    if (ebs) {
      const e: NonNullable<InstanceBlockDeviceRecord['ebs']> = {};
      for (const key of ['encrypted', 'deleteOnTermination'] as const) if (typeof ebs[key] === 'boolean') e[key] = ebs[key];
      for (const key of ['iops', 'volumeSize', 'throughput'] as const) if (typeof ebs[key] === 'number') e[key] = ebs[key];
      for (const key of ['kmsKeyId', 'snapshotId', 'volumeType'] as const) if (typeof ebs[key] === 'string') e[key] = ebs[key];
      out.ebs = e;
    }
    return out;
  });
}

/** An AMI the caller can launch in the region, or an Image Builder image ARN (Amazon's or its own). */
function parentPlatform(c: Parameters<IbHandler>[0], parentImage: string): ImageBuilderPlatform {
  // `ssm:NAME`: Image Builder reads the AMI id from the caller's Parameter Store parameter.
  if (parentImage.startsWith('ssm:')) {
    const name = parentImage.slice('ssm:'.length);
    const parameter = c.world.usage.parameters.in(c.accountId, c.region).find((p) => p.name === name);
    if (!parameter || !/^ami-[0-9a-f]{8,17}$/.test(parameter.value)) {
      throw invalidValue('parentImage', `The parameter '${name}' does not exist in ${c.region} or does not hold an AMI id.`);
    }
    return parentPlatform(c, parameter.value);
  }
  if (parentImage.startsWith('ami-')) {
    const account = c.world.accountById(c.accountId);
    const image = c.world.image(c.region, parentImage);
    if (!account || !image || image.state === 'deregistered' || !isVisibleImage(account, image)) {
      throw invalidValue('parentImage', `The AMI '${parentImage}' does not exist in ${c.region} or you do not have access to it.`);
    }
    return image.platform === 'windows' ? 'Windows' : 'Linux';
  }
  const parsed = parseImageBuilderArn(parentImage);
  if (!parsed || parsed.type !== 'image' || parsed.region !== c.region) {
    throw invalidValue('parentImage', `'${parentImage}' is neither an AMI id nor an image ARN of ${c.region}.`);
  }
  return parsed.parts[0]?.includes('windows') ? 'Windows' : 'Linux';
}

export const createImageRecipe: IbHandler = (c) =>
  idempotent(c, 'CreateImageRecipe', () => {
    const name = resourceName(c);
    const version = reqString(c.input, 'semanticVersion');
    if (!SEMANTIC_VERSION.test(version)) {
      throw imageBuilderError('InvalidVersionNumberException', `The semantic version '${version}' is not valid: use <major>.<minor>.<patch>.`);
    }
    const parentImage = reqString(c.input, 'parentImage');
    const platform = parentPlatform(c, parentImage);
    const components = componentConfigurations(c);
    const arn = imageBuilderArn(c.region, c.accountId, 'image-recipe', arnName(name), version);
    // A name takes new versions; a version, once made, does not change.
    if (c.state.recipes.some((r) => r.arn === arn)) {
      throw imageBuilderError('ResourceAlreadyExistsException', `The following resource 'ImageRecipe' already exists: '${arn}'.`);
    }
    const additional = c.input.additionalInstanceConfiguration;
    if (additional !== undefined && !isObject(additional)) throw invalidValue('additionalInstanceConfiguration', 'It must be an object.');
    c.state.recipes.push({
      arn,
      owner: c.accountId,
      region: c.region,
      name,
      version,
      description: optString(c.input, 'description') ?? null,
      platform,
      parentImage,
      components,
      blockDeviceMappings: blockDevices(c.input),
      workingDirectory: optString(c.input, 'workingDirectory') ?? null,
      dateCreated: awsTime(c.now),
      tags: stringMap(c.input, 'tags'),
      amiTags: stringMap(c.input, 'amiTags'),
    });
    return { requestId: c.requestId, clientToken: optString(c.input, 'clientToken'), imageRecipeArn: arn, latestVersionReferences: { latestVersionArn: arn } };
  });

export const deleteImageRecipe: IbHandler = (c) => {
  const r = ownResource(c, c.state.recipes, 'imageRecipeArn', 'image-recipe');
  const users = c.state.pipelines.filter((p) => p.imageRecipeArn === r.arn);
  if (users.length > 0) {
    throw imageBuilderError(
      'ResourceDependencyException',
      `Resource dependency error: The resource ARN '${r.arn}' has dependent resources: ${users.map((p) => p.arn).join(', ')}.`,
    );
  }
  c.state.recipes.splice(c.state.recipes.indexOf(r), 1);
  return { requestId: c.requestId, imageRecipeArn: r.arn };
};
