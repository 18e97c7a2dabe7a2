/**
 * DescribeImageReferences: the caller's own resources in the region that use the named images
 * (instances, launch templates, SSM parameters, Image Builder recipes; see
 * world/usage-references.ts for what counts as a reference). ImageIds is required
 * and each must be visible (InvalidAMIID.NotFound); either IncludeAllResourceTypes or
 * ResourceTypes says what to look at. Options: `state-name` for ec2:Instance (default all
 * states), `version-depth` for ec2:LaunchTemplate (1–10000, default 10 versions from the
 * newest). MaxResults (1–1000) / NextToken paging, ordered by image id then ARN.
 */
import { invalidParameterCombination, invalidParameterValue, missingParameter } from '../protocol/errors';
import type { QueryParams } from '../protocol/query';
import { el, itemList } from '../protocol/xml';
import type { ServiceCall } from '../service';
import type { ImageReferenceRecord, ImageReferenceType } from '../world/model';
import { imageReferencesOf } from '../world/usage-references';
import { isVisibleImage } from '../world/visibility';
import { checkImageId, imagesNotFound } from './ids';
import { questionFingerprint, readMaxResults, takePage } from './paging';
import { ec2Document } from './response';

const RESOURCE_TYPES: readonly ImageReferenceType[] = [
  'ec2:Instance',
  'ec2:LaunchTemplate',
  'ssm:Parameter',
  'imagebuilder:ImageRecipe',
  'imagebuilder:ContainerRecipe',
];
const INSTANCE_STATES = ['pending', 'running', 'shutting-down', 'terminated', 'stopping', 'stopped'];
const DEFAULT_VERSION_DEPTH = 10;

interface TypeScope {
  states: Set<string> | null;
  versionDepth: number;
}

function readOption(params: QueryParams, prefix: string, type: string, scope: TypeScope): void {
  const name = params.string(`${prefix}.OptionName`);
  const values = params.list(`${prefix}.OptionValue`);
  if (name === 'state-name' && type === 'ec2:Instance') {
    const bad = values.find((v) => !INSTANCE_STATES.includes(v));
    if (bad !== undefined) throw invalidParameterValue(`Value (${bad}) for option state-name is invalid. Valid values: ${INSTANCE_STATES.join(' | ')}.`);
    scope.states = new Set(values);
  } else if (name === 'version-depth' && type === 'ec2:LaunchTemplate') {
    const depth = Number(values[0]);
    if (values.length !== 1 || !Number.isInteger(depth) || depth < 1 || depth > 10_000) {
      throw invalidParameterValue(`Value (${values.join(', ')}) for option version-depth is invalid. It must be one integer between 1 and 10000.`);
    }
    scope.versionDepth = depth;
  } else {
    throw invalidParameterValue(`The option ${name ?? '(none)'} is not valid for resource type ${type}.`);
  }
}

function readScopes(params: QueryParams): Map<ImageReferenceType, TypeScope> {
  const includeAll = params.bool('IncludeAllResourceTypes') ?? false;
  const scopes = new Map<ImageReferenceType, TypeScope>();
  const fresh = (): TypeScope => ({ states: null, versionDepth: DEFAULT_VERSION_DEPTH });
  if (includeAll) for (const type of RESOURCE_TYPES) scopes.set(type, fresh());
  for (let n = 1; ; n++) {
    const type = params.string(`ResourceType.${n}.ResourceType`);
    if (type === undefined) break;
    const known = RESOURCE_TYPES.find((t) => t === type);
    if (!known) throw invalidParameterValue(`Value (${type}) for parameter ResourceType is invalid. Valid values: ${RESOURCE_TYPES.join(' | ')}.`);
    const scope = scopes.get(known) ?? fresh();
    for (let m = 1; params.string(`ResourceType.${n}.ResourceTypeOption.${m}.OptionName`) !== undefined; m++) {
      readOption(params, `ResourceType.${n}.ResourceTypeOption.${m}`, known, scope);
    }
    scopes.set(known, scope);
  }
  if (scopes.size === 0) throw invalidParameterCombination('Specify either IncludeAllResourceTypes or ResourceTypes.');
  return scopes;
}

function matches(ref: ImageReferenceRecord, scope: TypeScope | undefined): boolean {
  if (!scope) return false;
  if (ref.resourceType === 'ec2:Instance' && scope.states && !scope.states.has(ref.instanceState ?? 'running')) return false;
  if (ref.resourceType === 'ec2:LaunchTemplate' && (ref.launchTemplateVersionDepth ?? 1) > scope.versionDepth) return false;
  return true;
}

const referenceKey = (r: ImageReferenceRecord): string => `${r.imageId} ${r.arn}`;

export function describeImageReferences(call: ServiceCall): string {
  const { world, caller, region, params } = call;
  const imageIds = [...new Set(params.list('ImageId'))];
  if (imageIds.length === 0) throw missingParameter('ImageIds');
  imageIds.forEach(checkImageId);
  const missing = imageIds.filter((id) => {
    const image = world.image(region, id);
    return !image || !isVisibleImage(caller, image);
  });
  if (missing.length > 0) throw imagesNotFound(missing);
  const scopes = readScopes(params);
  const maxResults = readMaxResults(params, 1, 1000);
  const wanted = new Set(imageIds);

  const matching = imageReferencesOf(world, { accountId: caller.accountId, region })
    .filter((r) => wanted.has(r.imageId) && matches(r, scopes.get(r.resourceType)))
    .sort((a, b) => (referenceKey(a) < referenceKey(b) ? -1 : referenceKey(a) > referenceKey(b) ? 1 : 0));
  const page = takePage(matching, referenceKey, {
    maxResults,
    nextToken: params.string('NextToken'),
    fingerprint: questionFingerprint(caller.accountId, region, params, ['NextToken', 'MaxResults']),
  });
  return ec2Document('DescribeImageReferences', call.requestId, [
    itemList(
      'imageReferenceSet',
      page.items.map((r) => [el('imageId', r.imageId), el('resourceType', r.resourceType), el('arn', r.arn)]),
    ),
    ...(page.nextToken ? [el('nextToken', page.nextToken)] : []),
  ]);
}
