import { useCallback, useMemo, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { PlanCandidate, RetentionPlan } from '../../../shared/retention';
import { gridTemplate, textCell, timeCell, type GridColumn } from '../../components/gridColumns';
import { cellClass, rowFrame, SortHeaders, useVirtualRows, VirtualGrid } from '../../components/VirtualGrid';
import { formatGiB, formatUsd } from '../../lib/format';
import { exactTime } from '../../lib/time';

const ROW_HEIGHT = 28;
const HEADER_HEIGHT = 30;

interface Ctx {
  now: number;
}

const IN_USE: Record<PlanCandidate['inUse'], { text: string; title: string }> = {
  no: { text: 'No', title: 'The last usage check found it used nowhere' },
  yes: { text: 'In use', title: 'The last usage check found it in use' },
  unknown: { text: 'Unknown', title: 'An account it could be used in could not be read' },
  'not-checked': { text: 'Not checked', title: 'No usage check has answered for it yet' },
};

const COLUMNS: ReadonlyArray<GridColumn<PlanCandidate, Ctx>> = [
  { key: 'account', label: 'Account', width: 130, render: (c) => <span className="truncate" title={c.clientName ? `${c.accountName} (${c.clientName})` : c.accountName}>{c.accountName}</span> },
  { key: 'region', label: 'Region', width: 96, render: (c) => textCell(c.region, true) },
  { key: 'name', label: 'Name', minWidth: 160, render: (c) => <span className="truncate" title={`${c.name}\n${c.imageId}`}>{c.name || c.imageId}</span> },
  { key: 'family', label: 'Family', width: 116, render: (c) => textCell(c.family) },
  { key: 'created', label: 'Created', width: 84, render: (c, ctx) => timeCell(c.creationDate, ctx.now) },
  { key: 'launched', label: 'Last launched', header: 'Launched', width: 100, render: (c, ctx) => (c.lastLaunchedTime ? timeCell(c.lastLaunchedTime, ctx.now) : <span className="muted">never</span>) },
  { key: 'inUse', label: 'In use', width: 80, render: (c) => <span className={`in-use in-use-${c.inUse}`} title={IN_USE[c.inUse].title}>{IN_USE[c.inUse].text}</span> },
  { key: 'size', label: 'Size', width: 70, align: 'end', render: (c) => (c.snapshotSizeGiB === null ? <span className="muted">—</span> : formatGiB(c.snapshotSizeGiB)) },
  {
    key: 'cost',
    label: 'Cost / month',
    header: '$ / month',
    width: 100,
    align: 'end',
    description: 'Its snapshots at the standard tier list price; snapshots are incremental, so the real saving can be less',
    render: (c) => (c.monthlyCost === null ? <span className="muted">—</span> : formatUsd(c.monthlyCost)),
  },
  { key: 'reasons', label: 'Why', minWidth: 200, render: (c) => <span className="truncate" title={c.reasons.join('\n')}>{c.reasons.join(' · ')}</span> },
];

const keyOf = (c: PlanCandidate) => `${c.account}|${c.region}|${c.imageId}`;

type SortKey = (typeof COLUMNS)[number]['key'];
interface Sort {
  key: SortKey;
  direction: 'asc' | 'desc';
}

/** What each column sorts by; missing values last whichever the direction. */
const SORT_VALUE: Record<string, (c: PlanCandidate) => string | number | null> = {
  account: (c) => c.accountName.toLowerCase(),
  region: (c) => c.region,
  name: (c) => (c.name || c.imageId).toLowerCase(),
  family: (c) => c.family.toLowerCase(),
  created: (c) => c.creationDate,
  launched: (c) => c.lastLaunchedTime,
  inUse: (c) => c.inUse,
  size: (c) => c.snapshotSizeGiB,
  cost: (c) => c.monthlyCost,
  reasons: (c) => c.reasons.length,
};

function sorted(rows: readonly PlanCandidate[], sort: Sort | null): readonly PlanCandidate[] {
  if (!sort) return rows;
  const value = SORT_VALUE[sort.key]!;
  const sign = sort.direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return (x < y ? -1 : x > y ? 1 : 0) * sign;
  });
}
const domId = (index: number) => `plan-row-${index}`;

/** The plan's candidates, only those in view drawn; the focused one's reasons in full underneath. */
export function PlanTable({ plan }: { plan: RetentionPlan }) {
  // The plan's own order until a header is clicked; figures sort largest first.
  const [sort, setSort] = useState<Sort | null>(null);
  const rows = useMemo(() => sorted(plan.candidates, sort), [plan.candidates, sort]);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const activeIndex = useMemo(() => (activeKey ? rows.findIndex((r) => keyOf(r) === activeKey) : -1), [rows, activeKey]);
  const grid = useVirtualRows({ count: rows.length, rowHeight: ROW_HEIGHT, headerHeight: HEADER_HEIGHT, activeIndex, initialHeight: 400 });
  const { moveTarget } = grid;
  const ctx = useMemo<Ctx>(() => ({ now: Date.parse(plan.at) || Date.now() }), [plan.at]);
  const template = gridTemplate(COLUMNS);
  const minWidth = COLUMNS.reduce((sum, c) => sum + (c.width ?? c.minWidth ?? 200), 16);

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (event.target !== event.currentTarget || event.ctrlKey || event.metaKey || event.altKey) return;
      const next = moveTarget(event, rows.length);
      if (next === null) return;
      const row = rows[next];
      if (row) setActiveKey(keyOf(row));
    },
    [rows, moveTarget],
  );

  const active = activeIndex >= 0 ? rows[activeIndex] : undefined;
  return (
    <div className="plan-table">
      <VirtualGrid
        rows={grid}
        label="AMIs the plan would clean up"
        rowCount={rows.length + 1}
        colCount={COLUMNS.length}
        activeDescendant={activeIndex >= 0 ? domId(activeIndex) : undefined}
        layout={{ kind: 'rows', minWidth, template }}
        testId="plan-grid"
        onKeyDown={onKeyDown}
        header={
          <SortHeaders
            columns={COLUMNS}
            sortedBy={(c) => (sort?.key === c.key ? sort.direction : null)}
            onSort={(c) =>
              setSort((current) =>
                current?.key === c.key
                  ? { key: c.key, direction: current.direction === 'asc' ? 'desc' : 'asc' }
                  : { key: c.key, direction: c.key === 'size' || c.key === 'cost' ? 'desc' : 'asc' },
              )
            }
          />
        }
        renderRow={(item) => {
          const row = rows[item.index];
          if (!row) return null;
          const key = keyOf(row);
          return (
            <div
              key={key}
              {...rowFrame(item.index, item.start, key === activeKey, key === activeKey)}
              id={domId(item.index)}
              data-testid="plan-row"
              data-image-id={row.imageId}
              onClick={() => setActiveKey(key)}
            >
              {COLUMNS.map((column) => (
                <div key={column.key} role="gridcell" className={cellClass(column.key, column.align)}>
                  {column.render(row, ctx)}
                </div>
              ))}
            </div>
          );
        }}
      />
      <CandidateDetail candidate={active} />
    </div>
  );
}

function CandidateDetail({ candidate }: { candidate: PlanCandidate | undefined }) {
  if (!candidate)
    return <p className="candidate-detail muted">Select a row (or use the arrow keys in the list) to read why it was picked in full.</p>;
  const parts: ReactNode[] = [
    <strong key="name">{candidate.name || candidate.imageId}</strong>,
    <span key="id" className="mono-soft">
      {candidate.imageId}
    </span>,
    <span key="where">
      {candidate.accountName}
      {candidate.clientName ? ` (${candidate.clientName})` : ''} · <span className="mono">{candidate.region}</span>
    </span>,
  ];
  if (candidate.creationDate) parts.push(<span key="created" title={exactTime(candidate.creationDate)}>created {candidate.creationDate.slice(0, 10)}</span>);
  if (candidate.snapshotIds.length > 0) parts.push(<span key="snaps" className="mono-soft">{candidate.snapshotIds.join(', ')}</span>);
  return (
    <div className="candidate-detail" data-testid="candidate-detail" aria-live="polite">
      <div className="candidate-head">{parts}</div>
      <ul className="candidate-reasons">
        {candidate.reasons.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
    </div>
  );
}
