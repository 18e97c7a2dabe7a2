import { AccountsGuard } from '../../components/ConfirmProduction';
import { ActingAs } from '../../components/ActingAs';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { ProgressBar } from '../../components/Spinner';
import { sendableCopies, startBlock } from '../../lib/copyPlan';
import { plural } from '../../lib/format';
import { backToCopyForm, setCopyTyped, startCopies, type CopyDialogState } from './copyStore';
import { CopyPlanRow } from './CopyPlanRow';

const BLOCK_TEXT = {
  'all-blocked': 'Every copy is blocked; see why above.',
  'needs-confirmation': 'Type the production account name to continue.',
} as const;

/** Every copy to be made, what is excluded and why; then "Start copies" (Enter). */
export function CopyReview({ dialog }: { dialog: CopyDialogState }) {
  const plan = dialog.plan;
  if (!plan) return null;
  const starting = dialog.phase === 'starting';
  const block = startBlock(plan, dialog.typed);
  const sendable = sendableCopies(plan).length;
  const excluded = plan.items.length - sendable;
  const managed = sendableCopies(plan).filter((i) => i.warnings.some((w) => w.code === 'AWS_MANAGED_KEY')).length;
  return (
    <form
      className="dialog-body copy-review"
      onSubmit={(e) => {
        e.preventDefault();
        if (block === null && !starting) void startCopies();
      }}
    >
      <p className="copy-review-summary">
        {plural(sendable, 'copy', 'copies')} will be made{excluded > 0 ? `; ${excluded} excluded` : ''}. Each one is a job you can follow and cancel in Jobs.
      </p>
      {managed > 0 && (
        <div className="issue-box issue-box-warning copy-managed-key" role="status" data-testid="copy-review-managed-key">
          <Icon name="alert" size={14} className="icon issue-box-icon" />
          <div className="issue-box-text">
            <p className="issue-box-message">
              {managed === sendable ? (sendable === 1 ? 'This copy' : `All ${sendable} copies`) : `${managed} of the ${sendable} copies`} will be encrypted with the AWS managed
              key (aws/ebs) and can never be shared with another account: AWS lets no other account use that key.
            </p>
            <p className="issue-box-fix">
              To share them later, go back and choose a customer managed key.{' '}
              <button type="button" className="button button-small" onClick={backToCopyForm} disabled={starting} data-testid="copy-choose-key">
                Choose a customer managed key
              </button>
            </p>
          </div>
        </div>
      )}
      <ul className="item-list copy-items" aria-label="Copies to be made" data-testid="copy-plan">
        {plan.items.map((item) => (
          <CopyPlanRow key={`${item.source.imageId}|${item.destination.region}`} item={item} />
        ))}
      </ul>
      {sendable > 0 && <ActingAs accounts={[...new Set(plan.items.map((i) => i.destination.account))]} />}
      {plan.confirmAccounts.length > 0 && sendable > 0 && (
        <AccountsGuard
          accounts={plan.confirmAccounts}
          typed={dialog.typed}
          onType={setCopyTyped}
          lede="The copies are made in a production account. Type its name to confirm."
          disabled={starting}
          autoFocus
        />
      )}
      {dialog.error && <ErrorBanner error={dialog.error} />}
      {starting && <ProgressBar label="Starting the copies" />}
      <div className="form-actions">
        {block && <span className="form-actions-note">{BLOCK_TEXT[block]}</span>}
        <button type="button" className="button" onClick={backToCopyForm} disabled={starting} data-autofocus={plan.confirmAccounts.length === 0 ? '' : undefined}>
          Back
        </button>
        <button type="submit" className="button button-primary" disabled={block !== null || starting} data-testid="copy-start">
          {starting ? 'Starting…' : `Start ${plural(sendable, 'copy', 'copies')}`}
        </button>
      </div>
    </form>
  );
}
