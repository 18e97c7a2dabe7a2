import type { AmiDetail } from '../../../../shared/model';
import { EmptyState } from '../../../components/EmptyState';
import { useImageSlots } from '../../../components/imageSlots';

/** Who may launch the image, named by our own account names where we know the account. */
export function PermissionsTab({ image }: { image: AmiDetail }) {
  const slots = useImageSlots();
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
