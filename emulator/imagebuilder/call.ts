/**
 * What every Image Builder handler gets: the caller's account and region, the world and its
 * Image Builder state, and the input (JSON body members, or query-string members for GET and
 * DELETE). Also the lookups shared by the handlers: owned resources by ARN, client tokens.
 */
import type { ServiceCall } from '../service';
import { arnName, parseImageBuilderArn, type ImageBuilderResourceType } from '../world/imagebuilder-arns';
import type { ImageBuilderState } from '../world/imagebuilder-model';
import type { World } from '../world/model';
import { matchingPattern, OWN_RESOURCE_SHAPE } from './arn-patterns';
import { imageBuilderError, invalidValue, notFound } from './errors';
import type { JsonObject } from './json';
import { optString, reqString } from './json';

export interface IbCall {
  world: World;
  state: ImageBuilderState;
  accountId: string;
  region: string;
  requestId: string;
  input: JsonObject;
  now: Date;
  service: ServiceCall;
}

export type IbAnswer = Record<string, unknown>;
export type IbHandler = (c: IbCall) => IbAnswer;

interface OwnedResource {
  arn: string;
  owner: string;
  region: string;
}

/** The caller's resource named by the ARN member, or ResourceNotFoundException. */
export function ownResource<T extends OwnedResource>(
  c: IbCall,
  list: readonly T[],
  member: string,
  type: ImageBuilderResourceType,
  arn: string = reqString(c.input, member),
): T {
  const shape = OWN_RESOURCE_SHAPE[type];
  if (shape) matchingPattern(member, arn, shape);
  const parsed = parseImageBuilderArn(arn);
  if (!parsed || parsed.type !== type) throw invalidValue(member, `'${arn}' is not a valid ${type} ARN.`);
  const found = list.find((r) => r.arn === arn && r.owner === c.accountId && r.region === c.region);
  if (!found) throw notFound(arn);
  return found;
}

/** Names: 1–128 letters, digits, spaces, hyphens and underscores, as Image Builder's pattern allows. */
export function resourceName(c: IbCall): string {
  const name = reqString(c.input, 'name');
  if (!/^[-_A-Za-z0-9][-_A-Za-z0-9 ]{0,126}[-_A-Za-z0-9]$|^[-_A-Za-z0-9]$/.test(name)) {
    throw invalidValue('name', 'Names may contain letters, digits, spaces, hyphens and underscores (1 to 128 characters).');
  }
  return name;
}

export function alreadyExists(arn: string): Error {
  return imageBuilderError('ResourceAlreadyExistsException', `The resource ARN '${arn}' already exists.`);
}

export { arnName };

/** JSON with object keys sorted at every level, so member order does not matter. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function fingerprint(input: JsonObject): string {
  const rest: Record<string, unknown> = { ...input };
  delete rest.clientToken;
  return canonical(rest);
}

/**
 * Runs a mutating operation once per client token: the same token with the same input answers
 * the first answer again, with other input IdempotentParameterMismatchException.
 */
export function idempotent(c: IbCall, operation: string, run: () => IbAnswer): IbAnswer {
  const token = optString(c.input, 'clientToken');
  if (token === undefined) return run();
  if (token.length < 1 || token.length > 64) throw invalidValue('clientToken', 'It must be 1 to 64 characters long.');
  const scope = `${c.accountId}/${c.region}/${operation}`;
  const seen = c.state.token(scope, token);
  const print = fingerprint(c.input);
  if (seen) {
    if (seen.fingerprint !== print) {
      throw imageBuilderError(
        'IdempotentParameterMismatchException',
        `The client token '${token}' was already used with different request parameters.`,
      );
    }
    return { ...seen.response, requestId: c.requestId };
  }
  const response = run();
  c.state.rememberToken(scope, token, { fingerprint: print, response });
  return response;
}
