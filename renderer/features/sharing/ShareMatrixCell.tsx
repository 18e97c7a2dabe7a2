import type { MatrixCellState } from '../../../shared/sharing';
import { Icon } from '../../components/Icon';
import { Spinner } from '../../components/Spinner';

/** One cell's look: owner, shared (by account, organization, OU, public), not shared, or permissions pending. */
export function ShareMatrixCellContent({ cell, pending }: { cell: MatrixCellState; pending: boolean }) {
  if (pending) return <Spinner label="Changing" />;
  switch (cell) {
    case 'owner':
      return <span className="matrix-mark is-owner">Owner</span>;
    case 'account':
      return (
        <span className="matrix-mark is-shared">
          <Icon name="check" size={13} /> Shared
        </span>
      );
    case 'organization':
      return <span className="matrix-mark is-via">via org</span>;
    case 'organizational-unit':
      return <span className="matrix-mark is-via">via OU</span>;
    case 'public':
      return (
        <span className="matrix-mark is-public">
          <Icon name="globe" size={12} /> Public
        </span>
      );
    case 'none':
      return (
        <span className="matrix-mark is-none" aria-hidden="true">
          —
        </span>
      );
    case 'pending':
      return (
        // Faint like "not shared", but in words: unknown is not "no".
        <span className="matrix-mark is-none is-pending" aria-hidden="true">
          pending
        </span>
      );
  }
}

/**
 * A folded client's cell: how many of its accounts can launch the image; "?" after the count
 * when some of them wait for the image's launch permissions (unknown, not "no").
 */
export function ShareMatrixReach({ reach, total, pending = 0 }: { reach: number; total: number; pending?: number }) {
  if (pending > 0 && reach === 0) {
    return (
      <span className="matrix-mark matrix-reach is-none is-pending" aria-hidden="true">
        pending
      </span>
    );
  }
  const tone = reach === 0 ? 'is-none' : reach === total ? 'is-shared' : 'is-partial';
  return (
    <span className={`matrix-mark matrix-reach ${tone}`} aria-hidden="true">
      {reach === 0 ? '—' : `${reach}/${total}${pending > 0 ? '?' : ''}`}
    </span>
  );
}
