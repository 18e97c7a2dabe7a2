/**
 * An AMI's family: its name without what changes from one build to the next — dates and times
 * (2024-05-01, 20240501, 2024.05.01, 2024-05-01T12-30-45Z, Unix timestamps), versions (v1.2.3,
 * 1.2.3, 2.0.20240501.0), build markers (-b123, -build-45, build2712), commit hashes and a
 * trailing build counter (-123). "amzn2-ami-hvm-2.0.20240501.0-x86_64-gp2" and its successor
 * are both "amzn2-ami-hvm-x86_64-gp2": what "keep the newest N of each family" and the cost
 * totals group by. Architecture words, regions and two-part numbers (22.04, 1.29: usually an OS
 * or Kubernetes release, which makes another family) are kept.
 *
 * A user pattern replaces these rules: a regular expression whose matches are removed, or whose
 * group named `family` is the family.
 */

/** The longest pattern accepted (the export's input and the page's field share it). */
export const FAMILY_PATTERN_MAX = 300;

/** Characters that separate the words of a name. */
const SEPARATORS = '-_.\\s/';
/** Not inside a word or a dotted number: what must surround a removed piece. */
const BEFORE = '(?<![A-Za-z0-9])(?<!\\d\\.)';
const AFTER = '(?![A-Za-z0-9])(?!\\.\\d)';

const YEAR = '(?:19|20)\\d{2}';
const MONTH = '(?:0[1-9]|1[0-2])';
const DAY = '(?:0[1-9]|[12]\\d|3[01])';
/** 12-30, 1230, 12.30.45, 123045.123Z, +02:00: the time that may follow a date. */
const TIME = '(?:[T_\\s-]?(?:[01]\\d|2[0-3])[-:.h]?[0-5]\\d(?:[-:.m]?[0-5]\\d(?:\\.\\d{1,9})?)?(?:Z|[+-]\\d{2}:?\\d{2})?)';

/** The pieces the built-in rules remove, in order (a date inside a version goes with the version). */
const RULES: readonly RegExp[] = [
  // A UUID before anything reads part of it as a date or a hash.
  new RegExp(`${BEFORE}[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}${AFTER}`, 'gi'),
  // Versions of three parts or more, or with a v: 1.2.3, v1.4, 2.0.20240501.0, 6.3.1-r03, 1.2.3-rc.1.
  new RegExp(`${BEFORE}(?:[vV]\\d+(?:\\.\\d+)*|\\d+(?:\\.\\d+){2,})(?:[-+.]?(?:rc|alpha|beta|pre|dev|r)\\.?\\d*)?${AFTER}`, 'g'),
  // Dates, with a time or a same-day build number after them: 2024-05-01, 20240501.1, 2024.05.01-1740.
  new RegExp(`${BEFORE}${YEAR}([-_.]?)${MONTH}\\1${DAY}(?:${TIME}|[._]\\d{1,3})?${AFTER}`, 'g'),
  // A month: 2024-05, 2024.05.
  new RegExp(`${BEFORE}${YEAR}[-_.]${MONTH}${AFTER}`, 'g'),
  // Unix timestamps in seconds or milliseconds (Packer's {{timestamp}}), 2001 to 2033.
  new RegExp(`${BEFORE}1\\d{9}(?:\\d{3})?${AFTER}`, 'g'),
  // Build markers after the name: -b123, -build-45, build2712, #12.
  new RegExp(`(?<=[${SEPARATORS}(\\[])(?:build|bld|b|rev)[-_.]?\\d+${AFTER}|#\\d+${AFTER}`, 'gi'),
  // Commit hashes: 7 to 40 hex digits with at least one digit and one letter (git describe's g too).
  new RegExp(`${BEFORE}g?(?=[0-9a-f]*\\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,40}${AFTER}`, 'g'),
];

/** A build counter at the end, after a dash or underscore (a number after a space is part of a title: "Level 1"). */
const TRAILING_NUMBER = /[-_]+\d+$/;

const ALL_RULES: readonly RegExp[] = [...RULES, TRAILING_NUMBER];

/** What must survive the rules although it looks like a number: x86_64, regions (eu-west-1). */
const PROTECTED = /x86_64|(?:us|eu|ap|ca|sa|me|af|il|mx|cn)-(?:gov-|iso-|isob-)?(?:north|south|east|west|central|northeast|southeast|northwest|southwest)-\d+(?![A-Za-z0-9])/gi;

/** Where something was removed: a private-use character, never in an AMI name (nor are the placeholders' marks). */
const GAP = '\uE000';
const EMPTY_BRACKETS = /[([][-_.\s\uE000]*\uE000[-_.\s\uE000]*[)\]]/g;
const SPACE = /\s/;

/** Whether this character may be part of a gap's run: a separator (-, _, ., /, any space) or a gap. */
function inRun(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c === 0x2d || c === 0x5f || c === 0x2e || c === 0x2f || c === 0xe000 || c === 0x20) return true;
  return c < 0x30 || c > 0x7a ? SPACE.test(text[i]!) : false;
}

/**
 * Closes the gaps removals left, and only those (a name's own " - " stays): "hvm-·-x86_64" →
 * "hvm-x86_64", "name-·" → "name", "(·)" → "", "a/·-b" → "a/b" (a slash, where there is one, is
 * the separator kept). A run is every separator and gap around a gap; it becomes nothing at
 * either end of the name, else the separator it holds (a slash; the first dash or underscore; a
 * space; a dot). Scanned by hand: a replace with a function per run was a third of the naming.
 */
function closeGaps(named: string): string {
  const text = named.includes('(') || named.includes('[') ? named.replace(EMPTY_BRACKETS, GAP) : named;
  let gap = text.indexOf(GAP);
  if (gap < 0) return text;
  let out = '';
  let from = 0;
  while (gap >= 0) {
    let start = gap;
    while (start > from && inRun(text, start - 1)) start--;
    let end = gap + 1;
    while (end < text.length && inRun(text, end)) end++;
    out += text.slice(from, start);
    if (start > 0 && end < text.length) out += separatorOf(text.slice(start, end));
    from = end;
    gap = text.indexOf(GAP, end);
  }
  return out + text.slice(from);
}

function separatorOf(run: string): string {
  if (run.includes('/')) return '/';
  const dash = run.indexOf('-');
  const underscore = run.indexOf('_');
  if (dash >= 0 || underscore >= 0) return dash >= 0 && (underscore < 0 || dash < underscore) ? '-' : '_';
  return SPACE.test(run) ? ' ' : run.includes('.') ? '.' : '';
}

function builtInFamily(name: string): string {
  // Placeholders keep protected words whole.
  const kept: string[] = [];
  let text = name.replace(PROTECTED, (word) => `\uE001${kept.push(word) - 1}\uE002`);
  for (const rule of ALL_RULES) {
    const next = text.replace(rule, GAP);
    // Most rules find nothing in most names: only a removal leaves gaps to close.
    if (next !== text) text = closeGaps(next);
  }
  return text.replace(/\uE001(\d+)\uE002/g, (_, i: string) => kept[Number(i)] ?? '');
}

export type FamilyPattern = { ok: true; regex: RegExp | null } | { ok: false; error: string };

/**
 * A user's pattern, checked: empty (or only spaces) means the built-in rules. The expression is
 * JavaScript's, case-sensitive; it is used as written, with `g` added to remove every match.
 */
export function compileFamilyPattern(pattern: string | null | undefined): FamilyPattern {
  const source = pattern?.trim() ?? '';
  if (source === '') return { ok: true, regex: null };
  if (source.length > FAMILY_PATTERN_MAX) return { ok: false, error: `The pattern is longer than ${FAMILY_PATTERN_MAX} characters.` };
  try {
    return { ok: true, regex: new RegExp(source, 'g') };
  } catch (error) {
    // "Invalid regular expression: /(a/g: Unterminated group" → "Unterminated group".
    const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '') : String(error);
    return { ok: false, error: `Not a regular expression: ${reason}` };
  }
}

function patternFamily(name: string, regex: RegExp): string {
  regex.lastIndex = 0;
  if (/\(\?<family>/.test(regex.source)) {
    const match = regex.exec(name);
    regex.lastIndex = 0;
    const family = match?.groups?.family;
    return family === undefined ? name : closeGaps(`${GAP}${family}${GAP}`) || name;
  }
  return closeGaps(name.replace(regex, GAP)) || name;
}

/**
 * The family of an AMI name: the built-in rules, or the user's pattern (see compileFamilyPattern;
 * a pattern that is not a valid expression falls back to the built-in rules). A name the rules
 * remove entirely ("20240501") is its own family.
 */
export function familyOf(name: string, pattern?: string | RegExp | null): string {
  const regex = pattern instanceof RegExp ? pattern : (() => {
    const compiled = compileFamilyPattern(pattern);
    return compiled.ok ? compiled.regex : null;
  })();
  return familyWith(name, regex);
}

/** The family of a name by this pattern, or by the built-in rules when there is none. */
function familyWith(name: string, regex: RegExp | null): string {
  return regex ? patternFamily(name, regex) : builtInFamily(name) || name;
}

/** Names remembered per namer: a grid asks for the same 100,000 names on every sort and count. */
const MEMO_LIMIT = 250_000;

/**
 * familyOf with one pattern. `remember: 'all'` (a grid, which asks for the same names on every
 * sort and count) keeps every name's family; `'last'` (an export, which reads each AMI once and
 * may ask twice in a row: the filter's family facet, then the column) keeps only the last, so
 * memory does not grow with the row count.
 */
export function familyNamer(pattern?: string | null, { remember = 'all' }: { remember?: 'all' | 'last' } = {}): (name: string) => string {
  const compiled = compileFamilyPattern(pattern);
  const regex = compiled.ok ? compiled.regex : null;
  if (remember === 'last') {
    let last: { name: string; family: string } | null = null;
    return (name) => {
      if (last?.name !== name) last = { name, family: familyWith(name, regex) };
      return last.family;
    };
  }
  const memo = new Map<string, string>();
  return (name) => {
    let family = memo.get(name);
    if (family === undefined) {
      family = familyWith(name, regex);
      if (memo.size >= MEMO_LIMIT) memo.clear();
      memo.set(name, family);
    }
    return family;
  };
}
