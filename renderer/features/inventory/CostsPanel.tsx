/**
 * Costs: what the AMIs the filters show cost a month in snapshot storage, added up per client,
 * account or family (shared/costs.ts), in the standard or archive tier, with the caveat that
 * snapshots are incremental under the figures. Shown in place of the grid, under the same filters.
 */
import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { AmiRow } from '../../../shared/ami-rows';
import { costTotals, type CostGroupBy, type CostLine } from '../../../shared/costs';
import { compileFamilyPattern, familyOf, FAMILY_PATTERN_MAX } from '../../../shared/family';
import { costCaveat, EBS_SNAPSHOT_PRICES_AS_OF, EBS_SNAPSHOT_PRICES_SOURCE, type SnapshotTier } from '../../../shared/pricing/ebs-snapshots';
import type { InventoryFilter } from '../../../shared/inventory';
import type { Workspace } from '../../../shared/model';
import { useAtlas } from '../../store';
import { ClientDot } from '../../components/ClientDot';
import { formatCount, formatUsd, plural } from '../../lib/format';
import { nextCostSort, sortCostLines, type CostColumn } from './costView';
import type { InventoryCellContext } from './inventoryColumns';

/** Lines drawn at first; a click draws the rest (thousands of families would slow every filter change). */
const FIRST_LINES = 300;

const GROUPS: ReadonlyArray<{ id: CostGroupBy; label: string }> = [
  { id: 'client', label: 'Client' },
  { id: 'account', label: 'Account' },
  { id: 'family', label: 'Family' },
];

const TIERS: ReadonlyArray<{ id: SnapshotTier; label: string }> = [
  { id: 'standard', label: 'Standard' },
  { id: 'archive', label: 'Archive' },
];

/** The toolbar's switch between the AMIs and their costs. */
export function CostsToggle() {
  const pane = useAtlas((s) => s.inventoryPane);
  const setPane = useAtlas((s) => s.setInventoryPane);
  return (
    <button
      type="button"
      className="button button-small costs-toggle"
      aria-pressed={pane === 'costs'}
      data-testid="inventory-costs-toggle"
      title="Snapshot storage per client, account and family, for the AMIs the filters show"
      onClick={() => setPane(pane === 'costs' ? 'amis' : 'costs')}
    >
      Costs
    </button>
  );
}

interface CostsPanelProps {
  /** The rows the filters show (the grid's). */
  rows: readonly AmiRow[];
  ctx: InventoryCellContext;
}

export function CostsPanel({ rows, ctx }: CostsPanelProps) {
  const workspace = useAtlas((s) => s.workspace);
  const view = useAtlas((s) => s.costView);
  const setView = useAtlas((s) => s.setCostView);
  const [showAll, setShowAll] = useState(false);

  const clientOf = useMemo(() => {
    const byAccount = new Map((workspace?.accounts ?? []).map((a) => [a.id, a.clientId]));
    return (account: string) => byAccount.get(account) ?? null;
  }, [workspace]);
  const totals = useMemo(() => costTotals(rows, view.groupBy, view.tier, { client: clientOf, family: ctx.names.family }), [rows, view.groupBy, view.tier, clientOf, ctx.names]);

  const look = useMemo(() => lineLook(view.groupBy, workspace, ctx), [view.groupBy, workspace, ctx]);
  const lines = useMemo(() => sortCostLines(totals.lines, view.sort, (l) => look(l).name), [totals.lines, view.sort, look]);
  const shown = showAll ? lines : lines.slice(0, FIRST_LINES);
  const unconfirmed = totals.total.unconfirmedRegions;
  const groupWord = GROUPS.find((g) => g.id === view.groupBy)?.label ?? '';

  return (
    <section className="costs" aria-label="Costs" data-testid="costs-panel">
      <div className="costs-controls">
        <Segmented label="Group by" items={GROUPS} value={view.groupBy} onChange={(groupBy) => setView({ groupBy })} testId="costs-group" />
        <Segmented label="Tier" items={TIERS} value={view.tier} onChange={(tier) => setView({ tier })} testId="costs-tier" />
        <p className="costs-summary" data-testid="costs-summary">
          <strong>{formatUsd(totals.total.usd)}</strong> a month · {plural(totals.total.amis, 'owned AMI')} · {formatCount(totals.total.gib)} GiB
          {totals.notOwned > 0 && (
            <span className="muted" title="Their owners pay for their snapshots">
              {' '}
              · {plural(totals.notOwned, 'AMI')} shared with you not counted
            </span>
          )}
        </p>
      </div>
      {view.groupBy === 'family' && <FamilyPatternField sample={rows.find((r) => r.view === 'owned' && r.name)?.name ?? null} />}
      <div className="costs-scroll">
        <table className="costs-table" data-testid="costs-table" aria-describedby="costs-caveat">
          <caption className="sr-only">
            Estimated monthly snapshot cost per {groupWord.toLowerCase()}, {view.tier} tier
          </caption>
          <thead>
            <tr>
              <SortHeader column="name" label={groupWord} view={view.sort} onSort={(sort) => setView({ sort })} />
              <SortHeader column="amis" label="AMIs" view={view.sort} onSort={(sort) => setView({ sort })} numeric />
              <SortHeader column="gib" label="GiB" view={view.sort} onSort={(sort) => setView({ sort })} numeric />
              <SortHeader column="usd" label="$ / month" view={view.sort} onSort={(sort) => setView({ sort })} numeric />
              <th scope="col" className="costs-share">
                Share
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((line) => (
              <CostRow key={line.key} line={line} total={totals.total.usd} look={look(line)} />
            ))}
            {lines.length === 0 && (
              <tr>
                <td colSpan={5} className="muted costs-empty">
                  {totals.notOwned > 0 ? 'The filters show only AMIs shared with your accounts: their owners pay for their snapshots.' : 'No AMIs match these filters.'}
                </td>
              </tr>
            )}
          </tbody>
          {lines.length > 0 && (
            <tfoot>
              <tr data-testid="costs-total">
                <th scope="row">Total ({plural(lines.length, groupWord.toLowerCase(), groupWord === 'Family' ? 'families' : undefined)})</th>
                <td className="num">{formatCount(totals.total.amis)}</td>
                <td className="num">{formatCount(totals.total.gib)}</td>
                <td className="num">{formatUsd(totals.total.usd)}</td>
                <td />
              </tr>
            </tfoot>
          )}
        </table>
        {lines.length > shown.length && (
          <button type="button" className="link-button costs-more" onClick={() => setShowAll(true)}>
            Show all {formatCount(lines.length)}
          </button>
        )}
        <div className="costs-notes">
          <p id="costs-caveat" className="costs-caveat" data-testid="cost-caveat">
            {costCaveat(view.tier)}
          </p>
          <p className="muted">
            An AMI counts under its owner account, at the size its EBS volumes add up to (a snapshot stores at most that; an archived one is
            billed in full). Prices: <span className="mono-soft">{EBS_SNAPSHOT_PRICES_SOURCE}</span>, as of {EBS_SNAPSHOT_PRICES_AS_OF}, in USD.
          </p>
          {(totals.total.unsized > 0 || totals.total.unpriced > 0) && (
            <p className="muted">
              {totals.total.unsized > 0 && `${plural(totals.total.unsized, 'AMI')} without EBS snapshots (instance store) cost nothing here. `}
              {totals.total.unpriced > 0 && `${plural(totals.total.unpriced, 'AMI')} in regions the price table does not hold are not in the figures.`}
            </p>
          )}
          {unconfirmed.length > 0 && (
            <p className="muted" data-testid="costs-unconfirmed">
              Not confirmed against AWS’s price list: the prices for {unconfirmed.join(', ')}.
            </p>
          )}
        </div>
      </div>
    </section>
  );
}

interface LineLook {
  name: string;
  color: string | null;
  /** The filter that shows the line's AMIs in the grid; null when there is none to make. */
  show: ((f: InventoryFilter) => InventoryFilter) | null;
}

/** How a line reads (client, account or family by name) and how its AMIs are shown in the grid. */
function lineLook(groupBy: CostGroupBy, workspace: Workspace | null, ctx: InventoryCellContext): (line: CostLine) => LineLook {
  const accounts = workspace?.accounts ?? [];
  const clients = new Map((workspace?.clients ?? []).map((c) => [c.id, c]));
  const owned = (owners: string[]) => (owners.length === 0 ? null : (f: InventoryFilter) => ({ ...f, owners, views: ['owned' as const] }));
  return (line) => {
    if (groupBy === 'client') {
      const client = clients.get(line.key);
      const owners = accounts.filter((a) => a.clientId === line.key && a.awsAccountId).map((a) => a.awsAccountId as string);
      return { name: client?.name ?? 'No client', color: client?.color ?? null, show: owned(owners) };
    }
    if (groupBy === 'account') {
      const account = accounts.find((a) => a.id === line.key);
      return {
        name: account?.name ?? ctx.accounts.get(line.key)?.name ?? 'An account no longer in the workspace',
        color: ctx.accounts.get(line.key)?.color ?? null,
        show: owned(account?.awsAccountId ? [account.awsAccountId] : []),
      };
    }
    return { name: line.key || '(no name)', color: null, show: (f) => ({ ...f, families: [line.key], views: ['owned'] }) };
  };
}

function CostRow({ line, total, look }: { line: CostLine; total: number; look: LineLook }) {
  const setFilter = useAtlas((s) => s.setFilter);
  const setPane = useAtlas((s) => s.setInventoryPane);
  const share = total > 0 ? line.usd / total : 0;
  const notes = [
    line.unsized > 0 ? `${plural(line.unsized, 'AMI')} without EBS snapshots` : null,
    line.unpriced > 0 ? `${plural(line.unpriced, 'AMI')} in a region without a price` : null,
    line.unconfirmedRegions.length > 0 ? `unconfirmed price: ${line.unconfirmedRegions.join(', ')}` : null,
  ].filter(Boolean);
  const show = look.show;
  return (
    <tr data-testid="costs-line" data-key={line.key}>
      <th scope="row">
        <span className="costs-name">
          {look.color !== null && <ClientDot color={look.color} />}
          {show ? (
            <button
              type="button"
              className="link-button truncate"
              title={`Show these ${plural(line.amis, 'AMI')} in the grid`}
              onClick={() => {
                setFilter(show);
                setPane('amis');
              }}
            >
              {look.name}
            </button>
          ) : (
            <span className="truncate">{look.name}</span>
          )}
        </span>
      </th>
      <td className="num">{formatCount(line.amis)}</td>
      {line.unsized === line.amis ? (
        // Nothing to add up: "0 GiB, $0.00" would read as measured.
        <>
          <td className="num muted" title="No EBS snapshots (instance store)">
            —
          </td>
          <td className="num muted" title="No EBS snapshots (instance store)">
            —
          </td>
        </>
      ) : (
        <>
          <td className="num">{formatCount(line.gib)}</td>
          <td className={`num${line.unconfirmedRegions.length > 0 ? ' is-unconfirmed' : ''}`} title={notes.length > 0 ? notes.join('; ') : undefined}>
            {formatUsd(line.usd)}
          </td>
        </>
      )}
      <td className="costs-share">
        <span className="costs-share-cell">
          <span className="costs-bar-track" aria-hidden="true">
            <span className="costs-bar" style={{ width: `${Math.max(share * 100, share > 0 ? 1 : 0)}%` }} />
          </span>
          <span className="costs-pct">{share > 0 && share < 0.005 ? '<1' : Math.round(share * 100)}%</span>
        </span>
      </td>
    </tr>
  );
}

interface SortHeaderProps {
  column: CostColumn;
  label: string;
  view: { column: CostColumn; direction: 'asc' | 'desc' };
  onSort(sort: { column: CostColumn; direction: 'asc' | 'desc' }): void;
  numeric?: boolean;
}

function SortHeader({ column, label, view, onSort, numeric }: SortHeaderProps) {
  const sorted = view.column === column ? view.direction : null;
  return (
    <th scope="col" className={numeric ? 'num' : undefined} aria-sort={sorted ? (sorted === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort-button" title={`Sort by ${label}`} onClick={() => onSort(nextCostSort(view, column))}>
        {label}
        <span className="sort-arrow" aria-hidden="true">
          {sorted ? (sorted === 'asc' ? '↑' : '↓') : ''}
        </span>
      </button>
    </th>
  );
}

interface SegmentedProps<T extends string> {
  label: string;
  items: ReadonlyArray<{ id: T; label: string }>;
  value: T;
  onChange(value: T): void;
  testId: string;
}

/** A radio group of buttons: one tab stop, arrows move and choose. */
function Segmented<T extends string>({ label, items, value, onChange, testId }: SegmentedProps<T>) {
  const refs = useRef(new Map<T, HTMLButtonElement>());
  const labelId = useId();
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = items.findIndex((i) => i.id === value);
    const step = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = items[(index + step + items.length) % items.length];
    if (!next) return;
    onChange(next.id);
    refs.current.get(next.id)?.focus();
  };
  return (
    <div className="segmented-field">
      <span id={labelId} className="segmented-label">
        {label}
      </span>
      <div role="radiogroup" aria-labelledby={labelId} className="segmented" data-testid={testId} onKeyDown={onKeyDown}>
        {items.map((item) => (
          <button
            key={item.id}
            ref={(el) => {
              if (el) refs.current.set(item.id, el);
              else refs.current.delete(item.id);
            }}
            type="button"
            role="radio"
            aria-checked={item.id === value}
            tabIndex={item.id === value ? 0 : -1}
            className="segmented-option"
            onClick={() => onChange(item.id)}
          >
            {item.label}
          </button>
        ))}
      </div>
    </div>
  );
}

/** The family pattern, edited and checked as typed; applied with Enter or Apply, so a half-typed expression never regroups. */
function FamilyPatternField({ sample }: { sample: string | null }) {
  const pattern = useAtlas((s) => s.familyPattern);
  const setPattern = useAtlas((s) => s.setFamilyPattern);
  const [typed, setTyped] = useState(pattern);
  const checked = compileFamilyPattern(typed);
  const inputId = useId();
  const changed = typed.trim() !== pattern;
  // One shown AMI's name through the pattern as typed: what Apply would make of it.
  const preview = sample && checked.ok ? familyOf(sample, checked.regex) : null;
  return (
    <form
      className="family-pattern"
      onSubmit={(e) => {
        e.preventDefault();
        if (checked.ok) setPattern(typed);
      }}
    >
      <label htmlFor={inputId} className="segmented-label">
        Family pattern
      </label>
      <input
        id={inputId}
        type="text"
        className="family-pattern-input"
        value={typed}
        maxLength={FAMILY_PATTERN_MAX}
        placeholder="Built-in rules (dates, versions, builds)"
        spellCheck={false}
        aria-invalid={!checked.ok}
        aria-describedby={`${inputId}-hint`}
        data-testid="family-pattern"
        onChange={(e) => setTyped(e.target.value)}
      />
      <button type="submit" className="button button-small" disabled={!checked.ok || !changed}>
        Apply
      </button>
      {pattern !== '' && (
        <button
          type="button"
          className="link-button"
          onClick={() => {
            setTyped('');
            setPattern('');
          }}
        >
          Built-in rules
        </button>
      )}
      <span id={`${inputId}-hint`} className={checked.ok ? 'muted family-pattern-hint' : 'family-pattern-hint field-error'}>
        {!checked.ok
          ? checked.error
          : preview
            ? `${sample} → ${preview}`
            : 'A regular expression: what it matches is removed, or its group named “family” is the family.'}
      </span>
    </form>
  );
}
