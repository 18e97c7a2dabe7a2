import { useCallback, useMemo, useState, type MouseEvent, type RefObject } from 'react';
import { useAtlas } from '../../store';
import { openShareWith } from '../../lib/shareSelection';
import { shiftShortcutLabel } from '../../lib/keyboard';
import type { RowMenuItem } from '../../components/RowMenu';
import { useAwsLinkActions } from '../../components/awsLinkActions';
import { useImageSlots } from '../../components/imageSlots';
import type { PickHow } from '../../lib/multiSelect';
import { pickedFacts, selectionWhyNot } from '../../lib/imageActionsFor';
import { compareSelection } from './compare/open';

export interface MenuAt {
  x: number;
  y: number;
  imageId: string;
}

/**
 * The context menu of an owned row: share, open, compare (two picked rows, or one with another),
 * the console and copies of ids, then what the
 * other features add (copy, deprecate, deregister…). Right-click picks the row first unless it is
 * already among the picked ones (then the menu acts on all of them). Share, like the features'
 * items, is offered only when it applies to a picked image (lib/imageActionsFor).
 */
export function useAmiRowMenu(options: {
  owned: boolean;
  order: readonly string[];
  scrollRef: RefObject<HTMLDivElement | null>;
  pickImage(imageId: string, how: PickHow, order: readonly string[]): void;
  selectImage(imageId: string): void;
  onOpen(imageId: string): void;
}) {
  const { owned, order, scrollRef, pickImage, selectImage, onOpen } = options;
  const [menu, setMenu] = useState<MenuAt | null>(null);
  const { itemsFor: linkItems, notice: copyNotice } = useAwsLinkActions();
  const { ownedRowMenuItems } = useImageSlots();

  const openMenuAt = useCallback((imageId: string, x: number, y: number) => setMenu({ imageId, x, y }), []);

  const onRowContextMenu = useCallback(
    (event: MouseEvent, imageId: string) => {
      event.preventDefault();
      if (!useAtlas.getState().imageSelection.selected.has(imageId)) pickImage(imageId, 'single', order);
      else selectImage(imageId);
      openMenuAt(imageId, event.clientX, event.clientY);
    },
    [pickImage, selectImage, order, openMenuAt],
  );

  const closeMenu = useCallback(() => {
    setMenu(null);
    scrollRef.current?.focus();
  }, [scrollRef]);

  const menuItems = useMemo<RowMenuItem[]>(() => {
    if (!menu) return [];
    const count = useAtlas.getState().imageSelection.selected.size;
    const items: RowMenuItem[] = [];
    if (owned && selectionWhyNot('share', pickedFacts(useAtlas.getState())) === null) {
      items.push({
        id: 'share',
        label: count > 1 ? `Share ${count} AMIs with…` : 'Share with…',
        icon: 'user',
        shortcut: shiftShortcutLabel('S'),
        onSelect: () => void openShareWith(useAtlas.getState()),
      });
    }
    items.push({ id: 'open', label: 'Open details', icon: 'chevronRight', shortcut: 'Enter', onSelect: () => onOpen(menu.imageId) });
    if (count <= 2) {
      items.push({ id: 'compare', label: count === 2 ? 'Compare' : 'Compare with…', icon: 'sliders', shortcut: 'D', onSelect: () => void compareSelection(useAtlas.getState()) });
    }
    const list = useAtlas.getState().imagesFor;
    if (list) {
      const [first, ...rest] = linkItems({ imageId: menu.imageId, region: list.region, account: list.account });
      if (first) items.push({ ...first, separatorBefore: true }, ...rest);
    }
    if (owned) {
      const [first, ...rest] = ownedRowMenuItems(useAtlas.getState);
      if (first) items.push({ ...first, separatorBefore: true }, ...rest);
    }
    return items;
  }, [menu, owned, onOpen, linkItems, ownedRowMenuItems]);

  return { menu, menuItems, openMenuAt, onRowContextMenu, closeMenu, copyNotice };
}
