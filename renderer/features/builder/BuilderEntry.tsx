import { useEffect } from 'react';
import { Icon } from '../../components/Icon';
import { useAtlas } from '../../store';
import { shiftShortcutLabel } from '../../lib/keyboard';

type KeyLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

/** Ctrl+Shift+B (Cmd+Shift+B): Image Builder, like Ctrl+Shift+M for the share matrix. */
export function isBuilderKey(event: KeyLike): boolean {
  return event.key.toLowerCase() === 'b' && (event.ctrlKey || event.metaKey) && event.shiftKey && !event.altKey;
}

/** "Image Builder" in the sidebar's list of views, and its shortcut (which toggles it, never over a dialog). */
export function BuilderEntry() {
  const active = useAtlas((s) => s.mode === 'builder');
  const setMode = useAtlas((s) => s.setMode);

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (!isBuilderKey(event)) return;
      event.preventDefault();
      if (document.querySelector('dialog[open]')) return;
      const state = useAtlas.getState();
      state.setMode(state.mode === 'builder' ? 'accounts' : 'builder');
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  return (
    <button
      type="button"
      className={`inventory-entry builder-entry${active ? ' is-active' : ''}`}
      aria-current={active ? 'page' : undefined}
      aria-keyshortcuts="Control+Shift+B Meta+Shift+B"
      title={`EC2 Image Builder pipelines of the active account and region (${shiftShortcutLabel('B')})`}
      data-testid="builder-entry"
      onClick={() => setMode('builder')}
    >
      <Icon name="refresh" size={14} />
      <span className="inventory-entry-label">Image Builder</span>
    </button>
  );
}
