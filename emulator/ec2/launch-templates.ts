/**
 * DescribeLaunchTemplates and DescribeLaunchTemplateVersions over the caller's own launch
 * templates in the region.
 *
 * DescribeLaunchTemplates: LaunchTemplateId.N and/or LaunchTemplateName.N (any one not found:
 * InvalidLaunchTemplateId.NotFound / InvalidLaunchTemplateName.NotFoundException), Filter.N
 * (create-time, launch-template-name, tag:KEY, tag-key, tag-value), MaxResults 1–200 / NextToken,
 * ordered by template id.
 *
 * DescribeLaunchTemplateVersions: one template (LaunchTemplateId or LaunchTemplateName, not both)
 * with LaunchTemplateVersion.N (`$Latest`, `$Default`, numbers), MinVersion / MaxVersion
 * (inclusive); or, with no template, `$Latest` and/or `$Default` of every template. Filter.N as
 * the API reference lists them; ResolveAlias answers the AMI id a `resolve:ssm:` ImageId stands
 * for (the parameter of the same account and region). MaxResults 1–200 / NextToken; versions
 * of a template newest first.
 */
import { ApiError, invalidParameterCombination, invalidParameterValue, missingParameter } from '../protocol/errors';
import { el, itemList, type XmlNode } from '../protocol/xml';
import type { ServiceCall } from '../service';
import {
  latestVersion,
  RESOLVE_SSM_PREFIX,
  selectParameter,
  type LaunchTemplateRecord,
  type LaunchTemplateVersionRecord,
  type UsageState,
} from '../world/usage-model';
import { compileFilters, type FilterTable } from './filters';
import { questionFingerprint, readMaxResults, takePage } from './paging';
import { ec2Document } from './response';
import { tagSet } from './serialize';

const TEMPLATE_ID = /^lt-(?:[0-9a-f]{8}|[0-9a-f]{17})$/;
const TEMPLATE_NAME = /^[a-zA-Z0-9().\-/_]{3,128}$/;

const TEMPLATE_FILTERS: FilterTable<LaunchTemplateRecord> = {
  fields: {
    'create-time': (t) => t.createTime,
    'launch-template-name': (t) => t.name,
  },
  tags: (t) => t.tags,
};

interface VersionOf {
  template: LaunchTemplateRecord;
  version: LaunchTemplateVersionRecord;
}

const VERSION_FILTERS: FilterTable<VersionOf> = {
  fields: {
    'create-time': ({ version }) => version.createTime,
    'ebs-optimized': ({ version }) => version.data.ebsOptimized,
    'http-endpoint': ({ version }) => (version.data.httpTokens ? 'enabled' : null),
    'http-protocol-ipv4': ({ version }) => (version.data.httpTokens ? 'enabled' : null),
    'host-resource-group-arn': () => null,
    'http-tokens': ({ version }) => version.data.httpTokens,
    'iam-instance-profile': ({ version }) => version.data.iamInstanceProfileArn,
    'image-id': ({ version }) => version.data.imageId,
    'instance-type': ({ version }) => version.data.instanceType,
    'is-default-version': ({ template, version }) => version.versionNumber === template.defaultVersion,
    'kernel-id': () => null,
    'license-configuration-arn': () => null,
    'network-card-index': () => null,
    'ram-disk-id': () => null,
  },
};

function checkTemplateId(id: string): void {
  if (!TEMPLATE_ID.test(id)) throw new ApiError('InvalidLaunchTemplateId.Malformed', `The launch template ID '${id}' is malformed.`);
}

function checkTemplateName(name: string): void {
  if (!TEMPLATE_NAME.test(name)) {
    throw new ApiError('InvalidLaunchTemplateName.MalformedException', `The launch template name '${name}' is malformed. It must be 3 to 128 characters of letters, digits and ( ) . - / _.`);
  }
}

const byKey = <T>(key: (t: T) => string) => (a: T, b: T): number => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

function templateItem(t: LaunchTemplateRecord): XmlNode[] {
  const nodes: Array<XmlNode | null> = [
    el('launchTemplateId', t.launchTemplateId),
    el('launchTemplateName', t.name),
    el('createTime', t.createTime),
    el('createdBy', t.createdBy),
    el('defaultVersionNumber', t.defaultVersion),
    el('latestVersionNumber', latestVersion(t).versionNumber),
    tagSet(t.tags),
  ];
  return nodes.filter((n): n is XmlNode => n !== null);
}

export function describeLaunchTemplates(call: ServiceCall): string {
  const { world, caller, region, params } = call;
  const ids = [...new Set(params.list('LaunchTemplateId'))];
  const names = [...new Set(params.list('LaunchTemplateName'))];
  ids.forEach(checkTemplateId);
  names.forEach(checkTemplateName);
  const maxResults = readMaxResults(params, 1, 200);
  const filter = compileFilters(params.filters(), TEMPLATE_FILTERS);
  const own = world.usage.launchTemplates.in(caller.accountId, region);

  let candidates: readonly LaunchTemplateRecord[] = own;
  if (ids.length > 0 || names.length > 0) {
    const missing = 'At least one of the launch templates specified in the request does not exist.';
    if (ids.some((id) => !own.some((t) => t.launchTemplateId === id))) throw new ApiError('InvalidLaunchTemplateId.NotFound', missing);
    if (names.some((name) => !own.some((t) => t.name === name))) throw new ApiError('InvalidLaunchTemplateName.NotFoundException', missing);
    candidates = own.filter((t) => ids.includes(t.launchTemplateId) || names.includes(t.name));
  }
  const matching = candidates.filter(filter).sort(byKey((t) => t.launchTemplateId));
  const page = takePage(matching, (t) => t.launchTemplateId, {
    maxResults,
    nextToken: params.string('NextToken'),
    fingerprint: questionFingerprint(caller.accountId, region, params, ['NextToken', 'MaxResults']),
  });
  return ec2Document('DescribeLaunchTemplates', call.requestId, [
    itemList('launchTemplates', page.items.map(templateItem)),
    ...(page.nextToken ? [el('nextToken', page.nextToken)] : []),
  ]);
}

/** The AMI id behind `resolve:ssm:NAME[:VERSION|:LABEL]`, or the value as it is when the parameter is not found. */
function resolveImageId(usage: UsageState, accountId: string, region: string, imageId: string): string {
  if (!imageId.startsWith(RESOLVE_SSM_PREFIX)) return imageId;
  return selectParameter(usage, accountId, region, imageId.slice(RESOLVE_SSM_PREFIX.length))?.value ?? imageId;
}

function versionItem({ template, version }: VersionOf, imageId: string | null): XmlNode[] {
  const d = version.data;
  const data: Array<XmlNode | null> = [
    el('ebsOptimized', d.ebsOptimized),
    d.iamInstanceProfileArn ? el('iamInstanceProfile', [el('arn', d.iamInstanceProfileArn)]) : null,
    el('imageId', imageId),
    el('instanceType', d.instanceType),
    el('keyName', d.keyName),
    d.securityGroupIds.length > 0 ? el('securityGroupIdSet', d.securityGroupIds.map((id) => el('item', id))) : null,
    d.tagSpecifications.length > 0
      ? itemList('tagSpecificationSet', d.tagSpecifications.map((s) => [el('resourceType', s.resourceType), ...(s.tags.length > 0 ? [tagSet(s.tags) as XmlNode] : [])]))
      : null,
    d.httpTokens ? el('metadataOptions', [el('httpTokens', d.httpTokens), el('httpPutResponseHopLimit', 2), el('httpEndpoint', 'enabled')]) : null,
  ];
  return [
    el('launchTemplateId', template.launchTemplateId),
    el('launchTemplateName', template.name),
    el('versionNumber', version.versionNumber),
    el('versionDescription', version.description),
    el('createTime', version.createTime),
    el('createdBy', version.createdBy),
    el('defaultVersion', version.versionNumber === template.defaultVersion),
    el('launchTemplateData', data.filter((n): n is XmlNode => n !== null)),
  ];
}

function readVersionNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,18}$/.test(value)) throw invalidParameterValue(`Value (${value}) for parameter ${name} is invalid. Expected a launch template version number.`);
  return Number(value);
}

function findTemplate(own: readonly LaunchTemplateRecord[], id: string | undefined, name: string | undefined): LaunchTemplateRecord {
  if (id !== undefined) {
    checkTemplateId(id);
    const found = own.find((t) => t.launchTemplateId === id);
    if (!found) throw new ApiError('InvalidLaunchTemplateId.NotFound', `The specified launch template, with template ID ${id}, does not exist.`);
    return found;
  }
  const wanted = name ?? '';
  checkTemplateName(wanted);
  const found = own.find((t) => t.name === wanted);
  if (!found) throw new ApiError('InvalidLaunchTemplateName.NotFoundException', `The specified launch template, with template name ${wanted}, does not exist.`);
  return found;
}

/** Versions of one template the request names: `$Latest`, `$Default`, numbers (each must exist). */
function namedVersions(template: LaunchTemplateRecord, requested: string[]): LaunchTemplateVersionRecord[] {
  const out = new Set<LaunchTemplateVersionRecord>();
  for (const v of requested) {
    let found: LaunchTemplateVersionRecord | undefined;
    if (v === '$Latest') found = latestVersion(template);
    else if (v === '$Default') found = template.versions.find((x) => x.versionNumber === template.defaultVersion);
    else if (/^\d{1,18}$/.test(v)) found = template.versions.find((x) => x.versionNumber === Number(v));
    else throw invalidParameterValue(`Value (${v}) for parameter LaunchTemplateVersion is invalid. Valid values: $Latest, $Default or a version number.`);
    if (!found) {
      throw new ApiError('InvalidLaunchTemplateId.VersionNotFound', `The specified launch template version, with template ID ${template.launchTemplateId} and version ${v}, does not exist.`);
    }
    out.add(found);
  }
  return [...out];
}

// Newest version first within a template; the key sorts that way as a string.
const versionKey = ({ template, version }: VersionOf): string => `${template.launchTemplateId} ${String(1e15 - version.versionNumber).padStart(16, '0')}`;

export function describeLaunchTemplateVersions(call: ServiceCall): string {
  const { world, caller, region, params } = call;
  const id = params.string('LaunchTemplateId');
  const name = params.string('LaunchTemplateName');
  const requested = params.list('LaunchTemplateVersion');
  const min = readVersionNumber('MinVersion', params.string('MinVersion'));
  const max = readVersionNumber('MaxVersion', params.string('MaxVersion'));
  const maxResults = readMaxResults(params, 1, 200);
  const resolveAlias = params.bool('ResolveAlias') ?? false;
  const filter = compileFilters(params.filters(), VERSION_FILTERS);
  const own = world.usage.launchTemplates.in(caller.accountId, region);

  let candidates: VersionOf[];
  if (id !== undefined || name !== undefined) {
    if (id !== undefined && name !== undefined) {
      throw invalidParameterCombination('You must specify either the launch template ID or the launch template name, but not both.');
    }
    const template = findTemplate(own, id, name);
    const versions = requested.length > 0 ? namedVersions(template, requested) : template.versions;
    candidates = versions
      .filter((v) => (min === undefined || v.versionNumber >= min) && (max === undefined || v.versionNumber <= max))
      .map((version) => ({ template, version }));
  } else {
    if (requested.length === 0) throw missingParameter('LaunchTemplateId or LaunchTemplateName');
    if (min !== undefined || max !== undefined) {
      throw invalidParameterCombination('MinVersion and MaxVersion can be used only with a launch template ID or name.');
    }
    const bad = requested.find((v) => v !== '$Latest' && v !== '$Default');
    if (bad !== undefined) {
      throw invalidParameterValue(`Value (${bad}) for parameter LaunchTemplateVersion is invalid. Without a launch template, only $Latest and $Default can be described.`);
    }
    candidates = own.flatMap((template) => namedVersions(template, requested).map((version) => ({ template, version })));
  }
  const matching = candidates.filter(filter).sort(byKey(versionKey));
  const page = takePage(matching, versionKey, {
    maxResults,
    nextToken: params.string('NextToken'),
    fingerprint: questionFingerprint(caller.accountId, region, params, ['NextToken', 'MaxResults']),
  });
  const imageIdOf = (v: VersionOf): string | null => {
    const stored = v.version.data.imageId;
    return stored !== null && resolveAlias ? resolveImageId(world.usage, caller.accountId, region, stored) : stored;
  };
  return ec2Document('DescribeLaunchTemplateVersions', call.requestId, [
    itemList('launchTemplateVersionSet', page.items.map((v) => versionItem(v, imageIdOf(v)))),
    ...(page.nextToken ? [el('nextToken', page.nextToken)] : []),
  ]);
}
