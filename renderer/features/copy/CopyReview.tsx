import { ProductionGuard } from '../../components/ConfirmProduction';
import { ActingAs } from '../../components/ActingAs';
import { ErrorBanner } from '../../components/ErrorBanner';
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
      <ul className="item-list copy-items" aria-label="Copies to be made" data-testid="copy-plan">
        {plan.items.map((item) => (
          <CopyPlanRow key={`${item.source.imageId}|${item.destination.region}`} item={item} />
        ))}
      </ul>
      {sendable > 0 && <ActingAs accounts={[...new Set(plan.items.map((i) => i.destination.account))]} />}
      {plan.confirmAccounts.length > 0 && sendable > 0 && (
        <ProductionGuard
          phrases={plan.confirmAccounts.map((c) => c.name)}
          typed={plan.confirmAccounts.map((c) => dialog.typed[c.account])}
          onType={(i, text) => {
            const account = plan.confirmAccounts[i]?.account;
            if (account) setCopyTyped(account, text);
          }}
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
