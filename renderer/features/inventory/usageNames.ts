/** The inventory's names with each owned AMI's last usage check, one object per (names, checks). */
import type { InventoryNames } from '../../../shared/ami-rows';
import type { StoredAmiUsage, UsageState } from '../../../shared/contract/usage';
import { withUsage, type UsageNames } from '../../../shared/inventory';

let last: { base: InventoryNames; usage: ReadonlyMap<string, StoredAmiUsage>; names: UsageNames } | null = null;

/**
 * The same object while neither the names nor the checks change: search text, the sorted rows
 * and the filter index are kept per names object, so a new one would rebuild them all.
 */
export function inventoryNames(base: InventoryNames, usage: ReadonlyMap<string, StoredAmiUsage>): UsageNames {
  if (last?.base !== base || last.usage !== usage) last = { base, usage, names: withUsage(base, usage) };
  return last.names;
}

export const USAGE_WORDS: Record<UsageState, string> = { yes: 'In use', no: 'Unused', unknown: 'Unknown' };

/** What each answer means, for hovers and the facet. */
export const USAGE_HINTS: Record<UsageState, string> = {
  yes: 'Something in the workspace launches or names it',
  no: 'Nothing in its owner’s account or the accounts it is shared with uses it',
  unknown: 'A place it could be used in could not be read, or others outside the workspace may launch it',
};
