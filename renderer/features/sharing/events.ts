/** The sharing feature's events: launch permissions changed (share, undo), so lists, details and the audit log catch up. */
import { on } from '../../api';
import { useAtlas } from '../../store';

export function followSharingEvents(): Array<() => void> {
  return [on('sharing:changed', (payload) => useAtlas.getState().applySharingChanged(payload))];
}
