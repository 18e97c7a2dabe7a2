/** The detail slice: the image whose details are open. */
import type { AppError } from '../../../../shared/errors';
import type { AmiDetail } from '../../../../shared/model';

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
