/** The AMI table's columns: how each is labelled, sized, sorted and drawn. */
import type { ReactNode } from 'react';
import type { AmiRow } from '../../../shared/ami-rows';
import type { AmiSummary, ImageView } from '../../../shared/model';
import { CopyableId } from '../../components/CopyableId';
import { encryptedColumn, gridTemplate, nameCell, templateMinWidth, rootCell, stateCell, textCell, timeCell, type GridColumn } from '../../components/gridColumns';
import { VisibilityMark } from '../../components/VisibilityMark';
import { formatAccountId } from '../../lib/format';
import type { SortKey } from '../../lib/sort';

export interface CellContext {
  now: number;
  ownerNames: ReadonlyMap<string, string>;
}

/** A column of the account's list: it also says how narrow it may get and which goes first. */
export interface Column extends GridColumn<AmiSummary, CellContext, SortKey> {
  minWidth: number;
  /** Lower numbers are dropped first when the table is too narrow to show every column. */
  priority: number;
  views?: readonly ImageView[];
}

export const COLUMNS: readonly Column[] = [
  {
    key: 'name',
    label: 'Name',
    // Names are what people scan for; other columns give way before names get cut short.
    minWidth: 240,
    priority: 100,
    render: nameCell,
  },
  {
    key: 'imageId',
    label: 'Image ID',
    width: 200,
    minWidth: 200,
    priority: 99,
    render: (image) => <CopyableId value={image.imageId} tabbable={false} />,
  },
  {
    key: 'state',
    label: 'State',
    width: 96,
    minWidth: 96,
    priority: 90,
    render: (image, ctx) => stateCell(image, ctx.now),
  },
  {
    key: 'owner',
    // Only in "Shared with me", where the owner is who shared it.
    label: 'Shared by',
    width: 150,
    minWidth: 150,
    priority: 95,
    views: ['shared'],
    render: (image, ctx) => {
      const known = ctx.ownerNames.get(image.ownerId);
      return (
        <span className="cell-owner" title={`Shared by ${known ?? image.ownerAlias ?? 'account'} ${formatAccountId(image.ownerId)}`} data-testid="shared-by">
          {known ?? image.ownerAlias ?? <span className="mono">{formatAccountId(image.ownerId)}</span>}
        </span>
      );
    },
  },
  {
    key: 'architecture',
    label: 'Arch',
    width: 68,
    minWidth: 68,
    priority: 80,
    render: (image) => <span className="mono-soft">{image.architecture}</span>,
  },
  {
    key: 'platform',
    label: 'Platform',
    width: 120,
    minWidth: 120,
    priority: 75,
    render: (image) => textCell(image.platform),
  },
  {
    key: 'rootDeviceType',
    label: 'Root',
    width: 80,
    minWidth: 80,
    priority: 40,
    render: rootCell,
  },
  {
    key: 'creationDate',
    label: 'Created',
    width: 92,
    minWidth: 92,
    priority: 88,
    align: 'end',
    render: (image, ctx) => timeCell(image.creationDate, ctx.now),
  },
  {
    key: 'public',
    label: 'Visibility',
    width: 100,
    minWidth: 100,
    priority: 50,
    render: (image, ctx) => visibility(image, ctx),
  },
  { key: 'encrypted', ...encryptedColumn, minWidth: 40, priority: 60 },
];

/**
 * Who may launch it, as the inventory last read it (AWS's image list does not say): shared ×N,
 * org ×N, private, public — or "—" until a scan reads it, never "Private" for want of one.
 */
function visibility(image: AmiSummary, ctx: CellContext): ReactNode {
  const row = 'launchPermission' in image ? (image as AmiRow) : null;
  const unknown = (
    <span className="muted" title="Not read yet: a scan reads who may launch it">
      —
    </span>
  );
  return <VisibilityMark kind={image.public ? 'public' : (row?.launchPermission ?? null)} sharedWith={row?.sharedWith ?? []} ownerNames={ctx.ownerNames} unknown={unknown} />;
}

/** Cell padding and the grid's outer edge, added to each column's own width. */
const CHROME_PX = 8;

/**
 * Columns for a view and a width: drops the least important fixed columns until the rest fit,
 * so a narrow window (or an open detail pane) hides "Root" before it squeezes names to nothing.
 */
export function fitColumns(view: ImageView, width: number): Column[] {
  const candidates = COLUMNS.filter((c) => !c.views || c.views.includes(view));
  if (width <= 0) return candidates;
  const visible = [...candidates];
  const total = () => visible.reduce((sum, c) => sum + c.minWidth, CHROME_PX);
  const byPriority = [...candidates].sort((a, b) => a.priority - b.priority);
  for (const column of byPriority) {
    if (total() <= width) break;
    if (column.priority >= 95) break; // name, id and owner always stay
    visible.splice(visible.indexOf(column), 1);
  }
  return visible;
}

export { gridTemplate, templateMinWidth };
