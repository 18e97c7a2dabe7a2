import { useAtlas } from '../store';
import { RelativeTime } from '../components/RelativeTime';
import { formatCount, plural } from '../lib/format';
import { findAccount } from '../lib/workspace';
import { JobsIndicator } from '../features/jobs/JobsIndicator';
import { PortalChangesIndicator } from '../features/discovery/PortalChangesIndicator';

/** "1,204 AMIs · prod-eu/eu-west-1 · as of 2 min ago" — what the table shows and how fresh it is. */
export function StatusBar({ shown }: { shown: number }) {
  const workspace = useAtlas((s) => s.workspace);
  const imagesFor = useAtlas((s) => s.imagesFor);
  const total = useAtlas((s) => s.images.length);
  const loading = useAtlas((s) => s.imagesLoading);
  const fetchedAt = useAtlas((s) => s.fetchedAt);
  const failed = useAtlas((s) => s.imagesError !== null);
  const picked = useAtlas((s) => s.imageSelection.selected.size);
  const account = findAccount(workspace, imagesFor?.account ?? null);

  const count = shown === total ? plural(total, 'AMI') : `${formatCount(shown)} of ${plural(total, 'AMI')}`;
  return (
    <footer className="status-bar" data-testid="status-bar" aria-live="polite">
      <span>{loading && !fetchedAt ? 'Loading AMIs…' : failed && !fetchedAt ? 'Could not load AMIs' : count}</span>
      {picked > 1 && (
        <>
          <span className="status-sep" aria-hidden="true">·</span>
          <span data-testid="selection-count">{formatCount(picked)} selected</span>
        </>
      )}
      {imagesFor && (
        <>
          <span className="status-sep" aria-hidden="true">·</span>
          <span>
            {account?.name ?? 'An account no longer in the workspace'}/{imagesFor.region}
            {imagesFor.view === 'shared' ? ' · shared with me' : ''}
          </span>
        </>
      )}
      {fetchedAt && (
        <>
          <span className="status-sep" aria-hidden="true">·</span>
          <span>
            as of <RelativeTime value={fetchedAt} />
          </span>
        </>
      )}
      {loading && fetchedAt && <span className="status-refreshing">Refreshing…</span>}
      <PortalChangesIndicator />
      <JobsIndicator />
    </footer>
  );
}
