/**
 * The tag sheet's logic, pure: the tags of a selection read as one list (a key on only some AMIs,
 * values that differ), the rows the user edits, the change they make, what is wrong with them in
 * words, and what the change will do to the selection.
 */
import type { Tag } from '../../shared/model';
import type { ImageRef } from '../../shared/sharing';
import { TAG_LIMITS, applyTagEdit, isEmptyDiff, tagDiff, tagKeyProblem, tagValueProblem, userTagCount, type TagEdit } from '../../shared/tags';

/** An AMI the sheet acts on, with the tags it has now. */
export interface TagTarget {
  ref: ImageRef;
  name: string;
  tags: Tag[];
}

/** One key across the selection: on how many AMIs, and its value when they all agree. */
export interface TagSummary {
  key: string;
  count: number;
  /** Null when the AMIs that have it disagree ("(various)"). */
  value: string | null;
}

/** "Name" first, as in the AWS console; then alphabetically. */
export function byTagKey(a: string, b: string): number {
  if (a === b) return 0;
  if (a === 'Name') return -1;
  if (b === 'Name') return 1;
  return a.localeCompare(b, 'en', { sensitivity: 'base' }) || (a < b ? -1 : 1);
}

export function summarizeTags(targets: readonly TagTarget[]): TagSummary[] {
  const byKey = new Map<string, { count: number; values: Set<string> }>();
  for (const target of targets) {
    for (const tag of target.tags) {
      const entry = byKey.get(tag.key) ?? { count: 0, values: new Set<string>() };
      entry.count++;
      entry.values.add(tag.value);
      byKey.set(tag.key, entry);
    }
  }
  return [...byKey]
    .map(([key, { count, values }]) => ({ key, count, value: values.size === 1 ? [...values][0]! : null }))
    .sort((a, b) => byTagKey(a.key, b.key));
}

/**
 * A row of the sheet. An existing key is kept until its value is edited (then set on every AMI)
 * or it is marked for removal; a new row adds a key (or sets one the AMIs have under that name).
 */
export type TagRow =
  | { id: string; kind: 'existing'; summary: TagSummary; value: string; edited: boolean; remove: boolean }
  | { id: string; kind: 'new'; key: string; value: string };

export function rowsFor(summaries: readonly TagSummary[]): TagRow[] {
  return summaries.map((summary, i) => ({ id: `existing-${i}`, kind: 'existing', summary, value: summary.value ?? '', edited: false, remove: false }));
}

export const rowKey = (row: TagRow): string => (row.kind === 'existing' ? row.summary.key : row.key);

/** A new row left empty changes nothing and is no mistake. */
const isBlank = (row: TagRow): boolean => row.kind === 'new' && row.key === '' && row.value === '';

/** What the rows ask for. */
export function editOf(rows: readonly TagRow[]): TagEdit {
  const set: Tag[] = [];
  const remove: string[] = [];
  for (const row of rows) {
    if (row.kind === 'existing') {
      if (row.remove) remove.push(row.summary.key);
      else if (row.edited) set.push({ key: row.summary.key, value: row.value });
    } else if (!isBlank(row)) {
      set.push({ key: row.key, value: row.value });
    }
  }
  return { set, remove };
}

/** What is wrong with each row, in words (rows without a problem are absent). */
export function rowProblems(rows: readonly TagRow[]): Map<string, string> {
  const problems = new Map<string, string>();
  const existing = new Set(rows.flatMap((r) => (r.kind === 'existing' ? [r.summary.key] : [])));
  const seenNew = new Set<string>();
  for (const row of rows) {
    if (row.kind === 'existing') {
      if (row.edited && !row.remove) {
        const problem = tagValueProblem(row.summary.key, row.value);
        if (problem) problems.set(row.id, problem);
      }
      continue;
    }
    if (isBlank(row)) continue;
    const problem =
      tagKeyProblem(row.key) ??
      (existing.has(row.key) ? `${row.key} is already in the list above; change its value there.` : null) ??
      (seenNew.has(row.key) ? `${row.key} is in the list twice; keep one.` : null) ??
      tagValueProblem(row.key, row.value);
    if (problem) problems.set(row.id, problem);
    seenNew.add(row.key);
  }
  return problems;
}

/** A line of the summary: one key and what happens to it across the selection. */
export interface ChangeLine {
  key: string;
  text: string;
  tone: 'add' | 'change' | 'remove' | 'same';
}

export interface ChangeSummary {
  lines: ChangeLine[];
  /** AMIs whose tags change. */
  changing: number;
  /** AMIs that would end up over AWS's limit (they will fail). */
  overLimit: TagTarget[];
}

const amis = (n: number): string => `${n} AMI${n === 1 ? '' : 's'}`;
const shown = (value: string): string => (value === '' ? '(empty)' : value);

/** What the edit does to the selection, key by key. */
export function changeSummary(targets: readonly TagTarget[], edit: TagEdit): ChangeSummary {
  const lines: ChangeLine[] = [];
  for (const tag of edit.set) {
    let added = 0;
    let changed = 0;
    for (const t of targets) {
      const current = t.tags.find((x) => x.key === tag.key);
      if (!current) added++;
      else if (current.value !== tag.value) changed++;
    }
    const parts = [added > 0 ? `added to ${amis(added)}` : null, changed > 0 ? `changed on ${amis(changed)}` : null].filter(Boolean);
    const same = targets.length - added - changed;
    if (parts.length === 0) lines.push({ key: tag.key, text: `${tag.key} = ${shown(tag.value)}: every AMI has it already`, tone: 'same' });
    else lines.push({ key: tag.key, text: `${tag.key} = ${shown(tag.value)}: ${parts.join(', ')}${same > 0 ? ` (${same} already have it)` : ''}`, tone: added > 0 ? 'add' : 'change' });
  }
  for (const key of edit.remove) {
    const n = targets.filter((t) => t.tags.some((x) => x.key === key)).length;
    lines.push(n > 0 ? { key, text: `${key}: removed from ${amis(n)}`, tone: 'remove' } : { key, text: `${key}: on no AMI`, tone: 'same' });
  }
  const changing = targets.filter((t) => !isEmptyDiff(tagDiff(t.tags, edit))).length;
  const overLimit = targets.filter((t) => userTagCount(applyTagEdit(t.tags, edit)) > TAG_LIMITS.perResource);
  return { lines, changing, overLimit };
}
