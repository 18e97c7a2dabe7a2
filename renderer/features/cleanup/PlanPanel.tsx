import { useEffect, useState } from 'react';
import type { RetentionPlan } from '../../../shared/retention';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { ProgressBar } from '../../components/Spinner';
import { formatCount, plural } from '../../lib/format';
import { exactTime, relativeTime } from '../../lib/time';
import { useAtlas } from '../../store';
import { checkUsage, deleteSaved, exportPlan, openApply, openSaved, runPlan, savePlan, useCleanupStore } from './cleanupStore';
import { costCaveat, keptForUsage, totalsLine } from './places';
import { PlanTable } from './PlanTable';
import { rulesOf, rulesSummary, sameRules } from './rulesDraft';

/** Saved plans, the plan's figures and what it kept, the candidates, and the way to apply them. */
export function PlanPanel() {
  const plan = useCleanupStore((s) => s.plan);
  const status = useCleanupStore((s) => s.planStatus);
  const error = useCleanupStore((s) => s.planError);

  return (
    <div className="plan-panel">
      <SavedPlansBar />
      {error && !plan && (
        <div className="cleanup-pad">
          <ErrorBanner error={error} onRetry={() => void runPlan()} />
        </div>
      )}
      {plan && <PlanSummary plan={plan} />}
      {plan && plan.candidates.length === 0 && <PlanEmpty plan={plan} />}
      {plan && plan.candidates.length > 0 && <PlanTable plan={plan} />}
      {!plan && status === 'loading' && <p className="muted cleanup-pad">Computing the plan…</p>}
    </div>
  );
}

function SavedPlansBar() {
  const saved = useCleanupStore((s) => s.saved);
  const savedId = useCleanupStore((s) => s.savedId);
  const savedError = useCleanupStore((s) => s.savedError);
  const draft = useCleanupStore((s) => s.draft);
  const exportNote = useCleanupStore((s) => s.exportNote);
  const plan = useCleanupStore((s) => s.plan);
  const current = saved.find((p) => p.id === savedId) ?? null;
  const [name, setName] = useState(current?.name ?? '');
  useEffect(() => setName(current?.name ?? ''), [current?.name]);
  const parsed = rulesOf(draft);
  const changed = current && parsed.ok ? !sameRules(current.rules, parsed.rules) : false;
  const overwrite = current !== null && name.trim() === current.name;

  return (
    <div className="saved-bar" data-testid="saved-plans">
      <label className="saved-pick">
        <span className="caps-label">Saved plans</span>
        <select
          value={savedId ?? ''}
          data-testid="saved-plan-select"
          onChange={(e) => {
            const plan = saved.find((p) => p.id === e.target.value);
            if (plan) openSaved(plan);
          }}
        >
          <option value="" disabled={saved.length > 0}>
            {saved.length === 0 ? 'None saved yet' : 'Choose one to run it…'}
          </option>
          {saved.map((p) => (
            <option key={p.id} value={p.id} title={rulesSummary(p.rules)}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      {current && (
        <span className="saved-state muted" title={rulesSummary(current.rules)}>
          {changed ? 'changed since saved' : `saved ${relativeTime(current.savedAt, Date.now())}`}
        </span>
      )}
      {current && (
        <button type="button" className="button button-small" onClick={() => openSaved(current)} title="Run the saved rules again (edits are dropped)">
          Re-run
        </button>
      )}
      <form
        className="saved-save"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) void savePlan(name.trim(), overwrite);
        }}
      >
        <input aria-label="Plan name" placeholder="Name this plan" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} data-testid="plan-name" />
        <button type="submit" className="button button-small" disabled={!name.trim() || !parsed.ok} data-testid="plan-save">
          {overwrite ? 'Overwrite' : 'Save'}
        </button>
      </form>
      {current && (
        <button
          type="button"
          className="button button-small button-danger-outline"
          onClick={() => void deleteSaved(current.id)}
          title={`Forget the saved plan “${current.name}” (nothing in AWS changes)`}
        >
          Delete
        </button>
      )}
      <div className="saved-end">
        {exportNote && (
          <span className="muted truncate" role="status" title={exportNote}>
            {exportNote}
          </span>
        )}
        <button type="button" className="button button-small" onClick={() => void exportPlan()} disabled={!parsed.ok || !plan} data-testid="plan-export">
          Export CSV
        </button>
      </div>
      {savedError && (
        <div className="saved-error">
          <ErrorBanner error={savedError} onDismiss={() => useCleanupStore.setState({ savedError: null })} />
        </div>
      )}
    </div>
  );
}

/** The way to apply the plan, in the toolbar: it opens the review, never changes anything itself. */
export function ApplyButton() {
  const plan = useCleanupStore((s) => s.plan);
  const n = plan?.candidates.length ?? 0;
  return (
    <button
      type="button"
      className="button button-small button-danger"
      disabled={n === 0}
      onClick={() => plan && openApply(plan.candidates)}
      data-testid="plan-apply"
      title={n === 0 ? 'The plan picks no AMI' : 'Review where they go and how to undo it before anything changes'}
    >
      <Icon name="trash" size={13} /> {n === 0 ? 'Clean up' : `Clean up ${plural(n, 'AMI')}…`}
    </button>
  );
}

function PlanSummary({ plan }: { plan: RetentionPlan }) {
  const kept = [...plan.kept].sort((a, b) => b.count - a.count);
  return (
    <section className="plan-summary" aria-label="What the plan saves" data-testid="plan-summary">
      <div className="plan-figures">
        <p className="plan-totals" data-testid="plan-totals">
          {totalsLine(plan)}
        </p>
        <p className="plan-caveat muted" data-testid="plan-caveat">
          {costCaveat(plan.pricesAsOf)}
        </p>
      </div>
      <div className="plan-kept" data-testid="plan-kept">
        <span className="caps-label">
          Kept {formatCount(plan.considered - plan.candidates.length)} of {formatCount(plan.considered)}
        </span>
        {kept.length === 0 ? (
          <span className="muted">nothing kept</span>
        ) : (
          <ul className="kept-list">
            {kept.map((k) => (
              <li key={k.reason}>
                <span className="kept-count">{formatCount(k.count)}</span> {k.reason}
              </li>
            ))}
          </ul>
        )}
      </div>
      {plan.rules.notInUse && <UsageLine plan={plan} />}
    </section>
  );
}

/** A "not in use" plan rests on the last usage check: when it was made, and a button to make one. */
function UsageLine({ plan }: { plan: RetentionPlan }) {
  const usage = useCleanupStore((s) => s.usage);
  const waiting = keptForUsage(plan);
  const tone = waiting > 0 || usage.lastAt === null ? 'is-warning' : 'is-neutral';
  return (
    <div className={`tone-line usage-line ${tone}`} data-testid="usage-line">
      <Icon name={tone === 'is-warning' ? 'alert' : 'info'} size={14} />
      <span className="usage-text" title={usage.lastAt ? `Last check: ${exactTime(usage.lastAt)}` : undefined}>
        {usage.running
          ? usage.total > 0
            ? `Checking where AMIs are used: ${formatCount(usage.done)} of ${plural(usage.total, 'place')} read…`
            : 'Checking where AMIs are used…'
          : waiting > 0
            ? `${plural(waiting, 'AMI')} kept because their usage is not checked. Check where they are used to know whether they can go.`
            : usage.lastAt
              ? `Usage last checked ${relativeTime(usage.lastAt, Date.now())} for ${plural(usage.stored, 'AMI')}.`
              : 'Usage has not been checked: AMIs not known to be unused are kept.'}
      </span>
      <button type="button" className="button button-small" onClick={() => void checkUsage()} disabled={usage.running} data-testid="check-usage">
        {usage.running ? 'Checking…' : 'Check usage'}
      </button>
      {usage.running && <ProgressBar label="Checking usage" />}
      {usage.error && (
        <div className="usage-error">
          <ErrorBanner error={usage.error} onRetry={() => void checkUsage()} />
        </div>
      )}
    </div>
  );
}

/** Nothing picked: say what to change, from what kept the AMIs. */
function PlanEmpty({ plan }: { plan: RetentionPlan }) {
  const startScan = useAtlas((s) => s.startScan);
  if (plan.considered === 0)
    return (
      <EmptyState icon="box" title="No owned AMI in scope">
        <p>The plan reads the inventory: scan it first, or widen the client, accounts or regions.</p>
        <button type="button" className="button button-small" onClick={() => void startScan()}>
          Scan the inventory
        </button>
      </EmptyState>
    );
  const hints: string[] = [];
  const rules = plan.rules;
  if (keptForUsage(plan) > 0) hints.push('check usage, so unused AMIs are known');
  if (rules.keepNewest !== null && rules.keepNewest > 0) hints.push(`keep fewer than the newest ${rules.keepNewest} per family`);
  if (rules.olderThanDays !== null) hints.push(`lower “Older than” (${rules.olderThanDays} days)`);
  if (rules.notLaunchedDays !== null) hints.push(`lower “Not launched for” (${rules.notLaunchedDays} days)`);
  if (rules.notSharedOutsideClient) hints.push('untick “Not shared outside the client”');
  if (rules.excludeTags.length > 0) hints.push('remove tags from “Except tagged”');
  if (rules.scope.clients.length + rules.scope.accounts.length + rules.scope.regions.length > 0) hints.push('widen the client, accounts or regions');
  return (
    <div data-testid="plan-empty">
      <EmptyState icon="check" title={`Nothing to clean up among ${plural(plan.considered, 'owned AMI')}`}>
        {hints.length > 0 ? <p>To find more: {hints.join('; ')}.</p> : <p>Every AMI in scope is kept by the rules above.</p>}
      </EmptyState>
    </div>
  );
}
