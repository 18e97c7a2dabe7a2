/** The inventory feature's events: scans stream progress per target, and each finished target's rows; usage checks, the account-regions read. */
import { on } from '../../api';
import { useAtlas } from '../../store';

export function followInventoryEvents(): Array<() => void> {
  const state = () => useAtlas.getState();
  return [
    on('inventory:progress', (status) => state().applyScanProgress(status)),
    on('inventory:targetRows', (payload) => state().applyTargetRows(payload)),
    on('inventory:targetPermissions', (payload) => state().applyTargetPermissions(payload)),
    on('usage:progress', (progress) => state().applyUsageProgress(progress)),
  ];
}
