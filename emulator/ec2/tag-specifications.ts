/**
 * `TagSpecification.N.ResourceType` + `TagSpecification.N.Tag.M.Key/Value`, as the SDK sends
 * TagSpecifications on create-type calls. Each action says which resource types it tags.
 */
import { invalidParameterValue } from '../protocol/errors';
import type { QueryParams } from '../protocol/query';
import type { TagRecord } from '../world/model';

export function readTagSpecifications(params: QueryParams, allowed: readonly string[]): Map<string, TagRecord[]> {
  const out = new Map<string, TagRecord[]>();
  for (let n = 1; ; n++) {
    const type = params.string(`TagSpecification.${n}.ResourceType`);
    if (type === undefined) break;
    if (!allowed.includes(type)) {
      throw invalidParameterValue(`'${type}' is not a valid taggable resource type for this operation.`);
    }
    const tags = out.get(type) ?? [];
    for (let m = 1; ; m++) {
      const key = params.string(`TagSpecification.${n}.Tag.${m}.Key`);
      if (key === undefined) break;
      tags.push({ key, value: params.string(`TagSpecification.${n}.Tag.${m}.Value`) ?? '' });
    }
    out.set(type, tags);
  }
  return out;
}

/** Later tags win over earlier ones with the same key. */
export function mergeTags(...lists: ReadonlyArray<readonly TagRecord[]>): TagRecord[] {
  const byKey = new Map<string, TagRecord>();
  for (const list of lists) for (const tag of list) byKey.set(tag.key, { ...tag });
  return [...byKey.values()];
}
