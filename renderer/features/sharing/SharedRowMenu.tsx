import { useCallback, useMemo, useState, type MouseEvent, type ReactNode } from 'react';
import { toAppError } from '../../api';
import { useAtlas } from '../../store';
import { RowMenu, type RowMenuItem } from '../../components/RowMenu';
import { useAwsLinkActions } from '../../components/awsLinkActions';
import { openCopyFor } from '../../lib/copySelection';
import { applies, factsOf } from '../../lib/imageActionsFor';
import { shiftShortcutLabel } from '../../lib/keyboard';
import { leaveSharedImage } from './leaveShare';

interface MenuAt {
  imageId: string;
  x: number;
  y: number;
}

function gridElement(): HTMLElement | null {
  return document.querySelector<HTMLElement>('[data-grid-focus]');
}

/**
 * The context menu of a "Shared with me" row: open, copy into this account (when the image is
 * available), the console page and copies (id, ARN, CLI command), leave the share. Nothing that
 * writes on the image: only its owner may (lib/imageActionsFor); leaving the share takes this
 * account off it, which AWS lets the recipient do. It listens on
 * the list's container, so the table needs nothing for it; Shift+F10 or the menu key on the grid
 * opens it for the focused row, placed at that row.
 */
export function useSharedRowMenu(enabled: boolean): { onContextMenu?: (event: MouseEvent) => void; menu: ReactNode } {
  const [at, setAt] = useState<MenuAt | null>(null);
  const image = useAtlas((s) => (at ? s.images.find((i) => i.imageId === at.imageId) : undefined));
  const openDetail = useAtlas((s) => s.openDetail);
  const list = useAtlas((s) => s.imagesFor);
  const { itemsFor: linkItems, notice } = useAwsLinkActions();

  const onContextMenu = useCallback((event: MouseEvent) => {
    const target = event.target instanceof Element ? event.target : null;
    let row = target?.closest<HTMLElement>('[data-testid="ami-row"]') ?? null;
    const { selectedImageId, selectImage, pickImage, imageSelection } = useAtlas.getState();
    // From the keyboard the event targets the focused grid, not a row.
    if (!row && selectedImageId) row = document.querySelector<HTMLElement>(`[data-testid="ami-row"][data-image-id="${selectedImageId}"]`);
    const imageId = row?.dataset.imageId;
    if (!row || !imageId) return;
    event.preventDefault();
    // As in the owned rows' menu: a row outside the pick becomes the pick, so Copy acts on it.
    if (imageSelection.selected.size > 0 && !imageSelection.selected.has(imageId)) pickImage(imageId, 'single', [imageId]);
    else selectImage(imageId);
    const box = row.getBoundingClientRect();
    const fromKeyboard = event.clientX === 0 && event.clientY === 0;
    setAt({ imageId, x: fromKeyboard ? box.left + 24 : event.clientX, y: fromKeyboard ? box.bottom : event.clientY });
  }, []);

  const close = useCallback(() => {
    setAt(null);
    gridElement()?.focus();
  }, []);

  const items = useMemo<RowMenuItem[]>(() => {
    if (!image) return [];
    const [first, ...rest] = list ? linkItems({ imageId: image.imageId, region: list.region, account: list.account }) : [];
    const copy: RowMenuItem[] = applies('copy', factsOf(image, false))
      ? [{ id: 'copy-ami', label: 'Copy into this account…', icon: 'copy', shortcut: shiftShortcutLabel('C'), onSelect: () => void openCopyFor(useAtlas.getState()) }]
      : [];
    return [
      { id: 'open', label: 'Open details', icon: 'chevronRight', shortcut: 'Enter', onSelect: () => openDetail(image.imageId) },
      ...copy,
      ...(first ? [{ ...first, separatorBefore: true }, ...rest] : []),
      {
        id: 'leave',
        label: 'Leave share…',
        icon: 'close',
        separatorBefore: true,
        onSelect: () =>
          void leaveSharedImage(image).then((r) => {
            if (r.status === 'failed') useAtlas.setState({ actionError: toAppError(r.error) });
          }),
      },
    ];
  }, [image, openDetail, list, linkItems]);

  const menu = (
    <>
      {at && image ? <RowMenu x={at.x} y={at.y} items={items} onClose={close} /> : null}
      {notice}
    </>
  );
  return enabled ? { onContextMenu, menu } : { menu: null };
}
