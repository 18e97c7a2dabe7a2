import { useSyncExternalStore } from 'react';
import { useAtlas } from '../../store';
import { Icon } from '../../components/Icon';
import { RelativeTime } from '../../components/RelativeTime';
import { isOffline } from '../../lib/inventory';

function subscribe(listener: () => void): () => void {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

export function useOnline(): boolean {
  return useSyncExternalStore(subscribe, () => navigator.onLine, () => true);
}

/** Says plainly that the grid is the cached inventory, and from when; browsing and export still work. */
export function OfflineBanner() {
  const online = useOnline();
  const summary = useAtlas((s) => s.inventorySummary);
  const scan = useAtlas((s) => s.scan);
  const targets = scan && scan.state !== 'running' ? scan.targets : (summary?.targets ?? []);
  if (!isOffline(online, targets)) return null;
  return (
    <div className="offline-banner" role="status" data-testid="offline-banner">
      <Icon name="alert" size={14} />
      <span>
        <strong>Offline</strong> — showing the inventory as of {summary?.asOf ? <RelativeTime value={summary.asOf} /> : 'the last scan'}. Browsing and CSV
        export keep working; scan again when the network is back.
      </span>
    </div>
  );
}
