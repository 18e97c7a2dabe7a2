/**
 * Which actions apply to an image, from what the list knows of it: who owns it, its state, its
 * deprecation time and (once the detail is read) its deregistration protection. The row menus,
 * the toolbar's Actions menu, the detail pane and the keys all ask here, so a menu never offers
 * what AWS would refuse and a key never does what the menu would not. Pure (the store is only read).
 *
 * What AWS allows (EC2 API reference and the emulator, which enforces the same):
 * - only the owner may write: tags, share, deprecate, protect, enable, disable, deregister;
 * - CopyImage, sharing (ModifyImageAttribute) and DisableImage need an `available` image;
 * - EnableImage needs a `disabled` one;
 * - DisableImageDeprecation means something only when a deprecation time is set;
 * - a `pending` image (a copy or a create under way) can be tagged and deregistered (which
 *   cancels it); a `failed` or `error` one can only be tagged and deregistered;
 * - a deregistered image takes nothing.
 */
import type { AmiSummary } from '../../shared/model';
import type { AtlasState } from '../store';

export type ImageAction = 'share' | 'copy' | 'edit-tags' | 'deprecate' | 'undeprecate' | 'protect' | 'unprotect' | 'enable' | 'disable' | 'deregister';

export interface ImageFacts {
  /** The image belongs to the account whose list it is in (the Owned view). */
  owned: boolean;
  state: string;
  deprecationTime: string | null;
  /** AWS's DeregistrationProtection once the detail has read it; undefined while unknown (list rows). */
  protection?: string | null;
}

/** In menu order: the everyday ones first, destructive ones last. */
export const IMAGE_ACTIONS: readonly ImageAction[] = ['share', 'copy', 'edit-tags', 'deprecate', 'undeprecate', 'protect', 'unprotect', 'enable', 'disable', 'deregister'];

const VERB: Record<ImageAction, string> = {
  share: 'share',
  copy: 'copy',
  'edit-tags': 'tag',
  deprecate: 'deprecate',
  undeprecate: 'cancel the deprecation of',
  protect: 'protect',
  unprotect: 'unprotect',
  enable: 'enable',
  disable: 'disable',
  deregister: 'deregister',
};

/** The states a lifecycle switch (deprecation, protection) can be set in. */
const SETTLED = new Set(['available', 'disabled']);

function stateWord(state: string): string {
  if (state === 'pending' || state === 'transient') return 'still being created';
  if (state === 'failed' || state === 'error' || state === 'invalid') return 'failed';
  return state;
}

/** Why the action does not apply to this image (a sentence to show), or null when it does. */
export function whyNot(action: ImageAction, facts: ImageFacts): string | null {
  const { owned, state } = facts;
  if (state === 'deregistered') return 'It is deregistered.';
  if (action === 'copy') return state === 'available' ? null : `Only an available image can be copied; this one is ${stateWord(state)}.`;
  if (!owned) return `Only the account that owns it can ${VERB[action]} it.`;
  switch (action) {
    case 'edit-tags':
    case 'deregister':
      return null;
    case 'share':
      return state === 'available' ? null : `Only an available image can be shared; this one is ${stateWord(state)}.`;
    case 'disable':
      return state === 'available' ? null : state === 'disabled' ? 'It is already disabled.' : `Only an available image can be disabled; this one is ${stateWord(state)}.`;
    case 'enable':
      return state === 'disabled' ? null : 'It is not disabled.';
    default:
      break;
  }
  if (!SETTLED.has(state)) return `It is ${stateWord(state)}.`;
  const protection = facts.protection;
  switch (action) {
    case 'undeprecate':
      return facts.deprecationTime ? null : 'It has no deprecation time.';
    case 'protect':
      return protection === 'enabled' || protection === 'enabled-with-cooldown' ? 'Deregistration protection is already on.' : null;
    case 'unprotect':
      return protection === undefined || protection?.startsWith('enabled') ? null : 'Deregistration protection is already off.';
    default:
      return null;
  }
}

export function applies(action: ImageAction, facts: ImageFacts): boolean {
  return whyNot(action, facts) === null;
}

/** The actions that apply to one image, in menu order. */
export function imageActionsFor(facts: ImageFacts): ImageAction[] {
  return IMAGE_ACTIONS.filter((action) => applies(action, facts));
}

/**
 * For several picked images: an action is offered when it applies to at least one of them (and
 * then acts on those only); when it applies to none, the reason of the first is the answer.
 */
export function selectionWhyNot(action: ImageAction, images: readonly ImageFacts[]): string | null {
  if (images.length === 0) return 'Nothing is selected.';
  if (images.some((facts) => applies(action, facts))) return null;
  const reason = whyNot(action, images[0]!) ?? '';
  return images.length === 1 ? reason : `It applies to none of the ${images.length} selected: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`;
}

export function actionsForSelection(images: readonly ImageFacts[]): ImageAction[] {
  return IMAGE_ACTIONS.filter((action) => selectionWhyNot(action, images) === null);
}

/** "Change deprecation…" when every image deprecate applies to has a deprecation time already. */
export function deprecateLabel(images: readonly ImageFacts[]): string {
  const targets = images.filter((facts) => applies('deprecate', facts));
  return targets.length > 0 && targets.every((facts) => facts.deprecationTime) ? 'Change deprecation…' : 'Deprecate…';
}

/** The facts of a list row; `owned` says which view it is in. */
export function factsOf(image: Pick<AmiSummary, 'state' | 'deprecationTime'>, owned: boolean, protection?: string | null): ImageFacts {
  return protection === undefined ? { owned, state: image.state, deprecationTime: image.deprecationTime } : { owned, state: image.state, deprecationTime: image.deprecationTime, protection };
}

/** The picked images of the shown list (or the focused one), and whether they are the account's own. */
export function pickedImages(state: AtlasState): { images: AmiSummary[]; owned: boolean } {
  const list = state.imagesFor;
  if (!list || state.mode !== 'accounts') return { images: [], owned: false };
  const picked = state.imageSelection.selected.size > 0 ? state.imageSelection.selected : new Set(state.selectedImageId ? [state.selectedImageId] : []);
  return { images: state.images.filter((i) => picked.has(i.imageId)), owned: list.view === 'owned' };
}

/** The facts of the picked images, for the menus and keys that act on them; the protection of the one whose detail is read. */
export function pickedFacts(state: AtlasState): ImageFacts[] {
  const { images, owned } = pickedImages(state);
  const detail = state.detail;
  return images.map((i) => factsOf(i, owned, detail && detail.imageId === i.imageId && !detail.stale ? detail.deregistrationProtection : undefined));
}
