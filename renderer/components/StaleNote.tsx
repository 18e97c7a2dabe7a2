import type { ErrorCode } from '../../shared/errors';
import type { StaleRead } from '../../shared/model';
import { errorTitle } from '../lib/errors';
import { exactTime, relativeTime } from '../lib/time';
import { Icon } from './Icon';
import { useNow } from './useNow';

/** "as of 3 h ago", or "as of an unknown time" when the inventory did not say. */
export function asOfText(asOf: string | null, now: number): string {
  return asOf ? `as of ${relativeTime(asOf, now)}` : 'as of an unknown time';
}

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** The error's title ("Cannot reach AWS"); the code itself if it is one this renderer does not know. */
function titleOf(code: string): string {
  const title: string | undefined = errorTitle(code as ErrorCode);
  return title ?? code;
}

interface StaleNoteProps {
  stale: StaleRead;
  /** What came from the inventory: "Owned AMIs", "Details". */
  what: string;
  onRetry?: () => void;
  /** For a narrow pane: the reason's title only, the whole message on hover and for screen readers. */
  brief?: boolean;
}

/**
 * Says a read was answered from the offline inventory, as of when, and why AWS was not asked
 * (the place and the fix, from the error). Amber, not red: what is shown is real, only old.
 */
export function StaleNote({ stale, what, onRetry, brief = false }: StaleNoteProps) {
  const now = useNow();
  const reason = sentence(stale.reason.message);
  return (
    <div
      className={`callout notice notice-compact stale-note${brief ? ' is-brief' : ''}`}
      role="status"
      data-testid="stale-note"
      title={brief ? reason : undefined}
    >
      <Icon name="alert" size={14} className="icon notice-icon" />
      <div className="notice-text">
        <p className="notice-title">
          {what} from the inventory,{' '}
          <time dateTime={stale.asOf ?? undefined} title={exactTime(stale.asOf)}>
            {asOfText(stale.asOf, now)}
          </time>
        </p>
        {brief ? (
          <p className="stale-note-reason">
            {titleOf(stale.reason.code)}: changes need AWS.
            <span className="sr-only"> {reason}</span>
          </p>
        ) : (
          <p className="stale-note-reason">Asking AWS failed: {reason} Changes need AWS and fail until it answers.</p>
        )}
      </div>
      {onRetry && (
        <button type="button" className="button stale-note-retry" onClick={onRetry} title="Ask AWS again">
          <Icon name="refresh" size={14} /> {brief ? 'Retry' : 'Ask AWS again'}
        </button>
      )}
    </div>
  );
}
