import { useAtlas } from '../store';
import { Icon } from './Icon';
import { groupRegions, preferredRegion, type RegionChoice } from '../lib/regions';
import { findAccount } from '../lib/workspace';

export const REGION_SELECT_ID = 'region-picker';

/**
 * The regions the active account can use, from `regions:list`: starred favourites first, then
 * the other enabled regions, then (disabled) those not enabled in this account. A native select
 * keeps typeahead and keyboard use for free; the star next to it favourites the current region
 * (every region can be starred in the account's settings).
 */
export function RegionPicker() {
  const workspace = useAtlas((s) => s.workspace);
  const accountId = useAtlas((s) => s.accountId);
  const region = useAtlas((s) => s.region);
  const regionsState = useAtlas((s) => (s.accountId ? s.regionsByAccount[s.accountId] : undefined));
  const selectRegion = useAtlas((s) => s.selectRegion);
  const toggleFavoriteRegion = useAtlas((s) => s.toggleFavoriteRegion);
  const account = findAccount(workspace, accountId);

  // Until the list arrives (or if it fails), the current region must still be a valid choice.
  const groups = groupRegions(regionsState?.regions ?? [], account?.favoriteRegions ?? [], [region, account?.defaultRegion]);
  const opensIn = account ? preferredRegion(account) : null;
  const favorite = !!region && !!account?.favoriteRegions.includes(region);

  const option = (r: RegionChoice) => (
    <option key={r.name} value={r.name} disabled={!r.enabled && r.name !== region}>
      {r.name}
      {r.name === opensIn ? ' (default)' : ''}
    </option>
  );

  return (
    <div className="region-picker">
      <Icon name="globe" size={14} className="icon region-picker-icon" />
      <select
        id={REGION_SELECT_ID}
        aria-label="Region"
        value={region ?? ''}
        disabled={!account}
        onChange={(e) => selectRegion(e.target.value)}
        title={regionsState?.status === 'error' ? `Could not list regions: ${regionsState.error?.message ?? ''}` : undefined}
      >
        {groups.favorites.length > 0 && <optgroup label="Favourites">{groups.favorites.map((r) => option(r))}</optgroup>}
        {groups.favorites.length > 0 ? <optgroup label="Other regions">{groups.others.map((r) => option(r))}</optgroup> : groups.others.map((r) => option(r))}
        {/* Listed, not hidden: "where is ap-east-1?" has an answer. */}
        {groups.notEnabled.length > 0 && <optgroup label="Not enabled in this account">{groups.notEnabled.map((r) => option(r))}</optgroup>}
      </select>
      <button
        type="button"
        className={`icon-button region-star-toggle${favorite ? ' is-favorite' : ''}`}
        aria-pressed={favorite}
        // Not "… region": the select must stay the only control labelled Region.
        aria-label="Favourite"
        title={region ? (favorite ? `Unstar ${region} for ${account?.name}` : `Star ${region} for ${account?.name}: favourites come first`) : undefined}
        disabled={!account || !region}
        onClick={() => account && region && void toggleFavoriteRegion(account.id, region)}
        data-testid="favorite-region-toggle"
      >
        <Icon name="star" size={14} fill={favorite ? 'currentColor' : 'none'} />
      </button>
    </div>
  );
}
