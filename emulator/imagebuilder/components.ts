/**
 * ListComponents (owner Self / Amazon / Shared), GetComponent and CreateComponent (a YAML
 * document in `data`, or an S3 `uri`), and resolving the component ARNs recipes name:
 * `…/name/1.0.0/1` (a build), `…/name/1.0.0` or `…/name/x.x.x` (the newest that matches).
 */
import { amazonComponents } from '../world/imagebuilder-amazon';
import { arnName, compareVersions, imageBuilderArn, parseImageBuilderArn, SEMANTIC_VERSION, versionMatches } from '../world/imagebuilder-arns';
import type { ComponentRecord, ComponentType, ImageBuilderPlatform } from '../world/imagebuilder-model';
import { awsTime } from '../world/factory';
import { alreadyExists, idempotent, resourceName, type IbCall, type IbHandler } from './call';
import { imageBuilderError, invalidValue, notFound } from './errors';
import { optBool, optString, reqString, stringList, stringMap } from './json';
import { applyFilters, page } from './paging';
import { component, componentSummary } from './serialize';

export function amazonComponentsIn(c: IbCall): ComponentRecord[] {
  let list = c.state.amazonComponents.get(c.region);
  if (!list) {
    list = amazonComponents(c.region);
    c.state.amazonComponents.set(c.region, list);
  }
  return list;
}

/** Every component the caller may use: its own, Amazon's, and those shared with it. */
function usable(c: IbCall): ComponentRecord[] {
  return [
    ...c.state.components.filter((x) => x.region === c.region && (x.owner === c.accountId || x.sharedWith.includes(c.accountId))),
    ...amazonComponentsIn(c),
  ];
}

function newestFirst(a: ComponentRecord, b: ComponentRecord): number {
  return compareVersions(b.version, a.version) || b.buildNumber - a.buildNumber;
}

export function resolveComponent(c: IbCall, arn: string): ComponentRecord | undefined {
  const parsed = parseImageBuilderArn(arn);
  if (!parsed || parsed.type !== 'component' || parsed.region !== c.region) return undefined;
  const [name, version, build] = parsed.parts;
  if (!name || !version || parsed.parts.length > 3) return undefined;
  const owner = parsed.owner;
  return usable(c)
    .filter((x) => {
      const xOwner = /:([^:]+):component\//.exec(x.arn)?.[1];
      return xOwner === owner && arnName(x.name) === name && versionMatches(version, x.version) && (build === undefined || String(x.buildNumber) === build);
    })
    .sort(newestFirst)[0];
}

export const listComponents: IbHandler = (c) => {
  const owner = optString(c.input, 'owner') ?? 'Self';
  let items: ComponentRecord[];
  switch (owner) {
    case 'Self':
      items = c.state.components.filter((x) => x.region === c.region && x.owner === c.accountId);
      break;
    case 'Amazon':
      items = amazonComponentsIn(c);
      break;
    case 'Shared':
      items = c.state.components.filter((x) => x.region === c.region && x.sharedWith.includes(c.accountId));
      break;
    case 'ThirdParty':
    case 'AWSMarketplace':
      items = [];
      break;
    default:
      throw invalidValue('owner', 'It must be one of Self, Shared, Amazon, ThirdParty, AWSMarketplace.');
  }
  items = applyFilters(c, items, {
    name: (x) => x.name,
    description: (x) => x.description,
    platform: (x) => x.platform,
    supportedOsVersion: (x) => x.supportedOsVersions,
    type: (x) => x.type,
    version: (x) => x.version,
  });
  // byName answers the newest version of each name only.
  if (optBool(c.input, 'byName') === true) {
    const newest = new Map<string, ComponentRecord>();
    for (const x of items) {
      const seen = newest.get(x.name);
      if (!seen || newestFirst(x, seen) < 0) newest.set(x.name, x);
    }
    items = [...newest.values()];
  }
  const sorted = [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : newestFirst(a, b)));
  const { items: pageItems, nextToken } = page(c, sorted);
  return { requestId: c.requestId, componentVersionList: pageItems.map(componentSummary), nextToken };
};

export const getComponent: IbHandler = (c) => {
  const arn = reqString(c.input, 'componentBuildVersionArn');
  const parsed = parseImageBuilderArn(arn);
  if (!parsed || parsed.type !== 'component') throw invalidValue('componentBuildVersionArn', `'${arn}' is not a valid component ARN.`);
  const found = resolveComponent(c, arn);
  if (!found) throw notFound(arn);
  const latest = usable(c).filter((x) => x.name === found.name && x.arn.includes(`:${parsed.owner}:`)).sort(newestFirst)[0] ?? found;
  return { requestId: c.requestId, component: component(found), latestVersionReferences: { latestVersionArn: latest.arn.replace(/\/[0-9]+$/, '') } };
};

const PLATFORMS: readonly ImageBuilderPlatform[] = ['Linux', 'Windows', 'macOS'];

export const createComponent: IbHandler = (c) =>
  idempotent(c, 'CreateComponent', () => {
    const name = resourceName(c);
    const version = reqString(c.input, 'semanticVersion');
    if (!SEMANTIC_VERSION.test(version)) {
      throw imageBuilderError('InvalidVersionNumberException', `The semantic version '${version}' is not valid: use <major>.<minor>.<patch>.`);
    }
    const platform = reqString(c.input, 'platform');
    const knownPlatform = PLATFORMS.find((p) => p === platform);
    if (!knownPlatform) throw invalidValue('platform', 'It must be Linux, Windows or macOS.');
    const data = optString(c.input, 'data');
    const uri = optString(c.input, 'uri');
    if ((data === undefined) === (uri === undefined)) {
      throw imageBuilderError('InvalidParameterCombinationException', 'Specify exactly one of data and uri.');
    }
    if (uri !== undefined && !/^s3:\/\/[^/]+\/.+/.test(uri)) throw invalidValue('uri', 'It must be an S3 URI (s3://bucket/key).');
    if (data !== undefined && !/^\s*phases\s*:/m.test(data)) {
      throw invalidValue('data', 'The component document must be YAML with a phases section.');
    }
    const arn = imageBuilderArn(c.region, c.accountId, 'component', arnName(name), version, '1');
    if (c.state.components.some((x) => x.arn === arn)) throw alreadyExists(arn);
    const type: ComponentType = data !== undefined && /^\s*-\s*name:\s*test\s*$/m.test(data) && !/^\s*-\s*name:\s*build\s*$/m.test(data) ? 'TEST' : 'BUILD';
    if (optBool(c.input, 'dryRun') === true) {
      throw imageBuilderError('DryRunOperationException', 'The request would have succeeded, but the DryRun parameter was set.');
    }
    c.state.components.push({
      arn,
      owner: c.accountId,
      region: c.region,
      name,
      version,
      buildNumber: 1,
      description: optString(c.input, 'description') ?? null,
      changeDescription: optString(c.input, 'changeDescription') ?? null,
      type,
      platform: knownPlatform,
      supportedOsVersions: stringList(c.input, 'supportedOsVersions'),
      data: data ?? uri ?? '',
      kmsKeyId: optString(c.input, 'kmsKeyId') ?? null,
      dateCreated: awsTime(c.now),
      tags: stringMap(c.input, 'tags'),
      sharedWith: [],
      failsIn: null,
    });
    return {
      requestId: c.requestId,
      clientToken: optString(c.input, 'clientToken'),
      componentBuildVersionArn: arn,
      latestVersionReferences: { latestVersionArn: arn.replace(/\/1$/, '') },
    };
  });
