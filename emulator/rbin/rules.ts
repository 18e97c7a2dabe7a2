/**
 * Retention rules: CreateRule, GetRule, ListRules, UpdateRule, DeleteRule, checked as the
 * service model constrains them (RetentionPeriodValue 1…3650 DAYS, ResourceType EBS_SNAPSHOT or
 * EC2_IMAGE, up to 50 resource tags, descriptions of up to 255 printable characters, 250 rules
 * per Region). Rules are the caller's account-region's own; another's identifier is not found.
 * A rule is `available` at once (see the emulator README for the first rule's delay on AWS).
 */
import type { ServiceCall } from '../service';
import type { RecycleBinResourceType, RetentionRuleRecord } from '../world/recycle-bin';
import type { TagRecord } from '../world/model';
import { byId, takePage } from '../ec2/paging';
import { quotaExceeded, ruleNotFound, validation } from './errors';

export type JsonInput = Readonly<Record<string, unknown>>;
export type RbinAnswer = Record<string, unknown>;

/** Retention rules per Region (AWS's default quota). */
export const RULES_PER_REGION = 250;

const RESOURCE_TYPES: readonly RecycleBinResourceType[] = ['EBS_SNAPSHOT', 'EC2_IMAGE'];
const IDENTIFIER = /^[0-9a-zA-Z]{11}$/;
const DESCRIPTION = /^[\S ]{0,255}$/;

const isObject = (value: unknown): value is JsonInput => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The service's wording for a member that breaks its constraint. */
const invalid = (member: string, constraint: string) => validation(`1 validation error detected: Value at '${member}' failed to satisfy constraint: ${constraint}`);

function resourceType(input: JsonInput, required: boolean): RecycleBinResourceType | undefined {
  const value = input.ResourceType;
  if (value === undefined || value === null) {
    if (required) throw invalid('resourceType', 'Member must not be null');
    return undefined;
  }
  if (typeof value !== 'string' || !RESOURCE_TYPES.includes(value as RecycleBinResourceType)) {
    throw invalid('resourceType', `Member must satisfy enum value set: [${RESOURCE_TYPES.join(', ')}]`);
  }
  return value as RecycleBinResourceType;
}

function retentionDays(input: JsonInput, required: boolean): number | undefined {
  const value = input.RetentionPeriod;
  if (value === undefined || value === null) {
    if (required) throw invalid('retentionPeriod', 'Member must not be null');
    return undefined;
  }
  if (!isObject(value)) throw invalid('retentionPeriod', 'Member must be a structure');
  const days = value.RetentionPeriodValue;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 3650) {
    throw invalid('retentionPeriod.retentionPeriodValue', 'Member must have value between 1 and 3650');
  }
  if (value.RetentionPeriodUnit !== 'DAYS') throw invalid('retentionPeriod.retentionPeriodUnit', 'Member must satisfy enum value set: [DAYS]');
  return days;
}

function description(input: JsonInput): string | null | undefined {
  const value = input.Description;
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value !== 'string' || !DESCRIPTION.test(value)) throw invalid('description', 'Member must satisfy regular expression pattern: ^[\\S ]{0,255}$');
  return value;
}

function resourceTags(input: JsonInput, member = 'ResourceTags'): RetentionRuleRecord['resourceTags'] | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw invalid('resourceTags', 'Member must be a list');
  if (value.length > 50) throw invalid('resourceTags', 'Member must have length less than or equal to 50');
  return value.map((tag, i) => {
    if (!isObject(tag) || typeof tag.ResourceTagKey !== 'string' || tag.ResourceTagKey.length < 1 || tag.ResourceTagKey.length > 128) {
      throw invalid(`resourceTags.${i + 1}.member.resourceTagKey`, 'Member must have length between 1 and 128');
    }
    const tagValue = tag.ResourceTagValue;
    if (tagValue !== undefined && tagValue !== null && (typeof tagValue !== 'string' || tagValue.length > 256)) {
      throw invalid(`resourceTags.${i + 1}.member.resourceTagValue`, 'Member must have length less than or equal to 256');
    }
    return { key: tag.ResourceTagKey, value: typeof tagValue === 'string' ? tagValue : null };
  });
}

function ruleTags(input: JsonInput): TagRecord[] {
  const value = input.Tags;
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > 200) throw invalid('tags', 'Member must have length less than or equal to 200');
  return value.map((tag, i) => {
    if (!isObject(tag) || typeof tag.Key !== 'string' || typeof tag.Value !== 'string' || tag.Key.length < 1 || tag.Key.length > 128 || tag.Value.length > 256) {
      throw invalid(`tags.${i + 1}.member`, 'Member must have a Key of 1 to 128 characters and a Value of up to 256');
    }
    return { key: tag.Key, value: tag.Value };
  });
}

function identifierOf(call: ServiceCall, identifier: string): RetentionRuleRecord {
  if (!IDENTIFIER.test(identifier)) throw invalid('identifier', 'Member must satisfy regular expression pattern: [0-9a-zA-Z]{11}');
  const rule = call.world.recycleBin.rule(call.caller.accountId, call.region, identifier);
  if (!rule) throw ruleNotFound(identifier);
  return rule;
}

const period = (rule: RetentionRuleRecord) => ({ RetentionPeriodValue: rule.retentionDays, RetentionPeriodUnit: 'DAYS' });
const wireResourceTags = (rule: RetentionRuleRecord) => rule.resourceTags.map((t) => (t.value === null ? { ResourceTagKey: t.key } : { ResourceTagKey: t.key, ResourceTagValue: t.value }));

function ruleAnswer(rule: RetentionRuleRecord): RbinAnswer {
  return {
    Identifier: rule.identifier,
    ...(rule.description !== null ? { Description: rule.description } : {}),
    ResourceType: rule.resourceType,
    RetentionPeriod: period(rule),
    ResourceTags: wireResourceTags(rule),
    Status: 'available',
  };
}

export function createRule(call: ServiceCall, input: JsonInput): RbinAnswer {
  const type = resourceType(input, true)!;
  const days = retentionDays(input, true)!;
  const text = description(input) ?? null;
  const tags = resourceTags(input) ?? [];
  const own = ruleTags(input);
  const bin = call.world.recycleBin;
  if (bin.rulesOf(call.caller.accountId, call.region).length >= RULES_PER_REGION) {
    throw quotaExceeded(`You have reached the maximum number of retention rules (${RULES_PER_REGION}) in this Region.`);
  }
  const rule: RetentionRuleRecord = {
    identifier: bin.nextIdentifier(call.world.seed),
    accountId: call.caller.accountId,
    region: call.region,
    resourceType: type,
    retentionDays: days,
    description: text,
    resourceTags: tags,
    tags: own,
  };
  bin.addRule(rule);
  return { ...ruleAnswer(rule), Tags: rule.tags.map((t) => ({ Key: t.key, Value: t.value })) };
}

export function getRule(call: ServiceCall, _input: JsonInput, identifier: string): RbinAnswer {
  return ruleAnswer(identifierOf(call, identifier));
}

export function updateRule(call: ServiceCall, input: JsonInput, identifier: string): RbinAnswer {
  const rule = identifierOf(call, identifier);
  const type = resourceType(input, false);
  if (type !== undefined && type !== rule.resourceType) throw validation("A retention rule's resource type can't be changed.");
  const days = retentionDays(input, false);
  const text = description(input);
  const tags = resourceTags(input);
  if (days !== undefined) rule.retentionDays = days;
  if (text !== undefined) rule.description = text;
  if (tags !== undefined) rule.resourceTags = tags;
  return ruleAnswer(rule);
}

export function deleteRule(call: ServiceCall, _input: JsonInput, identifier: string): RbinAnswer {
  call.world.recycleBin.removeRule(identifierOf(call, identifier));
  return {};
}

export function listRules(call: ServiceCall, input: JsonInput): RbinAnswer {
  const type = resourceType(input, true)!;
  const wanted = resourceTags(input);
  const max = input.MaxResults;
  if (max !== undefined && max !== null && (typeof max !== 'number' || !Number.isInteger(max) || max < 1 || max > 1000)) {
    throw invalid('maxResults', 'Member must have value between 1 and 1000');
  }
  if (input.LockState !== undefined && input.LockState !== null && !['locked', 'pending_unlock', 'unlocked'].includes(String(input.LockState))) {
    throw invalid('lockState', 'Member must satisfy enum value set: [locked, pending_unlock, unlocked]');
  }
  const token = input.NextToken;
  if (token !== undefined && token !== null && typeof token !== 'string') throw invalid('nextToken', 'Member must be a string');
  const rules = call.world.recycleBin
    .rulesOf(call.caller.accountId, call.region)
    // Rules are never locked here, so a LockState filter finds none.
    .filter((r) => r.resourceType === type && (input.LockState === undefined || input.LockState === null))
    .filter((r) => wanted === undefined || wanted.every((w) => r.resourceTags.some((t) => t.key === w.key && t.value === w.value)))
    .sort(byId((r) => r.identifier));
  const fingerprint = `${call.caller.accountId}/${call.region}/${type}/${JSON.stringify(wanted ?? null)}`;
  const page = takePage(rules, (r) => r.identifier, {
    maxResults: typeof max === 'number' ? max : undefined,
    nextToken: typeof token === 'string' ? token : undefined,
    fingerprint,
    invalidToken: () => validation('The pagination token is invalid.', 'INVALID_PAGE_TOKEN'),
  });
  return {
    Rules: page.items.map((r) => ({
      Identifier: r.identifier,
      ...(r.description !== null ? { Description: r.description } : {}),
      RetentionPeriod: period(r),
    })),
    ...(page.nextToken ? { NextToken: page.nextToken } : {}),
  };
}
