import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { AppError } from '../../../shared/errors';
import type { ComponentChoice, PipelineDetail, PipelineSummary } from '../../../shared/imagebuilder';
import type { CloneComponent, PipelineCloneResult } from '../../../shared/imagebuilder-manage';
import { AccountsGuard } from '../../components/ConfirmProduction';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Field, fieldA11y } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';
import { confirmationsOf, phraseMatches, productionNamed } from '../../lib/confirm';
import { KNOWN_REGIONS } from '../../lib/regions';
import { groupAccounts } from '../../lib/workspace';
import { useAtlas } from '../../store';
import { invoke } from '../../api';
import { checkClone, clonePipeline, closeManage } from './manageStore';

const NAME = /^[-_A-Za-z0-9]{1,126}$/;
const PARENT = /^(ami-[0-9a-f]{8,17}|arn:aws[a-z-]*:imagebuilder:[a-z0-9-]+:(\d{12}|aws):image\/[\w./-]+)$/;

/**
 * Clones a pipeline into another account and/or region, both chosen by name. What the clone
 * needs is checked as the target is chosen (components resolved there, the parent image, names
 * already taken, what is left behind), so Clone is offered only when nothing is missing. Enter
 * clones, Esc closes.
 */
export function ClonePipelineDialog({ summary, detail }: { summary: PipelineSummary; detail: PipelineDetail }) {
  const uid = useId();
  const workspace = useAtlas((s) => s.workspace);
  const source = workspace?.accounts.find((a) => a.id === summary.account) ?? null;
  const [targetAccount, setTargetAccount] = useState(summary.account);
  const [targetRegion, setTargetRegion] = useState(summary.region);
  const [name, setName] = useState(`${summary.name}-copy`);
  const [parentImage, setParentImage] = useState('');
  // Components picked by hand for the target, by the source component's ARN; reset with the target.
  const [chosen, setChosen] = useState<Record<string, string>>({});
  const [targetComponents, setTargetComponents] = useState<ComponentChoice[]>([]);
  const [check, setCheck] = useState<{ status: 'checking' | 'ready' | 'error'; result: PipelineCloneResult | null; error: AppError | null }>({ status: 'checking', result: null, error: null });
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState<PipelineCloneResult | null>(null);
  const doneButton = useRef<HTMLButtonElement>(null);
  // The form's buttons are gone once it is done: focus goes to Done, so Enter or Esc finishes.
  useEffect(() => {
    if (done) doneButton.current?.focus();
  }, [done]);

  const target = workspace?.accounts.find((a) => a.id === targetAccount) ?? null;
  const regions = useMemo(() => {
    const first = [target?.defaultRegion, ...(target?.favoriteRegions ?? []), summary.region].filter((r): r is string => !!r);
    return [...new Set([...first, ...KNOWN_REGIONS])];
  }, [target, summary.region]);
  const nameOk = NAME.test(name.trim());
  const parentOk = parentImage.trim() === '' || PARENT.test(parentImage.trim());
  const input = useMemo(
    () => ({
      account: summary.account,
      region: summary.region,
      arn: summary.arn,
      targetAccount,
      targetRegion,
      name: name.trim(),
      ...(parentImage.trim() ? { parentImage: parentImage.trim() } : {}),
      ...(Object.keys(chosen).length > 0 ? { components: chosen } : {}),
      confirmations: {},
    }),
    [summary, targetAccount, targetRegion, name, parentImage, chosen],
  );

  // What the target offers in place of a component it lacks (or has at another version).
  useEffect(() => {
    let live = true;
    setChosen({});
    setTargetComponents([]);
    invoke('builder:components', { account: targetAccount, region: targetRegion })
      .then((list) => live && setTargetComponents([...list].sort((a, b) => a.name.localeCompare(b.name) || b.version.localeCompare(a.version, undefined, { numeric: true }))))
      // The plan still says what is missing; only the choice is not offered.
      .catch(() => live && setTargetComponents([]));
    return () => {
      live = false;
    };
  }, [targetAccount, targetRegion]);

  // Checked again whenever the target, the name or the parent image changes (a little after typing stops).
  useEffect(() => {
    if (!nameOk || !parentOk || done) return;
    let live = true;
    setCheck((c) => ({ ...c, status: 'checking', error: null }));
    const timer = setTimeout(() => {
      checkClone(input)
        .then((result) => live && setCheck({ status: 'ready', result, error: null }))
        .catch((e: unknown) => live && setCheck({ status: 'error', result: null, error: e as AppError }));
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [input, nameOk, parentOk, done]);

  const plan = check.status === 'ready' ? check.result?.plan ?? null : null;
  const ready = !!plan && plan.missing.length === 0 && nameOk && parentOk;
  const production = target?.production ? [{ account: target.id, name: target.name }] : [];
  const typedOk = production.every((p) => phraseMatches(typed[p.account], p.name));

  async function submit() {
    if (busy || !ready || !typedOk || done) return;
    setBusy(true);
    setError(null);
    try {
      setDone(await clonePipeline({ ...input, confirmations: confirmationsOf(productionNamed(target ? [target] : [])) }));
    } catch (e) {
      setError(e as AppError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={done ? `Cloned ${summary.name}` : `Clone ${summary.name}`}
      subtitle={
        <span className="dialog-context">
          From <strong>{source?.name ?? 'an account no longer in the workspace'}</strong> <span className="mono">{summary.region}</span>
        </span>
      }
      onClose={busy ? () => undefined : closeManage}
      dismissable={!busy}
      size="wide"
      testId="clone-pipeline-dialog"
    >
      {done ? (
        <div className="dialog-body builder-manage-form">
          <p className="tone-line is-success" role="status" data-testid="clone-done">
            <Icon name="check" size={13} />
            <span>
              <strong className="mono">{done.plan.name}</strong> was created in {done.plan.targetAccountName} <span className="mono">{done.plan.targetRegion}</span>: {done.created.map((c) => c.kind).join(', ')}.
            </span>
          </p>
          <CloneNotes notes={done.plan.notes} />
          <div className="form-actions">
            <button type="button" className="button button-primary" onClick={closeManage} data-autofocus="" ref={doneButton} data-testid="clone-finish">
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
          onKeyDown={(e) => {
            if (e.key === 'Enter' && e.target instanceof HTMLSelectElement) {
              e.preventDefault();
              void submit();
            }
          }}
        >
          <div className="builder-manage-target">
            <Field id={`${uid}-account`} label="Into account">
              <select id={`${uid}-account`} value={targetAccount} onChange={(e) => setTargetAccount(e.target.value)} data-autofocus="" data-testid="clone-account" disabled={busy}>
                {workspace &&
                  groupAccounts(workspace).map((g) => (
                    <optgroup key={g.client?.id ?? 'none'} label={g.client?.name ?? 'No client'}>
                      {g.accounts.map((a) => (
                        <option key={a.id} value={a.id}>
                          {a.name}
                          {a.production ? ' (production)' : ''}
                        </option>
                      ))}
                    </optgroup>
                  ))}
              </select>
            </Field>
            <Field id={`${uid}-region`} label="Region">
              <select id={`${uid}-region`} value={targetRegion} onChange={(e) => setTargetRegion(e.target.value)} data-testid="clone-region" disabled={busy}>
                {regions.map((r) => (
                  <option key={r} value={r}>
                    {r}
                  </option>
                ))}
              </select>
            </Field>
          </div>
          <Field id={`${uid}-name`} label="New pipeline name" issues={nameOk ? undefined : ['Letters, digits, - and _ only (1 to 126).']} hint="Also names its recipe, infrastructure and distribution there.">
            <input {...fieldA11y(`${uid}-name`, nameOk ? undefined : ['x'])} className="mono" value={name} spellCheck={false} autoComplete="off" onChange={(e) => setName(e.target.value)} data-testid="clone-name" disabled={busy} />
          </Field>
          <Field
            id={`${uid}-parent`}
            label="Parent image there (optional)"
            issues={parentOk ? undefined : ['An AMI id (ami-…) or an Image Builder image ARN.']}
            hint={`Leave empty to keep ${detail.recipe?.parentImage ?? 'the source’s'} (an AMI must be available in the target account and region).`}
          >
            <input {...fieldA11y(`${uid}-parent`, parentOk ? undefined : ['x'])} className="mono" value={parentImage} spellCheck={false} autoComplete="off" onChange={(e) => setParentImage(e.target.value)} data-testid="clone-parent" disabled={busy} />
          </Field>

          <section className="builder-manage-check" aria-live="polite" aria-busy={check.status === 'checking'} data-testid="clone-check">
            {check.status === 'checking' && (
              <p className="muted">
                <Spinner label="Checking" /> Checking what {target?.name ?? 'the account'} has in {targetRegion}…
              </p>
            )}
            {check.error && <ErrorBanner error={check.error} />}
            {plan && (
              <>
                {plan.missing.length > 0 ? (
                  <div className="tone-line is-danger builder-manage-missing" role="alert" data-testid="clone-missing">
                    <Icon name="alert" size={13} />
                    <div>
                      Cannot clone into {plan.targetAccountName} {plan.targetRegion} yet; nothing will be created:
                      <ul>
                        {plan.missing.map((m) => (
                          <li key={m}>{m}</li>
                        ))}
                      </ul>
                    </div>
                  </div>
                ) : (
                  <p className="tone-line is-success" data-testid="clone-ready">
                    <Icon name="check" size={13} /> Everything it needs is there. Clone creates a recipe, an infrastructure configuration{detail.distribution ? ', a distribution configuration' : ''} and the pipeline.
                  </p>
                )}
                <table className="builder-manage-components">
                  <caption className="sr-only">Components in the target</caption>
                  <thead>
                    <tr>
                      <th scope="col">Component</th>
                      <th scope="col">Owner</th>
                      <th scope="col">In the target</th>
                    </tr>
                  </thead>
                  <tbody>
                    {plan.components.map((c) => (
                      <tr key={c.sourceArn}>
                        <td className="mono">
                          {c.name} {c.version}
                        </td>
                        <td>{c.owner === 'Amazon' ? 'Amazon' : 'The account'}</td>
                        <td className={c.targetArn ? '' : 'is-missing'}>
                          <ComponentChoiceSelect
                            component={c}
                            options={targetComponents}
                            value={chosen[c.sourceArn] ?? ''}
                            disabled={busy}
                            onChange={(arn) =>
                              setChosen((all) => {
                                const next = { ...all };
                                if (arn) next[c.sourceArn] = arn;
                                else delete next[c.sourceArn];
                                return next;
                              })
                            }
                          />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <CloneNotes notes={plan.notes} />
              </>
            )}
          </section>

          {error && <ErrorBanner error={error} />}
          {production.length > 0 && ready && <AccountsGuard accounts={production} typed={typed} onType={(id, text) => setTyped((t) => ({ ...t, [id]: text }))} disabled={busy} />}
          <div className="form-actions">
            <span className="muted builder-wizard-keys">Enter: clone · Esc: close</span>
            <button type="button" className="button" onClick={closeManage} disabled={busy}>
              Cancel
            </button>
            <button type="submit" className="button button-primary" disabled={busy || !ready || !typedOk} data-testid="clone-confirm">
              {busy ? 'Cloning…' : 'Clone pipeline'}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

/** What a source component becomes in the target: matched by name (the default) or one picked from the target's. */
function ComponentChoiceSelect({
  component,
  options,
  value,
  disabled,
  onChange,
}: {
  component: CloneComponent;
  options: readonly ComponentChoice[];
  value: string;
  disabled: boolean;
  onChange(arn: string): void;
}) {
  const matched = component.targetArn ? (component.targetVersion ? `found, version ${component.targetVersion}` : 'found') : 'missing';
  return (
    <select
      aria-label={`In the target, in place of ${component.name} ${component.version}`}
      value={value}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value)}
      data-testid="clone-component-choice"
      data-component={component.name}
    >
      <option value="">{component.chosen ? 'Match by name' : `Match by name: ${matched}`}</option>
      {options.map((o) => (
        <option key={o.arn} value={o.arn}>
          {o.name} {o.version} ({o.owner === 'Amazon' ? 'Amazon' : 'own'}, {o.platform})
        </option>
      ))}
    </select>
  );
}

function CloneNotes({ notes }: { notes: readonly string[] }) {
  if (notes.length === 0) return null;
  return (
    <ul className="builder-manage-notes" aria-label="What the clone does differently">
      {notes.map((n) => (
        <li key={n} className="tone-line is-warning">
          <Icon name="info" size={13} />
          <span>{n}</span>
        </li>
      ))}
    </ul>
  );
}
