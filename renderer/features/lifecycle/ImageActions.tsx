import { useCallback, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { Icon } from '../../components/Icon';
import { useAtlas } from '../../store';
import { openCopyFor } from '../../lib/copySelection';
import { isCopyKey } from '../../lib/actionKeys';
import { RowMenu } from '../../components/RowMenu';
import { isTypingTarget, shiftShortcutLabel } from '../../lib/keyboard';
import { pickedFacts, selectionWhyNot } from '../../lib/imageActionsFor';
import { lifecycleMenuItems, openLifecycleFor } from './imageActions';

/**
 * "Copy…" and "Actions ▾" in the list's toolbar for the selected (or focused) images, and their
 * shortcuts: Ctrl/Cmd+Shift+C (or `c` in the grid) copies, Delete deregisters. Both offer only
 * what applies to the images (lib/imageActionsFor); a key for an action that does not apply says
 * why in a short notice instead.
 */
export function ImageActions() {
  const view = useAtlas((s) => s.view);
  const count = useAtlas((s) => (s.imageSelection.selected.size > 0 ? s.imageSelection.selected.size : s.selectedImageId ? 1 : 0));
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const notice = useImageActionKeys();
  // Read at each render: the count changes with the pick, and a list reload re-renders the toolbar.
  const copyWhyNot = useAtlas((s) => (count > 0 ? selectionWhyNot('copy', pickedFacts(s)) : null));

  const closeMenu = useCallback(() => {
    setMenu(null);
    buttonRef.current?.focus();
  }, []);

  if (count === 0) return notice;
  const owned = view === 'owned';
  return (
    <>
      {notice}
      <button
        type="button"
        className="button button-small"
        data-testid="copy-selection"
        aria-keyshortcuts="Control+Shift+C Meta+Shift+C"
        disabled={copyWhyNot !== null}
        title={copyWhyNot ?? `${owned ? 'Copy to other regions' : 'Copy into this account'} (${shiftShortcutLabel('C')})`}
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

const NOTICE_MS = 5000;

/** Keys for the grid's selection; never while typing or over a dialog. Returns the "does not apply" notice. */
function useImageActionKeys() {
  const [notice, setNotice] = useState<{ id: number; text: string } | null>(null);
  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => setNotice(null), NOTICE_MS);
    return () => clearTimeout(t);
  }, [notice]);

  useEffect(() => {
    const explain = (text: string) => setNotice({ id: Date.now(), text });
    /** Copies when copying applies to a picked image; says why not otherwise. */
    function copy(event: KeyboardEvent) {
      const state = useAtlas.getState();
      const facts = pickedFacts(state);
      if (facts.length === 0) return;
      event.preventDefault();
      const why = selectionWhyNot('copy', facts);
      if (why) explain(`Copy: ${why}`);
      else openCopyFor(state);
    }
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented) return;
      if (document.querySelector('dialog[open]')) return;
      if (isCopyKey(event)) {
        if (!isTypingTarget(event.target)) copy(event);
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      // Plain keys only from the grid (or nothing focused), so they never fire from a button or the sidebar.
      const target = event.target;
      const inGrid = target instanceof HTMLElement && (target.hasAttribute('data-grid-focus') || target === document.body);
      if (!inGrid) return;
      if (event.key === 'c' && !event.shiftKey) {
        copy(event);
      } else if (event.key === 'Delete' && !event.shiftKey) {
        const state = useAtlas.getState();
        if (pickedFacts(state).length === 0) return;
        event.preventDefault();
        const why = openLifecycleFor(state, 'deregister');
        if (why) explain(`Deregister: ${why}`);
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return notice
    ? createPortal(
        <div key={notice.id} className="action-notice action-notice-danger" role="status" data-testid="action-not-applicable">
          <Icon name="alert" size={14} className="icon action-notice-icon" />
          <span className="action-notice-text">{notice.text}</span>
        </div>,
        document.body,
      )
    : null;
}
