import { Icon } from './Icon';

/** A view's "read it again" button: spins while it reads, and cannot be pressed then. */
export function RefreshButton({ title, busy, disabled = false, onRefresh }: { title: string; busy: boolean; disabled?: boolean; onRefresh(): void }) {
  return (
    <button type="button" className="icon-button" aria-label="Refresh" title={title} onClick={onRefresh} disabled={busy || disabled}>
      <Icon name="refresh" className={`icon${busy ? ' is-spinning' : ''}`} />
    </button>
  );
}
