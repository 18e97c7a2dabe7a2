import { useEffect, useId, useRef } from 'react';
import { AccountsGuard } from '../../components/ConfirmProduction';
import { ActingAs } from '../../components/ActingAs';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { CheckField } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { ProgressBar } from '../../components/Spinner';
import { plural } from '../../lib/format';
import { applyBlock, failedRefs, requiredConfirmations, sendableItems, type ApplyBlock } from '../../lib/sharePlan';
import { targetSummary } from '../../lib/shareTargets';
import { useAtlas } from '../../store';
import type { ShareSheetState } from './storeTypes';
import { SharePlanItem } from './SharePlanItem';
import { ShareResults } from './ShareResults';

const BLOCK_TEXT: Record<Exclude<ApplyBlock, null>, string> = {
  'nothing-to-change': 'Nothing to change: every recipient already has these AMIs.',
  'all-blocked': 'Every AMI is blocked; see why above.',
  'needs-confirmation': 'Type the production account names to continue.',
};

/** Mounted once at the app root: the confirm sheet for a drop or a "Share with…" choice. */
export function ShareSheetHost() {
  const sheet = useAtlas((s) => s.shareSheet);
  if (!sheet) return null;
  return <ShareSheet sheet={sheet} />;
}

/**
 * Plan → confirm → apply → results, in one sheet. The plan is read-only and lists exactly what
 * the apply will send; Apply stays disabled until production accounts are named.
 */
function ShareSheet({ sheet }: { sheet: ShareSheetState }) {
  const close = useAtlas((s) => s.closeShareSheet);
  const busy = sheet.phase === 'applying';
  const n = sheet.images.length;
  const title = `Share ${plural(n, 'AMI')} with ${sheet.target.label}`;
  return (
    <Dialog
      title={title}
      subtitle={<SheetSubtitle sheet={sheet} />}
      // While the apply runs, Esc must not hide a change that is still being made.
      onClose={busy ? () => undefined : close}
      dismissable={!busy}
      size="wide"
      testId="share-sheet"
      className="share-sheet"
      initialFocus="[data-autofocus]"
    >
      {sheet.phase === 'applied' || (busy && sheet.result) ? <ResultsBody sheet={sheet} /> : <PlanBody sheet={sheet} />}
    </Dialog>
  );
}

function SheetSubtitle({ sheet }: { sheet: ShareSheetState }) {
  const first = sheet.images[0];
  const owner = useAtlas((s) => s.workspace?.accounts.find((a) => a.id === first?.account)?.name);
  const regions = [...new Set(sheet.images.map((i) => i.region))];
  return (
    <span className="dialog-context">
      From <strong>{owner ?? first?.account}</strong>
      <span className="mono">{regions.join(', ')}</span>
      <Icon name="chevronRight" size={12} />
      <strong>{targetSummary(sheet.target)}</strong>
      {sheet.target.accounts.length > 0 && sheet.target.kind === 'client' && <span>{sheet.target.accounts.map((a) => a.name).join(', ')}</span>}
    </span>
  );
}

function PlanBody({ sheet }: { sheet: ShareSheetState }) {
  const close = useAtlas((s) => s.closeShareSheet);
  const setSnapshots = useAtlas((s) => s.setShareSnapshots);
  const setTyped = useAtlas((s) => s.setShareTyped);
  const applyShare = useAtlas((s) => s.applyShare);
  const planShare = useAtlas((s) => s.planShare);
  const uid = useId();
  const { plan } = sheet;
  const planning = sheet.phase === 'planning';
  const applying = sheet.phase === 'applying';
  const confirm = plan ? requiredConfirmations(plan) : [];
  const block = plan ? applyBlock(plan, sheet.typed) : null;
  const sendable = plan ? sendableItems(plan).length : 0;
  const canApply = !!plan && !planning && !applying && block === null;

  return (
    <form
      className="dialog-body sheet-body"
      onSubmit={(e) => {
        e.preventDefault();
        if (canApply) void applyShare();
      }}
    >
      {sheet.target.skipped.length > 0 && (
        <p className="share-skipped">
          Not included:{' '}
          {sheet.target.skipped.map((s, i) => (
            <span key={s.account.id}>
              {i > 0 && '; '}
              <strong>{s.account.name}</strong> ({s.reason})
            </span>
          ))}
          .
        </p>
      )}
      <CheckField
        id={`${uid}-snapshots`}
        label="Also allow creating volumes from the snapshots (needed if the recipient will copy the AMI)"
        checked={sheet.snapshots}
        disabled={applying}
        onChange={setSnapshots}
      />
      <div className="share-plan sheet-scroll" aria-busy={planning || undefined}>
        {planning && <ProgressBar label="Checking what will change" />}
        {sheet.error && <ErrorBanner error={sheet.error} onRetry={plan ? undefined : () => void planShare()} />}
        {!plan && planning && <p className="share-planning muted">Reading each AMI’s launch permissions and snapshots…</p>}
        {plan && (
          <ul className="item-list" aria-label="What will change" data-testid="share-plan">
            {plan.items.map((item, i) => (
              <SharePlanItem
                key={`${item.ref.account}|${item.ref.region}|${item.ref.imageId}`}
                item={item}
                snapshots={sheet.snapshots}
                shownStatements={statementsBefore(plan.items, i)}
              />
            ))}
          </ul>
        )}
      </div>
      {plan && <ActingAs accounts={plan.items.filter((i) => i.blockers.length === 0).map((i) => i.ref.account)} />}
      {confirm.length > 0 && (
        <AccountsGuard accounts={confirm} typed={sheet.typed} onType={setTyped} disabled={applying} autoFocus />
      )}
      {applying && <ProgressBar label="Sharing" />}
      <div className="form-actions share-actions">
        {plan && block && !planning && <span className="form-actions-note share-block-note">{BLOCK_TEXT[block]}</span>}
        <button type="button" className="button" onClick={close} disabled={applying} data-autofocus={confirm.length === 0 ? '' : undefined}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={!canApply} data-testid="share-apply">
          {applying ? 'Sharing…' : `Share ${plural(sendable || sheet.images.length, 'AMI')}`}
        </button>
      </div>
    </form>
  );
}

/** Policy statements shown by the warnings of the items before `index` (blocked items show none). */
function statementsBefore(items: NonNullable<ShareSheetState['plan']>['items'], index: number): Set<string> {
  const seen = new Set<string>();
  for (const item of items.slice(0, index)) {
    if (item.blockers.length > 0) continue;
    for (const w of item.warnings) if (w.policyStatement) seen.add(w.policyStatement);
  }
  return seen;
}

function ResultsBody({ sheet }: { sheet: ShareSheetState }) {
  const close = useAtlas((s) => s.closeShareSheet);
  const retry = useAtlas((s) => s.retryFailedShares);
  const applying = sheet.phase === 'applying';
  const failed = failedRefs(sheet.result).length;
  const doneRef = useRef<HTMLButtonElement>(null);
  // The plan's controls are gone: keys go to Done (Enter closes, Tab reaches Retry).
  useEffect(() => doneRef.current?.focus(), []);
  return (
    <div className="dialog-body sheet-body">
      {sheet.error && <ErrorBanner error={sheet.error} />}
      {sheet.result && <ShareResults result={sheet.result} />}
      {applying && <ProgressBar label="Retrying" />}
      <div className="form-actions share-actions">
        {failed > 0 && (
          <button type="button" className="button" onClick={() => void retry()} disabled={applying} data-testid="share-retry">
            <Icon name="refresh" size={14} /> {applying ? 'Retrying…' : `Retry ${failed} failed`}
          </button>
        )}
        <button ref={doneRef} type="button" className="button button-primary" onClick={close} disabled={applying} data-testid="share-done">
          Done
        </button>
      </div>
    </div>
  );
}
