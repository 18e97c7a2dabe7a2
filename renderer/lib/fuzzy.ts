/**
 * A small fuzzy matcher for short labels (account names, aliases, client names). Scores are
 * ordered so that what people mean wins: exact > prefix > word prefix > substring > letters in
 * order. Pure and allocation-light: it runs for every account on every keystroke.
 */

export const SCORE_EXACT = 100;
export const SCORE_PREFIX = 90;
export const SCORE_WORD_PREFIX = 80;
export const SCORE_SUBSTRING = 60;
/** The best a scattered (subsequence) match can reach; the worst is just above zero. */
export const SCORE_SUBSEQUENCE_MAX = 45;

const WORD_SEPARATORS = new Set([' ', '-', '_', '.', '/', ':', '@']);

function isWordStart(text: string, index: number): boolean {
  if (index === 0) return true;
  const prev = text[index - 1]!;
  if (WORD_SEPARATORS.has(prev)) return true;
  // camelCase and letter→digit boundaries ("prodEu", "dev2") start words too.
  const cur = text[index]!;
  return (/[a-z]/.test(prev) && /[A-Z]/.test(cur)) || (/[a-zA-Z]/.test(prev) && /\d/.test(cur));
}

/**
 * The shortest window of `text` holding the letters of `token` in order, preferring windows that
 * start at a word. Returns the start and end (exclusive), or null.
 */
function tightestSubsequence(text: string, token: string): { start: number; end: number; wordStart: boolean } | null {
  let best: { start: number; end: number; wordStart: boolean } | null = null;
  for (let start = text.indexOf(token[0]!); start !== -1; start = text.indexOf(token[0]!, start + 1)) {
    let t = 1;
    let i = start + 1;
    while (t < token.length && i < text.length) {
      if (text[i] === token[t]) t++;
      i++;
    }
    if (t < token.length) break; // later starts cannot succeed either
    const candidate = { start, end: i, wordStart: isWordStart(text, start) };
    const span = candidate.end - candidate.start;
    if (!best || span < best.end - best.start || (span === best.end - best.start && candidate.wordStart && !best.wordStart)) {
      best = candidate;
    }
  }
  return best;
}

/**
 * How well one query token matches one label, 0 (no match) to 100 (exact). Case-insensitive.
 * Scattered matches need at least two letters and a reasonably tight window, so "pe" does not
 * match every label that happens to contain a p and later an e.
 */
export function scoreToken(token: string, label: string): number {
  if (!token || !label) return 0;
  const t = token.toLowerCase();
  const original = label;
  const text = label.toLowerCase();
  if (text === t) return SCORE_EXACT;
  if (text.startsWith(t)) return SCORE_PREFIX;
  let index = text.indexOf(t);
  if (index !== -1) {
    for (; index !== -1; index = text.indexOf(t, index + 1)) {
      if (isWordStart(original, index)) return SCORE_WORD_PREFIX;
    }
    return SCORE_SUBSTRING;
  }
  if (t.length < 2) return 0;
  const window = tightestSubsequence(text, t);
  if (!window) return 0;
  const span = window.end - window.start;
  // A window more than three times the token's length is noise, not intent.
  if (span > t.length * 3) return 0;
  const density = t.length / span; // 1 when the letters are adjacent
  const score = 10 + (SCORE_SUBSEQUENCE_MAX - 15) * density + (window.wordStart ? 5 : 0);
  return Math.min(SCORE_SUBSEQUENCE_MAX, Math.round(score));
}

/** Spans of `label` to highlight for the given tokens (merged, sorted). For display only. */
export function highlightRanges(tokens: readonly string[], label: string): Array<[number, number]> {
  const text = label.toLowerCase();
  const ranges: Array<[number, number]> = [];
  for (const raw of tokens) {
    const t = raw.toLowerCase();
    if (!t) continue;
    const at = text.indexOf(t);
    if (at !== -1) {
      ranges.push([at, at + t.length]);
      continue;
    }
    if (scoreToken(t, label) === 0) continue;
    const window = tightestSubsequence(text, t);
    if (!window) continue;
    let k = 0;
    for (let i = window.start; i < window.end && k < t.length; i++) {
      if (text[i] === t[k]) {
        ranges.push([i, i + 1]);
        k++;
      }
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}
