/**
 * One column system for both image grids (an account's list and the inventory): a column says
 * its label, width and alignment and draws its cell; the cells both grids show are drawn here
 * once, so an AMI's name, state, dates and root device look the same wherever it is listed.
 */
import type { ReactNode } from 'react';
import type { AmiSummary } from '../../shared/model';
import { rootDeviceLabel } from '../lib/format';
import { displayState } from '../lib/images';
import { exactTime, relativeTime } from '../lib/time';
import { EncryptedMark } from './EncryptedMark';
import { Icon } from './Icon';
import { StateBadge } from './StateBadge';

export interface GridColumn<Row, Ctx, Key extends string = string> {
  key: Key;
  label: string;
  /** Shown in the header instead of the label when space is short; the label stays the accessible name. */
  header?: ReactNode;
  /** What the figures mean, said on the header's hover (a caveat that belongs to every cell). */
  description?: string;
  /** Fixed width in px; a column without one is flexible and takes what is left. */
  width?: number;
  /** The flexible column's least width (default 200 px). */
  minWidth?: number;
  align?: 'end' | 'center';
  render(row: Row, ctx: Ctx): ReactNode;
}

type Sized = Pick<GridColumn<unknown, unknown>, 'key' | 'width' | 'minWidth'>;

/**
 * The CSS grid template of these columns: fixed widths, the flexible ones sharing the rest. A
 * width the user set (`widths`, by column key) wins, and makes a flexible column fixed.
 */
export function gridTemplate(columns: readonly Sized[], widths: Readonly<Record<string, number>> = {}): string {
  return columns
    .map((c) => {
      const width = widths[c.key] ?? c.width;
      return width ? `${width}px` : `minmax(${c.minWidth ?? 200}px, 1fr)`;
    })
    .join(' ');
}

/** The least width the columns take together (the flexible ones at their least), for the canvas. */
export function templateMinWidth(columns: readonly Sized[], widths: Readonly<Record<string, number>> = {}, chrome = 0): number {
  return columns.reduce((sum, c) => sum + (widths[c.key] ?? c.width ?? c.minWidth ?? 200), chrome);
}

const NONE = <span className="muted">—</span>;

export function nameCell(image: Pick<AmiSummary, 'name' | 'description'>): ReactNode {
  return (
    <span className="cell-name" title={image.description ? `${image.name}\n${image.description}` : image.name}>
      {image.name || <span className="muted">(no name)</span>}
    </span>
  );
}

export function stateCell(image: AmiSummary, now: number): ReactNode {
  const state = displayState(image, now);
  return <StateBadge state={state} title={state === 'deprecated' && image.deprecationTime ? `Deprecated since ${exactTime(image.deprecationTime)}` : undefined} />;
}

/** A moment as "3 d ago", exact on hover; "—" when there is none. */
export function timeCell(value: string | null, now: number): ReactNode {
  if (!value) return NONE;
  return (
    <time dateTime={value} title={exactTime(value)}>
      {relativeTime(value, now)}
    </time>
  );
}

/** Text cut to the column, whole on hover; "—" when empty. */
export function textCell(value: string | null | undefined, mono = false): ReactNode {
  if (!value) return NONE;
  return (
    <span className={`truncate${mono ? ' mono-soft' : ''}`} title={value}>
      {value}
    </span>
  );
}

export function rootCell(image: Pick<AmiSummary, 'rootDeviceType'>): ReactNode {
  return (
    <span className="truncate" title={`${rootDeviceLabel(image.rootDeviceType)} root device`}>
      {image.rootDeviceType === 'instance-store' ? 'Instance' : rootDeviceLabel(image.rootDeviceType)}
    </span>
  );
}

/** The narrow lock column. */
export const encryptedColumn = {
  label: 'Encrypted',
  header: <Icon name="lock" size={13} />,
  width: 40,
  align: 'center' as const,
  render: (image: Pick<AmiSummary, 'encrypted'>) => <EncryptedMark encrypted={image.encrypted} />,
};
