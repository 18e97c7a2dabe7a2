import type { ReactNode } from 'react';
import { Icon } from './Icon';

/** How one item of a bulk action ended: done and verified, done without an answer yet, or not done. */
export type ResultState = 'verified' | 'unverified' | 'refused';

export interface ResultItem {
  key: string;
  state: ResultState;
  /** What it was about (a profile, an account). */
  who: ReactNode;
  /** What became of it, in words (with the fix when it failed). */
  text: string;
}

const ICON = { verified: 'check', unverified: 'alert', refused: 'close' } as const;

/** One line per item with its outcome's icon and words: profile imports and accounts added in bulk. */
export function ResultList({ items, testId, className, bodyClassName }: { items: readonly ResultItem[]; testId: string; className?: string; bodyClassName?: string }) {
  return (
    <ul className={`result-list${className ? ` ${className}` : ''}`}>
      {items.map((item) => (
        <li key={item.key} className={`result result-${item.state}`} data-testid={testId} data-state={item.state}>
          <Icon name={ICON[item.state]} size={14} className="icon result-icon" />
          {bodyClassName ? (
            <span className={bodyClassName}>
              {item.who}
              <span className="result-text">{item.text}</span>
            </span>
          ) : (
            <>
              {item.who}
              <span className="result-text">{item.text}</span>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** A bulk action's outcome as a dialog shows it: the summary, the list, and "more" or "done". */
export function ResultsPanel({
  testId,
  summary,
  items,
  itemTestId,
  moreLabel,
  onMore,
  onDone,
}: {
  testId: string;
  summary: string;
  items: readonly ResultItem[];
  itemTestId: string;
  moreLabel: string;
  onMore(): void;
  onDone(): void;
}) {
  return (
    <div className="import-results" data-testid={testId}>
      <p className="import-summary" role="status">
        {summary}
      </p>
      <ResultList items={items} testId={itemTestId} />
      <div className="form-actions">
        <button type="button" className="button" onClick={onMore}>
          {moreLabel}
        </button>
        <button type="button" className="button button-primary" onClick={onDone} autoFocus>
          Done
        </button>
      </div>
    </div>
  );
}
