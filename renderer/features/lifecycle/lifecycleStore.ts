/**
 * The lifecycle sheet's state: which images, which action and its options, what inspecting them
 * found (in use? shared? snapshots), the production names typed, and the per-image results.
 */
import { create } from 'zustand';
import type { AppError } from '../../../shared/errors';
import type { ImageUsage, LifecycleItemResult } from '../../../shared/lifecycle';
import type { ImageRef } from '../../../shared/sharing';
import { invoke, toAppError } from '../../api';
import { confirmationsOf, phraseMatches } from '../../lib/confirm';
import { ACTIONS, buildAction, localInputValue, type ActionOptions, type LifecycleKind } from '../../lib/lifecycle';
import { presetTime, type DeprecationPreset } from '../../lib/deprecationPresets';
import { useAtlas } from '../../store';

export type LifecyclePhase = 'inspecting' | 'ready' | 'applying' | 'done';

export interface LifecycleSheet {
  images: ImageRef[];
  names: Record<string, string>;
  kind: LifecycleKind;
  /** Deprecate: the time already set (the same on every image), so the sheet says it changes it. */
  currentDeprecation: string | null;
  options: ActionOptions;
  phase: LifecyclePhase;
  usage: ImageUsage[] | null;
  /** Inspect or apply failed as a whole. */
  error: AppError | null;
  typed: Record<string, string>;
  results: LifecycleItemResult[] | null;
}

export const useLifecycleStore = create<{ sheet: LifecycleSheet | null }>(() => ({ sheet: null }));

let ticket = 0;

const patch = (update: Partial<LifecycleSheet>) =>
  useLifecycleStore.setState((s) => (s.sheet ? { sheet: { ...s.sheet, ...update } } : {}));

/**
 * Opens the sheet. `currentDeprecation` (deprecate only) is the time the images already have:
 * the field starts at it when it is still ahead, else at the 30-day preset.
 */
export function openLifecycle(kind: LifecycleKind, images: ImageRef[], names: Record<string, string> = {}, now = Date.now(), currentDeprecation: string | null = null): void {
  if (images.length === 0) return;
  ticket++;
  const current = kind === 'deprecate' && currentDeprecation ? Date.parse(currentDeprecation) : NaN;
  const keep = Number.isFinite(current) && current > now;
  useLifecycleStore.setState({
    sheet: {
      images,
      names,
      kind,
      currentDeprecation: kind === 'deprecate' ? currentDeprecation : null,
      options: {
        deleteSnapshots: false,
        cooldown: false,
        deprecateAt: localInputValue(keep ? current : presetTime('in-30', now)),
        deprecatePreset: keep ? null : 'in-30',
      },
      phase: ACTIONS[kind].inspect ? 'inspecting' : 'ready',
      usage: null,
      error: null,
      typed: {},
      results: null,
    },
  });
  if (ACTIONS[kind].inspect) void inspectImages();
}

export function closeLifecycle(): void {
  ticket++;
  useLifecycleStore.setState({ sheet: null });
}

/** Reads whether the images are still in use, who they are shared with, and their snapshots. */
export async function inspectImages(): Promise<void> {
  const sheet = useLifecycleStore.getState().sheet;
  if (!sheet) return;
  const mine = ++ticket;
  patch({ phase: 'inspecting', error: null });
  try {
    const usage = await invoke('lifecycle:inspect', { images: sheet.images });
    if (mine !== ticket) return;
    patch({ phase: 'ready', usage });
  } catch (error) {
    if (mine !== ticket) return;
    patch({ phase: 'ready', usage: null, error: toAppError(error) });
  }
}

export function setLifecycleOptions(update: Partial<ActionOptions>): void {
  const sheet = useLifecycleStore.getState().sheet;
  if (sheet && sheet.phase === 'ready') patch({ options: { ...sheet.options, ...update } });
}

/** A deprecation preset fills the date field (still editable; editing it drops the preset). */
export function chooseDeprecationPreset(preset: DeprecationPreset, now = Date.now()): void {
  setLifecycleOptions({ deprecateAt: localInputValue(presetTime(preset, now)), deprecatePreset: preset });
}

export function setLifecycleTyped(account: string, text: string): void {
  const sheet = useLifecycleStore.getState().sheet;
  if (sheet) patch({ typed: { ...sheet.typed, [account]: text } });
}

/** Production accounts the images live in, by their names: each must be typed. */
export function productionTargets(images: readonly ImageRef[]): Array<{ account: string; name: string }> {
  const workspace = useAtlas.getState().workspace;
  const ids = new Set(images.map((i) => i.account));
  return (workspace?.accounts ?? []).filter((a) => a.production && ids.has(a.id)).map((a) => ({ account: a.id, name: a.name }));
}

/** Why the confirm button is disabled, or null. */
export function lifecycleBlock(sheet: LifecycleSheet, now = Date.now()): string | null {
  if (sheet.phase === 'inspecting') return 'Checking the images…';
  if (ACTIONS[sheet.kind].inspect && !sheet.usage) return 'The images could not be checked; retry above.';
  const built = buildAction(sheet.kind, sheet.options, now);
  if ('problem' in built) return built.problem;
  if (productionTargets(sheet.images).some((c) => !phraseMatches(sheet.typed[c.account], c.name))) return 'Type the production account name to continue.';
  return null;
}

export async function applyLifecycle(now = Date.now()): Promise<void> {
  const sheet = useLifecycleStore.getState().sheet;
  if (!sheet || sheet.phase !== 'ready' || lifecycleBlock(sheet, now) !== null) return;
  const built = buildAction(sheet.kind, sheet.options, now);
  if ('problem' in built) return;
  const confirmations = confirmationsOf(productionTargets(sheet.images));
  patch({ phase: 'applying', error: null });
  try {
    const results = await invoke('lifecycle:apply', { images: sheet.images, action: built.action, confirmations });
    if (!useLifecycleStore.getState().sheet) return;
    patch({ phase: 'done', results });
  } catch (error) {
    if (!useLifecycleStore.getState().sheet) return;
    patch({ phase: 'ready', error: toAppError(error) });
  }
}
