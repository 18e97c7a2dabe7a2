/**
 * Parameter Store reads over the caller's own parameters in the region: GetParametersByPath,
 * DescribeParameters and GetParameters, with Systems Manager's validation and error names.
 *
 * - GetParametersByPath: Path must start with `/`; one level below it, or every level with
 *   Recursive. ParameterFilters Type, KeyId (Equals, BeginsWith) and Label (Equals); the other
 *   keys are InvalidFilterKey here. MaxResults 1–10 (default 10).
 * - DescribeParameters: ParameterFilters Name (Equals, BeginsWith, Contains), Type, KeyId, Tier,
 *   DataType, tag:KEY (Equals, BeginsWith), Path (OneLevel, Recursive); Label is InvalidFilterKey.
 *   The older Filters (Name, Type, KeyId) cannot be combined with ParameterFilters. Shared=true
 *   lists parameters shared with the account, of which there are none. MaxResults 1–50 (default 10).
 * - GetParameters: 1–10 names, each a name, `name:version` or `name:label`; the ones not found
 *   come back in InvalidParameters, not as an error.
 * The public `/aws/service/…` parameters (public-parameters.ts) are read by GetParameters (name
 * or ARN) and GetParametersByPath under `/aws/service/`, not listed by DescribeParameters.
 * SecureString values are answered decrypted only WithDecryption. Lists are ordered by name;
 * NextToken is opaque and bound to the question (another one is InvalidNextToken).
 */
import { createHash } from 'node:crypto';
import { ApiError } from '../protocol/errors';
import type { ServiceCall } from '../service';
import type { JsonInput } from '../kms/json';
import { takePage } from '../ec2/paging';
import { parameterArn, selectParameter, type SsmParameterRecord } from '../world/usage-model';
import { PUBLIC_PARAMETER_ROOT, publicParameter, publicParameters } from './public-parameters';

const TYPES = ['String', 'StringList', 'SecureString'];
const TIERS = ['Standard', 'Advanced', 'Intelligent-Tiering'];
const DATA_TYPES = ['text', 'aws:ec2:image', 'aws:ssm:integration'];
const DEFAULT_PAGE = 10;

export type SsmAction = (call: ServiceCall, input: JsonInput) => object;

function validation(member: string, value: unknown, constraint: string): ApiError {
  return new ApiError('ValidationException', `1 validation error detected: Value '${typeof value === 'string' ? value : JSON.stringify(value)}' at '${member}' failed to satisfy constraint: ${constraint}`);
}

function optionalString(input: JsonInput, name: string, member: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw validation(member, value, 'Member must be a string');
  return value;
}

function optionalBool(input: JsonInput, name: string, member: string): boolean {
  const value = input[name];
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw validation(member, value, 'Member must be a boolean');
  return value;
}

function readMaxResults(input: JsonInput, max: number): number {
  const value = input.MaxResults;
  if (value === undefined || value === null) return DEFAULT_PAGE;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw validation('maxResults', value, 'Member must be an integer');
  if (value > max) throw validation('maxResults', value, `Member must have value less than or equal to ${max}`);
  if (value < 1) throw validation('maxResults', value, 'Member must have value greater than or equal to 1');
  return value;
}

/** Everything that shapes the answer except the paging members (a token is good for that question only). */
function fingerprint(call: ServiceCall, action: string, input: JsonInput): string {
  const rest = Object.fromEntries(Object.entries(input).filter(([k]) => k !== 'NextToken' && k !== 'MaxResults').sort(([a], [b]) => (a < b ? -1 : 1)));
  return createHash('sha256').update(`${call.caller.accountId}\n${call.region}\n${action}\n${JSON.stringify(rest)}`).digest('base64url').slice(0, 16);
}

const invalidNextToken = (): ApiError => new ApiError('InvalidNextToken', 'The specified token isn’t valid.');

interface StringFilter {
  key: string;
  option: string;
  values: string[];
}

function readStringFilters(input: JsonInput): StringFilter[] {
  const raw = input.ParameterFilters;
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw validation('parameterFilters', raw, 'Member must be a list');
  return raw.map((f: unknown, i): StringFilter => {
    const filter = (typeof f === 'object' && f !== null ? f : {}) as Record<string, unknown>;
    const key = filter.Key;
    if (typeof key !== 'string' || key === '') throw validation(`parameterFilters.${i + 1}.member.key`, key ?? null, 'Member must not be null');
    const values = filter.Values ?? [];
    if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) throw validation(`parameterFilters.${i + 1}.member.values`, values, 'Member must be a list of strings');
    if (values.length > 50) throw validation(`parameterFilters.${i + 1}.member.values`, values, 'Member must have length less than or equal to 50');
    const option = filter.Option;
    if (option !== undefined && typeof option !== 'string') throw validation(`parameterFilters.${i + 1}.member.option`, option, 'Member must be a string');
    return { key, option: option ?? (key === 'Path' ? 'OneLevel' : 'Equals'), values: values as string[] };
  });
}

function checkOption(filter: StringFilter, options: readonly string[]): void {
  if (!options.includes(filter.option)) {
    throw new ApiError('InvalidFilterOption', `The option ${filter.option} is not valid for the filter key ${filter.key}. Valid options include: [${options.join(', ')}].`);
  }
}

function checkValues(filter: StringFilter, valid: readonly string[]): void {
  const bad = filter.values.find((v) => !valid.includes(v));
  if (bad !== undefined) throw new ApiError('InvalidFilterValue', `The following filter value is not valid: ${bad}. Valid values include: [${valid.join(', ')}].`);
}

const keyIdOf = (p: SsmParameterRecord): string | null => p.keyId;

const compare = (value: string, filter: StringFilter): boolean =>
  filter.values.some((v) => (filter.option === 'BeginsWith' ? value.startsWith(v) : filter.option === 'Contains' ? value.includes(v) : value === v));

/** Under `path` (ending in `/`): one level below it, or anywhere below with recursive. */
function underPath(name: string, path: string, recursive: boolean): boolean {
  const prefix = path.endsWith('/') ? path : `${path}/`;
  return name.startsWith(prefix) && name.length > prefix.length && (recursive || !name.slice(prefix.length).includes('/'));
}

function stringFilterPredicate(filters: readonly StringFilter[], allowed: readonly string[], context: string): (p: SsmParameterRecord) => boolean {
  const tests = filters.map((f): ((p: SsmParameterRecord) => boolean) => {
    const key = f.key.startsWith('tag:') ? 'tag' : f.key;
    if (!allowed.includes(key)) {
      throw new ApiError('InvalidFilterKey', `The filter key ${f.key} is not valid for ${context}. Valid filter keys include: [${allowed.map((k) => (k === 'tag' ? 'tag:<key>' : k)).join(', ')}].`);
    }
    switch (key) {
      case 'Name':
        checkOption(f, ['Equals', 'BeginsWith', 'Contains']);
        return (p) => compare(p.name, f);
      case 'Type':
        checkOption(f, ['Equals', 'BeginsWith']);
        if (f.option === 'Equals') checkValues(f, TYPES);
        return (p) => compare(p.type, f);
      case 'KeyId':
        checkOption(f, ['Equals', 'BeginsWith']);
        return (p) => compare(keyIdOf(p) ?? '', f);
      case 'Tier':
        checkOption(f, ['Equals', 'BeginsWith']);
        if (f.option === 'Equals') checkValues(f, TIERS);
        return (p) => compare(p.tier, f);
      case 'DataType':
        checkOption(f, ['Equals', 'BeginsWith']);
        if (f.option === 'Equals') checkValues(f, DATA_TYPES);
        return (p) => compare(p.dataType, f);
      case 'Label':
        checkOption(f, ['Equals']);
        return (p) => p.labels.some((l) => f.values.includes(l));
      case 'Path': {
        checkOption(f, ['OneLevel', 'Recursive']);
        const bad = f.values.find((v) => !v.startsWith('/'));
        if (bad !== undefined) throw new ApiError('InvalidFilterValue', `The following filter value is not valid: ${bad}. A path must begin with a forward slash (/).`);
        return (p) => f.values.some((v) => underPath(p.name, v === '/' ? '/' : v, f.option === 'Recursive'));
      }
      default: {
        checkOption(f, ['Equals', 'BeginsWith']);
        const tagKey = f.key.slice(4);
        return (p) => p.tags.some((t) => t.key === tagKey && (f.values.length === 0 || compare(t.value, f)));
      }
    }
  });
  return (p) => tests.every((t) => t(p));
}

const epochSeconds = (iso: string): number => Date.parse(iso) / 1000;

/** What an undecrypted SecureString reads as: an opaque blob, the same for the same value. */
function ciphertext(p: SsmParameterRecord): string {
  return `AQICAH${createHash('sha256').update(`${p.accountId}:${p.name}:${p.value}`).digest('base64').slice(0, 60)}`;
}

function parameterOut(p: SsmParameterRecord, decrypt: boolean, selector?: string): object {
  return {
    Name: p.name,
    Type: p.type,
    Value: p.type === 'SecureString' && !decrypt ? ciphertext(p) : p.value,
    Version: p.version,
    ...(selector ? { Selector: selector } : {}),
    LastModifiedDate: epochSeconds(p.lastModifiedDate),
    ARN: parameterArn(p),
    DataType: p.dataType,
  };
}

const byName = (a: SsmParameterRecord, b: SsmParameterRecord): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export const getParametersByPath: SsmAction = (call, input) => {
  const path = optionalString(input, 'Path', 'path');
  if (path === undefined || path === '') throw validation('path', path ?? null, 'Member must not be null');
  if (!path.startsWith('/')) {
    throw new ApiError('ValidationException', 'The parameter doesn’t meet the parameter name requirements. The parameter name must begin with a forward slash "/" if it\'s hierarchical.');
  }
  const recursive = optionalBool(input, 'Recursive', 'recursive');
  const decrypt = optionalBool(input, 'WithDecryption', 'withDecryption');
  const maxResults = readMaxResults(input, 10);
  const filter = stringFilterPredicate(readStringFilters(input), ['Type', 'KeyId', 'Label'], 'GetParametersByPath');
  const own = call.world.usage.parameters.in(call.caller.accountId, call.region);
  const visible = path.startsWith(PUBLIC_PARAMETER_ROOT) ? publicParameters(call.world, call.region) : own;
  const matching = visible.filter((p) => underPath(p.name, path, recursive) && filter(p)).sort(byName);
  const page = takePage(matching, (p) => p.name, {
    maxResults,
    nextToken: optionalString(input, 'NextToken', 'nextToken'),
    fingerprint: fingerprint(call, 'GetParametersByPath', input),
    invalidToken: invalidNextToken,
  });
  return { Parameters: page.items.map((p) => parameterOut(p, decrypt)), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
};

/** The deprecated `Filters` member: Name (prefix), Type, KeyId. */
function legacyFilterPredicate(raw: unknown): (p: SsmParameterRecord) => boolean {
  if (!Array.isArray(raw)) throw validation('filters', raw, 'Member must be a list');
  const tests = raw.map((f: unknown, i) => {
    const filter = (typeof f === 'object' && f !== null ? f : {}) as Record<string, unknown>;
    const key = filter.Key;
    const values = Array.isArray(filter.Values) ? filter.Values.filter((v): v is string => typeof v === 'string') : [];
    if (key !== 'Name' && key !== 'Type' && key !== 'KeyId') {
      throw validation(`filters.${i + 1}.member.key`, key ?? null, 'Member must satisfy enum value set: [Name, Type, KeyId]');
    }
    if (values.length === 0) throw validation(`filters.${i + 1}.member.values`, values, 'Member must have length greater than or equal to 1');
    if (key === 'Name') return (p: SsmParameterRecord) => values.some((v) => p.name.startsWith(v));
    if (key === 'Type') return (p: SsmParameterRecord) => values.includes(p.type);
    return (p: SsmParameterRecord) => values.includes(keyIdOf(p) ?? '');
  });
  return (p) => tests.every((t) => t(p));
}

function metadataOut(p: SsmParameterRecord): object {
  return {
    Name: p.name,
    ARN: parameterArn(p),
    Type: p.type,
    ...(p.keyId ? { KeyId: p.keyId } : {}),
    LastModifiedDate: epochSeconds(p.lastModifiedDate),
    LastModifiedUser: p.lastModifiedUser,
    ...(p.description ? { Description: p.description } : {}),
    Version: p.version,
    Tier: p.tier,
    Policies: [],
    DataType: p.dataType,
  };
}

export const describeParameters: SsmAction = (call, input) => {
  const hasLegacy = input.Filters !== undefined && input.Filters !== null;
  const hasFilters = input.ParameterFilters !== undefined && input.ParameterFilters !== null;
  if (hasLegacy && hasFilters) throw new ApiError('ValidationException', 'You can use either Filters or ParameterFilters in a single request, but not both.');
  const maxResults = readMaxResults(input, 50);
  const filter = hasLegacy
    ? legacyFilterPredicate(input.Filters)
    : stringFilterPredicate(readStringFilters(input), ['Name', 'Type', 'KeyId', 'Path', 'Tier', 'DataType', 'tag'], 'DescribeParameters');
  // Parameters shared with the account through AWS RAM: the emulator shares none.
  const shared = optionalBool(input, 'Shared', 'shared');
  const matching = shared ? [] : call.world.usage.parameters.in(call.caller.accountId, call.region).filter(filter).sort(byName);
  const page = takePage(matching, (p) => p.name, {
    maxResults,
    nextToken: optionalString(input, 'NextToken', 'nextToken'),
    fingerprint: fingerprint(call, 'DescribeParameters', input),
    invalidToken: invalidNextToken,
  });
  return { Parameters: page.items.map(metadataOut), ...(page.nextToken ? { NextToken: page.nextToken } : {}) };
};

export const getParameters: SsmAction = (call, input) => {
  const names = input.Names;
  if (!Array.isArray(names) || names.some((n) => typeof n !== 'string')) throw validation('names', names ?? null, 'Member must not be null');
  if (names.length < 1) throw validation('names', names, 'Member must have length greater than or equal to 1');
  if (names.length > 10) throw validation('names', names, 'Member must have length less than or equal to 10');
  const decrypt = optionalBool(input, 'WithDecryption', 'withDecryption');
  const found: object[] = [];
  const invalid: string[] = [];
  const arnPrefix = `arn:aws:ssm:${call.region}:${call.caller.accountId}:parameter`;
  const publicArnPrefix = `arn:aws:ssm:${call.region}::parameter`;
  for (const requested of [...new Set(names as string[])]) {
    // A parameter's own ARN names it too (`…:parameter/a/b` for `/a/b`, `…:parameter/flat` for `flat`).
    const select = (s: string): SsmParameterRecord | undefined => selectParameter(call.world.usage, call.caller.accountId, call.region, s);
    let selector = requested;
    const publicName = requested.startsWith(`${publicArnPrefix}/`) ? requested.slice(publicArnPrefix.length) : requested;
    const shared = publicParameter(call.world, call.region, publicName);
    if (shared) {
      found.push(parameterOut(shared, decrypt));
      continue;
    }
    if (requested.startsWith(`${arnPrefix}/`)) {
      const rest = requested.slice(arnPrefix.length);
      selector = select(rest) ? rest : rest.slice(1);
    }
    const parameter = select(selector);
    if (!parameter) {
      invalid.push(requested);
      continue;
    }
    const colon = selector.indexOf(':');
    found.push(parameterOut(parameter, decrypt, colon < 0 ? undefined : selector.slice(colon)));
  }
  return { Parameters: found, InvalidParameters: invalid };
};
