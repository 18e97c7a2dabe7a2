/**
 * The parts of the image list and the detail pane that other features provide: sharing's and
 * lifecycle's buttons, menus and footers, the shell's status bar. The images feature renders
 * these slots without importing those features; the shell fills them (renderer/shell/imageSlots.tsx).
 * Empty by default, so a feature's own tests render it alone.
 */
import { createContext, useContext, type ComponentType, type MouseEvent, type ReactNode } from 'react';
import type { AmiDetail, ImageView } from '../../shared/model';
import type { AtlasState } from '../store';
import type { RowMenuItem } from './RowMenu';

export interface ImageSlots {
  /** Buttons that act on the picked images, at the end of the images toolbar. */
  Toolbar: ComponentType<{ view: ImageView }>;
  /** Row-menu items for the picked owned images (copy, deprecate, deregister, …). */
  ownedRowMenuItems(get: () => AtlasState): RowMenuItem[];
  /**
   * The context menu of a "Shared with me" row. Called as a hook, so it must be the same
   * function for the page's life (it is: the slots are fixed at start).
   */
  useSharedRowMenu(enabled: boolean): { onContextMenu?: (event: MouseEvent) => void; menu: ReactNode };
  /** The detail pane's footer: each part decides whether it applies to the image shown. */
  DetailFoot: ComponentType;
  /** The launch-permission editor on the Permissions tab. */
  PermissionsEditor: ComponentType<{ image: AmiDetail }>;
  /** The bar under the table: what it shows and how fresh it is. */
  StatusBar: ComponentType<{ shown: number }>;
}

const Nothing = () => null;

export const NO_IMAGE_SLOTS: ImageSlots = {
  Toolbar: Nothing,
  ownedRowMenuItems: () => [],
  useSharedRowMenu: () => ({ menu: null }),
  DetailFoot: Nothing,
  PermissionsEditor: Nothing,
  StatusBar: Nothing,
};

export const ImageSlotsContext = createContext<ImageSlots>(NO_IMAGE_SLOTS);

export function useImageSlots(): ImageSlots {
  return useContext(ImageSlotsContext);
}
