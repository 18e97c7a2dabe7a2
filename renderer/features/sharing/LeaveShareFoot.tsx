import { useState } from 'react';
import type { AppError } from '../../../shared/errors';
import { useAtlas } from '../../store';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { formatAccountId } from '../../lib/format';
import { leaveSharedImage, sharedByLabel, sharedWithMe } from './leaveShare';

/** The detail pane's foot for an image shared with us: who shared it, and "Leave share". */
export function LeaveShareFoot() {
  const image = useAtlas(sharedWithMe);
  const sharedBy = useAtlas((s) => (image ? sharedByLabel(image, s) : ''));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  if (!image) return null;
  const known = sharedBy !== formatAccountId(image.ownerId);

  async function leave() {
    if (!image) return;
    setBusy(true);
    setError(null);
    const result = await leaveSharedImage(image);
    setBusy(false);
    if (result.status === 'failed') setError(result.error);
  }

  return (
    <footer className="detail-foot" data-testid="leave-share-foot">
      {error && <ErrorBanner error={error} onDismiss={() => setError(null)} />}
      <div className="detail-foot-row">
        <span className="detail-foot-text">
          Shared by <strong data-testid="detail-shared-by">{sharedBy}</strong>
          {known && <span className="mono-soft"> {formatAccountId(image.ownerId)}</span>}
        </span>
        <button type="button" className="button button-danger-outline" disabled={busy} onClick={() => void leave()} data-testid="leave-share">
          <Icon name="close" size={13} /> Leave share
        </button>
      </div>
    </footer>
  );
}
