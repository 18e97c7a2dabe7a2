/** The user's family pattern (shared/family.ts), remembered in localStorage; '' is the built-in rules. */
import { compileFamilyPattern } from '../../shared/family';

const KEY = 'atlas.familyPattern.v1';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** A stored pattern that no longer compiles (edited by hand, another engine) falls back to the built-in rules. */
export function parseFamilyPattern(raw: string | null): string {
  const pattern = raw?.trim() ?? '';
  return compileFamilyPattern(pattern).ok ? pattern : '';
}

export function loadFamilyPattern(): string {
  return parseFamilyPattern(storage()?.getItem(KEY) ?? null);
}

export function saveFamilyPattern(pattern: string): void {
  try {
    const store = storage();
    if (pattern) store?.setItem(KEY, pattern);
    else store?.removeItem(KEY);
  } catch {
    // Remembering is a nicety; a full or disabled storage must not break the inventory.
  }
}
