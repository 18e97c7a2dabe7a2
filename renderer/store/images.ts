import type { StateCreator } from 'zustand';
import { invoke, toAppError } from '../api';
import { EMPTY_SELECTION, pick, retain, selectAll } from '../lib/multiSelect';
import { DEFAULT_SORT } from '../lib/sort';
import type { AtlasState, ImagesSlice, ListKey } from './types';

export function sameListKey(a: ListKey | null, b: ListKey | null): boolean {
  return !!a && !!b && a.account === b.account && a.region === b.region && a.view === b.view;
}

export const createImagesSlice: StateCreator<AtlasState, [], [], ImagesSlice> = (set, get) => {
  // Every request takes a ticket; only the newest ticket may write. A slow answer for an account,
  // region or view the user has already left is dropped instead of replacing what is on screen.
  let ticket = 0;

  return {
    images: [],
    imagesFor: null,
    imagesLoading: false,
    imagesError: null,
    fetchedAt: null,
    query: '',
    sort: DEFAULT_SORT,
    selectedImageId: null,

    async loadImages() {
      const { accountId, region, view } = get();
      if (!accountId || !region) return;
      const key: ListKey = { account: accountId, region, view };
      const mine = ++ticket;
      const refresh = sameListKey(get().imagesFor, key);
      if (refresh) {
        get().forgetDetails();
      } else {
        // Never show another account's images under this account's name, not even for a moment.
        get().closeDetail();
        set({ images: [], fetchedAt: null, selectedImageId: null, imageSelection: EMPTY_SELECTION });
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
          imagesLoading: false,
          // A refresh keeps what is still listed picked; images that went away drop out.
          imageSelection: retain(get().imageSelection, new Set(result.images.map((i) => i.imageId))),
          ...(stillThere ? {} : { selectedImageId: null }),
        });
        if (!stillThere) get().closeDetail();
        else if (refresh && get().detailOpen) void get().loadDetail(true);
      } catch (error) {
        if (mine !== ticket) return;
        set({ imagesError: toAppError(error), imagesLoading: false });
      }
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
