/**
 * maxResults / nextToken paging and `filters` for the List operations. A token is the offset of
 * the next item plus a digest of the request it belongs to, so a token from another listing is
 * InvalidPaginationTokenException rather than a silently wrong page.
 */
import { hashString } from '../world/random';
import { imageBuilderError, invalidValue } from './errors';
import { canonical, type IbCall } from './call';
import { objectList, optInt, optString, stringList } from './json';

export const MAX_RESULTS = 25;

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

function requestDigest(c: IbCall): string {
  const rest: Record<string, unknown> = { ...c.input };
  delete rest.nextToken;
  delete rest.maxResults;
  return hashString(`${c.accountId}/${c.region}/${canonical(rest)}`).toString(36);
}

export function page<T>(c: IbCall, items: readonly T[]): Page<T> {
  const max = optInt(c.input, 'maxResults', 1, MAX_RESULTS) ?? MAX_RESULTS;
  const token = optString(c.input, 'nextToken');
  const digest = requestDigest(c);
  let start = 0;
  if (token !== undefined) {
    const match = /^([0-9]+)\.([0-9a-z]+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
    if (!match || match[2] !== digest || Number(match[1]) > items.length) {
      throw imageBuilderError('InvalidPaginationTokenException', 'The pagination token is not valid for this request.');
    }
    start = Number(match[1]);
  }
  const slice = items.slice(start, start + max);
  const next = start + slice.length;
  return next < items.length ? { items: slice, nextToken: Buffer.from(`${next}.${digest}`).toString('base64url') } : { items: slice };
}

export type FilterGetters<T> = Record<string, (item: T) => string | readonly string[] | null>;

/** Keeps items matching every filter (any of its values, exactly); unknown filter names are refused. */
export function applyFilters<T>(c: IbCall, items: readonly T[], getters: FilterGetters<T>): T[] {
  const filters = objectList(c.input, 'filters').map((f) => ({ name: optString(f, 'name') ?? '', values: stringList(f, 'values') }));
  if (filters.length > 10) throw invalidValue('filters', 'At most 10 filters are allowed.');
  for (const f of filters) {
    if (!Object.hasOwn(getters, f.name)) {
      throw invalidValue('filters', `The filter name '${f.name}' is not supported; use one of ${Object.keys(getters).join(', ')}.`);
    }
  }
  return items.filter((item) =>
    filters.every((f) => {
      const getter = getters[f.name];
      const value = getter ? getter(item) : null;
      if (value === null) return false;
      const values = typeof value === 'string' ? [value] : value;
      return f.values.some((v) => values.includes(v));
    }),
  );
}
