/** The inventory's names with each owned AMI's last usage check, one object per (names, checks). */
import type { InventoryNames } from '../../../shared/ami-rows';
import type { StoredAmiUsage } from '../../../shared/contract/usage';
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

export { USAGE_HINTS, USAGE_WORDS } from '../../lib/usageWords';
