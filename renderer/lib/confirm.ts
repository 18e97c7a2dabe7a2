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

/** An account a guarded change must name: our record's id and the name the user types. */
export interface NamedAccount {
  account: string;
  name: string;
}

/** The production accounts among these, as the names a change must carry. */
export function productionNamed(targets: Iterable<GuardTarget>): NamedAccount[] {
  const out: NamedAccount[] = [];
  for (const t of targets) if (t.production) out.push({ account: t.id, name: t.name });
  return out;
}

/**
 * The one confirmations map every guarded change sends: each account's id → its own name (the
 * core checks them again). With `typed`, only the accounts whose name the user typed.
 */
export function confirmationsOf(named: Iterable<NamedAccount>, typed?: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { account, name } of named) if (!typed || phraseMatches(typed[account], name)) out[account] = name;
  return out;
}
