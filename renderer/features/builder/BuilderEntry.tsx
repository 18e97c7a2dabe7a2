import { ModeEntry } from '../../components/ModeEntry';
import { isShiftShortcut } from '../../lib/keyboard';

type KeyLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

/** Ctrl+Shift+B (Cmd+Shift+B): Image Builder, like Ctrl+Shift+M for the share matrix. */
export function isBuilderKey(event: KeyLike): boolean {
  return isShiftShortcut(event, 'b');
}

/** "Image Builder" in the sidebar's list of views, and its shortcut (which toggles it, never over a dialog). */
export function BuilderEntry() {
  return (
    <ModeEntry
      mode="builder"
      label="Image Builder"
      icon="refresh"
      className="builder-entry"
      testId="builder-entry"
      title="EC2 Image Builder pipelines of the active account and region"
      shortcut="B"
      toggles
    />
  );
}
