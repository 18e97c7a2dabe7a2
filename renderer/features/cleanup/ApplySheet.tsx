import { useEffect, useRef, useState } from 'react';
import type { CleanupItemResult } from '../../../shared/cleanup';
import { ActingAs } from '../../components/ActingAs';
import { Badge } from '../../components/Badge';
import { AccountsGuard } from '../../components/ConfirmProduction';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { ItemHead, OutcomeBadge, ResultList, type OutcomeWording } from '../../components/ItemCard';
import { phraseMatches } from '../../lib/confirm';
import { formatUsd, plural } from '../../lib/format';
import { useAtlas } from '../../store';
import { applyPlan, checkCoverage, closeApply, createRule, productionOf, setApplyTyped, setRuleDraft, setTab, useCleanupStore, type ApplySheet, type Progress } from './cleanupStore';
import { applySummary, coverageState, coverageWords, placeKey, placesOf, type Place } from './places';

/** Mounted with the Clean-up place: the review sheet of applying a plan. */
export function ApplySheetHost() {
  const sheet = useCleanupStore((s) => s.apply);
  return sheet ? <ApplyDialog sheet={sheet} /> : null;
}

function ApplyDialog({ sheet }: { sheet: ApplySheet }) {
  const busy = sheet.phase === 'applying';
  const n = sheet.candidates.length;
  return (
    <Dialog
      title={sheet.phase === 'done' ? 'Clean-up done' : `Clean up ${plural(n, 'AMI')}`}
      subtitle={<span className="dialog-context">Deregisters each AMI, then deletes its snapshots that no remaining AMI uses</span>}
      onClose={busy ? () => undefined : closeApply}
      dismissable={!busy}
      size="wide"
      testId="apply-sheet"
      className="cleanup-sheet"
      initialFocus={productionOf(sheet.candidates.map((c) => c.account)).length > 0 ? 'input[data-testid="prod-guard-input"]' : '[data-autofocus]'}
    >
      {sheet.phase === 'done' && sheet.results ? <DoneBody results={sheet.results} /> : <ReviewBody sheet={sheet} />}
    </Dialog>
  );
}

function ReviewBody({ sheet }: { sheet: ApplySheet }) {
  const places = placesOf(sheet.candidates);
  const accounts = [...new Set(sheet.candidates.map((c) => c.account))];
  const prod = productionOf(accounts);
  const applying = sheet.phase === 'applying';
  const typedAll = prod.every((p) => phraseMatches(sheet.typed[p.account], p.name));
  const uncovered = places.filter((p) => coverageState(sheet.coverage.find((c) => placeKey(c) === placeKey(p))) !== 'covered');
  const [accepted, setAccepted] = useState(false);
  const saving = sheet.candidates.reduce((sum, c) => sum + (c.monthlyCost ?? 0), 0);
  const block = sheet.phase === 'checking' ? 'Reading the Recycle Bin rules…' : !typedAll ? 'Type each production account’s name first' : uncovered.length > 0 && !accepted ? 'Create the rules, or accept that these cannot be undone' : null;

  return (
    <form
      className="dialog-body sheet-body"
      onSubmit={(e) => {
        e.preventDefault();
        if (block === null && !applying) void applyPlan();
      }}
    >
      <p className="apply-lede">
        {plural(sheet.candidates.length, 'AMI')} in {plural(places.length, 'place')} (an account in a region), about {formatUsd(saving)}/month. Nothing else is changed.
      </p>
      <section aria-label="Where and how to undo" className="apply-places sheet-scroll" data-testid="apply-places">
        <table className="mini-table">
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Region</th>
              <th scope="col" className="num">
                AMIs
              </th>
              <th scope="col">Recycle Bin</th>
            </tr>
          </thead>
          <tbody>
            {places.map((p) => (
              <PlaceRow key={placeKey(p)} place={p} sheet={sheet} />
            ))}
          </tbody>
        </table>
        {sheet.coverageError && <ErrorBanner error={sheet.coverageError} onRetry={() => void checkCoverage()} />}
      </section>
      <ActingAs accounts={accounts} />
      {uncovered.length > 0 && sheet.phase !== 'checking' && (
        <label className="tone-line is-warning apply-accept">
          <input type="checkbox" checked={accepted} onChange={(e) => setAccepted(e.target.checked)} disabled={applying} data-testid="apply-accept" />
          <span>
            Clean up anyway: in {plural(uncovered.length, 'place')} without a Recycle Bin rule for AMIs and snapshots, what is deregistered cannot be restored.
          </span>
        </label>
      )}
      {prod.length > 0 && <AccountsGuard accounts={prod} typed={sheet.typed} onType={setApplyTyped} disabled={applying} />}
      {sheet.error && <ErrorBanner error={sheet.error} />}
      {applying && <Meter progress={sheet.progress} label="AMIs cleaned up" />}
      <div className="form-actions">
        {block && sheet.phase !== 'applying' && <span className="form-actions-note">{block}</span>}
        <button type="button" className="button" onClick={closeApply} disabled={applying} data-autofocus="">
          Cancel
        </button>
        <button type="submit" className="button button-danger" disabled={block !== null || applying} data-testid="apply-confirm">
          {applying ? 'Cleaning up…' : `Deregister ${plural(sheet.candidates.length, 'AMI')}`}
        </button>
      </div>
    </form>
  );
}

/** One place: its account (production marked), region, how many AMIs, and whether its Recycle Bin can give them back. */
function PlaceRow({ place, sheet }: { place: Place & { accountName: string; count: number }; sheet: ApplySheet }) {
  const production = useAtlas((s) => s.workspace?.accounts.find((a) => a.id === place.account)?.production ?? false);
  const coverage = sheet.coverage.find((c) => placeKey(c) === placeKey(place));
  const state = sheet.phase === 'checking' && !coverage ? 'unknown' : coverageState(coverage);
  const rule = sheet.rules[placeKey(place)] ?? { days: 7, snapshotsToo: true, busy: false, error: null };
  const typed = !production || phraseMatches(sheet.typed[place.account], place.accountName);
  const applying = sheet.phase === 'applying';
  return (
    <tr data-testid="apply-place" data-coverage={state}>
      <td>
        {place.accountName} {production && <Badge tone="prod">PROD</Badge>}
      </td>
      <td className="mono">{place.region}</td>
      <td className="num">{place.count}</td>
      <td>
        <span className={`coverage coverage-${state}`} data-testid="apply-coverage">
          <Icon name={state === 'covered' ? 'check' : 'alert'} size={13} /> {sheet.phase === 'checking' && !coverage ? 'Reading the Recycle Bin rules…' : coverageWords(coverage)}
        </span>
        {(state === 'not-covered' || state === 'images-only') && (
          <div className="rule-offer" role="group" aria-label={`Recycle Bin rule for ${place.accountName} in ${place.region}`}>
            <span>Keep deregistered AMIs</span>
            <input
              className="rule-number"
              type="number"
              min={1}
              max={365}
              aria-label="Retention days"
              value={rule.days}
              disabled={rule.busy || applying}
              onChange={(e) => setRuleDraft(place, { days: Math.max(1, Math.min(365, Math.round(Number(e.target.value) || 1))) })}
            />
            <span>days</span>
            <label className="rule-check">
              <input type="checkbox" checked={rule.snapshotsToo} disabled={rule.busy || applying} onChange={(e) => setRuleDraft(place, { snapshotsToo: e.target.checked })} />
              and their snapshots
            </label>
            <button
              type="button"
              className="button button-small"
              disabled={rule.busy || applying || !typed}
              title={typed ? 'Creates the rule in this account and region now' : 'Type the production account’s name below first'}
              onClick={() => void createRule(place, typed && production ? { [place.account]: place.accountName } : {})}
              data-testid="create-rule"
            >
              {rule.busy ? 'Creating…' : 'Create rule'}
            </button>
            {rule.error && <span className="usage-error">{rule.error.message}</span>}
          </div>
        )}
      </td>
    </tr>
  );
}

/** A determinate bar from `cleanup:progress`: how many of the run's items are done. */
export function Meter({ progress, label }: { progress: Progress | null; label: string }) {
  const done = progress?.done ?? 0;
  const total = Math.max(progress?.total ?? 1, 1);
  return (
    <div className="meter-row" data-testid="cleanup-progress">
      <div className="meter" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={total} aria-valuenow={done}>
        <div className="meter-fill" style={{ width: `${Math.round((done / total) * 100)}%` }} />
      </div>
      <span className="muted">
        {done} of {total}
      </span>
    </div>
  );
}

const OUTCOME: OutcomeWording<CleanupItemResult['outcome']> = {
  deregistered: { tone: 'success', label: 'Deregistered' },
  skipped: { tone: 'neutral', label: 'Skipped' },
  failed: { tone: 'danger', label: 'Failed' },
};

function DoneBody({ results }: { results: readonly CleanupItemResult[] }) {
  const doneRef = useRef<HTMLButtonElement>(null);
  useEffect(() => doneRef.current?.focus(), []);
  return (
    <div className="dialog-body sheet-body">
      <ResultList className="cleanup-results sheet-scroll" summary={applySummary(results)} summaryClassName="cleanup-results-summary" summaryTestId="apply-summary" listTestId="apply-results">
        {results.map((r) => (
          <li key={`${r.ref.account}|${r.ref.region}|${r.ref.imageId}`} className={`item-card result-${r.outcome}`} data-testid="apply-result" data-outcome={r.outcome} data-image-id={r.ref.imageId}>
            <ItemHead name={r.name} imageId={r.ref.imageId} region={r.ref.region} account={r.accountName} status={<OutcomeBadge outcome={r.outcome} wording={OUTCOME} />} />
            <p className={r.outcome === 'failed' ? 'usage-error' : 'muted'}>
              {r.error?.message ?? r.message}
              {r.outcome === 'failed' && r.error && <code className="result-code"> {r.error.code}</code>}
            </p>
            {/* The message usually names each snapshot's fate; what it leaves out is listed. */}
            {r.snapshotsDeleted.some((id) => !r.message.includes(id)) && (
              <p className="muted">
                Snapshots deleted: <span className="mono-soft">{r.snapshotsDeleted.join(', ')}</span>
              </p>
            )}
            {r.snapshotsKept
              .filter((k) => !r.message.includes(k.snapshotId))
              .map((k) => (
                <p key={k.snapshotId} className="muted">
                  Kept <span className="mono-soft">{k.snapshotId}</span>: {k.why}
                </p>
              ))}
          </li>
        ))}
      </ResultList>
      <div className="form-actions">
        <span className="form-actions-note">Deregistered AMIs in a place with a Recycle Bin rule can be restored from the Recycle Bin.</span>
        <button
          type="button"
          className="button"
          onClick={() => {
            closeApply();
            setTab('bin');
          }}
          data-testid="apply-open-bin"
        >
          Open the Recycle Bin
        </button>
        <button ref={doneRef} type="button" className="button button-primary" onClick={closeApply} data-testid="apply-done">
          Done
        </button>
      </div>
    </div>
  );
}
