/**
 * Editing an InventoryFilter from the UI (toggle a facet value, chips, clear). Matching itself
 * lives in shared/inventory so the grid, the export and the CLI select the same rows.
 */
import { USAGE_WORDS } from './usageWords';
import { NO_NAMES, type AmiRow, type InventoryNames } from '../../shared/ami-rows';
import {
  EMPTY_FILTER,
  FACETS,
  compileFilter,
  facetValue,
  failedPart,
  filterParts,
  forEachFacetValue,
  isDeprecatedAt,
  parseTerms,
  searchText,
  type FacetName,
  type InventoryFilter,
} from '../../shared/inventory';
import type { Tag } from '../../shared/model';

export const FACET_LABELS: Record<FacetName, string> = {
  regions: 'Region',
  platforms: 'OS',
  architectures: 'Arch',
  launchPermissions: 'Permission',
  rootDeviceTypes: 'Root',
  states: 'State',
  accounts: 'Account',
  owners: 'Owner',
  families: 'Family',
  views: 'View',
};

export function toggleFacetValue(filter: InventoryFilter, facet: FacetName, value: string): InventoryFilter {
  const current = filter[facet] as readonly string[];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return { ...filter, [facet]: next };
}

export function toggleTag(filter: InventoryFilter, tag: string): InventoryFilter {
  const t = tag.trim();
  if (!t) return filter;
  return { ...filter, tags: filter.tags.includes(t) ? filter.tags.filter((x) => x !== t) : [...filter.tags, t] };
}

export function isFilterEmpty(filter: InventoryFilter): boolean {
  return (
    filter.text.trim() === '' &&
    FACETS.every((f) => filter[f].length === 0) &&
    filter.deprecated === 'any' &&
    filter.encrypted === 'any' &&
    filter.inUse.length === 0 &&
    filter.tags.length === 0
  );
}

export interface FilterChip {
  id: string;
  label: string;
  remove(filter: InventoryFilter): InventoryFilter;
}

/**
 * One chip per active value, so each can be removed on its own. `describe` turns raw values
 * (our account ids, owners' 12-digit ids) into what the user reads.
 */
export function filterChips(filter: InventoryFilter, describe: (facet: FacetName, value: string) => string = (_f, v) => v): FilterChip[] {
  const chips: FilterChip[] = [];
  for (const facet of FACETS) {
    for (const value of filter[facet] as readonly string[]) {
      chips.push({
        id: `${facet}:${value}`,
        label: `${FACET_LABELS[facet]}: ${describe(facet, value)}`,
        remove: (f) => toggleFacetValue(f, facet, value),
      });
    }
  }
  if (filter.deprecated !== 'any') {
    chips.push({ id: 'deprecated', label: filter.deprecated === 'yes' ? 'Deprecated' : 'Not deprecated', remove: (f) => ({ ...f, deprecated: 'any' }) });
  }
  if (filter.encrypted !== 'any') {
    chips.push({ id: 'encrypted', label: filter.encrypted === 'yes' ? 'Encrypted' : 'Not encrypted', remove: (f) => ({ ...f, encrypted: 'any' }) });
  }
  for (const value of filter.inUse) chips.push({ id: `inUse:${value}`, label: `In use: ${USAGE_WORDS[value]}`, remove: (f) => ({ ...f, inUse: f.inUse.filter((v) => v !== value) }) });
  for (const tag of filter.tags) chips.push({ id: `tag:${tag}`, label: `Tag: ${tag}`, remove: (f) => toggleTag(f, tag) });
  if (filter.text.trim()) chips.push({ id: 'text', label: `“${filter.text.trim()}”`, remove: (f) => ({ ...f, text: '' }) });
  return chips;
}

/** Clears every facet; `keepViews` leaves the Owned / Shared tab as chosen. */
export function clearFilter(filter: InventoryFilter, keepViews = true): InventoryFilter {
  return { ...EMPTY_FILTER, views: keepViews ? filter.views : [] };
}

/** Values of a facet for its menu: most common first, then A→Z; selected values stay listed at 0. */
export function facetOptions(counts: ReadonlyMap<string, number> | undefined, selected: readonly string[]): { value: string; count: number }[] {
  const out = new Map<string, number>(counts ?? []);
  for (const v of selected) if (!out.has(v)) out.set(v, 0);
  return [...out].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/**
 * Options in the order they were first shown: an open menu keeps its order while counts are
 * recounted (after a filter change the new counts land a moment later), so the item under the
 * pointer is the one that is clicked. Values not shown before follow, in their own order.
 */
export function keepOrder<T extends { value: string }>(shown: readonly string[], options: readonly T[]): T[] {
  if (shown.length === 0) return [...options];
  const place = new Map(shown.map((v, i) => [v, i]));
  const known = options.filter((o) => place.has(o.value)).sort((a, b) => place.get(a.value)! - place.get(b.value)!);
  return [...known, ...options.filter((o) => !place.has(o.value))];
}

export interface ExtraCounts {
  deprecated: { yes: number; no: number };
  encrypted: { yes: number; no: number };
  /** "key" and "key=value" → rows carrying it, over rows matching every other filter. */
  tags: Map<string, number>;
}

/**
 * Counts for the facets that are not FACETS (deprecated, encrypted, tags): each counted over
 * the rows that match every other part of the filter, like facetCounts does.
 */
export function extraCounts(rows: readonly AmiRow[], filter: InventoryFilter, now: Date = new Date(), names: InventoryNames = NO_NAMES): ExtraCounts {
  return countAll(rows, filter, now, names).extra;
}

/**
 * facetCounts and extraCounts in one pass: each row is tested against each part of the filter
 * once (not once per facet), which is what keeps recounting 100,000 rows cheap.
 */
export function countAll(rows: readonly AmiRow[], filter: InventoryFilter, now: Date = new Date(), names: InventoryNames = NO_NAMES): AllCounts {
  const facets = Object.fromEntries(FACETS.map((f) => [f, new Map<string, number>()])) as Record<FacetName, Map<string, number>>;
  const extra: ExtraCounts = { deprecated: { yes: 0, no: 0 }, encrypted: { yes: 0, no: 0 }, tags: new Map() };
  // Tags are counted per key, then per value of that key; the "key=value" names are made once
  // per distinct pair at the end rather than for every tag of every row.
  const byKey = new Map<string, { rows: number; values: Map<string, number> }>();
  const parts = filterParts(filter, now, names);
  for (const row of rows) {
    const failed = failedPart(parts, row);
    if (failed === 'several') continue;
    for (const facet of FACETS) {
      if (failed !== null && failed !== facet) continue;
      forEachFacetValue(facetValue(row, facet, names), (value) => facets[facet].set(value, (facets[facet].get(value) ?? 0) + 1));
    }
    if (failed === null || failed === 'deprecated') extra.deprecated[isDeprecatedAt(row, now) ? 'yes' : 'no']++;
    if (failed === null || failed === 'encrypted') extra.encrypted[row.encrypted ? 'yes' : 'no']++;
    if (failed === null || failed === 'tags') {
      const tags = row.tags;
      if (tags.some((t) => t.key.includes('='))) {
        // "a=b" could then be a key and a pair at once: count the names themselves, once each.
        const seen = new Set<string>();
        for (const name of tags.flatMap((t) => [t.key, `${t.key}=${t.value}`])) {
          if (seen.has(name)) continue;
          seen.add(name);
          extra.tags.set(name, (extra.tags.get(name) ?? 0) + 1);
        }
        continue;
      }
      for (let i = 0; i < tags.length; i++) {
        const { key, value } = tags[i] as Tag;
        // A row counts once per key and once per key=value, however often it repeats them.
        let newKey = true;
        let newPair = true;
        for (let j = 0; j < i; j++) {
          const earlier = tags[j] as Tag;
          if (earlier.key !== key) continue;
          newKey = false;
          if (earlier.value === value) newPair = false;
        }
        let counts = byKey.get(key);
        if (!counts) byKey.set(key, (counts = { rows: 0, values: new Map() }));
        if (newKey) counts.rows++;
        if (newPair) counts.values.set(value, (counts.values.get(value) ?? 0) + 1);
      }
    }
  }
  const add = (name: string, n: number) => extra.tags.set(name, (extra.tags.get(name) ?? 0) + n);
  for (const [key, counts] of byKey) {
    if (counts.rows > 0) add(key, counts.rows);
    for (const [value, n] of counts.values) add(`${key}=${value}`, n);
  }
  return { facets, extra };
}

/**
 * True when every row matching `next` also matches `prev`: only the search text grew at its end
 * (every old term is still contained in a new one). Typing then filters the last result instead
 * of the whole inventory.
 */
export function narrows(prev: InventoryFilter, next: InventoryFilter): boolean {
  if (prev === next) return true;
  const a = prev.text.toLowerCase();
  const b = next.text.toLowerCase();
  if (!b.startsWith(a)) return false;
  return sameExceptText(prev, next);
}

function sameExceptText(a: InventoryFilter, b: InventoryFilter): boolean {
  if (a.deprecated !== b.deprecated || a.encrypted !== b.encrypted) return false;
  const same = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  return FACETS.every((f) => same(a[f], b[f])) && same(a.tags, b.tags) && same(a.inUse, b.inUse);
}

export interface AllCounts {
  facets: Record<FacetName, Map<string, number>>;
  extra: ExtraCounts;
}

/**
 * What filtering and counting need of a list of rows (the sorted inventory), worked out once
 * per list (and names) so that each keystroke touches compact arrays rather than 100,000 row objects:
 * - the search text as one string (each row's text, then a line break) with where each row
 *   starts, so looking for a term is one indexOf walk over the string;
 * - each row's values of each facet (an AMI may be available to several accounts), its
 *   deprecation time and its tag names as small numbers, so counting is adding into arrays.
 */
export interface InventoryIndex {
  rows: readonly AmiRow[];
  names: InventoryNames;
  text: string;
  /** Each row's own search text (the same strings `text` joins). */
  texts: readonly string[];
  /** starts[i] is where row i's text begins; starts[rows.length] is past the end. */
  starts: Int32Array;
  /** Row i's values of a facet are ids[starts[i] .. starts[i + 1]) into values. */
  facets: Record<FacetName, { starts: Int32Array; ids: Int32Array; values: string[] }>;
  /** Deprecation time in ms, NaN when none (or unreadable: never deprecated, like isDeprecatedAt). */
  deprecatedAt: Float64Array;
  /** Row i's distinct tag names ("key" and "key=value") are tagIds[tagStarts[i] .. tagStarts[i + 1]). */
  tagStarts: Int32Array;
  tagIds: Int32Array;
  tagNames: string[];
}

const indexes = new WeakMap<readonly AmiRow[], WeakMap<InventoryNames, InventoryIndex>>();

/** The index of these rows if it has been built. */
export function cachedIndex(rows: readonly AmiRow[], names: InventoryNames = NO_NAMES): InventoryIndex | null {
  return indexes.get(rows)?.get(names) ?? null;
}

/** The index of these rows, built now if need be and kept while the rows live. */
export function ensureIndex(rows: readonly AmiRow[], names: InventoryNames = NO_NAMES): InventoryIndex {
  let byNames = indexes.get(rows);
  if (!byNames) indexes.set(rows, (byNames = new WeakMap()));
  let index = byNames.get(names);
  if (!index) byNames.set(names, (index = buildInventoryIndex(rows, names)));
  return index;
}

export function buildInventoryIndex(rows: readonly AmiRow[], names: InventoryNames = NO_NAMES): InventoryIndex {
  const n = rows.length;
  const texts = new Array<string>(n);
  const starts = new Int32Array(n + 1);
  const facetStarts = {} as Record<FacetName, Int32Array>;
  const facetIdLists = {} as Record<FacetName, number[]>;
  const facetValues = {} as Record<FacetName, string[]>;
  const facetIds = {} as Record<FacetName, Map<string, number>>;
  for (const facet of FACETS) {
    facetStarts[facet] = new Int32Array(n + 1);
    facetIdLists[facet] = [];
    facetValues[facet] = [];
    facetIds[facet] = new Map();
  }
  const deprecatedAt = new Float64Array(n);
  const tagStarts = new Int32Array(n + 1);
  const tagIds: number[] = [];
  const tagNames: string[] = [];
  const nameIds = new Map<string, number>();
  const pairIds = new Map<string, Map<string, number>>();
  const nameId = (name: string) => {
    let id = nameIds.get(name);
    if (id === undefined) {
      id = tagNames.push(name) - 1;
      nameIds.set(name, id);
    }
    return id;
  };
  const now = new Date();
  let at = 0;
  for (let i = 0; i < n; i++) {
    const row = rows[i] as AmiRow;
    const text = searchText(row, names, now);
    texts[i] = text;
    starts[i] = at;
    at += text.length + 1;
    for (const facet of FACETS) {
      const ids = facetIdLists[facet];
      facetStarts[facet][i] = ids.length;
      forEachFacetValue(facetValue(row, facet, names), (value) => {
        let id = facetIds[facet].get(value);
        if (id === undefined) {
          id = facetValues[facet].push(value) - 1;
          facetIds[facet].set(value, id);
        }
        if (ids.indexOf(id, facetStarts[facet][i]) === -1) ids.push(id);
      });
    }
    deprecatedAt[i] = row.deprecationTime === null ? Number.NaN : Date.parse(row.deprecationTime);
    tagStarts[i] = tagIds.length;
    for (const { key, value } of row.tags) {
      let byValue = pairIds.get(key);
      if (!byValue) pairIds.set(key, (byValue = new Map()));
      let pair = byValue.get(value);
      if (pair === undefined) {
        // Names, not (key, value), are what is counted: "a=b" as a key and as a pair is one name.
        pair = nameId(`${key}=${value}`);
        byValue.set(value, pair);
      }
      for (const id of [nameId(key), pair]) if (tagIds.indexOf(id, tagStarts[i]) === -1) tagIds.push(id);
    }
  }
  starts[n] = at;
  tagStarts[n] = tagIds.length;
  const facets = {} as InventoryIndex['facets'];
  for (const facet of FACETS) {
    facetStarts[facet][n] = facetIdLists[facet].length;
    facets[facet] = { starts: facetStarts[facet], ids: Int32Array.from(facetIdLists[facet]), values: facetValues[facet] };
  }
  // Joined with a trailing empty text, not `join + '\n'`: that makes a cons string that the first
  // search (a keystroke) would flatten, copying all of it.
  texts.push('');
  const text = texts.join('\n');
  texts.pop();
  return { rows, names, text, texts, starts, facets, deprecatedAt, tagStarts, tagIds: Int32Array.from(tagIds), tagNames };
}

/**
 * Which rows contain every term of the text (null when there are none). A term holds no
 * whitespace, so a match lies within one row's text, never across the line break between two.
 */
function textMarks(index: InventoryIndex, text: string): Uint8Array | null {
  // The grid's filter and the counts after it ask for the same text: answer that from memory.
  if (lastMarks && lastMarks.index === index && lastMarks.text === text) return lastMarks.found?.marks ?? null;
  // Typing on narrows: every row the longer text matches, the shorter one matched ("im" → "ima",
  // or another word), so only those rows need looking at.
  const prior = lastMarks && lastMarks.index === index && lastMarks.found && text.toLowerCase().startsWith(lastMarks.text.toLowerCase()) ? lastMarks.found : null;
  const found = findTerms(index, text, prior);
  lastMarks = { index, text, found };
  return found?.marks ?? null;
}

interface Marks {
  marks: Uint8Array;
  count: number;
}

let lastMarks: { index: InventoryIndex; text: string; found: Marks | null } | null = null;

function findTerms(index: InventoryIndex, text: string, prior: Marks | null): Marks | null {
  const { starts, texts } = index;
  const n = index.rows.length;
  let found: Marks | null = prior;
  for (const term of parseTerms(text)) {
    const hits = new Uint8Array(n);
    let count = 0;
    if (found && found.count <= n / 4) {
      // Few rows left: look in each one's own text.
      const { marks } = found;
      for (let i = 0; i < n; i++) {
        if (marks[i] && (texts[i] as string).includes(term)) {
          hits[i] = 1;
          count++;
        }
      }
    } else {
      // Many: one indexOf walk along the whole text, a row at a time.
      const marks = found?.marks ?? null;
      let row = 0;
      for (let at = index.text.indexOf(term); at !== -1 && row < n; ) {
        while ((starts[row + 1] as number) <= at) row++;
        if (!marks || marks[row]) {
          hits[row] = 1;
          count++;
        }
        row++;
        at = row < n ? index.text.indexOf(term, starts[row]) : -1;
      }
    }
    found = { marks: hits, count };
  }
  return found;
}

/** The rows of the index that match the filter, in its order: exactly `index.rows.filter(compileFilter(filter, now, names))`. */
export function filterIndexed(index: InventoryIndex, filter: InventoryFilter, now: Date = new Date()): AmiRow[] {
  const marks = textMarks(index, filter.text);
  const rest = compileFilter({ ...filter, text: '' }, now, undefined, index.names);
  const out: AmiRow[] = [];
  for (let i = 0; i < index.rows.length; i++) {
    if (marks && !marks[i]) continue;
    const row = index.rows[i] as AmiRow;
    if (rest(row)) out.push(row);
  }
  return out;
}

/**
 * countAll over the index, slice by slice between frames (so a keystroke never waits for a
 * whole count), calling `done` at the end. Returns a cancel.
 */
export function countInSlices(index: InventoryIndex, filter: InventoryFilter, done: (counts: AllCounts) => void, slice = 2500, now: Date = new Date()): () => void {
  const n = index.rows.length;
  const facetCounts = Object.fromEntries(FACETS.map((f) => [f, new Int32Array(index.facets[f].values.length)])) as Record<FacetName, Int32Array>;
  const tagCounts = new Int32Array(index.tagNames.length);
  const extra: ExtraCounts = { deprecated: { yes: 0, no: 0 }, encrypted: { yes: 0, no: 0 }, tags: new Map() };
  const parts = filterParts({ ...filter, text: '' }, now, index.names);
  const nowMs = now.getTime();
  const facetIndex = FACETS.map((f) => index.facets[f]);
  const countsByFacet = FACETS.map((f) => facetCounts[f]);
  let marks: Uint8Array | null | undefined;
  let index0 = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const step = () => {
    marks ??= textMarks(index, filter.text);
    const end = Math.min(n, index0 + slice);
    for (let i = index0; i < end; i++) {
      const row = index.rows[i] as AmiRow;
      // As failedPart, with the text part answered by the marks.
      let failed: string | null = marks && !marks[i] ? 'text' : null;
      let several = false;
      for (const part of parts) {
        if (part.test(row)) continue;
        if (failed !== null) {
          several = true;
          break;
        }
        failed = part.name;
      }
      if (several) continue;
      // Every facet when nothing failed; only the failed one's when a facet failed.
      const only = failed === null ? -1 : FACETS.indexOf(failed as FacetName);
      if (failed === null || only >= 0) {
        for (let f = only < 0 ? 0 : only; f < (only < 0 ? FACETS.length : only + 1); f++) {
          const { starts, ids } = facetIndex[f]!;
          const counts = countsByFacet[f] as Int32Array;
          for (let k = starts[i] as number; k < (starts[i + 1] as number); k++) {
            const id = ids[k] as number;
            counts[id] = (counts[id] as number) + 1;
          }
        }
      }
      if (failed === null || failed === 'deprecated') extra.deprecated[(index.deprecatedAt[i] as number) <= nowMs ? 'yes' : 'no']++;
      if (failed === null || failed === 'encrypted') extra.encrypted[row.encrypted ? 'yes' : 'no']++;
      if (failed === null || failed === 'tags') {
        for (let t = index.tagStarts[i] as number; t < (index.tagStarts[i + 1] as number); t++) {
          const id = index.tagIds[t] as number;
          tagCounts[id] = (tagCounts[id] as number) + 1;
        }
      }
    }
    index0 = end;
    if (index0 < n) {
      timer = setTimeout(step, 0);
      return;
    }
    timer = null;
    const facets = {} as Record<FacetName, Map<string, number>>;
    for (const facet of FACETS) {
      const counts = new Map<string, number>();
      facetCounts[facet].forEach((c, id) => {
        if (c > 0) counts.set(index.facets[facet].values[id] as string, c);
      });
      facets[facet] = counts;
    }
    tagCounts.forEach((c, id) => {
      if (c > 0) extra.tags.set(index.tagNames[id] as string, c);
    });
    done({ facets, extra });
  };
  timer = setTimeout(step, 0);
  return () => {
    if (timer !== null) clearTimeout(timer);
  };
}
