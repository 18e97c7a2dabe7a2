import { ModeEntry } from '../../components/ModeEntry';

/** "Share matrix" in the sidebar's list of views, and Ctrl+Shift+M (which toggles it, never over a dialog). */
export function MatrixEntry() {
  return (
    <ModeEntry
      mode="matrix"
      label="Share matrix"
      icon="sliders"
      className="matrix-entry"
      testId="share-matrix-entry"
      title="Who can launch what across a client's accounts"
      shortcut="M"
      toggles
    />
  );
}
