/** The actions on selected images (copy, lifecycle), as menu items for the row menu and the toolbar. */
import type { ImageRef } from '../../../shared/sharing';
import type { LifecycleKind } from '../../lib/lifecycle';
import type { AtlasState } from '../../store';
import { openCopyFor } from '../../lib/copySelection';
import type { RowMenuItem } from '../../components/RowMenu';
import { shiftShortcutLabel } from '../../lib/keyboard';
import { openLifecycle } from './lifecycleStore';
import { openTagSheet } from './tagStore';

/** The picked owned images of the shown list (or the focused one), with their names. */
export function ownedSelection(state: AtlasState): { images: ImageRef[]; names: Record<string, string> } | null {
  const list = state.imagesFor;
  if (!list || list.view !== 'owned' || state.mode !== 'accounts') return null;
  const picked = state.imageSelection.selected.size > 0 ? state.imageSelection.selected : new Set(state.selectedImageId ? [state.selectedImageId] : []);
  const images = state.images.filter((i) => picked.has(i.imageId));
  if (images.length === 0) return null;
  return {
    images: images.map((i) => ({ account: list.account, region: list.region, imageId: i.imageId })),
    names: Object.fromEntries(images.map((i) => [i.imageId, i.name || i.imageId])),
  };
}

/** Opens the tag sheet for the picked owned images (or the focused one). */
export function openTagsFor(state: AtlasState): boolean {
  const selection = ownedSelection(state);
  if (!selection) return false;
  const byId = new Map(state.images.map((i) => [i.imageId, i]));
  return openTagSheet(selection.images.map((ref) => ({ ref, name: selection.names[ref.imageId] ?? ref.imageId, tags: byId.get(ref.imageId)?.tags ?? [] })));
}

export function openLifecycleFor(state: AtlasState, kind: LifecycleKind): boolean {
  const selection = ownedSelection(state);
  if (!selection) return false;
  openLifecycle(kind, selection.images, selection.names);
  return true;
}

/** Lifecycle actions in menu order; destructive ones last. */
const MENU_KINDS: readonly LifecycleKind[] = ['deprecate', 'undeprecate', 'protect', 'unprotect', 'enable', 'disable', 'deregister'];

const MENU_LABEL: Record<LifecycleKind, string> = {
  deprecate: 'Deprecate…',
  undeprecate: 'Cancel deprecation…',
  protect: 'Deregistration protection on…',
  unprotect: 'Deregistration protection off…',
  enable: 'Enable…',
  disable: 'Disable…',
  deregister: 'Deregister…',
};

export function lifecycleMenuItems(get: () => AtlasState): RowMenuItem[] {
  const count = get().imageSelection.selected.size;
  const tags: RowMenuItem = { id: 'edit-tags', label: count > 1 ? `Edit tags of ${count} AMIs…` : 'Edit tags…', icon: 'tag', onSelect: () => void openTagsFor(get()) };
  return [tags, ...MENU_KINDS.map((kind) => ({
    id: `lifecycle-${kind}`,
    label: MENU_LABEL[kind],
    ...(kind === 'deregister' ? { icon: 'trash' as const, shortcut: 'Delete' } : kind === 'deprecate' ? { icon: 'clock' as const } : {}),
    onSelect: () => void openLifecycleFor(get(), kind),
  }))];
}

export function copyMenuItem(get: () => AtlasState, count: number, shared: boolean): RowMenuItem {
  return {
    id: 'copy-ami',
    label: shared ? 'Copy into this account…' : count > 1 ? `Copy ${count} AMIs to regions…` : 'Copy to regions…',
    icon: 'copy',
    shortcut: shiftShortcutLabel('C'),
    onSelect: () => void openCopyFor(get()),
  };
}

/** Every item the owned rows' menu gains: copy, then the lifecycle actions. */
export function imageActionMenuItems(get: () => AtlasState): RowMenuItem[] {
  const count = Math.max(1, get().imageSelection.selected.size);
  return [copyMenuItem(get, count, false), ...lifecycleMenuItems(get)];
}

