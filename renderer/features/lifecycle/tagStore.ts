/**
 * The tag sheet's state: the AMIs, the rows being edited, "also on their snapshots", the
 * production names typed, progress while the core works, and the per-AMI results.
 */
import { create } from 'zustand';
import type { AppError } from '../../../shared/errors';
import { tagEditProblems, TAG_LIMITS, type TagItemResult } from '../../../shared/tags';
import { invoke, on, toAppError } from '../../api';
import { confirmationsOf, phraseMatches } from '../../lib/confirm';
import { editOf, rowProblems, rowsFor, summarizeTags, type TagRow, type TagSummary, type TagTarget } from '../../lib/tagEdit';
import { useAtlas } from '../../store';
import { productionTargets } from './lifecycleStore';

export type TagPhase = 'editing' | 'applying' | 'done';

export interface TagSheet {
  targets: TagTarget[];
  /** The selection's tags when the sheet opened. */
  summaries: TagSummary[];
  rows: TagRow[];
  snapshotsToo: boolean;
  typed: Record<string, string>;
  phase: TagPhase;
  progress: { done: number; total: number } | null;
  results: TagItemResult[] | null;
  /** The change failed as a whole (refused, or the core could not be asked). */
  error: AppError | null;
}

export const useTagStore = create<{ sheet: TagSheet | null }>(() => ({ sheet: null }));

let nextRow = 0;
let runs = 0;

const patch = (update: Partial<TagSheet> | ((sheet: TagSheet) => Partial<TagSheet>)) =>
  useTagStore.setState((s) => (s.sheet ? { sheet: { ...s.sheet, ...(typeof update === 'function' ? update(s.sheet) : update) } } : {}));

const newRow = (): TagRow => ({ id: `new-${++nextRow}`, kind: 'new', key: '', value: '' });

/** Opens the sheet for these AMIs (at most 500, the same AMI once). False when there is none. */
export function openTagSheet(targets: readonly TagTarget[]): boolean {
  const unique = [...new Map(targets.map((t) => [`${t.ref.account}|${t.ref.region}|${t.ref.imageId}`, t])).values()];
  if (unique.length === 0) return false;
  const summaries = summarizeTags(unique);
  useTagStore.setState({
    sheet: {
      targets: unique,
      summaries,
      rows: [...rowsFor(summaries), newRow()],
      snapshotsToo: false,
      typed: {},
      phase: 'editing',
      progress: null,
      results: null,
      error: null,
    },
  });
  return true;
}

export function closeTagSheet(): void {
  if (useTagStore.getState().sheet?.phase === 'applying') return;
  useTagStore.setState({ sheet: null });
}

const editing = (update: (sheet: TagSheet) => Partial<TagSheet>) => {
  if (useTagStore.getState().sheet?.phase === 'editing') patch(update);
};
const mapRow = (id: string, change: (row: TagRow) => TagRow) => editing((s) => ({ rows: s.rows.map((r) => (r.id === id ? change(r) : r)) }));

export function setTagValue(id: string, value: string): void {
  mapRow(id, (r) => (r.kind === 'existing' ? { ...r, value, edited: true, remove: false } : { ...r, value }));
}

export function setTagKey(id: string, key: string): void {
  mapRow(id, (r) => (r.kind === 'new' ? { ...r, key } : r));
}

/** Marks an existing key for removal, or keeps it again. */
export function toggleTagRemoval(id: string): void {
  mapRow(id, (r) => (r.kind === 'existing' ? { ...r, remove: !r.remove } : r));
}

/** An existing key back to how it is now (kept, value untouched). */
export function resetTagRow(id: string): void {
  mapRow(id, (r) => (r.kind === 'existing' ? { ...r, value: r.summary.value ?? '', edited: false, remove: false } : r));
}

export function addTagRow(): string {
  const row = newRow();
  editing((s) => ({ rows: [...s.rows, row] }));
  return row.id;
}

export function dropTagRow(id: string): void {
  editing((s) => ({ rows: s.rows.filter((r) => r.id !== id || r.kind !== 'new') }));
}

export function setSnapshotsToo(on: boolean): void {
  editing(() => ({ snapshotsToo: on }));
}

export function setTagTyped(account: string, text: string): void {
  patch((s) => ({ typed: { ...s.typed, [account]: text } }));
}

/** Why Apply is disabled, or null. */
export function tagSheetBlock(sheet: TagSheet): string | null {
  if (rowProblems(sheet.rows).size > 0) return 'Fix the tags marked above.';
  const edit = editOf(sheet.rows);
  if (edit.set.length === 0 && edit.remove.length === 0) return 'Add, change or remove a tag first.';
  const problems = tagEditProblems(edit);
  if (problems.length > 0) return problems[0]!;
  if (sheet.targets.length > TAG_LIMITS.imagesPerChange) return `At most ${TAG_LIMITS.imagesPerChange} AMIs at a time; select fewer.`;
  if (productionTargets(sheet.targets.map((t) => t.ref)).some((c) => !phraseMatches(sheet.typed[c.account], c.name))) return 'Type the production account name to continue.';
  return null;
}

export async function applyTags(): Promise<void> {
  const sheet = useTagStore.getState().sheet;
  if (!sheet || sheet.phase !== 'editing' || tagSheetBlock(sheet) !== null) return;
  const edit = editOf(sheet.rows);
  const images = sheet.targets.map((t) => t.ref);
  const runId = `tags-${Date.now().toString(36)}-${++runs}`;
  patch({ phase: 'applying', error: null, progress: { done: 0, total: images.length } });
  const off = on('lifecycle:tagProgress', (p) => {
    if (p.runId === runId) patch({ progress: { done: p.done, total: p.total } });
  });
  try {
    const results = await invoke('lifecycle:tag', {
      images,
      set: edit.set,
      remove: edit.remove,
      snapshotsToo: sheet.snapshotsToo,
      confirmations: confirmationsOf(productionTargets(images)),
      runId,
    });
    if (!useTagStore.getState().sheet) return;
    patch({ phase: 'done', results, progress: { done: images.length, total: images.length } });
    refreshShownDetail(results);
  } catch (error) {
    if (!useTagStore.getState().sheet) return;
    patch({ phase: 'editing', error: toAppError(error), progress: null });
  } finally {
    off();
  }
}

/** The detail pane shows an AMI whose tags changed: read it again. */
function refreshShownDetail(results: readonly TagItemResult[]): void {
  const state = useAtlas.getState();
  if (!state.detailOpen || !state.selectedImageId) return;
  const account = state.detailContext?.account ?? state.accountId;
  const region = state.detailContext?.region ?? state.region;
  const shown = results.some((r) => r.tags !== null && r.ref.imageId === state.selectedImageId && r.ref.account === account && r.ref.region === region);
  if (shown) void state.loadDetail(true);
}

/** Opens the sheet again for the AMIs that failed, with the same rows. */
export function retryFailedTags(): void {
  const sheet = useTagStore.getState().sheet;
  if (!sheet?.results) return;
  const failed = new Set(sheet.results.filter((r) => r.outcome === 'failed').map((r) => `${r.ref.account}|${r.ref.region}|${r.ref.imageId}`));
  const targets = sheet.targets.filter((t) => failed.has(`${t.ref.account}|${t.ref.region}|${t.ref.imageId}`));
  if (targets.length === 0) return;
  patch({ targets, phase: 'editing', results: null, progress: null, error: null });
}
