/** The inventory grid's columns: label, width and how each cell is drawn. Sorting is in lib/inventory. */
import type { ReactNode } from 'react';
import type { InventoryColumn, InventoryRow } from '../../../shared/inventory';
import { ClientDot } from '../../components/ClientDot';
import { CopyableId } from '../../components/CopyableId';
import { Icon } from '../../components/Icon';
import { StateBadge } from '../../components/StateBadge';
import { formatAccountId, rootDeviceLabel } from '../../lib/format';
import { displayState } from '../../lib/images';
import { exactTime, relativeTime } from '../../lib/time';

export interface AccountLook {
  name: string;
  color: string | null;
}

export interface InventoryCellContext {
  now: number;
  /** Our account entries by id (name and client colour). */
  accounts: ReadonlyMap<string, AccountLook>;
  /** Our account names by 12-digit id, for owners and shares. */
  ownerNames: ReadonlyMap<string, string>;
}

export interface InventoryColumnDef {
  key: InventoryColumn;
  label: string;
  header?: ReactNode;
  /** Fixed width in px; none = flexible. */
  width?: number;
  align?: 'end' | 'center';
  render(row: InventoryRow, ctx: InventoryCellContext): ReactNode;
}

function time(value: string | null, ctx: InventoryCellContext): ReactNode {
  return value ? (
    <time dateTime={value} title={exactTime(value)}>
      {relativeTime(value, ctx.now)}
    </time>
  ) : (
    <span className="muted">—</span>
  );
}

function text(value: string | null | undefined, mono = false): ReactNode {
  if (!value) return <span className="muted">—</span>;
  return (
    <span className={`truncate${mono ? ' mono-soft' : ''}`} title={value}>
      {value}
    </span>
  );
}

function owner(id: string, ctx: InventoryCellContext, alias: string | null): string {
  return ctx.ownerNames.get(id) ?? alias ?? formatAccountId(id);
}

const DEFS: Record<InventoryColumn, Omit<InventoryColumnDef, 'key'>> = {
  name: {
    label: 'Name',
    render: (row) => (
      <span className="cell-name" title={row.description ? `${row.name}\n${row.description}` : row.name}>
        {row.name || <span className="muted">(no name)</span>}
      </span>
    ),
  },
  imageId: { label: 'Image ID', width: 196, render: (row) => <CopyableId value={row.imageId} tabbable={false} /> },
  account: {
    label: 'Account',
    width: 144,
    render: (row, ctx) => {
      const look = ctx.accounts.get(row.account);
      return (
        <span className="inv-account" title={row.awsAccountId ? formatAccountId(row.awsAccountId) : row.account}>
          <ClientDot color={look?.color} />
          <span className="truncate">{look?.name ?? row.account}</span>
        </span>
      );
    },
  },
  awsAccountId: { label: 'Account ID', width: 130, render: (row) => text(row.awsAccountId ? formatAccountId(row.awsAccountId) : null, true) },
  region: { label: 'Region', width: 118, render: (row) => text(row.region, true) },
  view: { label: 'View', width: 70, render: (row) => <span className="muted">{row.view === 'owned' ? 'Owned' : 'Shared'}</span> },
  state: {
    label: 'State',
    width: 96,
    render: (row, ctx) => {
      const state = displayState(row, ctx.now);
      return <StateBadge state={state} title={state === 'deprecated' && row.deprecationTime ? `Deprecated since ${exactTime(row.deprecationTime)}` : undefined} />;
    },
  },
  architecture: { label: 'Arch', width: 68, render: (row) => text(row.architecture, true) },
  platform: { label: 'OS', width: 120, render: (row) => text(row.platform) },
  rootDeviceType: { label: 'Root', width: 72, render: (row) => text(row.rootDeviceType === 'instance-store' ? 'Instance' : rootDeviceLabel(row.rootDeviceType)) },
  launchPermission: {
    label: 'Permission',
    width: 92,
    render: (row) =>
      row.launchPermission === 'public' ? (
        <span className="visibility-public" title="Anyone can launch this image">
          <Icon name="globe" size={12} /> Public
        </span>
      ) : row.launchPermission === 'shared' ? (
        <span title={row.sharedWith.join('\n')}>Shared</span>
      ) : row.launchPermission === 'private' ? (
        <span className="muted">Private</span>
      ) : (
        <span className="muted">—</span>
      ),
  },
  sharedWith: {
    label: 'Shared with',
    width: 160,
    render: (row, ctx) => text(row.sharedWith.map((id) => ctx.ownerNames.get(id) ?? id).join(', ')),
  },
  encrypted: {
    label: 'Encrypted',
    header: <Icon name="lock" size={13} />,
    width: 40,
    align: 'center',
    render: (row) =>
      row.encrypted ? (
        <span className="encrypted" title="Encrypted snapshots">
          <Icon name="lock" size={13} label="Encrypted" />
        </span>
      ) : (
        <span className="sr-only">Not encrypted</span>
      ),
  },
  ownerId: { label: 'Owner', width: 140, render: (row, ctx) => text(owner(row.ownerId, ctx, null)) },
  ownerAlias: { label: 'Owner alias', width: 110, render: (row) => text(row.ownerAlias) },
  creationDate: { label: 'Created', width: 92, align: 'end', render: (row, ctx) => time(row.creationDate, ctx) },
  deprecationTime: { label: 'Deprecates', width: 96, align: 'end', render: (row, ctx) => time(row.deprecationTime, ctx) },
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

export function inventoryTemplate(columns: readonly InventoryColumnDef[]): string {
  return columns.map((c) => (c.width ? `${c.width}px` : 'minmax(200px, 1fr)')).join(' ');
}
