import { CopyableId } from '../../components/CopyableId';
import { Icon } from '../../components/Icon';
import { blockPublicAccessHelp } from '../../lib/sharing';

interface NoticeProps {
  accountName: string;
  region: string;
  onCheckAgain(): void;
  onDismiss(): void;
}

/** Shown instead of "Make public" when the region's block public access for AMIs is on. */
export function PermissionsEditorPublicNotice({ accountName, region, onCheckAgain, onDismiss }: NoticeProps) {
  const help = blockPublicAccessHelp(region);
  return (
    <div className="notice-box perm-notice" role="status" data-testid="block-public-access">
      <p className="perm-notice-title">
        <Icon name="lock" size={14} /> Public sharing is blocked in {region}
      </p>
      <p>
        Block public access for AMIs is on for <strong>{accountName}</strong> in <span className="mono">{region}</span>, so AWS refuses to
        make any image public there. Share with accounts, an organization or an OU instead, or — if this image really must be public — have
        an administrator turn the block off:
      </p>
      <p className="perm-notice-steps">{help.steps}</p>
      <CopyableId value={help.command} className="perm-notice-command" />
      <p className="muted">The change can take a few minutes to apply. Then check again.</p>
      <div className="perm-notice-actions">
        <button type="button" className="button" onClick={onCheckAgain}>
          Check again
        </button>
        <button type="button" className="button" onClick={onDismiss}>
          Close
        </button>
      </div>
    </div>
  );
}
