import { Dialog } from '../../components/Dialog';
import { Icon } from '../../components/Icon';
import { plural } from '../../lib/format';
import { useAtlas } from '../../store';
import { closeCopyDialog, useCopyStore, type CopyDialogState } from './copyStore';
import { CopyForm } from './CopyForm';
import { CopyReview } from './CopyReview';

/** Mounted once at the app root: the copy dialog, when open. */
export function CopyDialogHost() {
  const dialog = useCopyStore((s) => s.dialog);
  if (!dialog) return null;
  return <CopyDialog dialog={dialog} />;
}

/** Form → review (the core's plan) → start. Esc closes, except while the copies are being started. */
function CopyDialog({ dialog }: { dialog: CopyDialogState }) {
  const starting = dialog.phase === 'starting';
  const reviewing = dialog.phase === 'review' || starting;
  const n = dialog.sources.length;
  const first = dialog.sources[0];
  const title = reviewing ? 'Review copies' : n === 1 && first ? `Copy ${first.name}` : `Copy ${plural(n, 'AMI')}`;
  return (
    <Dialog
      title={title}
      subtitle={<CopySubtitle dialog={dialog} />}
      onClose={starting ? () => undefined : closeCopyDialog}
      dismissable={!starting}
      size="wide"
      testId="copy-dialog"
      className="copy-dialog"
      // In the review, a production name to type comes first; otherwise the marked control.
      initialFocus={reviewing && needsName(dialog) ? 'input[data-testid="prod-guard-input"]' : '[data-autofocus]'}
      // The review replaces the form in the same dialog: a new key re-runs the initial focus.
      key={reviewing ? 'review' : 'form'}
    >
      {reviewing ? <CopyReview dialog={dialog} /> : <CopyForm dialog={dialog} />}
    </Dialog>
  );
}

function needsName(dialog: CopyDialogState): boolean {
  return !!dialog.plan && dialog.plan.confirmAccounts.length > 0 && dialog.plan.items.some((i) => i.blockers.length === 0);
}

function CopySubtitle({ dialog }: { dialog: CopyDialogState }) {
  const account = useAtlas((s) => s.workspace?.accounts.find((a) => a.id === dialog.destinationAccount));
  return (
    <span className="dialog-context">
      {dialog.crossAccount ? 'Shared with me' : 'From'} <span className="mono">{dialog.sourceRegion}</span>
      <Icon name="chevronRight" size={12} />
      <strong>{account?.name ?? dialog.destinationAccount}</strong>
      {account?.production && <span className="badge badge-prod">PROD</span>}
      {dialog.crossAccount && <span>copies become this account’s own images</span>}
    </span>
  );
}
