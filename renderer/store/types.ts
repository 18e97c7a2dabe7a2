/** The app state, composed of slices. Each slice lives in its own file; they call each other via `get()`. */
import type { AppError } from '../../shared/errors';
import type { AmiDetail, AmiSummary, ImageView, RegionInfo, Workspace } from '../../shared/model';
import type { SortState } from '../lib/sort';

export interface WorkspaceSlice {
  workspace: Workspace | null;
  workspaceError: AppError | null;
  loadWorkspace(): Promise<void>;
  /**
   * Adopts a workspace (from `workspace:get`, an event, or an action's answer) and keeps the
   * selection valid. `preferAccountId` selects a specific account, e.g. one just added.
   */
  applyWorkspace(workspace: Workspace, preferAccountId?: string | null): void;
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
  selectAccount(accountId: string): void;
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

export interface ImagesSlice {
  images: AmiSummary[];
  imagesFor: ListKey | null;
  imagesLoading: boolean;
  imagesError: AppError | null;
  fetchedAt: string | null;
  query: string;
  sort: SortState;
  selectedImageId: string | null;
  loadImages(): Promise<void>;
  setQuery(query: string): void;
  setSort(sort: SortState): void;
  selectImage(imageId: string | null): void;
}

export interface DetailSlice {
  detailOpen: boolean;
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

export type AtlasState = WorkspaceSlice & SelectionSlice & ImagesSlice & DetailSlice;
