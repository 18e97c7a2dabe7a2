import { useEffect, useId, useMemo, useState } from 'react';
import type { ChannelInput } from '../../../shared/contract';
import type { AppError } from '../../../shared/errors';
import type { PipelineDetail, PipelineSummary } from '../../../shared/imagebuilder';
import { AccountsGuard } from '../../components/ConfirmProduction';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { CheckField, Field, fieldA11y } from '../../components/Field';
import { confirmationsOf, phraseMatches, productionNamed } from '../../lib/confirm';
import { useAtlas } from '../../store';
import { placeKey } from './store';
import { closeManage, loadChoices, saveEdit, useManage } from './manageStore';

type Changes = ChannelInput<'builder:update'>['changes'];

interface Form {
  description: string;
  scheduled: boolean;
  schedule: string;
  enabled: boolean;
  testsEnabled: boolean;
  timeout: string;
  recipeArn: string;
  infrastructureArn: string;
  /** '' for none. */
  distributionArn: string;
}

function formOf(summary: PipelineSummary, detail: PipelineDetail): Form {
  return {
    description: detail.description ?? '',
    scheduled: detail.schedule !== null,
    schedule: detail.schedule ?? 'cron(0 6 ? * MON *)',
    enabled: summary.status !== 'DISABLED',
    testsEnabled: detail.tests.enabled,
    timeout: String(detail.tests.timeoutMinutes ?? 720),
    recipeArn: detail.recipe?.arn ?? '',
    infrastructureArn: detail.infrastructure?.arn ?? '',
    distributionArn: detail.distribution?.arn ?? '',
  };
}

/** What the form asks to change, against the pipeline as it is; problems the page can tell at once. */
function changesOf(form: Form, initial: Form): { changes: Changes; words: string[]; issues: Record<string, string> } {
  const changes: Changes = {};
  const words: string[] = [];
  const issues: Record<string, string> = {};
  if (form.description.trim() !== initial.description.trim()) {
    changes.description = form.description.trim();
    words.push('description');
  }
  const schedule = form.scheduled ? form.schedule.trim() : null;
  if (form.scheduled && !/^cron\(.+\)$/.test(schedule ?? '')) issues.schedule = 'Write a cron expression such as cron(0 6 ? * MON *), or choose "Only when started".';
  if (schedule !== (initial.scheduled ? initial.schedule.trim() : null)) {
    changes.schedule = schedule;
    words.push(schedule ? `schedule ${schedule}` : 'no schedule');
  }
  if (form.enabled !== initial.enabled) {
    changes.status = form.enabled ? 'ENABLED' : 'DISABLED';
    words.push(form.enabled ? 'enabled' : 'disabled');
  }
  const timeout = Number(form.timeout);
  if (!Number.isInteger(timeout) || timeout < 60 || timeout > 1440) issues.timeout = 'From 60 to 1440 minutes.';
  if (form.testsEnabled !== initial.testsEnabled || form.timeout !== initial.timeout) {
    changes.tests = { enabled: form.testsEnabled, timeoutMinutes: timeout };
    words.push(form.testsEnabled !== initial.testsEnabled ? `image tests ${form.testsEnabled ? 'on' : 'off'}` : `test timeout ${form.timeout} minutes`);
  }
  if (form.recipeArn !== initial.recipeArn) {
    changes.recipeArn = form.recipeArn;
    words.push('recipe');
  }
  if (!form.infrastructureArn) issues.infrastructure = 'A pipeline needs an infrastructure configuration.';
  if (form.infrastructureArn !== initial.infrastructureArn) {
    changes.infrastructureArn = form.infrastructureArn;
    words.push('infrastructure');
  }
  if (form.distributionArn !== initial.distributionArn) {
    changes.distributionArn = form.distributionArn || null;
    words.push(form.distributionArn ? 'distribution' : 'no distribution');
  }
  return { changes, words, issues };
}

/** The core's field issues ("schedule: …") by field. */
function issuesByField(error: AppError | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error?.details?.issues ?? []) {
    const at = issue.indexOf(': ');
    const field = at > 0 ? issue.slice(0, at) : 'pipeline';
    out[field === 'tests' ? 'timeout' : field] = at > 0 ? issue.slice(at + 2) : issue;
  }
  return out;
}

const one = (text: string | undefined) => (text ? [text] : undefined);

function withCurrent<T extends { arn: string }>(list: readonly T[], current: T | null): T[] {
  return current && !list.some((x) => x.arn === current.arn) ? [current, ...list] : [...list];
}

/**
 * Edits a pipeline: description, schedule (or none), enabled, image tests and their timeout,
 * and the recipe version, infrastructure and distribution it points at (the account-region's
 * own, listed). Enter saves, Esc closes; Image Builder's refusals show beside their field.
 */
export function EditPipelineDialog({ summary, detail }: { summary: PipelineSummary; detail: PipelineDetail }) {
  const uid = useId();
  const account = useAtlas((s) => s.workspace?.accounts.find((a) => a.id === summary.account) ?? null);
  const choices = useManage((s) => s.choices[placeKey(summary.account, summary.region)]);
  const initial = useMemo(() => formOf(summary, detail), [summary, detail]);
  const [form, setForm] = useState(initial);
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [tried, setTried] = useState(false);

  useEffect(() => {
    void loadChoices(summary.account, summary.region);
  }, [summary.account, summary.region]);

  const { changes, words, issues } = changesOf(form, initial);
  const shown = { ...(tried ? issues : {}), ...issuesByField(error?.code === 'VALIDATION' ? error : null) };
  const production = account?.production ? [{ account: account.id, name: account.name }] : [];
  const typedOk = production.every((p) => phraseMatches(typed[p.account], p.name));
  const set = (patch: Partial<Form>) => {
    setForm((f) => ({ ...f, ...patch }));
    setError(null);
  };

  async function submit() {
    setTried(true);
    if (saving || words.length === 0 || Object.keys(issues).length > 0 || !typedOk) return;
    setSaving(true);
    try {
      await saveEdit({ account: summary.account, region: summary.region, arn: summary.arn, changes, confirmations: confirmationsOf(productionNamed(account ? [account] : [])) });
      closeManage();
    } catch (e) {
      setError(e as AppError);
      setSaving(false);
    }
  }

  // The pipeline's own recipe and configurations are always offered, listed or not (a shared recipe is not).
  const recipes = withCurrent(choices?.data?.recipes ?? [], detail.recipe && { arn: detail.recipe.arn, name: detail.recipe.name, version: detail.recipe.version, platform: null });
  const infrastructures = withCurrent(choices?.data?.infrastructures ?? [], detail.infrastructure && { arn: detail.infrastructure.arn, name: detail.infrastructure.name, description: null });
  const distributions = withCurrent(choices?.data?.distributions ?? [], detail.distribution && { arn: detail.distribution.arn, name: detail.distribution.name, description: null });

  return (
    <Dialog
      title={`Edit ${summary.name}`}
      subtitle={
        <span className="dialog-context">
          In <strong>{account?.name ?? 'an account no longer in the workspace'}</strong> <span className="mono">{summary.region}</span>
          {account?.production && <span className="badge badge-prod">PROD</span>}
        </span>
      }
      onClose={saving ? () => undefined : closeManage}
      dismissable={!saving}
      testId="edit-pipeline-dialog"
      initialFocus="[data-autofocus]"
    >
      <form
        className="dialog-body builder-manage-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        onKeyDown={(e) => {
          // Enter saves from ticks and lists too, not only from text fields.
          const t = e.target;
          if (e.key === 'Enter' && (t instanceof HTMLSelectElement || (t instanceof HTMLInputElement && (t.type === 'checkbox' || t.type === 'radio')))) {
            e.preventDefault();
            void submit();
          }
        }}
      >
        <Field id={`${uid}-description`} label="Description" issues={one(shown.description)}>
          <input {...fieldA11y(`${uid}-description`, one(shown.description))} value={form.description} maxLength={1024} data-autofocus="" onChange={(e) => set({ description: e.target.value })} data-testid="edit-description" />
        </Field>

        <fieldset className="builder-choice builder-manage-schedule">
          <legend>Schedule</legend>
          <label className="builder-radio">
            <input type="radio" name={`${uid}-when`} checked={form.scheduled} onChange={() => set({ scheduled: true })} data-testid="edit-scheduled" /> On a schedule
          </label>
          <label className="builder-radio">
            <input type="radio" name={`${uid}-when`} checked={!form.scheduled} onChange={() => set({ scheduled: false })} data-testid="edit-manual" /> Only when started
          </label>
          {form.scheduled && (
            <Field id={`${uid}-cron`} label="Cron expression (UTC)" issues={one(shown.schedule)} hint="minutes hours day-of-month month day-of-week year, e.g. cron(0 6 ? * MON *)">
              <input {...fieldA11y(`${uid}-cron`, one(shown.schedule))} className="mono" value={form.schedule} spellCheck={false} autoComplete="off" onChange={(e) => set({ schedule: e.target.value })} data-testid="edit-schedule" />
            </Field>
          )}
          {!form.scheduled && shown.schedule && <p className="field-error">{shown.schedule}</p>}
        </fieldset>

        <CheckField id={`${uid}-enabled`} label="Enabled" hint="A disabled pipeline does not run on its schedule; it can still be started by hand." checked={form.enabled} onChange={(enabled) => set({ enabled })} />

        <div className="builder-manage-tests">
          <CheckField id={`${uid}-tests`} label="Run image tests" checked={form.testsEnabled} onChange={(testsEnabled) => set({ testsEnabled })} />
          <Field id={`${uid}-timeout`} label="Test timeout (minutes)" issues={one(shown.timeout)}>
            <input {...fieldA11y(`${uid}-timeout`, one(shown.timeout))} className="mono builder-short" type="number" min={60} max={1440} value={form.timeout} onChange={(e) => set({ timeout: e.target.value })} data-testid="edit-timeout" />
          </Field>
        </div>

        {choices?.status === 'error' && choices.error && <ErrorBanner error={choices.error} onRetry={() => void loadChoices(summary.account, summary.region)} />}
        <Field id={`${uid}-recipe`} label="Recipe" issues={one(shown.recipe)} hint={choices?.status === 'loading' ? 'Reading the recipes…' : 'Any version of this account’s recipes in this region.'}>
          <select {...fieldA11y(`${uid}-recipe`, one(shown.recipe))} value={form.recipeArn} onChange={(e) => set({ recipeArn: e.target.value })} data-testid="edit-recipe">
            {recipes.map((r) => (
              <option key={r.arn} value={r.arn}>
                {r.name} {r.version}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${uid}-infra`} label="Infrastructure configuration" issues={one(shown.infrastructure)}>
          <select {...fieldA11y(`${uid}-infra`, one(shown.infrastructure))} value={form.infrastructureArn} onChange={(e) => set({ infrastructureArn: e.target.value })} data-testid="edit-infrastructure">
            {infrastructures.map((i) => (
              <option key={i.arn} value={i.arn}>
                {i.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${uid}-dist`} label="Distribution configuration" issues={one(shown.distribution)}>
          <select {...fieldA11y(`${uid}-dist`, one(shown.distribution))} value={form.distributionArn} onChange={(e) => set({ distributionArn: e.target.value })} data-testid="edit-distribution">
            <option value="">None (the AMI stays in {summary.region}, unshared)</option>
            {distributions.map((d) => (
              <option key={d.arn} value={d.arn}>
                {d.name}
              </option>
            ))}
          </select>
        </Field>

        {error && error.code !== 'VALIDATION' && <ErrorBanner error={error} />}
        {error?.code === 'VALIDATION' && shown.pipeline && <p className="field-error">{shown.pipeline}</p>}
        <p className="muted builder-manage-summary" aria-live="polite" data-testid="edit-summary">
          {words.length === 0 ? 'Nothing changed yet.' : `Will change: ${words.join(', ')}.`}
        </p>
        {production.length > 0 && words.length > 0 && <AccountsGuard accounts={production} typed={typed} onType={(id, text) => setTyped((t) => ({ ...t, [id]: text }))} disabled={saving} />}
        <div className="form-actions">
          <span className="muted builder-wizard-keys">Enter: save · Esc: close</span>
          <button type="button" className="button" onClick={closeManage} disabled={saving}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={saving || words.length === 0 || !typedOk} data-testid="edit-save">
            {saving ? 'Saving…' : 'Save changes'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
