import { Icon } from '../../components/Icon';
import { useAtlas } from '../../store';
import { shiftShortcutLabel } from '../../lib/keyboard';
import { openShareWith } from '../../lib/shareSelection';

/** "Share 3 AMIs…" in the list's toolbar, shown while owned rows are picked. */
export function ShareSelectionButton() {
  const count = useAtlas((s) => s.imageSelection.selected.size);
  if (count === 0) return null;
  return (
    <button
      type="button"
      className="button button-small share-selection-button"
      data-testid="share-selection"
      aria-keyshortcuts="Control+Shift+S Meta+Shift+S"
      title={`Share the selected AMIs with a client or account (${shiftShortcutLabel('S')}); or drag them onto one in the sidebar`}
      onClick={() => void openShareWith(useAtlas.getState())}
    >
      <Icon name="user" size={13} /> {count === 1 ? 'Share with…' : `Share ${count} AMIs with…`}
    </button>
  );
}
