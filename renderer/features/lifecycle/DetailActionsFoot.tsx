import { useCallback, useRef, useState } from 'react';
import { Icon } from '../../components/Icon';
import type { AtlasState } from '../../store';
import { useAtlas } from '../../store';
import { sendIntent } from '../../lib/intents';
import { RowMenu, type RowMenuItem } from '../../components/RowMenu';
import { openLifecycle } from './lifecycleStore';
import { openTagSheet } from './tagStore';
import type { LifecycleKind } from '../../lib/lifecycle';
import { applies, factsOf } from '../../lib/imageActionsFor';
import { lifecycleLabel } from './imageActions';

/** The owned image the detail pane shows, from the account list (not an inventory row). Stable references only. */
function shownOwnedImage(state: AtlasState) {
  const list = state.imagesFor;
  if (state.mode !== 'accounts' || !list || list.view !== 'owned' || state.detailContext) return null;
  return state.images.find((i) => i.imageId === state.selectedImageId) ?? null;
}

const MORE: readonly LifecycleKind[] = ['deprecate', 'undeprecate', 'protect', 'unprotect', 'enable', 'disable'];

/**
 * The detail pane's foot for an owned image: Copy…, Edit tags…, Deregister…, and the other
 * lifecycle actions, each only when it applies to the image (lib/imageActionsFor); once the
 * detail is read, its deregistration protection decides between protection on and off.
 */
export function DetailActionsFoot() {
  const image = useAtlas(shownOwnedImage);
  const list = useAtlas((s) => s.imagesFor);
  const protection = useAtlas((s) => (image && s.detail?.imageId === image.imageId && !s.detail.stale ? s.detail.deregistrationProtection : undefined));
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const moreRef = useRef<HTMLButtonElement>(null);
  const closeMenu = useCallback(() => {
    setMenu(null);
    moreRef.current?.focus();
  }, []);
  if (!image || !list) return null;
  const ref = { account: list.account, region: list.region, imageId: image.imageId };
  const names = { [image.imageId]: image.name || image.imageId };
  const facts = factsOf(image, true, protection);
  const act = (kind: LifecycleKind) => openLifecycle(kind, [ref], names, Date.now(), kind === 'deprecate' ? image.deprecationTime : null);
  const items: RowMenuItem[] = MORE.filter((kind) => applies(kind, facts)).map((kind) => ({ id: kind, label: lifecycleLabel(kind, [facts]), onSelect: () => act(kind) }));

  const copy = () => {
    const favorite = useAtlas.getState().workspace?.accounts.find((a) => a.id === list.account)?.favoriteRegions.find((r) => r !== list.region);
    void useAtlas.getState().loadRegions(list.account);
    sendIntent('copy:open', {
      sources: [{ ref, name: image.name || image.imageId, encrypted: image.encrypted }],
      destinationAccount: list.account,
      sourceRegion: list.region,
      crossAccount: false,
      regions: favorite ? [favorite] : [],
    });
  };
  // The detail's tags when read, else the list's.
  const editTags = () =>
    openTagSheet([{ ref, name: names[image.imageId]!, tags: (useAtlas.getState().detail?.imageId === image.imageId ? useAtlas.getState().detail?.tags : null) ?? image.tags }]);
  const canCopy = applies('copy', facts);
  const canTag = applies('edit-tags', facts);
  const canDeregister = applies('deregister', facts);
  // A deregistered image takes nothing: no foot at all.
  if (!canCopy && !canTag && !canDeregister && items.length === 0) return null;

  return (
    <footer className="detail-foot" data-testid="detail-actions">
      <div className="detail-foot-row detail-actions-row">
        {canCopy && (
          <button type="button" className="button button-small" data-testid="detail-copy" onClick={copy}>
            <Icon name="copy" size={13} /> Copy…
          </button>
        )}
        {canTag && (
          <button type="button" className="button button-small" data-testid="detail-edit-tags" onClick={editTags}>
            <Icon name="tag" size={13} /> Edit tags…
          </button>
        )}
        {canDeregister && (
          <button type="button" className="button button-small button-danger-outline" data-testid="detail-deregister" onClick={() => act('deregister')}>
            <Icon name="trash" size={13} /> Deregister…
          </button>
        )}
        {items.length > 0 && (
          <button
            ref={moreRef}
            type="button"
            className="icon-button"
            aria-label="More actions"
            aria-haspopup="menu"
            aria-expanded={menu !== null}
            data-testid="detail-more-actions"
            onClick={(e) => {
              const rect = e.currentTarget.getBoundingClientRect();
              // Opens up and to the left: the button sits in the window's bottom-right corner.
              setMenu(menu ? null : { x: Math.max(4, rect.right - 280), y: rect.top - 12 - 30 * items.length });
            }}
          >
            <Icon name="more" size={15} strokeWidth={2.4} />
          </button>
        )}
      </div>
      {menu && <RowMenu x={menu.x} y={Math.max(4, menu.y)} items={items} onClose={closeMenu} />}
    </footer>
  );
}
