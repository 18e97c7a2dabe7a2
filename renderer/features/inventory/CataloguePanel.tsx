import { useMemo } from 'react';
import type { InventoryColumn } from '../../../shared/inventory';
import { useAtlas } from '../../store';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBanner } from '../../components/ErrorBanner';
import { ProgressBar } from '../../components/Spinner';
import { plural } from '../../lib/format';
import { catalogueRow, rowKey, sortRows, type InventorySort } from '../../lib/inventory';
import { findAccount } from '../../lib/workspace';
import { focusDetailPane } from '../../lib/detailFocus';
import { InventoryGrid } from './InventoryGrid';
import { columnDefs } from './inventoryColumns';
import { useInventoryContext } from './useInventoryRows';

const COLUMNS: readonly InventoryColumn[] = ['name', 'imageId', 'ownerId', 'ownerAlias', 'state', 'architecture', 'platform', 'rootDeviceType', 'creationDate'];

const HINTS = {
  public: 'Public & community images are searched live for the active account and region. AWS needs a name pattern or an owner for this view.',
  marketplace: 'AWS Marketplace images in the active account’s region; narrow by name or owner.',
  amazon: 'Images published by Amazon in the active account’s region; narrow by name.',
} as const;

/**
 * Public & community, Marketplace and Amazon: searched on demand for the active account and
 * region (searched again when either changes), paged with "Load more", sorted like the inventory.
 */
export function CataloguePanel() {
  const catalogue = useAtlas((s) => s.catalogue);
  const sort = useAtlas((s) => s.catalogueSort);
  const setSort = useAtlas((s) => s.setCatalogueSort);
  const setQuery = useAtlas((s) => s.setCatalogueQuery);
  const search = useAtlas((s) => s.searchCatalogue);
  const accountName = useAtlas((s) => findAccount(s.workspace, s.accountId)?.name ?? null);
  const region = useAtlas((s) => s.region);
  const selectedImageId = useAtlas((s) => s.selectedImageId);
  const select = useAtlas((s) => s.selectCatalogueImage);
  const open = useAtlas((s) => s.openCatalogueImage);
  const detailOpen = useAtlas((s) => s.detailOpen);
  const closeDetail = useAtlas((s) => s.closeDetail);
  const ctx = useInventoryContext();
  const columns = useMemo(() => columnDefs(COLUMNS), []);
  const names = ctx.names;
  // AWS pages come in no particular order: the sort orders what has been loaded so far.
  const rows = useMemo(() => sortRows(catalogue.images.map(catalogueRow), sort, { names }), [catalogue.images, sort, names]);
  const byKey = useMemo(() => new Map(rows.map((r) => [rowKey(r), r.imageId])), [rows]);
  const selectedKey = rows.find((r) => r.imageId === selectedImageId);
  const needsNarrowing = catalogue.scope === 'public' && !catalogue.name.trim() && !catalogue.owner.trim();

  return (
    <div className="catalogue">
      <form
        className="catalogue-search"
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <input type="search" aria-label="Image name" placeholder="Name, e.g. al2023-ami-*" value={catalogue.name} onChange={(e) => setQuery({ name: e.target.value })} spellCheck={false} />
        <input type="search" aria-label="Owner" placeholder="Owner id or alias" value={catalogue.owner} onChange={(e) => setQuery({ owner: e.target.value })} spellCheck={false} />
        <button type="submit" className="button button-small" disabled={needsNarrowing || catalogue.loading}>
          Search
        </button>
        <span className="catalogue-where">
          in <strong>{accountName ?? 'no account'}</strong> · <span className="mono-soft">{region ?? '—'}</span>
        </span>
      </form>
      <p className={`catalogue-hint${needsNarrowing ? ' is-required' : ''}`}>{HINTS[catalogue.scope]}</p>
      {catalogue.loading && <ProgressBar label="Searching images" />}
      {catalogue.error && (
        <div className="images-banner">
          <ErrorBanner error={catalogue.error} onRetry={() => void search()} />
        </div>
      )}
      {rows.length === 0 ? (
        catalogue.searched && !catalogue.loading && !catalogue.error ? (
          <EmptyState icon="search" title="No images found">
            Try a wider name pattern (wildcards * and ?) or another owner.
          </EmptyState>
        ) : (
          <div className="catalogue-blank" />
        )
      ) : (
        <InventoryGrid
          label="Public images"
          rowTestId="catalogue-row"
          rows={rows}
          columns={columns}
          ctx={ctx}
          sort={sort}
          onSort={setSort}
          selectedKey={selectedKey ? rowKey(selectedKey) : null}
          onSelect={(key) => select(byKey.get(key) ?? null)}
          onOpen={(key) => {
            const id = byKey.get(key);
            if (!id) return;
            open(id);
            focusDetailPane();
          }}
          onEscape={() => {
            if (!detailOpen) return false;
            closeDetail();
            return true;
          }}
        />
      )}
      {(rows.length > 0 || catalogue.nextToken) && (
        <footer className="status-bar catalogue-status" data-testid="catalogue-status">
          <span>
            {catalogue.nextToken ? `${sortWords(sort, columns)} within the ${plural(rows.length, 'image')} loaded; AWS has more` : `${plural(rows.length, 'image')}, ${lowerFirst(sortWords(sort, columns))}`}
          </span>
          {catalogue.nextToken && (
            <button type="button" className="button button-small" disabled={catalogue.loading} onClick={() => void search(true)}>
              Load more
            </button>
          )}
        </footer>
      )}
    </div>
  );
}

/** "Sorted by Created (newest first)", for the status line. */
function sortWords(sort: InventorySort, columns: readonly { key: string; label: string }[]): string {
  const label = columns.find((c) => c.key === sort.column)?.label ?? sort.column;
  const order = sort.column === 'creationDate' ? (sort.direction === 'desc' ? 'newest first' : 'oldest first') : sort.direction === 'asc' ? 'A to Z' : 'Z to A';
  return `Sorted by ${label} (${order})`;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
