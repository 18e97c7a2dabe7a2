/**
 * The public catalogue beside the inventory grid: public & community, Marketplace and Amazon
 * images, searched live for the selected account and region, with their own sort and selection.
 */
import type { StateCreator } from 'zustand';
import { invoke, toAppError } from '../../api';
import { DEFAULT_INVENTORY_SORT } from '../../lib/inventory';
import type { AtlasState } from '../../store/types';
import type { CatalogueSlice, CatalogueState } from './storeTypes';

const EMPTY_CATALOGUE: CatalogueState = {
  scope: 'public',
  name: '',
  owner: '',
  account: null,
  region: null,
  images: [],
  nextToken: null,
  loading: false,
  error: null,
  searched: false,
};

export const createCatalogueSlice: StateCreator<AtlasState, [], [], CatalogueSlice> = (set, get, api) => {
  let catalogueTicket = 0;
  // Catalogue results belong to the account and region searched: when either changes while a
  // catalogue tab is shown, the same search runs again there (or the results go, when it can't).
  api.subscribe((state) => catalogueFollowSelection(state));

  function catalogueFollowSelection(state: AtlasState) {
    const { catalogue, catalogueTab, mode, accountId, region } = state;
    if (!catalogueTab || mode !== 'inventory' || !(catalogue.searched || catalogue.loading)) return;
    if (catalogue.account === accountId && catalogue.region === region) return;
    const narrowed = catalogue.scope !== 'public' || catalogue.name.trim() !== '' || catalogue.owner.trim() !== '';
    if (accountId && region && narrowed) {
      void get().searchCatalogue();
      return;
    }
    catalogueTicket++;
    set({ catalogue: { ...EMPTY_CATALOGUE, scope: catalogue.scope, name: catalogue.name, owner: catalogue.owner } });
  }

  return {
    catalogueTab: null,
    setCatalogueTab(scope) {
      if (scope === get().catalogueTab) return;
      get().closeDetail();
      set({ catalogueTab: scope });
      if (!scope) return;
      const c = get().catalogue;
      if (c.scope !== scope) {
        catalogueTicket++;
        set({ catalogue: { ...EMPTY_CATALOGUE, name: c.name, owner: c.owner, scope } });
      }
      // Marketplace and Amazon can be listed without narrowing; public needs a name or owner.
      if (scope !== 'public' && !get().catalogue.searched) void get().searchCatalogue();
    },
    catalogue: EMPTY_CATALOGUE,
    catalogueSort: DEFAULT_INVENTORY_SORT,
    setCatalogueSort(sort) {
      set({ catalogueSort: sort });
    },
    setCatalogueQuery(query) {
      set((s) => ({ catalogue: { ...s.catalogue, ...query } }));
    },

    async searchCatalogue(more = false) {
      const { accountId, region, catalogue } = get();
      if (!accountId || !region) return;
      const name = catalogue.name.trim();
      const owner = catalogue.owner.trim();
      if (catalogue.scope === 'public' && !name && !owner) return;
      if (more && !catalogue.nextToken) return;
      const mine = ++catalogueTicket;
      set((s) => ({
        catalogue: {
          ...s.catalogue,
          loading: true,
          error: null,
          ...(more ? {} : { images: [], nextToken: null, account: accountId, region }),
        },
      }));
      try {
        const result = await invoke('images:searchPublic', {
          account: accountId,
          region,
          scope: catalogue.scope,
          ...(name ? { name } : {}),
          ...(owner ? { owner } : {}),
          nextToken: more ? catalogue.nextToken : null,
        });
        if (mine !== catalogueTicket) return;
        set((s) => ({
          catalogue: {
            ...s.catalogue,
            images: more ? [...s.catalogue.images, ...result.images] : result.images,
            nextToken: result.nextToken,
            loading: false,
            searched: true,
          },
        }));
      } catch (error) {
        if (mine !== catalogueTicket) return;
        set((s) => ({ catalogue: { ...s.catalogue, loading: false, error: toAppError(error), searched: true } }));
      }
    },

    selectCatalogueImage(imageId) {
      const { catalogue } = get();
      if (imageId === get().selectedImageId) return;
      set({ selectedImageId: imageId });
      if (!get().detailOpen) return;
      if (!imageId || !catalogue.account || !catalogue.region) {
        get().closeDetail();
        return;
      }
      set({ detailContext: { account: catalogue.account, region: catalogue.region } });
      void get().loadDetail(false, true);
    },

    openCatalogueImage(imageId) {
      const { catalogue } = get();
      if (!catalogue.account || !catalogue.region) return;
      set({ selectedImageId: imageId, detailOpen: true, detailContext: { account: catalogue.account, region: catalogue.region } });
      void get().loadDetail();
    },
  };
};
