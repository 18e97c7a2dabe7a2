/** The app state, composed of slices. Each slice lives in its own file; they call each other via `get()`. */
import type { AppError } from '../../shared/errors';
import type { ChannelInput, ChannelOutput, InventorySummary } from '../../shared/contract';
import type { AmiRow } from '../../shared/ami-rows';
import type { InventoryColumn, InventoryFilter, InventoryRow, ScanStatus, ScanTarget } from '../../shared/inventory';
import type { InventorySort } from '../lib/inventory';
import type { AmiDetail, AmiSummary, ImageView, MfaPrompt, RegionInfo, SsoSignInStart, SsoStatus, StaleRead, Workspace } from '../../shared/model';
import type { MultiSelection, PickHow } from '../lib/multiSelect';
import type { SortState } from '../lib/sort';
import type { JobsSlice } from './jobsTypes';
import type { SharingSlice } from './sharingTypes';

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

/** Which list is (or is being) shown. Compared field by field to drop answers for an old selection. */
export interface ListKey {
  account: string;
  region: string;
  view: ImageView;
}

/** An AMI to show in its account's list: select it and open its detail once the list has loaded. */
export interface RevealRequest extends ListKey {
  imageId: string;
  /** For the message when the list no longer has it. */
  name: string;
  /**
   * Where the request comes from, for that message: the inventory (the image may be gone since
   * the scan) or a job that just made it (it may not be listed yet). Default: the inventory.
   */
  from?: 'inventory' | 'new-image';
}

export interface ImagesSlice {
  images: AmiSummary[];
  imagesFor: ListKey | null;
  imagesLoading: boolean;
  imagesError: AppError | null;
  fetchedAt: string | null;
  /** The list came from the offline inventory because AWS could not be asked (as of when, and why). */
  imagesStale: StaleRead | null;
  query: string;
  sort: SortState;
  selectedImageId: string | null;
  loadImages(): Promise<void>;
  setQuery(query: string): void;
  setSort(sort: SortState): void;
  selectImage(imageId: string | null): void;
  /** Drops an image that is gone from this list (e.g. a share the user left); closes its detail. */
  removeImage(imageId: string): void;
  /**
   * Goes to an AMI from anywhere (the quick switcher): its account, region and tab in the account
   * view, then selects it and opens its detail when that list answers; says so when it is not there.
   */
  jumpToImage(target: RevealRequest, options?: { refresh?: boolean }): void;
  /** The reveal waiting for its list; dropped when another list is asked for. */
  pendingReveal: RevealRequest | null;
  /** Rows picked for bulk actions (sharing); `order` is the visible order, for Shift ranges. */
  imageSelection: MultiSelection;
  pickImage(imageId: string, how: PickHow, order: readonly string[]): void;
  selectAllImages(order: readonly string[]): void;
  clearImageSelection(): void;
}

export interface DetailSlice {
  detailOpen: boolean;
  /** Where the shown image lives when it is not the selected account/region (inventory rows). */
  detailContext: { account: string; region: string } | null;
  /** "account|region|imageId" of the detail currently shown or loading. */
  detailFor: string | null;
  detail: AmiDetail | null;
  detailLoading: boolean;
  detailError: AppError | null;
  openDetail(imageId: string): void;
  closeDetail(): void;
  /** Drops cached details, e.g. after the list was refreshed from AWS. */
  forgetDetails(): void;
  /** Loads the selected image's detail; `follow` waits briefly first (keyboard navigation). */
  loadDetail(force?: boolean, follow?: boolean): Promise<void>;
}

export type AddAccountTab = 'access-key' | 'role' | 'profiles';

/** The one app-level dialog that is open (modal prompts such as MFA stack above it). */
export type DialogRequest =
  | { kind: 'add-account'; tab?: AddAccountTab; account?: string }
  | { kind: 'account-settings'; account: string }
  | { kind: 'update-keys'; path: string }
  | { kind: 'client-settings'; client: string }
  | { kind: 'quick-switcher' };

/** An SSO device sign-in as the UI follows it; kept per access path so switching away never loses it. */
export interface SsoSession {
  path: string;
  phase: 'starting' | SsoStatus['state'];
  start: SsoSignInStart | null;
  message: string | null;
  error: AppError | null;
}

export interface AccountsSlice {
  dialog: DialogRequest | null;
  openDialog(dialog: DialogRequest): void;
  closeDialog(): void;
  /** Entry ids, newest first (see lib/recent). */
  recentAccounts: string[];
  /** MFA prompts waiting for an answer, oldest first; the first one is shown. */
  mfaPrompts: MfaPrompt[];
  addMfaPrompt(prompt: MfaPrompt): void;
  removeMfaPrompt(requestId: string): void;
  /** By access path id. */
  sso: Record<string, SsoSession>;
  startSsoSignIn(path: string): Promise<void>;
  cancelSsoSignIn(path: string): Promise<void>;
  applySsoStatus(status: SsoStatus): void;
  dismissSso(path: string): void;
  /** Saves account settings; rejects with the AppError (field issues included) on failure. */
  updateAccount(input: ChannelInput<'accounts:update'>): Promise<Workspace>;
  toggleFavoriteRegion(account: string, region: string): Promise<void>;
  keepSecretsForSession(): Promise<void>;
  /** A failed background action (starring a region, …), shown above the list until dismissed. */
  actionError: AppError | null;
  dismissActionError(): void;
}

/** Main area: one account's images, every account's inventory (or a public catalogue search), the share matrix, the audit log, or Image Builder. */
export type Mode = 'accounts' | 'inventory' | 'matrix' | 'audit' | 'builder';
export type CatalogueScope = 'public' | 'marketplace' | 'amazon';

export interface CatalogueState {
  scope: CatalogueScope;
  name: string;
  owner: string;
  /** Which account/region the results came from. */
  account: string | null;
  region: string | null;
  images: AmiSummary[];
  nextToken: string | null;
  loading: boolean;
  error: AppError | null;
  searched: boolean;
}

export interface InventorySlice {
  mode: Mode;
  setMode(mode: Mode): void;
  /** Listings per scan target ("account|region|view"); `inventory` folds them into one row per AMI. */
  inventoryByTarget: ReadonlyMap<string, readonly InventoryRow[]>;
  inventory: AmiRow[];
  inventoryStatus: 'idle' | 'loading' | 'ready' | 'error';
  inventoryError: AppError | null;
  inventorySummary: InventorySummary | null;
  loadInventory(): Promise<void>;
  /** A target finished: its rows replace what it held. */
  applyTargetRows(payload: { scanId: string; target: ScanTarget; rows: InventoryRow[] }): void;
  scan: ScanStatus | null;
  scanError: AppError | null;
  scanPanelOpen: boolean;
  setScanPanelOpen(open: boolean): void;
  applyScanProgress(status: ScanStatus): void;
  startScan(): Promise<void>;
  cancelScan(): Promise<void>;
  filter: InventoryFilter;
  setFilter(update: InventoryFilter | ((current: InventoryFilter) => InventoryFilter)): void;
  inventorySort: InventorySort;
  setInventorySort(sort: InventorySort): void;
  visibleColumns: InventoryColumn[];
  setVisibleColumns(columns: InventoryColumn[]): void;
  /** Key of the selected inventory row (the AMI's owner, region and image id). */
  selectedRowKey: string | null;
  selectRow(key: string | null): void;
  openRow(key: string): void;
  /** Public & community, Marketplace, Amazon: searched live for the active account and region. */
  catalogueTab: CatalogueScope | null;
  setCatalogueTab(scope: CatalogueScope | null): void;
  catalogue: CatalogueState;
  /** How catalogue results are ordered: within what is loaded, since AWS pages come in no order. */
  catalogueSort: InventorySort;
  setCatalogueSort(sort: InventorySort): void;
  setCatalogueQuery(query: { name?: string; owner?: string }): void;
  searchCatalogue(more?: boolean): Promise<void>;
  /** Selection and detail in a catalogue tab (by image id; the region is the search's). */
  selectCatalogueImage(imageId: string | null): void;
  openCatalogueImage(imageId: string): void;
  exportInventory(input: ChannelInput<'inventory:export'>): Promise<ChannelOutput<'inventory:export'>>;
}

export type AtlasState = WorkspaceSlice & SelectionSlice & ImagesSlice & DetailSlice & AccountsSlice & InventorySlice & SharingSlice & JobsSlice;
