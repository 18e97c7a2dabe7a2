/**
 * The production guard: when may a confirm sheet's button be pressed?
 *
 * For a change that touches production, the user types the name of every production account
 * involved. A tick box ("I am changing production account X") was the alternative; it is
 * clicked by habit, while typing a name makes one read which account is about to change, and
 * asking for each name means a change across two production accounts names both of them.
 * Matching ignores case and surrounding spaces: the point is reading, not spelling.
 */

export interface GuardTarget {
  id: string;
  name: string;
  production: boolean;
}

/** The names the user must type, one per production account (or the explicit phrases given). */
export function requiredPhrases(targets: readonly GuardTarget[], override?: readonly string[]): string[] {
  if (override) return override.filter((p) => p.trim().length > 0);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of targets) {
    if (!t.production || seen.has(t.id)) continue;
    seen.add(t.id);
    out.push(t.name);
  }
  return out;
}

export function phraseMatches(typed: string | undefined, phrase: string): boolean {
  return (typed ?? '').trim().toLowerCase() === phrase.trim().toLowerCase();
}

/** True when every required phrase was typed (trivially true when nothing is production). */
export function confirmEnabled(phrases: readonly string[], typed: readonly (string | undefined)[]): boolean {
  return phrases.every((phrase, i) => phraseMatches(typed[i], phrase));
}
