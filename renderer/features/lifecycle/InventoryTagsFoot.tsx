import { Icon } from '../../components/Icon';
import type { AtlasState } from '../../store';
import { useAtlas } from '../../store';
import { findRow } from '../../store/selectors';
import { openTagSheet } from './tagStore';

/** The inventory row the detail pane shows, when one of our accounts owns it. Stable references only. */
function shownOwnedRow(state: AtlasState) {
  if (state.mode !== 'inventory' || state.catalogueTab || !state.detailOpen || !state.selectedRowKey) return null;
  const row = findRow(state, state.selectedRowKey);
  return row?.view === 'owned' ? row : null;
}

/** The detail pane's foot for an owned AMI seen in the inventory: Edit tags…, through its owner's account. */
export function InventoryTagsFoot() {
  const row = useAtlas(shownOwnedRow);
  if (!row) return null;
  return (
    <footer className="detail-foot" data-testid="inventory-detail-actions">
      <div className="detail-foot-row detail-actions-row">
        <button
          type="button"
          className="button button-small"
          data-testid="detail-edit-tags"
          onClick={() => {
            const detail = useAtlas.getState().detail;
            const fresh = detail?.imageId === row.imageId && !detail.stale ? detail.tags : null;
            openTagSheet([{ ref: { account: row.account, region: row.region, imageId: row.imageId }, name: row.name || row.imageId, tags: fresh ?? row.tags }]);
          }}
        >
          <Icon name="tag" size={13} /> Edit tags…
        </button>
      </div>
    </footer>
  );
}
