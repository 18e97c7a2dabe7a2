/**
 * The accounts used most recently, newest first, for the quick switcher. Only entry ids are
 * stored (never names, ids of AWS accounts or anything else), and only a handful of them.
 */

const KEY = 'atlas.recent.v1';
export const RECENT_LIMIT = 8;

const ENTRY_ID = /^[\w:.-]{1,64}$/;

/** Accepts only a list of plausible entry ids; anything else reads as "no history". */
export function parseRecent(raw: string | null): string[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    if (!Array.isArray(value)) return [];
    const ids = value.filter((v): v is string => typeof v === 'string' && ENTRY_ID.test(v));
    return [...new Set(ids)].slice(0, RECENT_LIMIT);
  } catch {
    return [];
  }
}

/** Moves (or adds) `id` to the front. */
export function pushRecent(list: readonly string[], id: string): string[] {
  return [id, ...list.filter((x) => x !== id)].slice(0, RECENT_LIMIT);
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function loadRecent(): string[] {
  return parseRecent(storage()?.getItem(KEY) ?? null);
}

export function saveRecent(list: readonly string[]): void {
  try {
    storage()?.setItem(KEY, JSON.stringify(list.slice(0, RECENT_LIMIT)));
  } catch {
    // Remembering is a nicety; a full or disabled storage must not break switching.
  }
}
