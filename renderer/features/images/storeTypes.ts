/** The images slice: one account and region's list, its selection and sort. */
import type { AppError } from '../../../shared/errors';
import type { AmiSummary, ImageView, StaleRead } from '../../../shared/model';
import type { MultiSelection, PickHow } from '../../lib/multiSelect';
import type { SortState } from '../../lib/sort';

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
  /** A list key moved the focus to `imageId`; the selection follows as `keyMove` says. */
  moveImageFocus(imageId: string, keys: { shift: boolean; mod: boolean }, order: readonly string[]): void;
  selectAllImages(order: readonly string[]): void;
  clearImageSelection(): void;
}
