import { permissionsPending } from '../../../../shared/ami-rows';
import type { AmiDetail } from '../../../../shared/model';
import { EmptyState } from '../../../components/EmptyState';
import { useImageSlots } from '../../../components/imageSlots';
import { pendingReason } from '../../../lib/inventory';
import { useAtlas } from '../../../store';
import { findRow } from '../../../store/selectors';

/**
 * Who may launch the image, named by our own account names where we know the account. Read live
 * from AWS; when AWS cannot be asked the details come from the inventory, whose owned images
 * have no launch permissions until a scan's second phase has read them: then it says so rather
 * than show an empty list, which would read as "shared with nobody".
 */
export function PermissionsTab({ image }: { image: AmiDetail }) {
  const slots = useImageSlots();
  const pendingWhy = useAtlas((s) => {
    if (image.stale === null) return null;
    const row = findRow(s, `${image.ownerId}|${image.region}|${image.imageId}`);
    if (!row || !permissionsPending(row)) return null;
    return pendingReason(row, s.scan?.targets ?? s.inventorySummary?.targets ?? [], s.scan?.state === 'running');
  });
  if (pendingWhy !== null) {
    return (
      <div data-testid="permissions-pending">
        <EmptyState icon="clock" title="Launch permissions pending">
          {pendingWhy} AWS cannot be asked now, so they cannot be read live either.
        </EmptyState>
      </div>
    );
  }
  if (image.launchPermissions === null) {
    return (
      <EmptyState icon="lock" title="Only the owner can see launch permissions">
        This image belongs to another account, so AWS does not reveal who else may launch it.
      </EmptyState>
    );
  }
  // AWS reveals launch permissions only to the owner: if we can read them, we can change them.
  return <slots.PermissionsEditor image={image} />;
}
