import { Icon } from '../../components/Icon';
import { useAtlas } from '../../store';
import { shiftShortcutLabel } from '../../lib/keyboard';
import { openShareWith } from '../../lib/shareSelection';
import { pickedFacts, selectionWhyNot } from '../../lib/imageActionsFor';

/** "Share 3 AMIs…" in the list's toolbar, shown while owned rows are picked; unavailable (with why) when none can be shared. */
export function ShareSelectionButton() {
  const count = useAtlas((s) => s.imageSelection.selected.size);
  const whyNot = useAtlas((s) => (s.imageSelection.selected.size > 0 ? selectionWhyNot('share', pickedFacts(s)) : null));
  if (count === 0) return null;
  return (
    <button
      type="button"
      className="button button-small share-selection-button"
      data-testid="share-selection"
      aria-keyshortcuts="Control+Shift+S Meta+Shift+S"
      disabled={whyNot !== null}
      title={whyNot ?? `Share the selected AMIs with a client or account (${shiftShortcutLabel('S')}); or drag them onto one in the sidebar`}
      onClick={() => void openShareWith(useAtlas.getState())}
    >
      <Icon name="user" size={13} /> {count === 1 ? 'Share with…' : `Share ${count} AMIs with…`}
    </button>
  );
}
