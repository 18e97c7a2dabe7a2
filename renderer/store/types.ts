/**
 * The app state, composed of slices: the shell's own (workspace, selection) here, each feature's
 * in `features/<domain>/store.ts` with its types beside it. Slices call each other via `get()`.
 */
import type { AppError } from '../../shared/errors';
import type { ImageView, RegionInfo, Workspace } from '../../shared/model';
import type { JobsSlice } from '../features/jobs/storeTypes';
import type { DiscoverySlice } from '../features/discovery/storeTypes';
import type { SharingSlice } from '../features/sharing/storeTypes';
import type { ImagesSlice, ListKey, RevealRequest } from '../features/images/storeTypes';
import type { DetailSlice } from '../features/images/detail/storeTypes';
import type { AccountsSlice, AddAccountTab, DialogRequest, SsoSession } from '../features/accounts/storeTypes';
import type { CatalogueScope, CatalogueSlice, CatalogueState, InventorySlice, Mode } from '../features/inventory/storeTypes';

export type { ListKey, RevealRequest, AddAccountTab, DialogRequest, SsoSession, CatalogueScope, CatalogueState, ImagesSlice, DetailSlice, AccountsSlice, InventorySlice, CatalogueSlice };

export type { Mode };

export interface WorkspaceSlice {
  workspace: Workspace | null;
  workspaceError: AppError | null;
  loadWorkspace(): Promise<void>;
  /**
   * Adopts a workspace (from `workspace:get`, an event, or an action's answer) and keeps the
   * selection valid. `preferAccountId` selects a specific account, e.g. one just added.
   */
  applyWorkspace(workspace: Workspace, preferAccountId?: string | null): void;
  /**
   * Opens the demo workspace or goes back to the user's own. Everything shown belongs to one
   * workspace, so the page starts afresh on the other one.
   */
  switchWorkspace(to: 'demo' | 'user'): Promise<void>;
  workspaceSwitching: boolean;
}

export interface RegionsState {
  status: 'loading' | 'ready' | 'error';
  regions: RegionInfo[];
  error: AppError | null;
}

export interface SelectionSlice {
  accountId: string | null;
  region: string | null;
  view: ImageView;
  regionsByAccount: Record<string, RegionsState>;
  /** Switches account; `region` (e.g. from the quick switcher) overrides the remembered one. */
  selectAccount(accountId: string, region?: string | null): void;
  selectRegion(region: string): void;
  selectView(view: ImageView): void;
  loadRegions(accountId: string, force?: boolean): Promise<void>;
}

export type AtlasState = WorkspaceSlice & SelectionSlice & ImagesSlice & DetailSlice & AccountsSlice & InventorySlice & CatalogueSlice & SharingSlice & JobsSlice & DiscoverySlice;
