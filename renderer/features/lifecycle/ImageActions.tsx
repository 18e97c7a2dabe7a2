import { useCallback, useEffect, useRef, useState } from 'react';
import { Icon } from '../../components/Icon';
import { useAtlas } from '../../store';
import { openCopyFor } from '../../lib/copySelection';
import { isCopyKey } from '../../lib/actionKeys';
import { RowMenu } from '../../components/RowMenu';
import { isTypingTarget, shiftShortcutLabel } from '../../lib/keyboard';
import { lifecycleMenuItems, openLifecycleFor } from './imageActions';

/**
 * "Copy…" and "Actions ▾" in the list's toolbar for the selected (or focused) images, and their
 * shortcuts: Ctrl/Cmd+Shift+C (or `c` in the grid) copies, Delete deregisters.
 */
export function ImageActions() {
  const view = useAtlas((s) => s.view);
  const count = useAtlas((s) => (s.imageSelection.selected.size > 0 ? s.imageSelection.selected.size : s.selectedImageId ? 1 : 0));
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  useImageActionKeys();

  const closeMenu = useCallback(() => {
    setMenu(null);
    buttonRef.current?.focus();
  }, []);

  if (count === 0) return null;
  const owned = view === 'owned';
  return (
    <>
      <button
        type="button"
        className="button button-small"
        data-testid="copy-selection"
        aria-keyshortcuts="Control+Shift+C Meta+Shift+C"
        title={`${owned ? 'Copy to other regions' : 'Copy into this account'} (${shiftShortcutLabel('C')})`}
        onClick={() => void openCopyFor(useAtlas.getState())}
      >
        <Icon name="copy" size={13} /> {owned ? (count > 1 ? `Copy ${count}…` : 'Copy…') : 'Copy into this account…'}
      </button>
      {owned && (
        <button
          ref={buttonRef}
          type="button"
          className="button button-small"
          data-testid="image-actions"
          aria-haspopup="menu"
          aria-expanded={menu !== null}
          onClick={(e) => {
            const rect = e.currentTarget.getBoundingClientRect();
            setMenu(menu ? null : { x: rect.left, y: rect.bottom + 4 });
          }}
        >
          Actions <span aria-hidden="true">▾</span>
        </button>
      )}
      {menu && <RowMenu x={menu.x} y={menu.y} items={lifecycleMenuItems(() => useAtlas.getState())} onClose={closeMenu} />}
    </>
  );
}

/** Keys for the grid's selection; never while typing or over a dialog. */
function useImageActionKeys() {
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented) return;
      if (document.querySelector('dialog[open]')) return;
      const state = useAtlas.getState();
      if (isCopyKey(event)) {
        if (isTypingTarget(event.target)) return;
        if (openCopyFor(state)) event.preventDefault();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      // Plain keys only from the grid (or nothing focused), so they never fire from a button or the sidebar.
      const target = event.target;
      const inGrid = target instanceof HTMLElement && (target.hasAttribute('data-grid-focus') || target === document.body);
      if (!inGrid) return;
      if (event.key === 'c' && !event.shiftKey) {
        if (openCopyFor(state)) event.preventDefault();
      } else if (event.key === 'Delete' && !event.shiftKey) {
        if (openLifecycleFor(state, 'deregister')) event.preventDefault();
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
