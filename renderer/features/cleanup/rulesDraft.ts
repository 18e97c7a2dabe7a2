/**
 * The rules form as typed (text in the number fields, tags as one line) and the rules it means,
 * with each bad input explained in words next to its field. Pure, so the form and its tests agree.
 */
import { compileFamilyPattern } from '../../../shared/family';
import { DEFAULT_RULES, type RetentionRules } from '../../../shared/retention';

export interface RulesDraft {
  keepNewest: string;
  olderThanDays: string;
  notLaunchedDays: string;
  notInUse: boolean;
  notSharedOutsideClient: boolean;
  /** Tags separated by commas or new lines: `key` or `key=value`. */
  excludeTags: string;
  familyPattern: string;
  clients: string[];
  accounts: string[];
  /** Region names separated by commas or spaces; empty: every region. */
  regions: string;
}

export type DraftField = 'keepNewest' | 'olderThanDays' | 'notLaunchedDays' | 'excludeTags' | 'familyPattern' | 'regions';

export type DraftIssues = Partial<Record<DraftField, string>>;

export type DraftResult = { ok: true; rules: RetentionRules } | { ok: false; issues: DraftIssues };

const MAX_DAYS = 36500;
const MAX_KEEP = 1000;
const MAX_TAGS = 50;
const MAX_TAG = 400;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

export function draftOf(rules: RetentionRules): RulesDraft {
  const text = (n: number | null) => (n === null ? '' : String(n));
  return {
    keepNewest: text(rules.keepNewest),
    olderThanDays: text(rules.olderThanDays),
    notLaunchedDays: text(rules.notLaunchedDays),
    notInUse: rules.notInUse,
    notSharedOutsideClient: rules.notSharedOutsideClient,
    excludeTags: rules.excludeTags.join(', '),
    familyPattern: rules.familyPattern ?? '',
    clients: [...rules.scope.clients],
    accounts: [...rules.scope.accounts],
    regions: rules.scope.regions.join(', '),
  };
}

export const DEFAULT_DRAFT: RulesDraft = draftOf(DEFAULT_RULES);

/** A whole number of days or AMIs; empty means "no such rule". */
function count(text: string, what: string, max: number): { value: number | null } | { issue: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { value: null };
  if (!/^\d+$/.test(trimmed)) return { issue: `${what} must be a whole number (or empty for no such rule), not “${trimmed}”.` };
  const value = Number(trimmed);
  if (value > max) return { issue: `${what} can be at most ${max.toLocaleString('en-US')}.` };
  return { value };
}

export function splitTags(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}

export function splitRegions(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter((r) => r.length > 0))];
}

/** The rules the draft means, or why not (one sentence per field). */
export function rulesOf(draft: RulesDraft): DraftResult {
  const issues: DraftIssues = {};
  const keep = count(draft.keepNewest, 'Keep newest', MAX_KEEP);
  const older = count(draft.olderThanDays, 'Older than', MAX_DAYS);
  const launched = count(draft.notLaunchedDays, 'Not launched for', MAX_DAYS);
  if ('issue' in keep) issues.keepNewest = keep.issue;
  if ('issue' in older) issues.olderThanDays = older.issue;
  if ('issue' in launched) issues.notLaunchedDays = launched.issue;

  const tags = splitTags(draft.excludeTags);
  const long = tags.find((t) => t.length > MAX_TAG);
  if (tags.length > MAX_TAGS) issues.excludeTags = `At most ${MAX_TAGS} tags (${tags.length} given).`;
  else if (long) issues.excludeTags = `A tag is longer than ${MAX_TAG} characters: “${long.slice(0, 24)}…”.`;
  else {
    const bad = tags.find((t) => t.startsWith('='));
    if (bad) issues.excludeTags = `“${bad}” has no key: write key or key=value.`;
  }

  const pattern = draft.familyPattern.trim();
  if (pattern) {
    const compiled = compileFamilyPattern(pattern);
    if (!compiled.ok) issues.familyPattern = compiled.error;
  }

  const regions = splitRegions(draft.regions);
  const badRegion = regions.find((r) => !REGION.test(r));
  if (badRegion) issues.regions = `“${badRegion}” is not a region name (like eu-west-1).`;

  if ('issue' in keep || 'issue' in older || 'issue' in launched || Object.keys(issues).length > 0) return { ok: false, issues };
  return {
    ok: true,
    rules: {
      keepNewest: keep.value,
      olderThanDays: older.value,
      notLaunchedDays: launched.value,
      notInUse: draft.notInUse,
      notSharedOutsideClient: draft.notSharedOutsideClient,
      excludeTags: tags,
      familyPattern: pattern || null,
      scope: { clients: [...draft.clients], accounts: [...draft.accounts], regions },
    },
  };
}

/** Whether two rule sets mean the same plan (a saved plan is "as saved" or "changed"). */
export function sameRules(a: RetentionRules, b: RetentionRules): boolean {
  const sorted = (list: readonly string[]) => [...list].sort().join('\n');
  return (
    a.keepNewest === b.keepNewest &&
    a.olderThanDays === b.olderThanDays &&
    a.notLaunchedDays === b.notLaunchedDays &&
    a.notInUse === b.notInUse &&
    a.notSharedOutsideClient === b.notSharedOutsideClient &&
    (a.familyPattern ?? null) === (b.familyPattern ?? null) &&
    sorted(a.excludeTags) === sorted(b.excludeTags) &&
    sorted(a.scope.clients) === sorted(b.scope.clients) &&
    sorted(a.scope.accounts) === sorted(b.scope.accounts) &&
    sorted(a.scope.regions) === sorted(b.scope.regions)
  );
}

/** The rules in one line, for a saved plan's list ("keep newest 3 · older than 90 days · not in use"). */
export function rulesSummary(rules: RetentionRules): string {
  const parts: string[] = [];
  if (rules.keepNewest !== null) parts.push(`keep newest ${rules.keepNewest}`);
  if (rules.olderThanDays !== null) parts.push(`older than ${rules.olderThanDays} days`);
  if (rules.notLaunchedDays !== null) parts.push(`not launched for ${rules.notLaunchedDays} days`);
  if (rules.notInUse) parts.push('not in use');
  if (rules.notSharedOutsideClient) parts.push('not shared outside the client');
  if (rules.excludeTags.length > 0) parts.push(`except tagged ${rules.excludeTags.join(', ')}`);
  return parts.length > 0 ? parts.join(' · ') : 'every AMI in scope';
}
