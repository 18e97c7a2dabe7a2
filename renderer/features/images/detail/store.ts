import type { StateCreator } from 'zustand';
import type { AmiDetail } from '../../../../shared/model';
import { invoke, toAppError } from '../../../api';
import type { AtlasState, DetailSlice } from '../../../store/types';

/** While arrowing through the list, wait this long before asking for a detail nobody may read. */
const FOLLOW_DELAY_MS = 120;
const CACHE_LIMIT = 200;

export function detailKey(account: string, region: string, imageId: string): string {
  return `${account}|${region}|${imageId}`;
}

export const createDetailSlice: StateCreator<AtlasState, [], [], DetailSlice> = (set, get) => {
  let ticket = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  // Revisiting an image is instant; the cache is dropped whenever the list is refreshed.
  const cache = new Map<string, AmiDetail>();

  const cancelPending = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };

  async function fetchDetail(mine: number, key: string, account: string, region: string, imageId: string) {
    try {
      const detail = await invoke('images:get', { account, region, imageId });
      // An answer from the offline inventory is not kept: the next visit asks AWS again.
      if (!detail.stale) cache.set(key, detail);
      if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
      if (mine !== ticket) return;
      set({ detail, detailLoading: false });
    } catch (error) {
      if (mine !== ticket) return;
      set({ detailError: toAppError(error), detailLoading: false });
    }
  }

  return {
    detailOpen: false,
    detailContext: null,
    detailFor: null,
    detail: null,
    detailLoading: false,
    detailError: null,

    openDetail(imageId) {
      set({ selectedImageId: imageId, detailOpen: true, detailContext: null });
      void get().loadDetail();
    },

    closeDetail() {
      cancelPending();
      ticket++;
      set({ detailOpen: false, detailContext: null, detailFor: null, detail: null, detailLoading: false, detailError: null });
    },

    forgetDetails() {
      cache.clear();
    },

    async loadDetail(force = false, follow = false) {
      cancelPending();
      const { detailContext, selectedImageId } = get();
      // Inventory rows carry their own account and region; otherwise it is the selected one.
      const accountId = detailContext ? detailContext.account : get().accountId;
      const region = detailContext ? detailContext.region : get().region;
      if (!accountId || !region || !selectedImageId) return;
      const key = detailKey(accountId, region, selectedImageId);
      const mine = ++ticket;
      const cached = force ? undefined : cache.get(key);
      if (cached) {
        set({ detailFor: key, detail: cached, detailLoading: false, detailError: null });
        return;
      }
      set({ detailFor: key, detail: null, detailLoading: true, detailError: null });
      if (!follow) return fetchDetail(mine, key, accountId, region, selectedImageId);
      timer = setTimeout(() => {
        timer = null;
        void fetchDetail(mine, key, accountId, region, selectedImageId);
      }, FOLLOW_DELAY_MS);
    },
  };
};
