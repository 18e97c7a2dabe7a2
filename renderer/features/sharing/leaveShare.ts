/** Leaving a share, from the detail pane or a row's context menu: confirm, leave, drop the row. */
import type { AppError } from '../../../shared/errors';
import type { AmiSummary } from '../../../shared/model';
import type { ImageRef } from '../../../shared/sharing';
import { toAppError } from '../../api';
import type { ConfirmRequest } from '../../components/ConfirmProduction';
import { accountNamesByAwsId, ownerLabel } from '../../lib/images';
import { useAtlas, type AtlasState } from '../../store';
import { detailSummary } from '../../store/selectors';
import { runLeaveShare } from './shareFlow';

export type LeaveResult = { status: 'cancelled' | 'left' } | { status: 'failed'; error: AppError };

/** The image behind the detail pane when it was shared with the account it is listed under. */
export function sharedWithMe(state: AtlasState): AmiSummary | null {
  const summary = detailSummary(state);
  if (!summary) return null;
  if (state.mode === 'accounts') return state.imagesFor?.view === 'shared' ? summary : null;
  if (state.mode === 'inventory' && state.catalogueTab === null && 'view' in summary && summary.view === 'shared') return summary;
  return null;
}

export function sharedByLabel(image: Pick<AmiSummary, 'ownerId' | 'ownerAlias'>, state: Pick<AtlasState, 'workspace'>): string {
  return ownerLabel(image, accountNamesByAwsId(state.workspace?.accounts ?? []));
}

export async function leaveSharedImage(image: AmiSummary, confirm?: (r: ConfirmRequest) => Promise<boolean>): Promise<LeaveResult> {
  const state = useAtlas.getState();
  const ref: ImageRef = { account: image.account, region: image.region, imageId: image.imageId };
  try {
    const outcome = await runLeaveShare(ref, image.name, sharedByLabel(image, state), {
      workspace: state.workspace,
      names: accountNamesByAwsId(state.workspace?.accounts ?? []),
      ...(confirm ? { confirm } : {}),
    });
    if (outcome.status === 'cancelled') return { status: 'cancelled' };
    const failed = outcome.result.items.find((i) => i.outcome === 'failed' || i.outcome === 'blocked');
    if (failed) {
      return {
        status: 'failed',
        error: toAppError(failed.error ?? { code: 'AWS_ERROR', message: failed.message, retryable: false }),
      };
    }
    // Gone for this account: "unchanged" means it was not shared any more either.
    const after = useAtlas.getState();
    if (after.mode === 'accounts') after.removeImage(image.imageId);
    else if (after.selectedImageId === image.imageId) after.closeDetail();
    return { status: 'left' };
  } catch (error) {
    return { status: 'failed', error: toAppError(error) };
  }
}
