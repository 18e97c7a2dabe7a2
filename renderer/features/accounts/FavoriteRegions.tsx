import { useEffect } from 'react';
import type { AccountSummary } from '../../../shared/model';
import { Icon } from '../../components/Icon';
import { groupRegions } from '../../lib/regions';
import { useAtlas } from '../../store';

/** Every region of the account as a star toggle; saved at once through accounts:update. */
export function FavoriteRegions({ account }: { account: AccountSummary }) {
  const state = useAtlas((s) => s.regionsByAccount[account.id]);
  const loadRegions = useAtlas((s) => s.loadRegions);
  const toggle = useAtlas((s) => s.toggleFavoriteRegion);

  useEffect(() => {
    void loadRegions(account.id);
  }, [account.id, loadRegions]);

  const groups = groupRegions(state?.regions ?? [], account.favoriteRegions, [account.defaultRegion]);
  // Alphabetical, so a chip does not jump away from under the pointer (or focus) when starred.
  const all = [...[...groups.favorites, ...groups.others].sort((a, b) => a.name.localeCompare(b.name)), ...groups.notEnabled];
  const opensIn = groups.favorites[0]?.name;
  return (
    <div className="region-stars" role="group" aria-label="Favourite regions" data-testid="favorite-regions">
      {all.map((r) => (
        <button
          key={r.name}
          type="button"
          className={`chip-button region-star${r.favorite ? ' is-favorite' : ''}`}
          aria-pressed={r.favorite}
          disabled={!r.enabled && !r.favorite}
          title={r.enabled ? (r.favorite ? `Unstar ${r.name}` : `Star ${r.name}`) : `${r.name} is not enabled in this account`}
          onClick={() => void toggle(account.id, r.name)}
        >
          <Icon name="star" size={12} fill={r.favorite ? 'currentColor' : 'none'} />
          <span className="mono">{r.name}</span>
          {r.name === opensIn && <span className="region-star-note">opens here</span>}
        </button>
      ))}
      {state?.status === 'loading' && all.length < 3 && <span className="muted">Loading regions…</span>}
      {state?.status === 'error' && <span className="field-error">Could not list regions: {state.error?.message}</span>}
    </div>
  );
}
