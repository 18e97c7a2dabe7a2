/** The inventory grid's columns: label, width and how each cell is drawn. Sorting is in lib/inventory. */
import type { ReactNode } from 'react';
import { ageInDays, ownerLabel, permissionsPending, type AmiRow, type InventoryNames } from '../../../shared/ami-rows';
import { usageOf, type InventoryColumn } from '../../../shared/inventory';
import { costCaveat, estimateMonthlyCost } from '../../../shared/pricing/ebs-snapshots';
import { ClientDot } from '../../components/ClientDot';
import { CopyableId } from '../../components/CopyableId';
import { encryptedColumn, gridTemplate, nameCell, templateMinWidth, rootCell, stateCell, textCell, timeCell, type GridColumn } from '../../components/gridColumns';
import { VisibilityMark } from '../../components/VisibilityMark';
import { formatAccountId, formatUnitPrice, formatUsd } from '../../lib/format';
import { pendingReason } from '../../lib/inventory';
import { useAtlas } from '../../store';
import { exactTime } from '../../lib/time';
import { USAGE_HINTS, USAGE_WORDS } from './usageNames';

export interface AccountLook {
  name: string;
  color: string | null;
}

export interface InventoryCellContext {
  now: number;
  /** Our accounts by id (name and client colour). */
  accounts: ReadonlyMap<string, AccountLook>;
  /** Our account names by 12-digit id, for owners and shares. */
  ownerNames: ReadonlyMap<string, string>;
  /** The same names as the search and the CSV use. */
  names: InventoryNames;
}

export type InventoryColumnDef = GridColumn<AmiRow, InventoryCellContext, InventoryColumn>;

const time = (value: string | null, ctx: InventoryCellContext): ReactNode => timeCell(value, ctx.now);
const text = textCell;

/** The accounts an AMI is available to: the first by name and client colour, "+N" for the rest. */
function accountsCell(row: AmiRow, ctx: InventoryCellContext): ReactNode {
  const looks = row.accounts.map((id) => ctx.accounts.get(id));
  const first = looks[0];
  const all = looks.map((l) => l?.name ?? 'an account no longer in the workspace');
  return (
    <span className="inv-account" title={all.join('\n')}>
      <ClientDot color={first?.color} />
      <span className="truncate">{first?.name ?? '—'}</span>
      {row.accounts.length > 1 && <span className="inv-more">+{row.accounts.length - 1}</span>}
    </span>
  );
}

/** An owned AMI whose launch permissions are not read yet: says so, and why on hover. */
function PendingVisibility({ row, short = false }: { row: AmiRow; short?: boolean }) {
  const reason = useAtlas((s) => {
    const scanning = s.scan?.state === 'running';
    return pendingReason(row, s.scan?.targets ?? s.inventorySummary?.targets ?? [], scanning);
  });
  return (
    <span className="muted inv-pending" title={reason} data-testid="visibility-pending">
      {short ? 'pending' : 'permissions pending'}
    </span>
  );
}

function visibilityCell(row: AmiRow, ctx: InventoryCellContext): ReactNode {
  if (permissionsPending(row)) return <PendingVisibility row={row} />;
  const unknown =
    row.view === 'shared' ? (
      <span className="muted" title="Shared with your accounts; only its owner can see who else may launch it">
        Shared with you
      </span>
    ) : (
      <span className="muted">—</span>
    );
  return <VisibilityMark kind={row.launchPermission} sharedWith={row.sharedWith} ownerNames={ctx.ownerNames} unknown={unknown} />;
}

/** What the size and cost columns say on hover: the figures are an upper bound at list price. */
const SIZE_NOTE = 'The snapshots’ volume sizes added up. Snapshots are incremental: an AMI’s snapshot may share blocks with others, so it may store less.';
const COST_NOTE = `Estimated from the snapshots’ size at the list price per GB-month of the AMI’s region. ${costCaveat('standard')}`;

/** The estimated monthly cost, with how it was reached on hover; "—" without a size or a price. */
function costCell(row: AmiRow): ReactNode {
  if (row.snapshotSizeGiB === null) return <span className="muted" title="No EBS snapshots (instance store): no snapshot cost">—</span>;
  const cost = estimateMonthlyCost(row.snapshotSizeGiB, row.region, 'standard');
  if (!cost) return <span className="muted" title={`The price table has no EBS snapshot price for ${row.region}`}>—</span>;
  const how = `${formatUsd(cost.usd)} a month: ${row.snapshotSizeGiB} GiB × ${formatUnitPrice(cost.perGiB)} per GB-month in ${row.region}, standard tier`;
  const unchecked = cost.confirmed ? '' : `\nThe ${row.region} price is not confirmed against AWS’s price list.`;
  return (
    <span className={`inv-cost${cost.confirmed ? '' : ' is-unconfirmed'}`} title={`${how}.${unchecked}\n\n${costCaveat('standard')}`}>
      {formatUsd(cost.usd)}
    </span>
  );
}

/** In use / Unused / Unknown from the last check, with when it was made on hover; blank when never checked. */
function usageCell(row: AmiRow, ctx: InventoryCellContext): ReactNode {
  const mark = usageOf(row, ctx.names);
  if (!mark) return <span className="muted" title={row.view === 'owned' ? 'Not checked yet: Check usage finds where it is used' : 'Usage is checked for AMIs your accounts own'} />;
  return (
    <span className={`inv-usage is-${mark.inUse}`} title={`${USAGE_HINTS[mark.inUse]}.\nChecked ${exactTime(mark.analyzedAt)}`}>
      {USAGE_WORDS[mark.inUse]}
    </span>
  );
}

const DEFS: Record<InventoryColumn, Omit<InventoryColumnDef, 'key'>> = {
  name: {
    label: 'Name',
    render: nameCell,
  },
  family: {
    label: 'Family',
    width: 190,
    description: 'The name without its date, version and build number (the pattern can be changed in Costs)',
    render: (row, ctx) => text(ctx.names.family(row.name)),
  },
  imageId: { label: 'Image ID', width: 196, render: (row) => <CopyableId value={row.imageId} tabbable={false} /> },
  account: { label: 'Account', width: 150, render: accountsCell },
  awsAccountId: {
    label: 'Account ID',
    width: 130,
    render: (row, ctx) => text(row.accounts.map((id) => ctx.names.awsAccountId(id)).filter((v): v is string => v !== null).map(formatAccountId).join(', '), true),
  },
  owner: { label: 'Owner', width: 140, render: (row, ctx) => text(ownerLabel(row, ctx.names)) },
  ownerId: { label: 'Owner ID', width: 130, render: (row) => text(formatAccountId(row.ownerId), true) },
  region: { label: 'Region', width: 118, render: (row) => text(row.region, true) },
  view: { label: 'View', width: 70, render: (row) => <span className="muted">{row.view === 'owned' ? 'Owned' : 'Shared'}</span> },
  state: {
    label: 'State',
    width: 96,
    render: (row, ctx) => stateCell(row, ctx.now),
  },
  architecture: { label: 'Arch', width: 68, render: (row) => text(row.architecture, true) },
  platform: { label: 'OS', width: 120, render: (row) => text(row.platform) },
  rootDeviceType: { label: 'Root', width: 72, render: rootCell },
  visibility: { label: 'Visibility', width: 150, render: visibilityCell },
  launchPermission: {
    label: 'Permission',
    width: 92,
    render: (row) => (permissionsPending(row) ? <PendingVisibility row={row} short /> : text(row.launchPermission)),
  },
  sharedWith: {
    label: 'Shared with',
    width: 160,
    render: (row, ctx) => text(row.sharedWith.map((id) => ctx.ownerNames.get(id) ?? id).join(', ')),
  },
  encrypted: encryptedColumn,
  snapshotSizeGiB: {
    label: 'Size',
    width: 72,
    align: 'end',
    description: SIZE_NOTE,
    render: (row) =>
      row.snapshotSizeGiB === null ? <span className="muted">—</span> : <span title={SIZE_NOTE}>{row.snapshotSizeGiB} GiB</span>,
  },
  estimatedMonthlyUsd: {
    label: 'Est. cost / month',
    header: '$/month',
    width: 92,
    align: 'end',
    description: COST_NOTE,
    render: costCell,
  },
  inUse: {
    label: 'In use',
    width: 76,
    description: 'From the last usage check (Check usage): instances, launch templates, Auto Scaling, Parameter Store and Image Builder recipes in the owner’s account and the accounts it is shared with',
    render: usageCell,
  },
  creationDate: { label: 'Created', width: 92, align: 'end', render: (row, ctx) => time(row.creationDate, ctx) },
  age: {
    label: 'Age',
    width: 64,
    align: 'end',
    render: (row, ctx) => {
      const days = ageInDays(row.creationDate, new Date(ctx.now));
      return days === null ? <span className="muted">—</span> : <span title={row.creationDate ? exactTime(row.creationDate) : undefined}>{days} d</span>;
    },
  },
  lastLaunchedTime: { label: 'Last launched', width: 104, align: 'end', render: (row, ctx) => time(row.lastLaunchedTime, ctx) },
  deprecationTime: { label: 'Deprecates', width: 96, align: 'end', render: (row, ctx) => time(row.deprecationTime, ctx) },
  ownerAlias: { label: 'Owner alias', width: 110, render: (row) => text(row.ownerAlias) },
  description: { label: 'Description', width: 220, render: (row) => text(row.description) },
  tags: { label: 'Tags', width: 200, render: (row) => text(row.tags.map((t) => `${t.key}=${t.value}`).join(', ')) },
  snapshotIds: { label: 'Snapshots', width: 200, render: (row) => text(row.snapshotIds.join(', '), true) },
  scannedAt: { label: 'Scanned', width: 92, align: 'end', render: (row, ctx) => time(row.scannedAt, ctx) },
};

export function columnLabel(column: InventoryColumn): string {
  return DEFS[column].label;
}

export function columnDefs(columns: readonly InventoryColumn[]): InventoryColumnDef[] {
  return columns.map((key) => ({ key, ...DEFS[key] }));
}

export { gridTemplate as inventoryTemplate, templateMinWidth };
