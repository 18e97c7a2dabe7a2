/**
 * Copying AMIs, the page's side: live name previews from a template (the core renders the final
 * names in `copy:plan`; the preview only spares a round trip per keystroke), which regions to
 * offer, and reading a plan for the review. Pure.
 */
import type { CopyPlan, CopyPlanItem } from '../../shared/lifecycle';
import { confirmationsOf, phraseMatches } from './confirm';

import { nameProblem, renderTemplate } from '../../shared/copy-names';

export { nameProblem, renderTemplate, unknownTokens, type NameValues } from '../../shared/copy-names';

export const DEFAULT_NAME_TEMPLATE = '{name}-{region}';
export const DEFAULT_DESCRIPTION_TEMPLATE = 'Copy of {imageId} from {sourceRegion}';

export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export interface CopySource {
  imageId: string;
  name: string;
  region: string;
}

export interface NamePreview {
  imageId: string;
  region: string;
  name: string;
  problem: string | null;
}

/** One preview per copy (source × destination region), in the order the plan will list them. */
export function previewNames(sources: readonly CopySource[], regions: readonly string[], template: string, date: string): NamePreview[] {
  const out: NamePreview[] = [];
  for (const source of sources) {
    for (const region of regions) {
      const name = renderTemplate(template, { name: source.name || source.imageId, region, sourceRegion: source.region, imageId: source.imageId, date });
      out.push({ imageId: source.imageId, region, name, problem: nameProblem(name) });
    }
  }
  return out;
}

/** Names that would be the same in one region: the template needs {name}, {imageId} or similar. */
export function duplicateNames(previews: readonly NamePreview[]): Set<string> {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const p of previews) {
    const key = `${p.region}|${p.name}`;
    if (seen.has(key)) dup.add(key);
    seen.add(key);
  }
  return dup;
}

export interface RegionOption {
  name: string;
  favorite: boolean;
  /** Why it cannot be picked (e.g. the source's own region, for the same account). */
  disabledReason: string | null;
}

/**
 * Destination regions: the account's enabled regions, favourites first (in starred order),
 * then A→Z. For a copy within one account, the source region is shown but not offered:
 * the copy would land where the image already is.
 */
export function regionOptions(
  regions: ReadonlyArray<{ name: string; enabled: boolean }>,
  favorites: readonly string[],
  sourceRegion: string,
  crossAccount: boolean,
): RegionOption[] {
  const enabled = regions.filter((r) => r.enabled).map((r) => r.name);
  const names = new Set(enabled.length > 0 ? enabled : [sourceRegion, ...favorites]);
  const favs = favorites.filter((f, i) => favorites.indexOf(f) === i && names.has(f));
  const rest = [...names].filter((n) => !favs.includes(n)).sort((a, b) => a.localeCompare(b));
  const reason = (name: string) => (!crossAccount && name === sourceRegion ? 'The image is already in this region' : null);
  return [...favs.map((name) => ({ name, favorite: true, disabledReason: reason(name) })), ...rest.map((name) => ({ name, favorite: false, disabledReason: reason(name) }))];
}

/** Copies that will be made: blocked items are left out (the review says why). */
export function sendableCopies(plan: CopyPlan): CopyPlanItem[] {
  return plan.items.filter((i) => i.blockers.length === 0);
}

export type StartBlock = 'all-blocked' | 'needs-confirmation' | null;

/** Why "Start copies" is disabled, or null. */
export function startBlock(plan: CopyPlan, typed: Readonly<Record<string, string>>): StartBlock {
  if (sendableCopies(plan).length === 0) return 'all-blocked';
  if (plan.confirmAccounts.some((c) => !phraseMatches(typed[c.account], c.name))) return 'needs-confirmation';
  return null;
}

/** The production names as the core wants them: the entry's own name, once typed (case and spaces aside). */
export function copyConfirmations(plan: CopyPlan, typed: Readonly<Record<string, string>>): Record<string, string> {
  return confirmationsOf(plan.confirmAccounts, typed);
}

/** "alias/golden" → the regions it exists in, from each region's key list. */
export interface KeyAvailability {
  alias: string;
  keyManager: 'AWS' | 'CUSTOMER';
  regions: string[];
  missing: string[];
}

export function keyAvailability(byRegion: Readonly<Record<string, ReadonlyArray<{ alias: string; keyManager: 'AWS' | 'CUSTOMER' }> | undefined>>, regions: readonly string[]): KeyAvailability[] {
  const map = new Map<string, KeyAvailability>();
  for (const region of regions) {
    for (const key of byRegion[region] ?? []) {
      const entry = map.get(key.alias) ?? { alias: key.alias, keyManager: key.keyManager, regions: [], missing: [] };
      entry.regions.push(region);
      map.set(key.alias, entry);
    }
  }
  const loaded = regions.filter((r) => byRegion[r] !== undefined);
  for (const entry of map.values()) entry.missing = loaded.filter((r) => !entry.regions.includes(r));
  // Customer keys first (they can be shared), then those present everywhere, then by name.
  return [...map.values()].sort(
    (a, b) =>
      (a.keyManager === b.keyManager ? 0 : a.keyManager === 'CUSTOMER' ? -1 : 1) || a.missing.length - b.missing.length || a.alias.localeCompare(b.alias),
  );
}
