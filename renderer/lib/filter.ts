/**
 * Search over the account view's list: the shared filter (shared/inventory.ts), so a term finds
 * exactly what it finds in the inventory — name, id, description, owner, accounts, region,
 * architecture, platform, state, visibility and tags, every term required.
 */
import type { AmiRow, InventoryNames } from '../../shared/ami-rows';
import { compileFilter, EMPTY_FILTER, parseTerms } from '../../shared/inventory';

/** Whitespace-separated terms; every term must match somewhere ("golden arm64", "env=prod"). */
export const parseQuery = parseTerms;

export function filterImages<T extends AmiRow>(images: readonly T[], query: string, names: InventoryNames, now: Date = new Date()): readonly T[] {
  if (parseTerms(query).length === 0) return images;
  const keep = compileFilter({ ...EMPTY_FILTER, text: query }, now, undefined, names);
  return images.filter(keep);
}
