/**
 * Changing the tags of AMIs (and of their snapshots): EC2's rules for tags, what an edit does to
 * a list of tags, and how that is said in words. The page checks an edit as it is typed; the core
 * checks it again before anything reaches AWS, with the same words.
 */
import type { AppErrorShape } from './errors';
import type { Tag } from './model';
import type { ImageRef } from './sharing';

/** EC2's tag restrictions (User Guide), and how many AMIs one change may name. */
export const TAG_LIMITS = {
  perResource: 50,
  keyLength: 128,
  valueLength: 256,
  imagesPerChange: 500,
} as const;

/** Keys to set (added, or changed when present) and keys to remove, the same for every AMI. */
export interface TagEdit {
  set: Tag[];
  remove: string[];
}

/** Unicode characters, as AWS counts tag lengths. */
export function tagLength(text: string): number {
  return [...text].length;
}

export function isReservedTagKey(key: string): boolean {
  return key.toLowerCase().startsWith('aws:');
}

/** Why a key cannot be used, in words; null when it can. */
export function tagKeyProblem(key: string): string | null {
  if (key.trim() === '') return 'Enter a key.';
  if (isReservedTagKey(key)) return `“${key}” starts with “aws:”, which AWS keeps for its own tags.`;
  const n = tagLength(key);
  if (n > TAG_LIMITS.keyLength) return `The key is ${n} characters long; AWS allows ${TAG_LIMITS.keyLength}.`;
  return null;
}

export function tagValueProblem(key: string, value: string): string | null {
  const n = tagLength(value);
  return n > TAG_LIMITS.valueLength ? `The value of ${key} is ${n} characters long; AWS allows ${TAG_LIMITS.valueLength}.` : null;
}

/** Every problem of an edit as a whole, in words (empty when it can be sent). */
export function tagEditProblems(edit: TagEdit): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const tag of edit.set) {
    const keyProblem = tagKeyProblem(tag.key);
    if (keyProblem) problems.push(keyProblem);
    const valueProblem = tagValueProblem(tag.key, tag.value);
    if (valueProblem) problems.push(valueProblem);
    if (seen.has(tag.key)) problems.push(`${tag.key} is set twice; keep one.`);
    seen.add(tag.key);
  }
  const removed = new Set<string>();
  for (const key of edit.remove) {
    const keyProblem = tagKeyProblem(key);
    if (keyProblem) problems.push(keyProblem);
    if (seen.has(key)) problems.push(`${key} is both set and removed; choose one.`);
    if (removed.has(key)) problems.push(`${key} is removed twice.`);
    removed.add(key);
  }
  if (edit.set.length === 0 && edit.remove.length === 0) problems.push('Add, change or remove at least one tag.');
  if (edit.set.length > TAG_LIMITS.perResource) problems.push(`${edit.set.length} tags to set; an AMI can have ${TAG_LIMITS.perResource}.`);
  return [...new Set(problems)];
}

/** The tags after the edit: set keys take their new value in place, or come last when new. */
export function applyTagEdit(tags: readonly Tag[], edit: TagEdit): Tag[] {
  const removed = new Set(edit.remove);
  const byKey = new Map<string, string>();
  for (const t of tags) if (!removed.has(t.key)) byKey.set(t.key, t.value);
  for (const t of edit.set) byKey.set(t.key, t.value);
  return [...byKey].map(([key, value]) => ({ key, value }));
}

/** What an edit changes on one resource: tags added, values changed, tags removed. */
export interface TagDiff {
  added: Tag[];
  changed: Array<{ key: string; from: string; to: string }>;
  removed: Tag[];
}

export function tagDiff(tags: readonly Tag[], edit: TagEdit): TagDiff {
  const current = new Map(tags.map((t) => [t.key, t.value]));
  const diff: TagDiff = { added: [], changed: [], removed: [] };
  for (const t of edit.set) {
    const from = current.get(t.key);
    if (from === undefined) diff.added.push(t);
    else if (from !== t.value) diff.changed.push({ key: t.key, from, to: t.value });
  }
  for (const key of edit.remove) {
    const value = current.get(key);
    if (value !== undefined && !edit.set.some((t) => t.key === key)) diff.removed.push({ key, value });
  }
  return diff;
}

export function isEmptyDiff(diff: TagDiff): boolean {
  return diff.added.length === 0 && diff.changed.length === 0 && diff.removed.length === 0;
}

/** User tags a resource would carry after the edit (`aws:` ones do not count against the limit). */
export function userTagCount(tags: readonly Tag[]): number {
  return tags.filter((t) => !isReservedTagKey(t.key)).length;
}

const shown = (value: string): string => (value === '' ? '(empty)' : value);

/** "Team=platform added; Env staging → prod; Owner removed", for results and the audit log. */
export function describeTagDiff(diff: TagDiff): string {
  const parts = [
    ...diff.added.map((t) => `${t.key}=${shown(t.value)} added`),
    ...diff.changed.map((c) => `${c.key} ${shown(c.from)} → ${shown(c.to)}`),
    ...diff.removed.map((t) => `${t.key} removed`),
  ];
  return parts.join('; ');
}

/** One AMI's outcome: its tags changed (with its snapshots'), already as asked, or failed. */
export interface TagItemResult {
  ref: ImageRef;
  name: string;
  outcome: 'changed' | 'unchanged' | 'failed';
  message: string;
  error: AppErrorShape | null;
  auditId: string | null;
  /** The AMI's tags now, when known (the page shows them without asking AWS again). */
  tags: Tag[] | null;
  /** Its snapshots whose tags were changed too. */
  snapshotIds: string[];
}
