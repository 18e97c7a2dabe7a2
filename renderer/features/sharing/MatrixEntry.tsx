import { useEffect } from 'react';
import { useAtlas } from '../../store';
import { Icon } from '../../components/Icon';
import { shiftShortcutLabel } from '../../lib/keyboard';

/** Ctrl+Shift+M (Cmd+Shift+M): the share matrix, like Ctrl+Shift+L for the audit log. */
export function isShareMatrixKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
  return event.key.toLowerCase() === 'm' && (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey;
}

/** "Share matrix" in the sidebar's list of views, and its shortcut (which toggles it, never over a dialog). */
export function MatrixEntry() {
  const active = useAtlas((s) => s.mode === 'matrix');
  const setMode = useAtlas((s) => s.setMode);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!isShareMatrixKey(event)) return;
      event.preventDefault();
      if (document.querySelector('dialog[open]')) return;
      const state = useAtlas.getState();
      state.setMode(state.mode === 'matrix' ? 'accounts' : 'matrix');
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <button
      type="button"
      className={`inventory-entry matrix-entry${active ? ' is-active' : ''}`}
      aria-current={active ? 'page' : undefined}
      aria-keyshortcuts="Control+Shift+M Meta+Shift+M"
      title={`Who can launch what across a client's accounts (${shiftShortcutLabel('M')})`}
      data-testid="share-matrix-entry"
      onClick={() => setMode('matrix')}
    >
      <Icon name="sliders" size={14} />
      <span className="inventory-entry-label">Share matrix</span>
    </button>
  );
}
