import type { ReactNode } from 'react';
import { Badge, type BadgeTone } from './Badge';

interface ItemHeadProps {
  /** Shown as the name; the image id stands in when it is empty. */
  name: string;
  imageId: string;
  region: string;
  /** With it, "account · region"; without, the region alone. */
  account?: string;
  /** The full name as a tooltip, where a long one may be cut short. */
  title?: string;
  production?: boolean;
  /** Before the name, e.g. an outcome icon. */
  icon?: ReactNode;
  status: ReactNode;
}

/** The first line of a per-image card: name, id, where it is, and its status at the far end. */
export function ItemHead({ name, imageId, region, account, title, production = false, icon, status }: ItemHeadProps) {
  return (
    <div className="item-head">
      {icon}
      <span className="item-name" title={title}>
        {name || imageId}
      </span>
      <span className="mono-soft">{imageId}</span>
      {account === undefined ? (
        <span className="item-where mono">{region}</span>
      ) : (
        <span className="item-where">
          {account} · <span className="mono">{region}</span>
        </span>
      )}
      {production && <Badge tone="prod">PROD</Badge>}
      <span className="item-status">{status}</span>
    </div>
  );
}

/** How each outcome of an action reads, and its colour. */
export type OutcomeWording<O extends string> = Record<O, { label: string; tone: BadgeTone }>;

/** One item's outcome as a badge, worded by the action that produced it. */
export function OutcomeBadge<O extends string>({ outcome, wording }: { outcome: O; wording: OutcomeWording<O> }) {
  return <Badge tone={wording[outcome].tone}>{wording[outcome].label}</Badge>;
}

interface ResultListProps {
  /** The block's own class, which its dialog's layout sizes. */
  className: string;
  summary: ReactNode;
  summaryClassName: string;
  summaryTestId?: string;
  listTestId?: string;
  /** One ItemHead-led card per item. */
  children: ReactNode;
}

/** What an action did: a one-line summary (announced), then a card per item. */
export function ResultList({ className, summary, summaryClassName, summaryTestId, listTestId, children }: ResultListProps) {
  return (
    <div className={`results ${className}`}>
      <p className={summaryClassName} role="status" data-testid={summaryTestId}>
        {summary}
      </p>
      <ul className="item-list" aria-label="Results" data-testid={listTestId}>
        {children}
      </ul>
    </div>
  );
}
