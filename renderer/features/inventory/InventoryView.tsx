import { useCallback, useMemo, useState } from 'react';
import { useAtlas } from '../../store';
import type { CatalogueScope } from '../../store';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { Icon } from '../../components/Icon';
import { ProgressBar } from '../../components/Spinner';
import { Tabs, panelId, tabId, type TabItem } from '../../components/Tabs';
import { formatCount } from '../../lib/format';
import { clearFilter, isFilterEmpty } from '../../lib/inventoryFilter';
import { focusDetailPane } from '../../lib/detailFocus';
import { sendIntent } from '../../lib/intents';
import { TAG_LIMITS } from '../../../shared/tags';
import type { AmiRow } from '../../../shared/ami-rows';
import { CataloguePanel } from './CataloguePanel';
import { ColumnChooser } from './ColumnChooser';
import { CostsPanel, CostsToggle } from './CostsPanel';
import { ExportDialog } from './ExportDialog';
import { FacetBar } from './FacetBar';
import { InventoryGrid } from './InventoryGrid';
import { InventoryStatus } from './InventoryStatus';
import { OfflineBanner } from './OfflineBanner';
import { columnDefs } from './inventoryColumns';
import { CheckUsageButton, UsageCheckStatus } from './UsageControls';
import { useFacetCounts, useInventoryContext, useInventoryRows } from './useInventoryRows';

type InventoryTab = 'all' | 'owned' | 'shared' | CatalogueScope;

/** Every AMI of every scanned account and region in one grid, plus the live public catalogues. */
export function InventoryView() {
  const catalogueTab = useAtlas((s) => s.catalogueTab);
  const setCatalogueTab = useAtlas((s) => s.setCatalogueTab);
  const views = useAtlas((s) => s.filter.views);
  const setFilter = useAtlas((s) => s.setFilter);
  const closeDetail = useAtlas((s) => s.closeDetail);
  const pane = useAtlas((s) => s.inventoryPane);
  const ctx = useInventoryContext();
  const { index, rows } = useInventoryRows(ctx);
  // Counted for the filter as typed (not the deferred one the grid shows), so a keystroke
  // stops a count in progress at once instead of sharing the main thread with it.
  const liveFilter = useAtlas((s) => s.filter);
  const { counts, stale: countsStale } = useFacetCounts(index, liveFilter);
  // Rows are on screen but later pages are still arriving.
  const loadingMore = useAtlas((s) => s.inventoryStatus === 'loading' && s.inventory.length > 0);

  // Owned / Shared are the views facet of the one inventory; the catalogues are searched live.
  const tab: InventoryTab = catalogueTab ?? (views.length === 1 ? (views[0] ?? 'all') : 'all');
  const viewCounts = counts?.facets.views;
  const tabs: TabItem<InventoryTab>[] = [
    { id: 'all', label: 'All' },
    { id: 'owned', label: 'Owned', extra: viewCounts ? formatCount(viewCounts.get('owned') ?? 0) : undefined },
    { id: 'shared', label: 'Shared with me', extra: viewCounts ? formatCount(viewCounts.get('shared') ?? 0) : undefined },
    { id: 'public', label: 'Public & community' },
    { id: 'marketplace', label: 'Marketplace' },
    { id: 'amazon', label: 'Amazon' },
  ];
  const onTab = (id: InventoryTab) => {
    if (id === 'public' || id === 'marketplace' || id === 'amazon') {
      setCatalogueTab(id);
      return;
    }
    setCatalogueTab(null);
    closeDetail();
    setFilter((f) => ({ ...f, views: id === 'all' ? [] : [id] }));
  };

  return (
    <section className="images inventory" aria-label="Inventory">
      <div className="images-toolbar">
        <Tabs label="Inventory views" items={tabs} value={tab} onChange={onTab} idPrefix="inventory" />
        {!catalogueTab && <InventoryActions rows={rows} />}
        {!catalogueTab && loadingMore && <ProgressBar label="Loading inventory" />}
      </div>
      <OfflineBanner />
      {!catalogueTab && <UsageCheckStatus />}
      <div role="tabpanel" id={panelId('inventory', tab)} aria-labelledby={tabId('inventory', tab)} className="images-panel inventory-panel">
        {catalogueTab ? (
          <CataloguePanel />
        ) : (
          <>
            <FacetBar counts={counts} stale={countsStale} ctx={ctx} actions={<TagShownButton rows={rows} />} />
            {/* Costs add up what the filters show; with nothing shown, the grid's empty state says why. */}
            {pane === 'costs' && rows.length > 0 ? <CostsPanel rows={rows} ctx={ctx} /> : <InventoryBody rows={rows} ctx={ctx} />}
            <InventoryStatus shown={rows.length} />
          </>
        )}
      </div>
    </section>
  );
}

function InventoryActions({ rows }: { rows: readonly AmiRow[] }) {
  const [exporting, setExporting] = useState(false);
  const total = useAtlas((s) => s.inventory.length);
  const shown = rows.length;
  return (
    <div className="toolbar-end">
      <CheckUsageButton rows={rows} />
      <CostsToggle />
      <ColumnChooser />
      <button type="button" className="button button-small" onClick={() => setExporting(true)} disabled={total === 0}>
        Export CSV…
      </button>
      {exporting && <ExportDialog shown={shown} onClose={() => setExporting(false)} />}
    </div>
  );
}

/** The AMIs a filter shows that our accounts own, tagged through their owners in one sheet (shown with the active filters). */
function TagShownButton({ rows }: { rows: readonly AmiRow[] }) {
  const owned = useMemo(() => rows.filter((r) => r.view === 'owned'), [rows]);
  if (owned.length === 0) return null;
  const tooMany = owned.length > TAG_LIMITS.imagesPerChange;
  return (
    <button
      type="button"
      className="button button-small"
      data-testid="inventory-edit-tags"
      disabled={tooMany}
      title={tooMany ? `Narrow the filter to ${formatCount(TAG_LIMITS.imagesPerChange)} owned AMIs or fewer to edit their tags together.` : 'The tags of every owned AMI the filter shows, through each owner’s account'}
      onClick={() =>
        sendIntent('tags:open', {
          targets: owned.map((r) => ({ ref: { account: r.account, region: r.region, imageId: r.imageId }, name: r.name || r.imageId, tags: r.tags })),
        })
      }
    >
      <Icon name="tag" size={13} /> Edit tags of {formatCount(owned.length)} shown…
    </button>
  );
}

function InventoryBody({ rows, ctx }: { rows: ReturnType<typeof useInventoryRows>['rows']; ctx: ReturnType<typeof useInventoryContext> }) {
  const status = useAtlas((s) => s.inventoryStatus);
  const error = useAtlas((s) => s.inventoryError);
  const total = useAtlas((s) => s.inventory.length);
  const filter = useAtlas((s) => s.filter);
  const setFilter = useAtlas((s) => s.setFilter);
  const loadInventory = useAtlas((s) => s.loadInventory);
  const startScan = useAtlas((s) => s.startScan);
  const scanning = useAtlas((s) => s.scan?.state === 'running');
  const sort = useAtlas((s) => s.inventorySort);
  const setSort = useAtlas((s) => s.setInventorySort);
  const visible = useAtlas((s) => s.visibleColumns);
  const selectedKey = useAtlas((s) => s.selectedRowKey);
  const selectRow = useAtlas((s) => s.selectRow);
  const openRow = useAtlas((s) => s.openRow);
  const detailOpen = useAtlas((s) => s.detailOpen);
  const closeDetail = useAtlas((s) => s.closeDetail);
  const columns = useMemo(() => columnDefs(visible), [visible]);

  const open = useCallback(
    (key: string) => {
      openRow(key);
      focusDetailPane();
    },
    [openRow],
  );
  const escape = useCallback(() => {
    if (!detailOpen) return false;
    closeDetail();
    return true;
  }, [detailOpen, closeDetail]);

  if (error && total === 0) {
    return (
      <div className="state-center">
        <ErrorBanner error={error} onRetry={() => void loadInventory()} variant="full" />
      </div>
    );
  }
  if (status === 'loading' && total === 0) return <ProgressBar label="Loading inventory" />;
  // A later page failed: what did arrive stays on screen, with the error and a retry.
  const partial = error && status === 'error' ? <ErrorBanner error={error} onRetry={() => void loadInventory()} /> : null;
  if (total === 0) {
    return (
      <EmptyState
        title={scanning ? 'Scanning…' : 'No inventory yet'}
        actions={
          !scanning && (
            <button type="button" className="button button-primary" onClick={() => void startScan()}>
              <Icon name="refresh" size={13} /> Build the inventory
            </button>
          )
        }
      >
        {scanning
          ? 'AMIs appear here as each account and region finishes.'
          : 'A scan reads every account and its regions (owned and shared-with-me AMIs) into a local inventory you can browse and export offline.'}
      </EmptyState>
    );
  }
  if (rows.length === 0) {
    return (
      <EmptyState
        icon="search"
        title="No AMIs match these filters"
        actions={
          !isFilterEmpty(filter) && (
            <button type="button" className="button" onClick={() => setFilter((f) => clearFilter(f, false))}>
              Show all AMIs
            </button>
          )
        }
      >
        {formatCount(total)} AMIs in the inventory; remove a filter to see more.
      </EmptyState>
    );
  }
  return (
    <>
      {partial}
      <InventoryGrid
        label="Inventory"
        rowTestId="inventory-row"
        rows={rows}
        columns={columns}
        ctx={ctx}
        sort={sort}
        onSort={setSort}
        selectedKey={selectedKey}
        onSelect={selectRow}
        onOpen={open}
        onEscape={escape}
      />
    </>
  );
}
