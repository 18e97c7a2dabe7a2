import { ModeEntry } from '../../components/ModeEntry';

/** "Clean-up" in the sidebar's list of views, and its shortcut (which toggles it, never over a dialog). */
export function CleanupEntry() {
  return (
    <ModeEntry
      mode="cleanup"
      label="Clean-up"
      icon="trash"
      className="cleanup-entry"
      testId="cleanup-entry"
      title="Retention plans, the Recycle Bin and orphaned snapshots"
      shortcut="X"
      toggles
    />
  );
}
