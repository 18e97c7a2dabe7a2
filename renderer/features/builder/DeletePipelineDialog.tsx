import { useEffect, useId, useRef, useState } from 'react';
import type { AppError } from '../../../shared/errors';
import type { PipelineDetail, PipelineSummary } from '../../../shared/imagebuilder';
import type { PipelinePart, PipelineRemoveResult, RemovalItem } from '../../../shared/imagebuilder-manage';
import { AccountsGuard } from '../../components/ConfirmProduction';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { SkeletonLines } from '../../components/Spinner';
import { confirmationsOf, phraseMatches, productionNamed } from '../../lib/confirm';
import { useAtlas } from '../../store';
import { closeManage, finishRemoval, planRemoval, removePipeline } from './manageStore';

type Part = Exclude<PipelinePart, 'pipeline'>;
const PARTS: readonly Part[] = ['recipe', 'infrastructure', 'distribution'];
const PART_LABEL: Record<PipelinePart, string> = { pipeline: 'Pipeline', recipe: 'Recipe', infrastructure: 'Infrastructure configuration', distribution: 'Distribution configuration' };

/**
 * Deletes a pipeline and, when ticked, its recipe, infrastructure and distribution. Each part
 * another pipeline still uses cannot be ticked and says by whom (read before the dialog asks);
 * the list under the ticks is exactly what will go. After the delete, what went and what was
 * kept, with why, until Done.
 */
export function DeletePipelineDialog({ summary, detail }: { summary: PipelineSummary; detail: PipelineDetail }) {
  const uid = useId();
  const account = useAtlas((s) => s.workspace?.accounts.find((a) => a.id === summary.account) ?? null);
  const [plan, setPlan] = useState<PipelineRemoveResult | null>(null);
  const [planError, setPlanError] = useState<AppError | null>(null);
  const [wanted, setWanted] = useState<Record<Part, boolean>>({ recipe: false, infrastructure: false, distribution: false });
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<PipelineRemoveResult | null>(null);
  const doneButton = useRef<HTMLButtonElement>(null);
  // The form's buttons are gone once it is done: focus goes to Done, so Enter or Esc finishes.
  useEffect(() => {
    if (done) doneButton.current?.focus();
  }, [done]);

  const base = { account: summary.account, region: summary.region, arn: summary.arn, confirmations: {} };
  useEffect(() => {
    let live = true;
    planRemoval({ ...base, recipe: true, infrastructure: true, distribution: true })
      .then((p) => live && setPlan(p))
      .catch((e: unknown) => live && setPlanError(e as AppError));
    return () => {
      live = false;
    };
    // Once per opening: the dialog shows what the account-region held then.
  }, []);

  const planned = (kind: Part): RemovalItem | undefined => plan?.items.find((i) => i.kind === kind);
  const names: Record<Part, string | null> = {
    recipe: detail.recipe ? `${detail.recipe.name} ${detail.recipe.version}` : null,
    infrastructure: detail.infrastructure?.name ?? null,
    distribution: detail.distribution?.name ?? null,
  };
  const going = PARTS.filter((k) => wanted[k] && planned(k)?.outcome === 'will-delete');
  const production = account?.production ? [{ account: account.id, name: account.name }] : [];
  const typedOk = production.every((p) => phraseMatches(typed[p.account], p.name));

  async function submit() {
    if (busy || !plan || !typedOk || done) return;
    setBusy(true);
    setError(null);
    try {
      const result = await removePipeline({
        ...base,
        recipe: going.includes('recipe'),
        infrastructure: going.includes('infrastructure'),
        distribution: going.includes('distribution'),
        confirmations: confirmationsOf(productionNamed(account ? [account] : [])),
      });
      setDone(result);
    } catch (e) {
      setError(e as AppError);
    } finally {
      setBusy(false);
    }
  }

  const finish = () => void finishRemoval(summary.account, summary.region, summary.arn);

  return (
    <Dialog
      title={done ? `Deleted ${done.pipelineName}` : `Delete ${summary.name}`}
      subtitle={
        <span className="dialog-context">
          In <strong>{account?.name ?? 'an account no longer in the workspace'}</strong> <span className="mono">{summary.region}</span>
          {account?.production && <span className="badge badge-prod">PROD</span>}
        </span>
      }
      onClose={busy ? () => undefined : done ? finish : closeManage}
      dismissable={!busy}
      testId="delete-pipeline-dialog"
      initialFocus={done ? '[data-autofocus]' : production.length > 0 ? '.prod-guard-input' : '[data-autofocus]'}
    >
      {done ? (
        <div className="dialog-body builder-manage-form">
          <ul className="builder-manage-outcomes" aria-label="What happened" data-testid="delete-outcomes">
            {done.items.map((item) => (
              <li key={item.arn} className={`tone-line ${item.outcome === 'deleted' ? 'is-success' : item.outcome === 'failed' ? 'is-danger' : 'is-neutral'}`} data-outcome={item.outcome} data-kind={item.kind}>
                <Icon name={item.outcome === 'deleted' ? 'trash' : item.outcome === 'failed' ? 'alert' : 'lock'} size={13} />
                <span>
                  {PART_LABEL[item.kind]} <strong className="mono">{item.name}</strong> {item.outcome === 'deleted' ? 'deleted' : item.outcome === 'failed' ? 'not deleted' : 'kept'}
                  {item.reason ? `: ${item.reason}` : ''}
                </span>
              </li>
            ))}
          </ul>
          <div className="form-actions">
            <button type="button" className="button button-primary" onClick={finish} data-autofocus="" data-testid="delete-done" ref={doneButton}>
              Done
            </button>
          </div>
        </div>
      ) : (
        <form
          className="dialog-body builder-manage-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <p className="confirm-message">The pipeline is deleted from Image Builder. Images it already built, and their AMIs, stay. Also delete what it was made of:</p>
          {planError && <ErrorBanner error={planError} />}
          {!plan && !planError && <SkeletonLines count={3} />}
          {plan && (
            <div className="builder-manage-parts">
              {PARTS.map((kind) => {
                const item = planned(kind);
                if (!names[kind] || !item) return null;
                const blocked = item.outcome === 'will-keep';
                return (
                  <label key={kind} className={`builder-manage-part${blocked ? ' is-blocked' : ''}`} htmlFor={`${uid}-${kind}`}>
                    <input
                      id={`${uid}-${kind}`}
                      type="checkbox"
                      checked={wanted[kind] && !blocked}
                      disabled={blocked || busy}
                      onChange={(e) => setWanted((w) => ({ ...w, [kind]: e.target.checked }))}
                      data-testid={`delete-${kind}`}
                    />
                    <span>
                      {PART_LABEL[kind]} <strong className="mono">{names[kind]}</strong>
                      {blocked && <span className="muted"> — kept: {item.reason}</span>}
                    </span>
                  </label>
                );
              })}
            </div>
          )}
          <div className="builder-manage-going" aria-live="polite">
            <h4>Will be deleted</h4>
            <ul data-testid="delete-list">
              <li>
                {PART_LABEL.pipeline} <strong className="mono">{summary.name}</strong>
              </li>
              {going.map((kind) => (
                <li key={kind}>
                  {PART_LABEL[kind]} <strong className="mono">{names[kind]}</strong>
                </li>
              ))}
            </ul>
          </div>
          {error && <ErrorBanner error={error} />}
          {production.length > 0 && <AccountsGuard accounts={production} typed={typed} onType={(id, text) => setTyped((t) => ({ ...t, [id]: text }))} disabled={busy} />}
          <div className="form-actions">
            <span className="muted builder-wizard-keys">Esc: close</span>
            <button type="button" className="button" onClick={closeManage} disabled={busy} data-autofocus="">
              Cancel
            </button>
            <button type="submit" className="button button-danger" disabled={busy || !plan || !typedOk} data-testid="delete-confirm">
              {busy ? 'Deleting…' : going.length > 0 ? `Delete ${going.length + 1} resources` : 'Delete pipeline'}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
