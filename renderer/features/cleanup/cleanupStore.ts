/**
 * The Clean-up place's state: the rules as typed, the plan they give, saved plans, the usage
 * check a "not in use" plan depends on, the apply sheet (Recycle Bin coverage, typed production
 * names, progress, per-AMI results), the Recycle Bin and orphaned snapshots.
 */
import { create } from 'zustand';
import type { CleanupItemResult, OrphanSnapshot, RecycleBinCoverage, RecycleBinImage, SnapshotDeleteResult } from '../../../shared/cleanup';
import type { AppError } from '../../../shared/errors';
import type { PlanCandidate, RetentionPlan, SavedPlan } from '../../../shared/retention';
import { invoke, on, toAppError } from '../../api';
import { confirmationsOf, productionNamed } from '../../lib/confirm';
import { useAtlas } from '../../store';
import { DEFAULT_DRAFT, draftOf, rulesOf, type RulesDraft } from './rulesDraft';
import { placesOf, placeKey, type Place } from './places';

export type CleanupTab = 'plan' | 'bin' | 'orphans';
type Status = 'idle' | 'loading' | 'ready' | 'error';

export interface UsageCheck {
  running: boolean;
  done: number;
  total: number;
  error: AppError | null;
  /** AMIs the last checks answered for, and when the newest one was made. */
  stored: number;
  lastAt: string | null;
}

export interface Progress {
  done: number;
  total: number;
}

export interface ApplySheet {
  candidates: PlanCandidate[];
  phase: 'checking' | 'ready' | 'applying' | 'done';
  coverage: RecycleBinCoverage[];
  coverageError: AppError | null;
  /** Per place key: the rule being made, its result or error. */
  rules: Record<string, { days: number; snapshotsToo: boolean; busy: boolean; error: AppError | null }>;
  typed: Record<string, string>;
  progress: Progress | null;
  results: CleanupItemResult[] | null;
  error: AppError | null;
}

export interface SnapshotSheet {
  snapshots: OrphanSnapshot[];
  phase: 'ready' | 'deleting' | 'done';
  typed: Record<string, string>;
  progress: Progress | null;
  results: SnapshotDeleteResult[] | null;
  error: AppError | null;
}

export interface RestoreSheet {
  image: RecycleBinImage;
  phase: 'ready' | 'restoring' | 'done';
  typed: Record<string, string>;
  message: string | null;
  error: AppError | null;
}

export interface CleanupState {
  tab: CleanupTab;
  draft: RulesDraft;
  plan: RetentionPlan | null;
  planStatus: Status;
  planError: AppError | null;
  saved: SavedPlan[];
  savedError: AppError | null;
  /** The saved plan the rules came from (overwritten by "Save" unless saved as new). */
  savedId: string | null;
  exportNote: string | null;
  usage: UsageCheck;
  apply: ApplySheet | null;
  bin: { status: Status; coverage: RecycleBinCoverage[]; images: RecycleBinImage[]; error: AppError | null; places: number };
  restore: RestoreSheet | null;
  orphans: { status: Status; list: OrphanSnapshot[]; error: AppError | null; selected: ReadonlySet<string>; /** Places that could not be read (the list is the rest). */ unread: AppError[] };
  snapshotSheet: SnapshotSheet | null;
}

const NO_USAGE: UsageCheck = { running: false, done: 0, total: 0, error: null, stored: 0, lastAt: null };

export const useCleanupStore = create<CleanupState>(() => ({
  tab: 'plan',
  draft: DEFAULT_DRAFT,
  plan: null,
  planStatus: 'idle',
  planError: null,
  saved: [],
  savedError: null,
  savedId: null,
  exportNote: null,
  usage: NO_USAGE,
  apply: null,
  bin: { status: 'idle', coverage: [], images: [], error: null, places: 0 },
  restore: null,
  orphans: { status: 'idle', list: [], error: null, selected: new Set(), unread: [] },
  snapshotSheet: null,
}));

const set = useCleanupStore.setState;
const get = useCleanupStore.getState;

/** Each async answer checks its ticket, so an older answer never overwrites a newer question. */
let planTicket = 0;
let binTicket = 0;
let orphanTicket = 0;

/** The scope each list was last read for: opening its tab reads it again when the scope changed since. */
const readFor: { bin: string | null; orphans: string | null } = { bin: null, orphans: null };

function scopeKey(): string {
  const parsed = rulesOf(get().draft);
  return parsed.ok ? JSON.stringify(parsed.rules.scope) : '';
}

export function setTab(tab: CleanupTab): void {
  set({ tab });
  if (tab === 'bin' && (get().bin.status === 'idle' || readFor.bin !== scopeKey())) void loadRecycleBin();
  if (tab === 'orphans' && (get().orphans.status === 'idle' || readFor.orphans !== scopeKey())) void loadOrphans();
}

export function setDraft(update: Partial<RulesDraft>): void {
  set((s) => ({ draft: { ...s.draft, ...update } }));
}

export function resetDraft(): void {
  set({ draft: DEFAULT_DRAFT, savedId: null });
}

/** Computes the plan for the rules as typed (nothing is asked of AWS). */
export async function runPlan(): Promise<void> {
  const parsed = rulesOf(get().draft);
  if (!parsed.ok) return;
  const ticket = ++planTicket;
  set({ planStatus: 'loading', planError: null, exportNote: null });
  try {
    const plan = await invoke('retention:plan', { rules: parsed.rules });
    if (ticket === planTicket) set({ plan, planStatus: 'ready' });
  } catch (error) {
    if (ticket === planTicket) set({ planStatus: 'error', planError: toAppError(error) });
  }
}

export async function loadSaved(): Promise<void> {
  try {
    set({ saved: await invoke('retention:saved', {}), savedError: null });
  } catch (error) {
    set({ savedError: toAppError(error) });
  }
}

export function openSaved(plan: SavedPlan): void {
  set({ draft: draftOf(plan.rules), savedId: plan.id });
  void runPlan();
}

/** Saves the rules as typed: over the saved plan they came from, or as a new one. */
export async function savePlan(name: string, overwrite: boolean): Promise<boolean> {
  const parsed = rulesOf(get().draft);
  if (!parsed.ok) return false;
  const id = overwrite ? get().savedId : null;
  try {
    const saved = await invoke('retention:save', { name, rules: parsed.rules, ...(id ? { id } : {}) });
    set({ savedId: saved.id, savedError: null });
    await loadSaved();
    return true;
  } catch (error) {
    set({ savedError: toAppError(error) });
    return false;
  }
}

export async function deleteSaved(id: string): Promise<void> {
  try {
    const saved = await invoke('retention:delete', { id });
    set((s) => ({ saved, savedError: null, savedId: s.savedId === id ? null : s.savedId }));
  } catch (error) {
    set({ savedError: toAppError(error) });
  }
}

export async function exportPlan(): Promise<void> {
  const parsed = rulesOf(get().draft);
  if (!parsed.ok) return;
  try {
    const { path, rows } = await invoke('retention:export', { rules: parsed.rules });
    set({ exportNote: path ? `Wrote ${rows.toLocaleString('en-US')} ${rows === 1 ? 'AMI' : 'AMIs'} to ${path}` : null, planError: null });
  } catch (error) {
    set({ planError: toAppError(error) });
  }
}

/** What the last usage checks answered (no AWS call). */
export async function loadUsageStored(): Promise<void> {
  try {
    const stored = await invoke('usage:stored', {});
    const lastAt = stored.reduce<string | null>((latest, u) => (latest === null || u.analyzedAt > latest ? u.analyzedAt : latest), null);
    set((s) => ({ usage: { ...s.usage, stored: stored.length, lastAt } }));
  } catch {
    // The check's own button still works; the "last checked" line is a nicety.
  }
}

/** Reads where the AMIs in scope are used, then computes the plan again with the answers. */
export async function checkUsage(): Promise<void> {
  if (get().usage.running) return;
  const parsed = rulesOf(get().draft);
  const scope = parsed.ok ? parsed.rules.scope : null;
  const accounts = scope ? accountsInScope(scope.clients, scope.accounts) : [];
  set((s) => ({ usage: { ...s.usage, running: true, done: 0, total: 0, error: null } }));
  const off = on('usage:progress', ({ done, total }) => set((s) => ({ usage: { ...s.usage, done, total } })));
  try {
    await invoke('usage:analyze', {
      ...(accounts.length > 0 ? { accounts } : {}),
      ...(scope && scope.regions.length > 0 ? { regions: scope.regions } : {}),
    });
    set((s) => ({ usage: { ...s.usage, running: false } }));
    await loadUsageStored();
    await runPlan();
  } catch (error) {
    set((s) => ({ usage: { ...s.usage, running: false, error: toAppError(error) } }));
  } finally {
    off();
  }
}

/** The account entries the scope names: its accounts and every account of its clients; none means all. */
export function accountsInScope(clients: readonly string[], accounts: readonly string[]): string[] {
  if (clients.length === 0 && accounts.length === 0) return [];
  const workspace = useAtlas.getState().workspace;
  const out = new Set(accounts);
  for (const a of workspace?.accounts ?? []) if (clients.includes(a.clientId)) out.add(a.id);
  return [...out];
}

/* ---------------------------------------------------------------- apply */

export function openApply(candidates: PlanCandidate[]): void {
  if (candidates.length === 0) return;
  set({ apply: { candidates, phase: 'checking', coverage: [], coverageError: null, rules: {}, typed: {}, progress: null, results: null, error: null } });
  void checkCoverage();
}

export function closeApply(): void {
  const sheet = get().apply;
  if (sheet?.phase === 'applying') return;
  set({ apply: null });
}

const patchApply = (update: Partial<ApplySheet> | ((sheet: ApplySheet) => Partial<ApplySheet>)) =>
  set((s) => (s.apply ? { apply: { ...s.apply, ...(typeof update === 'function' ? update(s.apply) : update) } } : {}));

/** Whether each place of the sheet keeps deregistered AMIs (and snapshots) in its Recycle Bin. */
export async function checkCoverage(): Promise<void> {
  const sheet = get().apply;
  if (!sheet) return;
  patchApply({ phase: 'checking', coverageError: null });
  const places = placesOf(sheet.candidates);
  try {
    const { coverage } = await invoke('cleanup:recycleBin', { places: places.map(({ account, region }) => ({ account, region })) });
    patchApply({ coverage, phase: 'ready' });
  } catch (error) {
    patchApply({ coverageError: toAppError(error), phase: 'ready' });
  }
}

export function setRuleDraft(place: Place, update: Partial<{ days: number; snapshotsToo: boolean }>): void {
  patchApply((sheet) => {
    const key = placeKey(place);
    const current = sheet.rules[key] ?? { days: 7, snapshotsToo: true, busy: false, error: null };
    return { rules: { ...sheet.rules, [key]: { ...current, ...update } } };
  });
}

/** Creates a Recycle Bin rule for AMIs (and snapshots) in one place before applying. */
export async function createRule(place: Place, confirmations: Record<string, string>): Promise<void> {
  const key = placeKey(place);
  const draft = get().apply?.rules[key] ?? { days: 7, snapshotsToo: true, busy: false, error: null };
  patchApply((sheet) => ({ rules: { ...sheet.rules, [key]: { ...draft, busy: true, error: null } } }));
  try {
    const made = await invoke('cleanup:createRule', { account: place.account, region: place.region, retentionDays: draft.days, snapshotsToo: draft.snapshotsToo, confirmations });
    patchApply((sheet) => ({
      coverage: [...sheet.coverage.filter((c) => placeKey(c) !== key), made],
      rules: { ...sheet.rules, [key]: { ...draft, busy: false, error: null } },
    }));
  } catch (error) {
    patchApply((sheet) => ({ rules: { ...sheet.rules, [key]: { ...draft, busy: false, error: toAppError(error) } } }));
  }
}

export function setApplyTyped(account: string, text: string): void {
  patchApply((sheet) => ({ typed: { ...sheet.typed, [account]: text } }));
}

/** Production accounts of the candidates, once each, by name. */
export function productionOf(accounts: readonly string[]) {
  const workspace = useAtlas.getState().workspace;
  const wanted = new Set(accounts);
  return productionNamed((workspace?.accounts ?? []).filter((a) => wanted.has(a.id)));
}

export async function applyPlan(): Promise<void> {
  const sheet = get().apply;
  if (!sheet || sheet.phase === 'applying') return;
  const runId = crypto.randomUUID();
  const confirmations = confirmationsOf(productionOf(sheet.candidates.map((c) => c.account)), sheet.typed);
  patchApply({ phase: 'applying', progress: { done: 0, total: sheet.candidates.length }, error: null });
  const off = on('cleanup:progress', (p) => {
    if (p.runId === runId) patchApply({ progress: { done: p.done, total: p.total } });
  });
  try {
    const results = await invoke('cleanup:apply', {
      images: sheet.candidates.map((c) => ({ account: c.account, region: c.region, imageId: c.imageId })),
      confirmations,
      runId,
    });
    for (const c of sheet.candidates) touched.set(placeKey(c), { account: c.account, region: c.region });
    patchApply({ phase: 'done', results });
    void runPlan();
    set((s) => ({ bin: { ...s.bin, status: 'idle' } }));
  } catch (error) {
    patchApply({ phase: 'ready', error: toAppError(error), progress: null });
  } finally {
    off();
  }
}

/* ---------------------------------------------------------------- Recycle Bin */

/** Places a clean-up of this session deregistered in: their bins are read even once the inventory holds nothing there. */
const touched = new Map<string, Place>();

/**
 * The places the rules' scope covers: where the inventory found owned AMIs, every scanned region
 * the scope names, and where this session cleaned up (what it deregistered is in that bin).
 */
export async function scopePlaces(): Promise<Place[]> {
  const parsed = rulesOf(get().draft);
  const scope = parsed.ok ? parsed.rules.scope : { clients: [], accounts: [], regions: [] };
  const accounts = accountsInScope(scope.clients, scope.accounts);
  const summary = await invoke('inventory:summary', {});
  const inScope = (p: Place) => (accounts.length === 0 || accounts.includes(p.account)) && (scope.regions.length === 0 || scope.regions.includes(p.region));
  const out = new Map<string, Place>();
  for (const t of summary.targets) {
    if (t.view !== 'owned' || !inScope(t)) continue;
    if (t.count > 0 || scope.regions.length > 0) out.set(placeKey(t), { account: t.account, region: t.region });
  }
  for (const [key, place] of touched) if (inScope(place)) out.set(key, place);
  return [...out.values()].slice(0, 2000);
}

export async function loadRecycleBin(): Promise<void> {
  const ticket = ++binTicket;
  readFor.bin = scopeKey();
  set((s) => ({ bin: { ...s.bin, status: 'loading', error: null } }));
  try {
    const places = await scopePlaces();
    if (places.length === 0) {
      if (ticket === binTicket) set({ bin: { status: 'ready', coverage: [], images: [], error: null, places: 0 } });
      return;
    }
    const { coverage, images } = await invoke('cleanup:recycleBin', { places });
    if (ticket === binTicket) set({ bin: { status: 'ready', coverage, images, error: null, places: places.length } });
  } catch (error) {
    if (ticket === binTicket) set((s) => ({ bin: { ...s.bin, status: 'error', error: toAppError(error) } }));
  }
}

export function openRestore(image: RecycleBinImage): void {
  set({ restore: { image, phase: 'ready', typed: {}, message: null, error: null } });
}

export function closeRestore(): void {
  if (get().restore?.phase === 'restoring') return;
  set({ restore: null });
}

export function setRestoreTyped(account: string, text: string): void {
  set((s) => (s.restore ? { restore: { ...s.restore, typed: { ...s.restore.typed, [account]: text } } } : {}));
}

export async function restoreImage(): Promise<void> {
  const sheet = get().restore;
  if (!sheet || sheet.phase !== 'ready') return;
  const { image } = sheet;
  set({ restore: { ...sheet, phase: 'restoring', error: null } });
  try {
    const { message } = await invoke('cleanup:restore', {
      account: image.account,
      region: image.region,
      imageId: image.imageId,
      confirmations: confirmationsOf(productionOf([image.account]), sheet.typed),
    });
    set((s) => (s.restore ? { restore: { ...s.restore, phase: 'done', message } } : {}));
    void loadRecycleBin();
  } catch (error) {
    set((s) => (s.restore ? { restore: { ...s.restore, phase: 'ready', error: toAppError(error) } } : {}));
  }
}

/* ---------------------------------------------------------------- orphaned snapshots */

export const snapshotKey = (s: Pick<OrphanSnapshot, 'account' | 'region' | 'snapshotId'>) => `${s.account}|${s.region}|${s.snapshotId}`;

export async function loadOrphans(): Promise<void> {
  const ticket = ++orphanTicket;
  readFor.orphans = scopeKey();
  const parsed = rulesOf(get().draft);
  const scope = parsed.ok ? parsed.rules.scope : { clients: [], accounts: [], regions: [] };
  const accounts = accountsInScope(scope.clients, scope.accounts);
  set((s) => ({ orphans: { ...s.orphans, status: 'loading', error: null } }));
  try {
    const { snapshots: list, unread } = await invoke('cleanup:orphans', { ...(accounts.length > 0 ? { accounts } : {}), ...(scope.regions.length > 0 ? { regions: scope.regions } : {}) });
    if (ticket !== orphanTicket) return;
    const keys = new Set(list.map(snapshotKey));
    set((s) => ({ orphans: { status: 'ready', list, error: null, selected: new Set([...s.orphans.selected].filter((k) => keys.has(k))), unread: unread.map(toAppError) } }));
  } catch (error) {
    if (ticket === orphanTicket) set((s) => ({ orphans: { ...s.orphans, status: 'error', error: toAppError(error) } }));
  }
}

export function setOrphansSelected(selected: ReadonlySet<string>): void {
  set((s) => ({ orphans: { ...s.orphans, selected } }));
}

export function openSnapshotDelete(): void {
  const { list, selected } = get().orphans;
  const snapshots = list.filter((s) => selected.has(snapshotKey(s)));
  if (snapshots.length === 0) return;
  set({ snapshotSheet: { snapshots, phase: 'ready', typed: {}, progress: null, results: null, error: null } });
}

export function closeSnapshotDelete(): void {
  if (get().snapshotSheet?.phase === 'deleting') return;
  set({ snapshotSheet: null });
}

export function setSnapshotTyped(account: string, text: string): void {
  set((s) => (s.snapshotSheet ? { snapshotSheet: { ...s.snapshotSheet, typed: { ...s.snapshotSheet.typed, [account]: text } } } : {}));
}

const patchSnapshots = (update: Partial<SnapshotSheet>) => set((s) => (s.snapshotSheet ? { snapshotSheet: { ...s.snapshotSheet, ...update } } : {}));

export async function deleteSnapshots(): Promise<void> {
  const sheet = get().snapshotSheet;
  if (!sheet || sheet.phase !== 'ready') return;
  const runId = crypto.randomUUID();
  patchSnapshots({ phase: 'deleting', progress: { done: 0, total: sheet.snapshots.length }, error: null });
  const off = on('cleanup:progress', (p) => {
    if (p.runId === runId) patchSnapshots({ progress: { done: p.done, total: p.total } });
  });
  try {
    const results = await invoke('cleanup:deleteSnapshots', {
      snapshots: sheet.snapshots.map(({ account, region, snapshotId }) => ({ account, region, snapshotId })),
      confirmations: confirmationsOf(productionOf(sheet.snapshots.map((s) => s.account)), sheet.typed),
      runId,
    });
    patchSnapshots({ phase: 'done', results });
    set((s) => ({ orphans: { ...s.orphans, selected: new Set() } }));
    void loadOrphans();
  } catch (error) {
    patchSnapshots({ phase: 'ready', error: toAppError(error), progress: null });
  } finally {
    off();
  }
}
