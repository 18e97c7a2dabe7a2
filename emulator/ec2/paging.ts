/**
 * MaxResults / NextToken paging. Items are ordered by id and the token remembers the last id
 * handed out, so paging stays correct while the world changes between pages. A token is only
 * valid for the same question (same caller, region, action and parameters) it came from.
 */
import { createHash } from 'node:crypto';
import { invalidParameterValue, type ApiError } from '../protocol/errors';
import type { QueryParams } from '../protocol/query';

export interface PageRequest {
  maxResults: number | undefined;
  nextToken: string | undefined;
  /** Identifies the question; see questionFingerprint. */
  fingerprint: string;
  /** The service's error for a token it did not hand out for this question (default EC2's InvalidParameterValue). */
  invalidToken?: () => ApiError;
}

export interface Page<T> {
  items: T[];
  nextToken: string | undefined;
}

interface TokenBody {
  after: string;
  q: string;
}

/** Everything that shapes the answer except the paging fields themselves. */
export function questionFingerprint(caller: string, region: string, params: QueryParams, pagingFields: string[]): string {
  const hash = createHash('sha256').update(`${caller}\n${region}\n`);
  for (const [key, value] of params.entries()) {
    if (!pagingFields.includes(key)) hash.update(`${key}=${value}\n`);
  }
  return hash.digest('base64url').slice(0, 16);
}

function encodeToken(body: TokenBody): string {
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

function decodeToken(token: string): TokenBody | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return null;
    const { after, q } = parsed as Record<string, unknown>;
    return typeof after === 'string' && typeof q === 'string' ? { after, q } : null;
  } catch {
    return null;
  }
}

/** Validates MaxResults against the action's range. */
export function readMaxResults(params: QueryParams, min: number, max: number, clampAbove = false): number | undefined {
  const value = params.int('MaxResults');
  if (value === undefined) return undefined;
  if (clampAbove && value > max) return max;
  if (value < min || value > max) {
    throw invalidParameterValue(
      `Value ( ${value} ) for parameter maxResults is invalid. Parameter must be between ${min} and ${max}.`,
    );
  }
  return value;
}

/** `items` must be sorted by `key`. Without MaxResults everything left is returned. */
export function takePage<T>(items: readonly T[], key: (item: T) => string, request: PageRequest): Page<T> {
  let start = 0;
  if (request.nextToken !== undefined && request.nextToken !== '') {
    const token = decodeToken(request.nextToken);
    if (!token || token.q !== request.fingerprint) {
      throw request.invalidToken?.() ?? invalidParameterValue(`The specified NextToken is not valid for this request`);
    }
    start = items.findIndex((item) => key(item) > token.after);
    if (start < 0) start = items.length;
  }
  const end = request.maxResults === undefined ? items.length : Math.min(items.length, start + request.maxResults);
  const pageItems = items.slice(start, end);
  const last = pageItems[pageItems.length - 1];
  const nextToken = end < items.length && last !== undefined ? encodeToken({ after: key(last), q: request.fingerprint }) : undefined;
  return { items: pageItems, nextToken };
}

export function byId<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
}
