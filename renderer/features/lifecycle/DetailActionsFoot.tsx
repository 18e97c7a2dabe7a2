import { useCallback, useRef, useState } from 'react';
import { Icon } from '../../components/Icon';
import type { AtlasState } from '../../store';
import { useAtlas } from '../../store';
import { sendIntent } from '../../lib/intents';
import { RowMenu, type RowMenuItem } from '../../components/RowMenu';
import { openLifecycle } from './lifecycleStore';
import { openTagSheet } from './tagStore';
import type { LifecycleKind } from '../../lib/lifecycle';

/** The owned image the detail pane shows, from the account list (not an inventory row). Stable references only. */
function shownOwnedImage(state: AtlasState) {
  const list = state.imagesFor;
  if (state.mode !== 'accounts' || !list || list.view !== 'owned' || state.detailContext) return null;
  return state.images.find((i) => i.imageId === state.selectedImageId) ?? null;
}

const MORE: ReadonlyArray<{ kind: LifecycleKind; label: string }> = [
  { kind: 'deprecate', label: 'Deprecate…' },
  { kind: 'undeprecate', label: 'Cancel deprecation…' },
  { kind: 'protect', label: 'Deregistration protection on…' },
  { kind: 'unprotect', label: 'Deregistration protection off…' },
  { kind: 'enable', label: 'Enable…' },
  { kind: 'disable', label: 'Disable…' },
];

/** The detail pane's foot for an owned image: Copy…, Deregister…, and the other lifecycle actions. */
export function DetailActionsFoot() {
  const image = useAtlas(shownOwnedImage);
  const list = useAtlas((s) => s.imagesFor);
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const moreRef = useRef<HTMLButtonElement>(null);
  const closeMenu = useCallback(() => {
    setMenu(null);
    moreRef.current?.focus();
  }, []);
  if (!image || !list) return null;
  const ref = { account: list.account, region: list.region, imageId: image.imageId };
  const names = { [image.imageId]: image.name || image.imageId };
  const act = (kind: LifecycleKind) => openLifecycle(kind, [ref], names);
  const items: RowMenuItem[] = MORE.map(({ kind, label }) => ({ id: kind, label, onSelect: () => act(kind) }));

  return (
    <footer className="detail-foot" data-testid="detail-actions">
      <div className="detail-foot-row detail-actions-row">
        <button
          type="button"
          className="button button-small"
          onClick={() => {
            const favorite = useAtlas.getState().workspace?.accounts.find((a) => a.id === list.account)?.favoriteRegions.find((r) => r !== list.region);
            void useAtlas.getState().loadRegions(list.account);
            sendIntent('copy:open', {
              sources: [{ ref, name: image.name || image.imageId, encrypted: image.encrypted }],
              destinationAccount: list.account,
              sourceRegion: list.region,
              crossAccount: false,
              regions: favorite ? [favorite] : [],
            });
          }}
        >
          <Icon name="copy" size={13} /> Copy…
        </button>
        <button
          type="button"
          className="button button-small"
          data-testid="detail-edit-tags"
          // The detail's tags when read, else the list's.
          onClick={() => openTagSheet([{ ref, name: names[image.imageId]!, tags: (useAtlas.getState().detail?.imageId === image.imageId ? useAtlas.getState().detail?.tags : null) ?? image.tags }])}
        >
          <Icon name="tag" size={13} /> Edit tags…
        </button>
        <button type="button" className="button button-small button-danger-outline" onClick={() => act('deregister')}>
          <Icon name="trash" size={13} /> Deregister…
        </button>
        <button
          ref={moreRef}
          type="button"
          className="icon-button"
          aria-label="More actions"
          aria-haspopup="menu"
          aria-expanded={menu !== null}
          onClick={(e) => {
            const rect = e.currentTarget.getBoundingClientRect();
            // Opens up and to the left: the button sits in the window's bottom-right corner.
            setMenu(menu ? null : { x: Math.max(4, rect.right - 280), y: rect.top - 12 - 30 * items.length });
          }}
        >
          <Icon name="more" size={15} strokeWidth={2.4} />
        </button>
      </div>
      {menu && <RowMenu x={menu.x} y={Math.max(4, menu.y)} items={items} onClose={closeMenu} />}
    </footer>
  );
}
