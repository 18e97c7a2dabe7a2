import type { StateTone } from '../../lib/images';

/** Builds and workflow steps share the words: ended well, badly, stopped, waiting, or under way. */
function tone(status: string): StateTone {
  if (status === 'AVAILABLE' || status === 'COMPLETED' || status === 'SUCCESS') return 'success';
  if (status === 'FAILED') return 'danger';
  if (status === 'CANCELLED' || status === 'CANCELLING' || status === 'ROLLBACK_IN_PROGRESS') return 'warning';
  if (status === 'PENDING' || status === 'SKIPPED' || status === 'STARTING') return 'neutral';
  return 'info';
}

/** A build or step status as a dot and a word ("available", "failed", "building"). */
export function RunStatus({ status }: { status: string }) {
  return (
    <span className={`state state-${tone(status)}`} data-status={status}>
      <span className="state-dot" aria-hidden="true" />
      {status.toLowerCase()}
    </span>
  );
}
