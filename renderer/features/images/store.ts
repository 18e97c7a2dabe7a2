import type { StateCreator } from 'zustand';
import { AppError } from '../../../shared/errors';
import { regionLabel } from '../../../shared/region-names';
import { invoke, toAppError } from '../../api';
import { EMPTY_SELECTION, keyMove, pick, retain, selectAll } from '../../lib/multiSelect';
import { savePrefs } from '../../lib/prefs';
import { DEFAULT_SORT } from '../../lib/sort';
import { findAccount } from '../../lib/workspace';
import type { AtlasState, ImagesSlice, ListKey, RevealRequest } from '../../store/types';

export function sameListKey(a: ListKey | null, b: ListKey | null): boolean {
  return !!a && !!b && a.account === b.account && a.region === b.region && a.view === b.view;
}

const VIEW_LABEL = { owned: 'Owned', shared: 'Shared with me' } as const;

/** What the banner says when the list the inventory pointed to does not have the AMI (any more). */
export function notListedError(reveal: RevealRequest, accountName: string | null): AppError {
  const what = reveal.name ? `${reveal.name} (${reveal.imageId})` : reveal.imageId;
  const where = `the ${VIEW_LABEL[reveal.view]} list of ${accountName ?? 'this account'} in ${regionLabel(reveal.region)}`;
  const message =
    reveal.from === 'new-image'
      ? `${what} is not in ${where} yet. AWS can take a moment to list a new image; refresh the list shortly.`
      : `${what} is not in ${where} now. The inventory still lists it from its last scan; it may have been deregistered or unshared since. Scan to bring the inventory up to date.`;
  return new AppError({
    code: 'NOT_FOUND',
    message,
    retryable: false,
    details: { ...(accountName ? { accountName } : {}), region: reveal.region },
  });
}

export const createImagesSlice: StateCreator<AtlasState, [], [], ImagesSlice> = (set, get) => {
  // Every request takes a ticket; only the newest ticket may write. A slow answer for an account,
  // region or view the user has already left is dropped instead of replacing what is on screen.
  let ticket = 0;

  /** The list a reveal waited for is here: select and open the image, or say it is not there. */
  function finishReveal(reveal: RevealRequest) {
    set({ pendingReveal: null });
    if (!get().images.some((i) => i.imageId === reveal.imageId)) {
      set({ actionError: notListedError(reveal, findAccount(get().workspace, reveal.account)?.name ?? null) });
      return;
    }
    set({ imageSelection: pick(EMPTY_SELECTION, reveal.imageId, 'single', []) });
    get().openDetail(reveal.imageId);
  }

  return {
    images: [],
    imagesFor: null,
    imagesLoading: false,
    imagesError: null,
    fetchedAt: null,
    imagesStale: null,
    query: '',
    sort: DEFAULT_SORT,
    selectedImageId: null,

    async loadImages() {
      const { accountId, region, view } = get();
      if (!accountId || !region) return;
      const key: ListKey = { account: accountId, region, view };
      const mine = ++ticket;
      // Another list was asked for: a reveal waiting for its own list has been overtaken.
      const reveal = get().pendingReveal;
      if (reveal && !sameListKey(reveal, key)) set({ pendingReveal: null });
      const refresh = sameListKey(get().imagesFor, key);
      if (refresh) {
        get().forgetDetails();
      } else {
        // Never show another account's images under this account's name, not even for a moment.
        get().closeDetail();
        set({ images: [], fetchedAt: null, imagesStale: null, selectedImageId: null, imageSelection: EMPTY_SELECTION });
      }
      set({ imagesFor: key, imagesLoading: true, imagesError: null });
      try {
        const result = await invoke('images:list', key);
        if (mine !== ticket) return;
        const selected = get().selectedImageId;
        const stillThere = selected !== null && result.images.some((i) => i.imageId === selected);
        set({
          images: result.images,
          fetchedAt: result.fetchedAt,
          imagesStale: result.stale ?? null,
          imagesLoading: false,
          // A refresh keeps what is still listed picked; images that went away drop out.
          imageSelection: retain(get().imageSelection, new Set(result.images.map((i) => i.imageId))),
          ...(stillThere ? {} : { selectedImageId: null }),
        });
        if (!stillThere) get().closeDetail();
        else if (refresh && get().detailOpen) void get().loadDetail(true);
        const waiting = get().pendingReveal;
        if (waiting && sameListKey(waiting, key)) finishReveal(waiting);
      } catch (error) {
        if (mine !== ticket) return;
        // The list's own error banner says why; there is nothing to reveal in.
        set({ imagesError: toAppError(error), imagesLoading: false, pendingReveal: null });
      }
    },

    pendingReveal: null,
    jumpToImage(target, options = {}) {
      const account = findAccount(get().workspace, target.account);
      if (!account) {
        get().setMode('accounts');
        set({
          actionError: new AppError({
            code: 'ACCOUNT_NOT_FOUND',
            message: `${target.name || target.imageId} is listed under an account that is no longer in this workspace. Scan to bring the inventory up to date.`,
            retryable: false,
          }),
        });
        return;
      }
      set({ pendingReveal: target, actionError: null });
      get().setMode('accounts');
      // The list's search box could hide the image: a jump to one AMI starts from the whole list.
      if (get().query) set({ query: '' });
      // The tab first, without a load of its own: the account switch below loads the right list once.
      if (get().view !== target.view) {
        set({ view: target.view });
        savePrefs({ view: target.view });
      }
      const listBefore = get().imagesFor;
      get().selectAccount(target.account, target.region);
      // loadImages sets a new key object: a changed one means the switch started a load already.
      const loadStarted = get().imagesFor !== listBefore;
      if (!sameListKey(get().imagesFor, target) || (options.refresh && !loadStarted)) void get().loadImages();
      else if (!get().imagesLoading) finishReveal(target);
      // Otherwise that very list is loading; its answer finishes the reveal.
    },

    setQuery(query) {
      set({ query });
    },

    setSort(sort) {
      set({ sort });
    },

    removeImage(imageId) {
      if (get().selectedImageId === imageId) {
        get().closeDetail();
        set({ selectedImageId: null });
      }
      set((s) => ({ images: s.images.filter((i) => i.imageId !== imageId) }));
    },
    imageSelection: EMPTY_SELECTION,
    pickImage(imageId, how, order) {
      set({ imageSelection: pick(get().imageSelection, imageId, how, order) });
      get().selectImage(imageId);
    },
    moveImageFocus(imageId, keys, order) {
      set({ imageSelection: keyMove(get().imageSelection, get().selectedImageId, imageId, keys, order) });
      get().selectImage(imageId);
    },
    selectAllImages(order) {
      set({ imageSelection: selectAll(order) });
    },
    clearImageSelection() {
      set({ imageSelection: EMPTY_SELECTION });
    },
    selectImage(imageId) {
      if (imageId === get().selectedImageId) return;
      set({ selectedImageId: imageId });
      if (!get().detailOpen) return;
      if (imageId === null) get().closeDetail();
      else void get().loadDetail(false, true);
    },
  };
};
