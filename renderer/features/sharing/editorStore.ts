/**
 * The permissions editor's state, per image. It lives outside the component because applying a
 * change reloads the detail, which remounts the editor: the results must outlive that.
 */
import { create } from 'zustand';
import type { AppError } from '../../../shared/errors';
import { parseEntity, type ImageRef, type ShareEntity } from '../../../shared/sharing';
import { invoke, toAppError } from '../../api';
import { describeEntity, isPublic, ownerRecipientNote, sameEntity } from '../../lib/sharing';
import { findAccount } from '../../lib/workspace';
import { runReset, runShareChange, type FlowContext, type FlowOutcome } from './shareFlow';

export type EditorDirection = 'add' | 'remove' | 'reset';

export interface EditorState {
  /** What is running ("Sharing…"), null when idle. */
  busy: string | null;
  outcome: FlowOutcome | null;
  direction: EditorDirection;
  error: AppError | null;
  /** "Make public" found the region's block public access on: explained instead of offered. */
  publicBlocked: boolean;
}

export const IDLE: EditorState = { busy: null, outcome: null, direction: 'add', error: null, publicBlocked: false };

export const useEditorStore = create<{ byImage: Record<string, EditorState> }>(() => ({ byImage: {} }));

export function imageKey(ref: ImageRef): string {
  return `${ref.account}|${ref.region}|${ref.imageId}`;
}

export function editorState(ref: ImageRef): EditorState {
  return useEditorStore.getState().byImage[imageKey(ref)] ?? IDLE;
}

function put(ref: ImageRef, update: Partial<EditorState>) {
  const key = imageKey(ref);
  useEditorStore.setState((s) => ({ byImage: { ...s.byImage, [key]: { ...(s.byImage[key] ?? IDLE), ...update } } }));
}

export function dismissOutcome(ref: ImageRef) {
  put(ref, { outcome: null, error: null, publicBlocked: false });
}

export interface EditorContext extends FlowContext {
  imageName: string;
  /** Launch permissions now (from the detail). */
  current: readonly ShareEntity[];
  snapshots: boolean;
  /** Called after anything was applied, to reload what is shown. */
  onChanged?(): void;
}

async function run(ref: ImageRef, busy: string, direction: EditorDirection, ctx: EditorContext, work: () => Promise<FlowOutcome>) {
  if (editorState(ref).busy) return; // one change at a time per image
  put(ref, { busy, direction, outcome: null, error: null, publicBlocked: false });
  try {
    const outcome = await work();
    put(ref, { busy: null, outcome: outcome.status === 'cancelled' ? null : outcome });
    if (outcome.status === 'applied') ctx.onChanged?.();
  } catch (error) {
    put(ref, { busy: null, error: toAppError(error) });
  }
}

/**
 * Adds what the user typed. Returns the validation message (nothing is sent) or null.
 * "public"/"all" is routed to making the image public, with its own checks.
 */
export async function addTyped(ref: ImageRef, text: string, ctx: EditorContext): Promise<string | null> {
  const parsed = parseEntity(text);
  if ('error' in parsed) return parsed.error;
  if (parsed.kind === 'public') {
    await makePublic(ref, ctx);
    return null;
  }
  // The editor is for images we own: the entry's account is the owner, never a recipient.
  const owner = ownerRecipientNote(parsed, findAccount(ctx.workspace, ref.account));
  if (owner) return owner;
  if (ctx.current.some((e) => sameEntity(e, parsed))) return `Already shared with ${describeEntity(parsed, ctx.names)}.`;
  await run(ref, 'Sharing…', 'add', ctx, () =>
    runShareChange(
      { images: [ref], add: [parsed], remove: [], snapshots: ctx.snapshots },
      { title: `Share ${ctx.imageName || ref.imageId} with ${describeEntity(parsed, ctx.names)}`, confirmLabel: 'Share' },
      ctx,
    ),
  );
  return null;
}

export function removeEntry(ref: ImageRef, entity: ShareEntity, ctx: EditorContext): Promise<void> {
  const name = ctx.imageName || ref.imageId;
  const wording =
    entity.kind === 'public'
      ? { title: `Make ${name} private`, confirmLabel: 'Make private', tone: 'danger' as const }
      : { title: `Stop sharing ${name} with ${describeEntity(entity, ctx.names)}`, confirmLabel: 'Stop sharing', tone: 'danger' as const };
  return run(ref, entity.kind === 'public' ? 'Making private…' : 'Removing…', 'remove', ctx, () =>
    runShareChange({ images: [ref], add: [], remove: [entity], snapshots: ctx.snapshots }, wording, ctx),
  );
}

/** Checks block public access first: when the region blocks it, the editor explains instead. */
export async function makePublic(ref: ImageRef, ctx: EditorContext): Promise<void> {
  if (editorState(ref).busy) return;
  if (isPublic(ctx.current)) {
    put(ref, { outcome: null, error: null, publicBlocked: false });
    return;
  }
  put(ref, { busy: 'Checking block public access…', direction: 'add', outcome: null, error: null, publicBlocked: false });
  try {
    const access = await invoke('sharing:blockPublicAccess', { account: ref.account, region: ref.region });
    if (access.state === 'block-new-sharing') {
      put(ref, { busy: null, publicBlocked: true });
      return;
    }
    put(ref, { busy: null });
  } catch (error) {
    put(ref, { busy: null, error: toAppError(error) });
    return;
  }
  // Snapshots are never made public with the image: anyone could then read the disks.
  await run(ref, 'Making public…', 'add', ctx, () =>
    runShareChange(
      { images: [ref], add: [{ kind: 'public' }], remove: [], snapshots: false },
      { title: `Make ${ctx.imageName || ref.imageId} public`, confirmLabel: 'Make public', tone: 'danger' },
      ctx,
    ),
  );
}

export function makePrivate(ref: ImageRef, ctx: EditorContext): Promise<void> {
  return removeEntry(ref, { kind: 'public' }, ctx);
}

export function resetPermissions(ref: ImageRef, ctx: EditorContext): Promise<void> {
  return run(ref, 'Resetting…', 'reset', ctx, () => runReset(ref, [...ctx.current], ctx.snapshots, ctx));
}
