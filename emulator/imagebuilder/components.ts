/**
 * ListComponents (owner Self / Amazon / Shared), ListComponentBuildVersions, GetComponent and
 * CreateComponent (a YAML document in `data`, read as the service reads it, or an S3 `uri`),
 * and resolving the component ARNs recipes name: `…/name/1.0.0/1` (a build), `…/name/1.0.0` or
 * `…/name/x.x.x` (the newest that matches).
 */
import { amazonComponents } from '../world/imagebuilder-amazon';
import { arnName, compareVersions, imageBuilderArn, parseImageBuilderArn, SEMANTIC_VERSION, versionMatches } from '../world/imagebuilder-arns';
import type { ComponentRecord, ComponentType, ImageBuilderPlatform } from '../world/imagebuilder-model';
import { awsTime } from '../world/factory';
import { matchingPattern } from './arn-patterns';
import { idempotent, resourceName, type IbCall, type IbHandler } from './call';
import { imageBuilderError, invalidValue, notFound } from './errors';
import { readComponentDocument } from './component-document';
import { compact, optBool, optString, reqString, stringList, stringMap } from './json';
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
  const arn = matchingPattern('componentBuildVersionArn', reqString(c.input, 'componentBuildVersionArn'), 'ComponentVersionArnOrBuildVersionArn');
  const parsed = parseImageBuilderArn(arn);
  if (!parsed || parsed.type !== 'component') throw invalidValue('componentBuildVersionArn', `'${arn}' is not a valid component ARN.`);
  const found = resolveComponent(c, arn);
  if (!found) throw notFound(arn);
  const latest = usable(c).filter((x) => x.name === found.name && x.arn.includes(`:${parsed.owner}:`)).sort(newestFirst)[0] ?? found;
  return { requestId: c.requestId, component: component(found), latestVersionReferences: { latestVersionArn: latest.arn.replace(/\/[0-9]+$/, '') } };
};

const PLATFORMS: readonly ImageBuilderPlatform[] = ['Linux', 'Windows', 'macOS'];
/** Each of major, minor and patch is at most 2^30 - 1. */
const MAX_VERSION_NODE = 1_073_741_823;
/** Inline data is at most 16,000 characters. */
const MAX_DATA = 16_000;

function semanticVersion(c: IbCall): string {
  const version = reqString(c.input, 'semanticVersion');
  if (!SEMANTIC_VERSION.test(version) || version.split('.').some((n) => Number(n) > MAX_VERSION_NODE)) {
    throw imageBuilderError(
      'InvalidVersionNumberException',
      `The semantic version '${version}' is not valid: use <major>.<minor>.<patch>, each a whole number from 0 to ${MAX_VERSION_NODE}.`,
    );
  }
  return version;
}

export const createComponent: IbHandler = (c) =>
  idempotent(c, 'CreateComponent', () => {
    const name = resourceName(c);
    const version = semanticVersion(c);
    const platform = reqString(c.input, 'platform');
    const knownPlatform = PLATFORMS.find((p) => p === platform);
    if (!knownPlatform) throw invalidValue('platform', 'It must be Linux, Windows or macOS.');
    const data = optString(c.input, 'data');
    const uri = optString(c.input, 'uri');
    if ((data === undefined) === (uri === undefined)) {
      throw imageBuilderError('InvalidParameterCombinationException', 'Specify exactly one of data and uri.');
    }
    if (uri !== undefined && !/^s3:\/\/[^/]+\/.+/.test(uri)) throw invalidValue('uri', 'It must be an S3 URI (s3://bucket/key).');
    let type: ComponentType = 'BUILD';
    if (data !== undefined) {
      if (data.length > MAX_DATA) throw invalidValue('data', `'data' must have length less than or equal to ${MAX_DATA}.`);
      const reading = readComponentDocument(data);
      if (!reading.ok) throw invalidValue('data', reading.problem);
      // A document that only tests is a TEST component; any build or validate phase makes it BUILD.
      if (reading.document.phases.every((p) => p === 'test' || p === 'container-host-test')) type = 'TEST';
    }
    const supportedOsVersions = stringList(c.input, 'supportedOsVersions');
    if (supportedOsVersions.length > 25) throw invalidValue('supportedOsVersions', 'At most 25 OS versions are allowed.');
    const versionArn = imageBuilderArn(c.region, c.accountId, 'component', arnName(name), version);
    const arn = `${versionArn}/1`;
    if (c.state.components.some((x) => x.arn.startsWith(`${versionArn}/`))) {
      throw imageBuilderError('ResourceAlreadyExistsException', `The following resource 'Component' already exists: '${versionArn}'.`);
    }
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
      supportedOsVersions,
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
      latestVersionReferences: { latestVersionArn: versionArn },
    };
  });


/** ComponentSummary: a build version with its change description. */
function buildSummary(x: ComponentRecord): Record<string, unknown> {
  return compact({
    arn: x.arn,
    name: x.name,
    version: x.version,
    platform: x.platform,
    supportedOsVersions: x.supportedOsVersions.length > 0 ? x.supportedOsVersions : undefined,
    state: { status: 'ACTIVE' },
    type: x.type,
    owner: x.owner,
    description: x.description,
    changeDescription: x.changeDescription,
    dateCreated: x.dateCreated,
    tags: x.tags,
  });
}

/** The builds of one component version the caller may use, newest first; none for a version that does not exist. */
export const listComponentBuildVersions: IbHandler = (c) => {
  const versionArn = reqString(c.input, 'componentVersionArn');
  matchingPattern('componentVersionArn', versionArn, 'ComponentVersionArn');
  const builds = usable(c)
    .filter((x) => x.arn.startsWith(`${versionArn}/`))
    .sort((a, b) => b.buildNumber - a.buildNumber);
  const { items, nextToken } = page(c, builds);
  return { requestId: c.requestId, componentSummaryList: items.map(buildSummary), nextToken };
};
