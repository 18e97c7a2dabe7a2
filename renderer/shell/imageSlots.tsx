/** Fills the image list's and detail pane's slots (components/imageSlots.tsx) from the features. */
import type { ImageSlots } from '../components/imageSlots';
import { imageActionMenuItems } from '../features/lifecycle/imageActions';
import { ImageActions } from '../features/lifecycle/ImageActions';
import { DetailActionsFoot } from '../features/lifecycle/DetailActionsFoot';
import { InventoryTagsFoot } from '../features/lifecycle/InventoryTagsFoot';
import { LeaveShareFoot } from '../features/sharing/LeaveShareFoot';
import { PermissionsEditor } from '../features/sharing/PermissionsEditor';
import { ShareSelectionButton } from '../features/sharing/ShareSelectionButton';
import { useSharedRowMenu } from '../features/sharing/SharedRowMenu';
import { StatusBar } from './StatusBar';

export const imageSlots: ImageSlots = {
  Toolbar: ({ view }) => (
    <>
      {view === 'owned' && <ShareSelectionButton />}
      <ImageActions />
    </>
  ),
  ownedRowMenuItems: imageActionMenuItems,
  useSharedRowMenu,
  DetailFoot: () => (
    <>
      <LeaveShareFoot />
      <DetailActionsFoot />
      <InventoryTagsFoot />
    </>
  ),
  PermissionsEditor,
  StatusBar,
};
