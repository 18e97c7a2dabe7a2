/**
 * EC2 filters: `Filter.N.Name` with one or more values. Values within a filter are OR'ed,
 * filters are AND'ed, and string values take the `*` (any run) and `?` (one character)
 * wildcards, with a backslash escaping either. Unknown filter names are refused as AWS does.
 */
import { invalidParameterValue } from '../protocol/errors';
import type { QueryFilter } from '../protocol/query';
import type { TagRecord } from '../world/model';

/** What an item offers to one filter: a value, several, or none. */
export type FilterField = string | number | boolean | null | undefined | ReadonlyArray<string | number | boolean>;

export interface FilterTable<T> {
  fields: Record<string, (item: T) => FilterField>;
  /** Supports tag:KEY, tag-key and tag-value. */
  tags?: (item: T) => readonly TagRecord[];
}

type Token = { kind: 'literal'; ch: string } | { kind: 'any' } | { kind: 'one' };

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '\\' && i + 1 < pattern.length) tokens.push({ kind: 'literal', ch: pattern[++i] as string });
    else if (ch === '*') tokens.push({ kind: 'any' });
    else if (ch === '?') tokens.push({ kind: 'one' });
    else tokens.push({ kind: 'literal', ch });
  }
  return tokens;
}

/**
 * A matcher for one filter value. Greedy two-pointer matching with backtracking to the last
 * star only, so it runs in O(text × pattern) whatever the pattern (a regex built from user
 * input could backtrack exponentially).
 */
export function wildcardMatcher(pattern: string): (text: string) => boolean {
  const tokens = tokenize(pattern);
  if (tokens.every((t) => t.kind === 'literal')) {
    const literal = tokens.map((t) => (t.kind === 'literal' ? t.ch : '')).join('');
    return (text) => text === literal;
  }
  return (text) => {
    let t = 0;
    let p = 0;
    let star = -1;
    let resume = 0;
    while (t < text.length) {
      const token = tokens[p];
      if (token && (token.kind === 'one' || (token.kind === 'literal' && token.ch === text[t]))) {
        t++;
        p++;
      } else if (token?.kind === 'any') {
        star = p++;
        resume = t;
      } else if (star >= 0) {
        p = star + 1;
        t = ++resume;
      } else {
        return false;
      }
    }
    while (tokens[p]?.kind === 'any') p++;
    return p === tokens.length;
  };
}

function asStrings(field: FilterField): string[] {
  if (field === null || field === undefined) return [];
  if (Array.isArray(field)) return field.map(String);
  return [String(field)];
}

/** Turns request filters into one predicate; throws InvalidParameterValue for unknown names. */
export function compileFilters<T>(filters: readonly QueryFilter[], table: FilterTable<T>): (item: T) => boolean {
  const predicates = filters.map((filter): ((item: T) => boolean) => {
    if (filter.values.length === 0) {
      throw invalidParameterValue(`The filter '${filter.name}' must have at least one value`);
    }
    const matchers = filter.values.map(wildcardMatcher);
    const matches = (candidates: string[]): boolean =>
      candidates.some((candidate) => matchers.some((m) => m(candidate)));

    const field = Object.hasOwn(table.fields, filter.name) ? table.fields[filter.name] : undefined;
    if (field) return (item) => matches(asStrings(field(item)));

    const tags = table.tags;
    if (tags) {
      if (filter.name.startsWith('tag:') && filter.name.length > 4) {
        const key = filter.name.slice(4);
        return (item) => matches(tags(item).filter((t) => t.key === key).map((t) => t.value));
      }
      if (filter.name === 'tag-key') return (item) => matches(tags(item).map((t) => t.key));
      if (filter.name === 'tag-value') return (item) => matches(tags(item).map((t) => t.value));
    }
    throw invalidParameterValue(`The filter '${filter.name}' is invalid`);
  });
  return (item) => predicates.every((p) => p(item));
}
