import { useEffect, useId, useMemo, useRef } from 'react';
import type { TagItemResult } from '../../../shared/tags';
import { ActingAs } from '../../components/ActingAs';
import { AccountsGuard } from '../../components/ConfirmProduction';
import { Dialog } from '../../components/Dialog';
import { ErrorBanner } from '../../components/ErrorBanner';
import { CheckField } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { ItemHead, OutcomeBadge, ResultList, type OutcomeWording } from '../../components/ItemCard';
import { plural } from '../../lib/format';
import { changeSummary, editOf, rowKey, rowProblems, type TagRow } from '../../lib/tagEdit';
import { findAccount } from '../../lib/workspace';
import { useAtlas } from '../../store';
import { productionTargets } from './lifecycleStore';
import {
  addTagRow,
  applyTags,
  closeTagSheet,
  dropTagRow,
  resetTagRow,
  retryFailedTags,
  setSnapshotsToo,
  setTagKey,
  setTagTyped,
  setTagValue,
  tagSheetBlock,
  toggleTagRemoval,
  useTagStore,
  type TagSheet as Sheet,
} from './tagStore';

/** Mounted with the lifecycle sheet: the sheet that edits the tags of one or many AMIs. */
export function TagSheetHost() {
  const sheet = useTagStore((s) => s.sheet);
  if (!sheet) return null;
  return <TagDialog sheet={sheet} />;
}

function TagDialog({ sheet }: { sheet: Sheet }) {
  const busy = sheet.phase === 'applying';
  const n = sheet.targets.length;
  const only = sheet.targets[0];
  return (
    <Dialog
      title={n === 1 && only ? `Edit tags of ${only.name || only.ref.imageId}` : `Edit tags of ${plural(n, 'AMI')}`}
      subtitle={<Where sheet={sheet} />}
      onClose={closeTagSheet}
      dismissable={!busy}
      size="wide"
      testId="tag-sheet"
      className="tag-sheet"
      initialFocus='[data-testid="tag-new-key"]'
    >
      {sheet.phase === 'done' && sheet.results ? <DoneBody results={sheet.results} /> : <EditBody sheet={sheet} />}
    </Dialog>
  );
}

/** "acme-staging · us-east-1", or how many accounts and regions. */
function Where({ sheet }: { sheet: Sheet }) {
  const workspace = useAtlas((s) => s.workspace);
  const accounts = [...new Set(sheet.targets.map((t) => t.ref.account))];
  const regions = [...new Set(sheet.targets.map((t) => t.ref.region))];
  const accountText = accounts.length === 1 ? (findAccount(workspace, accounts[0]!)?.name ?? 'one account') : plural(accounts.length, 'account');
  const regionText = regions.length === 1 ? regions[0]! : plural(regions.length, 'region');
  return (
    <span className="dialog-context">
      {accountText} · <span className={regions.length === 1 ? 'mono' : undefined}>{regionText}</span>
    </span>
  );
}

function EditBody({ sheet }: { sheet: Sheet }) {
  const uid = useId();
  const applying = sheet.phase === 'applying';
  const block = tagSheetBlock(sheet);
  const refs = sheet.targets.map((t) => t.ref);
  const prod = productionTargets(refs);
  const problems = useMemo(() => rowProblems(sheet.rows), [sheet.rows]);
  const edit = useMemo(() => editOf(sheet.rows), [sheet.rows]);
  const summary = useMemo(() => changeSummary(sheet.targets, edit), [sheet.targets, edit]);
  const counts = useMemo(() => {
    const out = new Map<string, number>();
    for (const t of sheet.targets) for (const tag of t.tags) out.set(tag.key, (out.get(tag.key) ?? 0) + 1);
    return out;
  }, [sheet.targets]);
  const listRef = useRef<HTMLTableSectionElement>(null);
  const single = sheet.targets.length === 1;

  const add = () => {
    const id = addTagRow();
    // The new row's key field, once React has drawn it.
    requestAnimationFrame(() => listRef.current?.querySelector<HTMLInputElement>(`[data-row-id="${id}"] [data-testid="tag-new-key"]`)?.focus());
  };

  return (
    <form
      className="dialog-body sheet-body"
      onSubmit={(e) => {
        e.preventDefault();
        if (block === null && !applying) void applyTags();
      }}
    >
      <div className="tag-edit sheet-scroll">
        <table className="mini-table tag-table" aria-describedby={`${uid}-help`}>
          <caption className="sr-only">Tags of the selected AMIs</caption>
          <thead>
            <tr>
              <th scope="col" className="tag-col-key">
                Key
              </th>
              <th scope="col">Value</th>
              {/* One AMI: every key is on it, so "on" would say nothing. */}
              {!single && (
                <th scope="col" className="num tag-col-on">
                  On
                </th>
              )}
              <th scope="col" className="tag-col-actions">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody ref={listRef}>
            {sheet.rows.map((row) => (
              <TagRowView key={row.id} row={row} total={sheet.targets.length} count={counts.get(rowKey(row)) ?? 0} problem={problems.get(row.id) ?? null} disabled={applying} />
            ))}
          </tbody>
        </table>
        <p id={`${uid}-help`} className="field-hint">
          A changed value is set on every selected AMI; a key on only some of them is added to the others. Keys starting with “aws:” are AWS’s own; keys are up to 128 and values up to 256 characters.
        </p>
        <button type="button" className="button button-small tag-add" onClick={add} disabled={applying} data-testid="tag-add">
          <Icon name="plus" size={13} /> Add a tag
        </button>
      </div>
      <CheckField
        id={`${uid}-snapshots`}
        label="Also on their snapshots"
        checked={sheet.snapshotsToo}
        disabled={applying}
        onChange={setSnapshotsToo}
        hint="The same change on each AMI’s snapshots that its account owns (cost reports and backups often read snapshot tags)."
      />
      <ChangeBox summary={summary} total={sheet.targets.length} snapshotsToo={sheet.snapshotsToo} />
      <ActingAs accounts={refs.map((r) => r.account)} compact />
      {prod.length > 0 && (
        <AccountsGuard accounts={prod} typed={sheet.typed} onType={setTagTyped} disabled={applying} />
      )}
      {sheet.error && <ErrorBanner error={sheet.error} />}
      {applying && sheet.progress && <TagProgress done={sheet.progress.done} total={sheet.progress.total} />}
      <div className="form-actions">
        {block && <span className="form-actions-note">{block}</span>}
        <button type="button" className="button" onClick={closeTagSheet} disabled={applying}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={block !== null || applying} data-testid="tag-apply">
          {applying ? 'Working…' : sheet.targets.length > 1 ? `Apply to ${sheet.targets.length} AMIs` : 'Apply'}
        </button>
      </div>
    </form>
  );
}

function TagRowView({ row, total, count, problem, disabled }: { row: TagRow; total: number; count: number; problem: string | null; disabled: boolean }) {
  const uid = useId();
  const on = count === total ? `all ${total}` : `on ${count} of ${total}`;
  const single = total === 1;
  if (row.kind === 'existing') {
    const key = row.summary.key;
    const state = row.remove ? 'remove' : row.edited ? 'change' : 'keep';
    return (
      <>
        <tr className={`tag-row is-${state}${problem ? ' has-problem has-subrow' : ''}`} data-testid="tag-row" data-key={key} data-state={state}>
          <th scope="row" className="tag-key">
            {key}
          </th>
          <td className="tag-value-cell">
            <input
              className="tag-input"
              value={row.value}
              placeholder={row.summary.value === null ? '(various)' : row.value === '' ? '(empty)' : undefined}
              aria-label={`Value of ${key}`}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? `${uid}-problem` : undefined}
              disabled={disabled || row.remove}
              onChange={(e) => setTagValue(row.id, e.target.value)}
              data-testid="tag-value"
            />
          </td>
          {!single && <td className="num tag-on">{count === 0 ? <span className="muted">none now</span> : on}</td>}
          <td className="tag-actions">
            {state !== 'keep' && (
              <button type="button" className="button button-small" onClick={() => resetTagRow(row.id)} disabled={disabled} aria-label={`Undo the change to ${key}`} data-testid="tag-reset">
                Undo
              </button>
            )}
            {!row.remove && (
              <button type="button" className="button button-small tag-remove" onClick={() => toggleTagRemoval(row.id)} disabled={disabled} aria-label={`Remove ${key}`} data-testid="tag-remove">
                Remove
              </button>
            )}
          </td>
        </tr>
        {problem && <ProblemRow id={`${uid}-problem`} problem={problem} columns={single ? 3 : 4} />}
      </>
    );
  }
  return (
    <>
      <tr className={`tag-row is-new${problem ? ' has-problem has-subrow' : ''}`} data-testid="tag-row" data-row-id={row.id} data-state="new">
        <td>
          <input
            className="tag-input mono"
            value={row.key}
            placeholder="New key"
            aria-label="New tag key"
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${uid}-problem` : undefined}
            disabled={disabled}
            onChange={(e) => setTagKey(row.id, e.target.value)}
            data-testid="tag-new-key"
          />
        </td>
        <td className="tag-value-cell">
          <input
            className="tag-input"
            value={row.value}
            placeholder="Value"
            aria-label={row.key ? `Value of ${row.key}` : 'New tag value'}
            disabled={disabled}
            onChange={(e) => setTagValue(row.id, e.target.value)}
            data-testid="tag-new-value"
          />
        </td>
        {!single && <td className="num tag-on">{row.key && count > 0 ? on : <span className="muted">new</span>}</td>}
        <td className="tag-actions">
          <button type="button" className="icon-button" onClick={() => dropTagRow(row.id)} disabled={disabled} aria-label="Drop this row" title="Drop this row">
            <Icon name="close" size={13} />
          </button>
        </td>
      </tr>
      {problem && <ProblemRow id={`${uid}-problem`} problem={problem} columns={single ? 3 : 4} />}
    </>
  );
}

function ProblemRow({ id, problem, columns }: { id: string; problem: string; columns: number }) {
  return (
    <tr className="subrow tag-problem-row">
      <td colSpan={columns}>
        <span id={id} className="field-error" role="alert" data-testid="tag-problem">
          {problem}
        </span>
      </td>
    </tr>
  );
}

const TONE_SIGN = { add: '+', change: '~', remove: '−', same: '=' } as const;

/** What will change, key by key, before anything is sent. */
function ChangeBox({ summary, total, snapshotsToo }: { summary: ReturnType<typeof changeSummary>; total: number; snapshotsToo: boolean }) {
  if (summary.lines.length === 0) return null;
  return (
    <section className="tag-summary" aria-label="What will change" data-testid="tag-summary">
      <p className="tag-summary-head">
        {summary.changing === 0
          ? 'Every AMI already has these tags: nothing to change.'
          : `${summary.changing === total ? (total === 1 ? 'The AMI' : `All ${total} AMIs`) : `${summary.changing} of ${total} AMIs`} will change${snapshotsToo ? ', with their snapshots' : ''}:`}
      </p>
      <ul className="tag-summary-lines">
        {summary.lines.map((line) => (
          <li key={`${line.tone}-${line.key}`} className={`is-${line.tone}`}>
            <span className="tag-sign" aria-hidden="true">
              {TONE_SIGN[line.tone]}
            </span>
            {line.text}
          </li>
        ))}
      </ul>
      {summary.overLimit.length > 0 && (
        <p className="tone-line is-warning">
          <Icon name="alert" size={14} /> {plural(summary.overLimit.length, 'AMI')} would have more than 50 tags, which AWS refuses: {summary.overLimit.slice(0, 3).map((t) => t.name).join(', ')}
          {summary.overLimit.length > 3 ? '…' : ''}. They will fail; the others change.
        </p>
      )}
    </section>
  );
}

function TagProgress({ done, total }: { done: number; total: number }) {
  const value = total === 0 ? 0 : Math.round((done / total) * 100);
  return (
    <div className="tag-progress">
      <div className="tag-bar" role="progressbar" aria-label="Changing tags" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} aria-valuetext={`${done} of ${total} AMIs`} data-testid="tag-progress">
        <span className="tag-bar-fill" style={{ width: `${value}%` }} />
      </div>
      <span className="tag-progress-text">
        {done} of {plural(total, 'AMI')}
      </span>
    </div>
  );
}

const OUTCOME: OutcomeWording<TagItemResult['outcome']> = {
  changed: { tone: 'success', label: 'Changed' },
  unchanged: { tone: 'neutral', label: 'Unchanged' },
  failed: { tone: 'danger', label: 'Failed' },
};

function DoneBody({ results }: { results: readonly TagItemResult[] }) {
  const workspace = useAtlas((s) => s.workspace);
  const doneRef = useRef<HTMLButtonElement>(null);
  useEffect(() => doneRef.current?.focus(), []);
  const count = (o: TagItemResult['outcome']) => results.filter((r) => r.outcome === o).length;
  const failed = count('failed');
  const accounts = new Set(results.map((r) => r.ref.account)).size;
  return (
    <div className="dialog-body sheet-body">
      <ResultList
        className="tag-results sheet-scroll"
        summary={`${count('changed')} changed · ${count('unchanged')} unchanged · ${failed} failed`}
        summaryClassName="lifecycle-results-summary"
        summaryTestId="tag-results-summary"
        listTestId="tag-results"
      >
        {results.map((r) => (
          <li key={`${r.ref.account}|${r.ref.region}|${r.ref.imageId}`} className={`item-card usage-item result-${r.outcome}`} data-testid="tag-result" data-outcome={r.outcome} data-image-id={r.ref.imageId}>
            <ItemHead
              name={r.name}
              imageId={r.ref.imageId}
              region={r.ref.region}
              account={accounts > 1 ? (findAccount(workspace, r.ref.account)?.name ?? '') : undefined}
              status={<OutcomeBadge outcome={r.outcome} wording={OUTCOME} />}
            />
            <p className={r.outcome === 'failed' ? 'usage-error' : 'muted'}>
              {r.message}
              {r.outcome === 'failed' && r.error && <code className="result-code"> {r.error.code}</code>}
            </p>
          </li>
        ))}
      </ResultList>
      <div className="form-actions">
        {failed > 0 && (
          <button type="button" className="button" onClick={retryFailedTags} data-testid="tag-retry">
            Try the {plural(failed, 'failed AMI')} again…
          </button>
        )}
        <button ref={doneRef} type="button" className="button button-primary" onClick={closeTagSheet} data-testid="tag-done">
          Done
        </button>
      </div>
    </div>
  );
}
