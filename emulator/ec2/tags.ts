/**
 * CreateTags and DeleteTags on images (`ami-…`) and snapshots (`snap-…`), as the API reference
 * and the EC2 User Guide's tag restrictions describe them: up to 1,000 resource ids a call, at
 * most 50 user tags per resource (TagLimitExceeded), keys of 1–128 and values of up to 256
 * characters, `aws:` keys reserved (InvalidParameterValue). A call is all or nothing: every id
 * and tag is checked before any resource changes.
 *
 * Ids: malformed → InvalidAMIID.Malformed / InvalidSnapshotID.Malformed, any other kind of id →
 * InvalidID; missing or not visible → InvalidAMIID.NotFound / InvalidSnapshot.NotFound. The
 * emulator keeps one set of tags per resource (the owner's), so an account that can see a
 * resource it does not own gets UnauthorizedOperation (see README: AWS keeps such tags apart).
 *
 * DeleteTags: a tag with a value (the empty string too) goes only when the value matches; a
 * key alone goes whatever its value; no tags at all removes every tag but the `aws:` ones.
 */
import { ApiError, invalidParameterValue, missingParameter } from '../protocol/errors';
import { el } from '../protocol/xml';
import type { QueryParams } from '../protocol/query';
import type { ServiceCall } from '../service';
import type { ImageRecord, SnapshotRecord, TagRecord } from '../world/model';
import { isVisibleImage, isVisibleSnapshot } from '../world/visibility';
import { checkImageId, checkSnapshotId, imagesNotFound, snapshotsNotFound } from './ids';
import { ec2Document } from './response';

const TAG_RULES = {
  resourcesPerCall: 1000,
  tagsPerCall: 1000,
  tagsPerResource: 50,
  keyLength: 128,
  valueLength: 256,
} as const;

type Taggable = ImageRecord | SnapshotRecord;

/** Unicode characters, as AWS counts tag lengths (not UTF-16 units). */
const length = (text: string): number => [...text].length;

const isReserved = (key: string): boolean => key.toLowerCase().startsWith('aws:');

const unauthorized = (): ApiError => new ApiError('UnauthorizedOperation', 'You are not authorized to perform this operation.', 403);

function readResourceIds(params: QueryParams): string[] {
  const ids = params.list('ResourceId');
  if (ids.length === 0) throw missingParameter('ResourceId');
  if (ids.length > TAG_RULES.resourcesPerCall) {
    throw invalidParameterValue(`Value for parameter ResourceId is invalid. At most ${TAG_RULES.resourcesPerCall} resource IDs may be given in one request; ${ids.length} were given.`);
  }
  return [...new Set(ids)];
}

/** `Tag.N.Key` / `Tag.N.Value`; a value left out is `undefined` (DeleteTags tells it from ''). */
function readTags(params: QueryParams): Array<{ key: string; value: string | undefined }> {
  const tags: Array<{ key: string; value: string | undefined }> = [];
  for (let n = 1; ; n++) {
    const key = params.string(`Tag.${n}.Key`);
    if (key === undefined) {
      if (params.string(`Tag.${n}.Value`) !== undefined) throw missingParameter(`Tag.${n}.Key`);
      break;
    }
    tags.push({ key, value: params.string(`Tag.${n}.Value`) });
  }
  if (tags.length > TAG_RULES.tagsPerCall) {
    throw invalidParameterValue(`Value for parameter Tag is invalid. At most ${TAG_RULES.tagsPerCall} tags may be given in one request.`);
  }
  return tags;
}

function checkKey(key: string): void {
  if (key === '') throw invalidParameterValue('Value () for parameter key is invalid. Tag keys must be between 1 and 128 characters long.');
  if (length(key) > TAG_RULES.keyLength) {
    throw invalidParameterValue(`Value (${key}) for parameter key is invalid. Tag keys must be between 1 and ${TAG_RULES.keyLength} characters long.`);
  }
  if (isReserved(key)) {
    throw invalidParameterValue(`Value (${key}) for parameter key is invalid. Tag keys starting with 'aws:' are reserved for internal use.`);
  }
}

function checkValue(key: string, value: string): void {
  if (length(value) > TAG_RULES.valueLength) {
    throw invalidParameterValue(`Value (${value}) for parameter value is invalid. The value of tag ${key} must be at most ${TAG_RULES.valueLength} characters long.`);
  }
}

/**
 * The resources the ids name, owned by the caller. Malformed ids first, then ids that name
 * nothing the caller can see (each kind listed together, as EC2 does), then ownership.
 */
function ownedResources(call: ServiceCall, ids: readonly string[]): Taggable[] {
  const { world, caller, region } = call;
  for (const id of ids) {
    if (id.startsWith('ami-')) checkImageId(id);
    else if (id.startsWith('snap-')) checkSnapshotId(id);
    else throw new ApiError('InvalidID', `The ID '${id}' is not valid`);
  }
  const found: Taggable[] = [];
  const missingImages: string[] = [];
  const missingSnapshots: string[] = [];
  for (const id of ids) {
    if (id.startsWith('ami-')) {
      const image = world.image(region, id);
      if (image && isVisibleImage(caller, image)) found.push(image);
      else missingImages.push(id);
    } else {
      const snapshot = world.snapshot(region, id);
      if (snapshot && isVisibleSnapshot(caller, snapshot)) found.push(snapshot);
      else missingSnapshots.push(id);
    }
  }
  if (missingImages.length > 0) throw imagesNotFound(missingImages);
  if (missingSnapshots.length > 0) throw snapshotsNotFound(missingSnapshots);
  if (found.some((r) => r.ownerId !== caller.accountId)) throw unauthorized();
  return found;
}

const userTagCount = (tags: readonly TagRecord[]): number => tags.filter((t) => !isReserved(t.key)).length;

export function createTags(call: ServiceCall): string {
  const ids = readResourceIds(call.params);
  const tags = readTags(call.params);
  if (tags.length === 0) throw missingParameter('Tag');
  const seen = new Set<string>();
  for (const { key, value } of tags) {
    checkKey(key);
    checkValue(key, value ?? '');
    if (seen.has(key)) throw invalidParameterValue(`Value (${key}) for parameter key is invalid. Duplicate tag key '${key}' specified.`);
    seen.add(key);
  }
  const resources = ownedResources(call, ids);
  const after = resources.map((resource) => {
    const byKey = new Map(resource.tags.map((t) => [t.key, t.value]));
    for (const { key, value } of tags) byKey.set(key, value ?? '');
    return [...byKey].map(([key, value]) => ({ key, value }));
  });
  if (after.some((list) => userTagCount(list) > TAG_RULES.tagsPerResource)) {
    throw new ApiError('TagLimitExceeded', 'The maximum number of Tags for a resource has been reached.');
  }
  resources.forEach((resource, i) => {
    resource.tags = after[i]!;
  });
  return ec2Document('CreateTags', call.requestId, [el('return', true)]);
}

export function deleteTags(call: ServiceCall): string {
  const ids = readResourceIds(call.params);
  const tags = readTags(call.params);
  for (const { key } of tags) checkKey(key);
  const resources = ownedResources(call, ids);
  for (const resource of resources) {
    resource.tags =
      tags.length === 0
        ? resource.tags.filter((t) => isReserved(t.key))
        : resource.tags.filter((t) => !tags.some((d) => d.key === t.key && (d.value === undefined || d.value === t.value)));
  }
  return ec2Document('DeleteTags', call.requestId, [el('return', true)]);
}
