/**
 * Editing an InventoryFilter from the UI (toggle a facet value, chips, clear). Matching itself
 * lives in shared/inventory so the grid, the export and the CLI select the same rows.
 */
import { EMPTY_FILTER, FACETS, compileFilter, facetCounts, isDeprecatedAt, type FacetName, type InventoryFilter, type InventoryRow } from '../../shared/inventory';

export const FACET_LABELS: Record<FacetName, string> = {
  regions: 'Region',
  platforms: 'OS',
  architectures: 'Arch',
  launchPermissions: 'Permission',
  rootDeviceTypes: 'Root',
  states: 'State',
  accounts: 'Account',
  owners: 'Owner',
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
 * (account entry ids) into what the user reads.
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
export function extraCounts(rows: readonly InventoryRow[], filter: InventoryFilter, now: Date = new Date()): ExtraCounts {
  const out: ExtraCounts = { deprecated: { yes: 0, no: 0 }, encrypted: { yes: 0, no: 0 }, tags: new Map() };
  const keepDeprecated = compileFilter({ ...filter, deprecated: 'any' }, now);
  const keepEncrypted = compileFilter({ ...filter, encrypted: 'any' }, now);
  const keepTags = compileFilter({ ...filter, tags: [] }, now);
  for (const row of rows) {
    if (keepDeprecated(row)) out.deprecated[isDeprecatedAt(row, now) ? 'yes' : 'no']++;
    if (keepEncrypted(row)) out.encrypted[row.encrypted ? 'yes' : 'no']++;
    if (keepTags(row)) {
      const seen = new Set<string>();
      for (const tag of row.tags) {
        for (const k of [tag.key, `${tag.key}=${tag.value}`]) {
          if (seen.has(k)) continue;
          seen.add(k);
          out.tags.set(k, (out.tags.get(k) ?? 0) + 1);
        }
      }
    }
  }
  return out;
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
  return FACETS.every((f) => same(a[f], b[f])) && same(a.tags, b.tags);
}

export interface AllCounts {
  facets: Record<FacetName, Map<string, number>>;
  extra: ExtraCounts;
}

function addInto(into: Map<string, number>, from: ReadonlyMap<string, number>) {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0) + v);
}

/**
 * facetCounts and extraCounts over 100,000 rows take a long frame; this counts slice by slice
 * between frames (merging the per-slice counts) and calls `done` at the end. Returns a cancel.
 */
export function countInSlices(rows: readonly InventoryRow[], filter: InventoryFilter, done: (counts: AllCounts) => void, slice = 8000, now: Date = new Date()): () => void {
  const facets = Object.fromEntries(FACETS.map((f) => [f, new Map<string, number>()])) as Record<FacetName, Map<string, number>>;
  const extra: ExtraCounts = { deprecated: { yes: 0, no: 0 }, encrypted: { yes: 0, no: 0 }, tags: new Map() };
  let index = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const step = () => {
    const part = rows.slice(index, index + slice);
    index += slice;
    const f = facetCounts(part, filter, now);
    for (const facet of FACETS) addInto(facets[facet], f[facet]);
    const e = extraCounts(part, filter, now);
    extra.deprecated.yes += e.deprecated.yes;
    extra.deprecated.no += e.deprecated.no;
    extra.encrypted.yes += e.encrypted.yes;
    extra.encrypted.no += e.encrypted.no;
    addInto(extra.tags, e.tags);
    if (index < rows.length) timer = setTimeout(step, 0);
    else {
      timer = null;
      done({ facets, extra });
    }
  };
  timer = setTimeout(step, 0);
  return () => {
    if (timer !== null) clearTimeout(timer);
  };
}
