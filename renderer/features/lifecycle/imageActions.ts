/** The actions on selected images (copy, lifecycle), as menu items for the row menu and the toolbar. */
import type { ImageRef } from '../../../shared/sharing';
import { actionsForSelection, applies, deprecateLabel, factsOf, pickedFacts, pickedImages, selectionWhyNot, type ImageFacts } from '../../lib/imageActionsFor';
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
  const { images, owned } = pickedImages(state);
  if (!list || !owned || images.length === 0) return null;
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
  const refs = selection.images.filter((ref) => { const i = byId.get(ref.imageId); return !!i && applies('edit-tags', factsOf(i, true)); });
  return openTagSheet(refs.map((ref) => ({ ref, name: selection.names[ref.imageId] ?? ref.imageId, tags: byId.get(ref.imageId)?.tags ?? [] })));
}

/**
 * Opens the lifecycle sheet for the picked images the action applies to (the others are left
 * out); null when it opened, else why it does not apply, for the key that asked.
 */
export function openLifecycleFor(state: AtlasState, kind: LifecycleKind): string | null {
  const { images, owned } = pickedImages(state);
  const reason = selectionWhyNot(kind, images.map((i) => factsOf(i, owned)));
  const selection = ownedSelection(state);
  if (reason !== null || !selection) return reason ?? 'Nothing is selected.';
  const targets = images.filter((i) => applies(kind, factsOf(i, owned)));
  const ids = new Set(targets.map((i) => i.imageId));
  const times = new Set(targets.map((i) => i.deprecationTime));
  const current = times.size === 1 ? ([...times][0] ?? null) : null;
  openLifecycle(kind, selection.images.filter((ref) => ids.has(ref.imageId)), selection.names, Date.now(), kind === 'deprecate' ? current : null);
  return null;
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

/** The menu label of a lifecycle action for these images ("Change deprecation…" when one is set). */
export function lifecycleLabel(kind: LifecycleKind, facts: readonly ImageFacts[]): string {
  return kind === 'deprecate' ? deprecateLabel(facts) : MENU_LABEL[kind];
}

/** Tags and the lifecycle actions that apply to the picked images, in menu order. */
export function lifecycleMenuItems(get: () => AtlasState): RowMenuItem[] {
  const count = get().imageSelection.selected.size;
  const facts = pickedFacts(get());
  const offered = new Set(actionsForSelection(facts));
  const items: RowMenuItem[] = [];
  if (offered.has('edit-tags')) items.push({ id: 'edit-tags', label: count > 1 ? `Edit tags of ${count} AMIs…` : 'Edit tags…', icon: 'tag', onSelect: () => void openTagsFor(get()) });
  for (const kind of MENU_KINDS) {
    if (!offered.has(kind)) continue;
    items.push({
      id: `lifecycle-${kind}`,
      label: lifecycleLabel(kind, facts),
      ...(kind === 'deregister' ? { icon: 'trash' as const, shortcut: 'Delete' } : kind === 'deprecate' ? { icon: 'clock' as const } : {}),
      onSelect: () => void openLifecycleFor(get(), kind),
    });
  }
  return items;
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
  const copy = selectionWhyNot('copy', pickedFacts(get())) === null ? [copyMenuItem(get, count, false)] : [];
  return [...copy, ...lifecycleMenuItems(get)];
}

