import { useCallback } from 'react';
import type { ImageView } from '../../../shared/model';
import { useAtlas } from '../../store';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { StaleNote } from '../../components/StaleNote';
import { RefreshButton } from '../../components/RefreshButton';
import { ProgressBar } from '../../components/Spinner';
import { Tabs, panelId, tabId, type TabItem } from '../../components/Tabs';
import { findAccount } from '../../lib/workspace';
import { HealthBanner } from '../../components/HealthBanner';
import { REGION_SELECT_ID } from '../../components/RegionPicker';
import { useImageSlots } from '../../components/imageSlots';
import { AmiTable } from './AmiTable';
import { focusDetailPane } from '../../lib/detailFocus';
import { useVisibleImages } from './useVisibleImages';
import { CompareHost } from './compare/CompareDialog';

const VIEW_TABS: readonly TabItem<ImageView>[] = [
  { id: 'owned', label: 'Owned' },
  { id: 'shared', label: 'Shared with me' },
];

/** The centre column: view tabs, the table (or its loading / empty / error state), the status bar. */
export function ImagesView() {
  const view = useAtlas((s) => s.view);
  const selectView = useAtlas((s) => s.selectView);
  const loading = useAtlas((s) => s.imagesLoading);
  const error = useAtlas((s) => s.imagesError);
  const stale = useAtlas((s) => s.imagesStale);
  const total = useAtlas((s) => s.images.length);
  const imagesFor = useAtlas((s) => s.imagesFor);
  const query = useAtlas((s) => s.query);
  const setQuery = useAtlas((s) => s.setQuery);
  const loadImages = useAtlas((s) => s.loadImages);
  const openDetail = useAtlas((s) => s.openDetail);
  const account = useAtlas((s) => findAccount(s.workspace, s.accountId));
  const region = useAtlas((s) => s.region);
  const actionError = useAtlas((s) => s.actionError);
  const dismissActionError = useAtlas((s) => s.dismissActionError);
  const { rows, ctx } = useVisibleImages();
  const slots = useImageSlots();
  const rowMenu = slots.useSharedRowMenu(view === 'shared');
  // When the account needs sign-in, the banner above offers the one fix; a second "Retry" here would compete with it.
  const offerRetry = account?.health !== 'needs-sign-in';

  const retry = useCallback(() => void loadImages(), [loadImages]);
  const openAndFocus = useCallback(
    (imageId: string) => {
      openDetail(imageId);
      focusDetailPane();
    },
    [openDetail],
  );

  let body;
  if (error && total === 0) {
    body = (
      <div className="state-center">
        <ErrorBanner error={error} onRetry={offerRetry ? retry : undefined} variant="full" />
      </div>
    );
  } else if (!loading && imagesFor && total === 0) {
    const other: ImageView = view === 'owned' ? 'shared' : 'owned';
    body = (
      <EmptyState
        title={
          <>
            No AMIs {view === 'owned' ? 'owned by' : 'shared with'}{' '}
            <span className="nowrap">{account?.name ?? 'this account'}</span> in{' '}
            <span className="nowrap">{region ?? 'this region'}</span>
          </>
        }
        actions={
          <>
            <button type="button" className="button" onClick={() => selectView(other)}>
              {other === 'shared' ? 'Show Shared with me' : 'Show Owned'}
            </button>
            <button type="button" className="button" onClick={openRegionPicker}>
              Choose another region
            </button>
          </>
        }
      >
        Try {other === 'shared' ? 'Shared with me' : 'Owned'}, or another region.
      </EmptyState>
    );
  } else if (total > 0 && rows.length === 0 && query.trim()) {
    body = (
      <EmptyState
        icon="search"
        title={`No AMIs match “${query.trim()}”`}
        actions={
          <button type="button" className="button" onClick={() => setQuery('')}>
            Clear search
          </button>
        }
      >
        Search looks at names, image IDs, descriptions and tags in the loaded list.
      </EmptyState>
    );
  } else {
    body = <AmiTable rows={rows} view={view} ctx={ctx} loading={loading} onOpen={openAndFocus} />;
  }

  return (
    <section className="images" aria-label="Images">
      <div className="images-toolbar">
        <Tabs label="Image views" items={VIEW_TABS} value={view} onChange={selectView} idPrefix="views" />
        <div className="toolbar-end">
          <slots.Toolbar view={view} />
          <RefreshButton title="Refresh from AWS" busy={loading} disabled={!imagesFor} onRefresh={retry} />
        </div>
        {loading && <ProgressBar label="Loading AMIs" />}
      </div>
      <HealthBanner />
      {actionError && (
        <div className="images-banner">
          <ErrorBanner error={actionError} onDismiss={dismissActionError} />
        </div>
      )}
      {stale && !loading && (
        <div className="images-banner">
          <StaleNote stale={stale} what={view === 'owned' ? 'Owned AMIs' : 'AMIs shared with this account'} onRetry={retry} />
        </div>
      )}
      {error && total > 0 && (
        <div className="images-banner">
          <ErrorBanner error={error} onRetry={offerRetry ? retry : undefined} />
        </div>
      )}
      <div
        role="tabpanel"
        id={panelId('views', view)}
        aria-labelledby={tabId('views', view)}
        className="images-panel"
        onContextMenu={rowMenu.onContextMenu}
      >
        {body}
      </div>
      {rowMenu.menu}
      <CompareHost origin="list" />
      <slots.StatusBar shown={rows.length} />
    </section>
  );
}

function openRegionPicker() {
  const select = document.getElementById(REGION_SELECT_ID);
  if (!(select instanceof HTMLSelectElement)) return;
  select.focus();
  try {
    select.showPicker();
  } catch {
    // Not every host allows opening the list programmatically; focus is the fallback.
  }
}
